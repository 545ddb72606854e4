"""Ctrl-C in `newsflow local`: the first stops gracefully, a second leaves at once, and neither
prints a traceback. Driven with real signals to a child process using the CLI's handler."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.loopback_site import Reply, Site

# The runner's shape: the handler installed, a run interrupted by the first Ctrl-C, then a
# stop that takes long (batches in progress), interrupted by the second.
CHILD = """
import signal, sys, time
from newsflow import cli, cli_lines
cli_lines.begin(["local"])  # as cli.main does
signal.signal(signal.SIGINT, cli._interrupt)
try:
    print("running", flush=True)
    time.sleep(60)
except KeyboardInterrupt:
    print("finishing batches", flush=True)
    time.sleep(60)
print("finished", flush=True)
"""


def _started() -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "running"
    return child


def test_a_second_ctrl_c_while_stopping_leaves_at_once_without_a_traceback() -> None:
    child = _started()
    assert child.stdout is not None
    child.send_signal(signal.SIGINT)
    assert child.stdout.readline().strip() == "finishing batches"
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)  # not the 60 s the stop would have taken
    assert child.returncode == 130
    assert "finished" not in out
    # one line, as every line a command writes on stderr: "newsflow local: ..."
    assert err == "newsflow local: stopped now; unfinished batches run again on the next start\n"


# Any other command, interrupted while it waits (here on a server that answers late).
COMMAND = """
import signal, sys
from newsflow.cli import main
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_in_a_command_is_one_line_and_130_without_a_traceback(site: Site) -> None:
    site.routes["/slow"] = Reply(200, b"<p>late</p>", delay=30)
    argv = ["fetch", site.url("/slow"), "--allow-loopback", "--min-delay", "0"]
    child = subprocess.Popen(
        [sys.executable, "-c", COMMAND, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not any(seen.path == "/slow" for seen in site.requests):  # it is waiting now
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=20)
    assert child.returncode == 130
    assert err.strip() == "newsflow fetch: interrupted"
    assert out == ""


# Ctrl-C while the command line is still importing: the child sends itself SIGINT as
# `newsflow.config` (which every command reads) starts importing, then the console script's
# entry point runs.
IMPORTING = """
import os, signal, sys
from importlib.abc import MetaPathFinder

class CtrlCDuringImport(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "newsflow.config":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
sys.meta_path.insert(0, CtrlCDuringImport())
from newsflow.cli_entry import main
sys.exit(main(["extract", "--help"]))
"""


def test_ctrl_c_while_the_command_line_imports_is_one_line_and_130() -> None:
    child = subprocess.run(
        [sys.executable, "-c", IMPORTING], capture_output=True, text=True, timeout=60, check=False
    )
    assert child.returncode == 130
    assert child.stderr.strip() == "newsflow extract: interrupted"
    assert child.stdout == ""


# Ctrl-C as the interpreter exits, after the command has finished: Python has put SIGINT back
# to its default action by the time it tears down its modules, where this object's __del__
# sends it (a module global of __main__, deleted in that teardown).
EXITING = """
import os, signal, sys

class CtrlCAsTheInterpreterExits:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)

late = CtrlCAsTheInterpreterExits()
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
from newsflow.cli_entry import main
sys.exit(main(["--help"]))
"""


def test_ctrl_c_as_the_interpreter_exits_after_the_command_does_not_kill_it() -> None:
    child = subprocess.run(
        [sys.executable, "-c", EXITING], capture_output=True, text=True, timeout=60, check=False
    )
    assert child.returncode == 0, child.stderr  # it was -2 (killed by SIGINT), with no line
    assert child.stdout.startswith("usage: newsflow")
    assert child.stderr == ""


# Ctrl-C before any newsflow code runs: as the `newsflow` script (or `python -m newsflow`)
# starts importing the CLI's entry module. sitecustomize runs before the script does.
EARLIEST = """
import os, signal, sys
from importlib.abc import MetaPathFinder

class CtrlCAsTheScriptImports(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "newsflow.cli_entry":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlCAsTheScriptImports())
"""


@pytest.mark.parametrize("how", ["script", "python -m"])
def test_ctrl_c_as_the_newsflow_command_starts_is_one_line_and_130(
    how: str, tmp_path: Path
) -> None:
    # The entry point's generated script imported `re` and newsflow.cli_entry outside any
    # handler: Ctrl-C in those first tens of milliseconds printed a traceback (exit -2).
    (tmp_path / "sitecustomize.py").write_text(EARLIEST, encoding="utf-8")
    script = Path(sys.executable).parent / "newsflow"
    command = [str(script)] if how == "script" else [sys.executable, "-m", "newsflow"]
    child = subprocess.run(
        [*command, "extract", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])},
    )
    assert child.returncode == 130, child.stderr
    assert child.stderr == "newsflow extract: interrupted\n"
    assert child.stdout == ""
