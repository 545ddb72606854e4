"""The README's quick start, followed literally in a fresh clone with no AWS settings.

Its fenced blocks are run as written: `make run` in the background (the first terminal), the
second block as one shell script (the second terminal), then the closing `--stop`. Only the
ports change, so the run can sit beside others on a shared machine; the clone reuses this
checkout's .venv (set up by `make test`) instead of installing it again.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from support.local_ports import free_port_block

# subprocesses and local stacks: handed out first (tests/conftest.py)
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
DEFAULT_PORTS = {"api": 3000, "aws": 5005, "site": 8801}
TABLE_HEADER = re.compile(r"^source\s+fetched\s+stored\s+rejected$")


def quick_start() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\n(.*?)^## ", text, re.M | re.S)
    assert section, "README.md has no '## Quick start' section"
    return section.group(1)


def blocks(kind: str) -> list[str]:
    """The quick start's fenced blocks of one kind (`sh`, or "" for shown output)."""
    return [body for lang, body in FENCE.findall(quick_start()) if lang == kind]


def commands(block: str) -> list[str]:
    """A block's command lines (comments stay: the shell ignores them)."""
    return [line for line in block.splitlines() if line.strip()]


def labels(line: str) -> str:
    """A progress line with its counts taken out: the labels, which say which counts are the
    store's and which this run's."""
    line = re.sub(r"handled: [^·]*·", "handled: ·", line)
    return re.sub(r"[\d.]+", "N", line)


def numbers(line: str) -> list[str]:
    """The counts of a progress line that do not depend on timing: pages, versions, events.

    Left out: the throughput, and the `handled:` invocation counts (a fetch re-queued
    because its host's polite slot is too far away is handled twice, more often on a
    loaded machine).
    """
    line = re.sub(r"[\d.]+ pages/s", "pages/s", line)
    line = re.sub(r"handled: [^·]*·", "handled: ·", line)
    return re.findall(r"\d+", line)


@dataclass
class Terminal:
    """The first terminal: `make run`, its output collected line by line."""

    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    closed: bool = False  # the pipe reached its end: every line is in
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def follow(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait_for(self, pattern: re.Pattern[str], seconds: float) -> int:
        """The number of the first line matching `pattern`, woken by each new line."""
        deadline = time.monotonic() + seconds
        seen = 0
        with self._changed:
            while True:
                for number in range(seen, len(self.lines)):
                    if pattern.search(self.lines[number]):
                        return number
                seen = len(self.lines)
                assert not self.closed, "\n".join(self.lines[-30:])
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
        raise AssertionError(f"no {pattern.pattern!r} in:\n" + "\n".join(self.lines[-30:]))

    def wait_lines(self, count: int, seconds: float) -> None:
        """Until at least `count` lines are in (a table's rows follow its header)."""
        with self._changed:
            ready = self._changed.wait_for(lambda: len(self.lines) >= count or self.closed, seconds)
            assert ready and len(self.lines) >= count, "\n".join(self.lines[-30:])

    def wait_closed(self, seconds: float) -> None:
        """Until the process's output has ended (its last lines are in)."""
        with self._changed:
            assert self._changed.wait_for(lambda: self.closed, seconds), "output still open"


@pytest.fixture
def clone(tmp_path: Path) -> Iterator[tuple[Path, dict[str, int]]]:
    """A fresh clone of this checkout's HEAD, ports picked, README commands pointed at them."""
    target = tmp_path / "newsflow"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    (target / ".venv").symlink_to(ROOT / ".venv")
    # The Makefile installs into .venv when its stamp is missing or older than these files:
    # that would point this checkout's venv at the clone. They are the same files, and the
    # venv is installed (this test runs in it), so the stamp is made current instead.
    (ROOT / ".venv" / ".installed-stamp").touch()
    for name in ("pyproject.toml", "constraints.txt"):
        os.utime(target / name, (0, 0))
    first = free_port_block(6)
    ports = {"api": first, "aws": first + 1, "site": first + 2}
    yield target, ports
    subprocess.run(
        [str(target / ".venv/bin/newsflow"), "local", "--stop", "--aws-port", str(ports["aws"])],
        cwd=target,
        env=clean_environment(),
        check=False,
        capture_output=True,
    )


def clean_environment() -> dict[str, str]:
    """This environment without AWS or newsflow settings, as on a machine with no account."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("AWS_", "NEWSFLOW_", "BOTO_", "VIRTUAL_ENV"))
    }


def localize(command: str, ports: dict[str, int]) -> str:
    for name, default in DEFAULT_PORTS.items():
        command = command.replace(f"127.0.0.1:{default}", f"127.0.0.1:{ports[name]}")
    return command


def test_readme_quick_start_runs_as_written(clone: tuple[Path, dict[str, int]]) -> None:
    target, ports = clone
    first, second, closing = blocks("sh")[:3]
    shown = blocks("")[0].splitlines()
    assert [c.split("#")[0].strip() for c in commands(first)] == ["make run"]
    env = clean_environment()

    # GIVEN the first terminal: make run (with this run's ports)
    args = f"ARGS=--port {ports['api']} --aws-port {ports['aws']} --site-port {ports['site']}"
    process = subprocess.Popen(
        ["make", "run", args],
        cwd=target,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    terminal = Terminal(process)
    threading.Thread(target=terminal.follow, daemon=True).start()
    try:
        # THEN set-up says what it does, and the first cycle ends as the README shows
        terminal.wait_for(re.compile("^deploying template.yaml"), 120)
        table = terminal.wait_for(TABLE_HEADER, 300)
        terminal.wait_lines(table + len(shown) - 1, 30)
        assert numbers(terminal.lines[table - 1]) == numbers(shown[0])
        assert labels(terminal.lines[table - 1]) == labels(shown[0])
        assert terminal.lines[table : table + len(shown) - 1] == shown[1:]

        # WHEN the second terminal runs the README's commands, as one shell would
        script = "set -euo pipefail\n" + "\n".join(localize(c, ports) for c in commands(second))
        if shutil.which("aws") is None:  # the AWS CLI is optional; everything else is ours
            script = "\n".join(line for line in script.splitlines() if not line.startswith("aws "))
        result = subprocess.run(
            ["bash", "-c", script], cwd=target, env=env, capture_output=True, text=True, check=False
        )
        # THEN each works with no AWS account: the upload is stored and named, the API answers
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        article_id = re.search(r"^article_id ([0-9a-f]{32})$", result.stdout, re.M)
        assert article_id, result.stdout
        assert "stored as version 1" in result.stdout
        assert f"/articles/{article_id.group(1)}'" in result.stdout
        assert '"items"' in result.stdout
        assert result.stdout.count('"homepage"') == 3  # sources list: the three publishers
        if shutil.which("aws"):
            assert "putin-syria.html" in result.stdout  # aws s3 ls of uploads/

        # WHEN Ctrl-C in the first terminal
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=120)
        terminal.wait_closed(30)  # the last lines of the pipe
        assert any(line.startswith("stopping (the local store is kept") for line in terminal.lines)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    # THEN the closing command ends the store
    stopped = subprocess.run(
        [
            "bash",
            "-c",
            "\n".join(commands(closing)).replace("--stop", f"--stop --aws-port {ports['aws']}"),
        ],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert stopped.returncode == 0, stopped.stderr
    assert not (target / ".newsflow" / "moto.pid").exists()
