"""`newsflow --help`, and each command's help, imports only the command line's parser.

Every `newsflow` start pays for the modules the CLI imports before it runs the command: the
extractor (lxml, trafilatura), feed and sitemap parsing, the HTTP client, boto3 and the local
runner (moto) are imported by the commands that run them, on dispatch. Each help is printed in
a fresh interpreter, the way the console script starts, and `sys.modules` is looked at after.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSFLOW_", "AWS_"))}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    loaded = set(found["modules"])

    assert (found["status"], found["usage"]) == (0, "usage:")  # the help was printed
    assert "newsflow.cli" in loaded
    pulled = sorted(
        name for name in HEAVY if any(m == name or m.startswith(f"{name}.") for m in loaded)
    )
    assert pulled == []


def test_extract_of_a_file_imports_no_http_aws_or_local_runner(tmp_path: Path) -> None:
    """`extract PAGE` loads the extractor, and neither the HTTP client, boto3 nor moto."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>A title</title></head><body><p>Some words.</p></body>")
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, "extract", str(page), "--format", "text"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1])["modules"])

    assert "newsflow.extract" in loaded  # it did extract
    unused = (
        *("newsflow.fetch", "newsflow.discover", "feedparser", "httpx"),
        *("boto3", "botocore", "newsflow.storage", "moto", "newsflow.local"),
    )
    assert sorted(n for n in unused if any(m == n or m.startswith(f"{n}.") for m in loaded)) == []
