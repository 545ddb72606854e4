"""`newsflow --help`, and each command's help, imports only the command line's parser.

Every `newsflow` start pays for the modules the CLI imports before it runs the command: the
extractor (lxml, trafilatura), feed and sitemap parsing, the HTTP client, boto3 and the local
runner (moto) are imported by the commands that run them, on dispatch (`local --env` needs no
runner either). Each command runs in a fresh interpreter, the way the console script starts,
and `sys.modules` is looked at after.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# A name forbids that module and everything under it.
HEAVY = (
    "newsflow.extract",
    "trafilatura",
    "lxml",
    "newsflow.discover",
    "feedparser",
    "newsflow.fetch",
    "httpx",
    "newsflow.services",
    "newsflow.storage",
    "newsflow.wiring",
    "boto3",
    "botocore",
    "moto",
    "newsflow.local",
)
_PROBE = """
import contextlib, io, json, sys
from newsflow.cli_entry import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        status = main(sys.argv[1:])
    except SystemExit as done:
        status = done.code
print(json.dumps({"status": status, "usage": out.getvalue()[:6], "modules": sorted(sys.modules)}))
"""


def _run(argv: list[str]) -> tuple[dict[str, Any], str]:
    """`newsflow ARGV` in a fresh interpreter, without NEWSFLOW_* or AWS_* settings: its exit
    status, the start of its output, the modules it loaded; and its stderr."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSFLOW_", "AWS_"))}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return found, result.stderr


def _pulled(names: tuple[str, ...], found: dict[str, Any]) -> list[str]:
    """The `names` loaded, each with everything under it ("moto" also forbids "moto.s3")."""
    loaded = found["modules"]
    return sorted(n for n in names if any(m == n or m.startswith(f"{n}.") for m in loaded))


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["extract", "--help"],
        ["sources", "list", "--help"],
        ["upload", "--help"],
        ["local", "--help"],
        ["discover", "--help"],
        ["reprocess", "--help"],
    ],
    ids=" ".join,
)
def test_help_imports_no_command_body(argv: list[str]) -> None:
    found, _ = _run(argv)

    assert (found["status"], found["usage"]) == (0, "usage:")  # the help was printed
    assert "newsflow.cli" in found["modules"]
    assert _pulled(HEAVY, found) == []


def test_extract_of_a_file_imports_no_http_aws_or_local_runner(tmp_path: Path) -> None:
    """`extract PAGE` loads the extractor, and neither the HTTP client, boto3 nor moto."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>A title</title></head><body><p>Some words.</p></body>")
    found, _ = _run(["extract", str(page), "--format", "text"])

    assert found["status"] == 0
    assert "newsflow.extract" in found["modules"]  # it did extract
    unused = (
        *("newsflow.fetch", "newsflow.discover", "feedparser", "httpx"),
        *("boto3", "botocore", "newsflow.storage", "moto", "newsflow.local"),
    )
    assert _pulled(unused, found) == []


def test_local_env_imports_no_runner(tmp_path: Path) -> None:
    """`eval "$(newsflow local --env)"` reads the state file only: no moto, boto3 or runner."""
    found, stderr = _run(["local", "--env", "--state-dir", str(tmp_path)])

    assert found["status"] == 2  # no local stack here: said, and exit 2
    assert "local.json: start the local stack" in stderr
    assert "newsflow.local.state" in found["modules"]  # it did look
    heavy = ("newsflow.local.runner", "moto", "boto3", "botocore", "newsflow.extract")
    assert _pulled(heavy, found) == []
