"""`newsflow` commands outside a running local stack: one line on what to do, nothing left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.local_ports import free_port_block

from newsflow.local.preflight import port_free
from newsflow.local.state import stack_environment

# subprocesses and local stacks: handed out first (tests/conftest.py)
pytestmark = pytest.mark.slow

NEWSFLOW = str(Path(sys.executable).parent / "newsflow")
ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "golden" / "cases" / "seed-putin-syria.html"
STACK_COMMANDS = [
    ["sources", "list"],
    ["reprocess", "--source", "harbour-herald"],
    ["upload", str(PAGE), "--url", "https://example.com/story"],
]


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "NEWSFLOW_"))}


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NEWSFLOW, *args],
        cwd=folder,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", STACK_COMMANDS, ids=lambda c: c[0])
def test_command_without_a_stack_names_what_is_missing_in_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    result = run(tmp_path, *command)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "make run" in result.stderr
    assert "NEWSFLOW_TABLE" in result.stderr


@pytest.mark.parametrize("command", STACK_COMMANDS, ids=lambda c: c[0])
def test_command_with_a_stopped_local_stack_says_so_in_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    # GIVEN the state a runner left, its moto gone (nothing listens on the port)
    port = free_port_block(1)
    (tmp_path / ".newsflow").mkdir()
    environment = stack_environment(
        endpoint=f"http://127.0.0.1:{port}",
        region="us-east-1",
        bucket="newsflow-dev-bucket",
        table="newsflow-dev-table",
        event_bus="newsflow-dev-bus",
        queues={},
    )
    (tmp_path / ".newsflow" / "local.json").write_text(json.dumps({"environment": environment}))
    result = run(tmp_path, *command)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert f"127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_local_outside_the_clone_explains_and_leaves_nothing_running(tmp_path: Path) -> None:
    first = free_port_block(6)
    result = run(
        tmp_path,
        "local",
        "--port",
        str(first),
        "--aws-port",
        str(first + 1),
        "--site-port",
        str(first + 2),
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "not a newsflow clone" in result.stderr
    assert all(port_free(port) for port in range(first, first + 5))  # no moto, no API
    assert not (tmp_path / ".newsflow").exists()


def test_local_env_without_a_running_stack_says_so(tmp_path: Path) -> None:
    result = run(tmp_path, "local", "--env")
    assert result.returncode == 2
    assert "make run" in result.stderr
