"""`.newsflow/local.json` points each command at the local stack; without one, one line says why."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support.local_ports import free_port_block

from newsflow.local.runner import MOTO_SERVER_MODULE
from newsflow.local.state import (
    REQUIRED,
    StackNotFoundError,
    export_lines,
    stack_environment,
    use_stack,
)

ENVIRONMENT = stack_environment(
    endpoint="http://127.0.0.1:5005",
    region="us-east-1",
    bucket="newsflow-dev-bucket",
    table="newsflow-dev-table",
    event_bus="newsflow-dev-bus",
    queues={"FetchQueue": "http://127.0.0.1:5005/q/fetch", "ProcessQueue": "x"},
)


@pytest.fixture
def no_stack_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in list(os.environ):
        if name.startswith(("AWS_", "NEWSFLOW_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_use_stack_without_settings_or_state_names_what_is_missing(
    no_stack_settings: Path,
) -> None:
    with pytest.raises(StackNotFoundError) as raised:
        use_stack()
    message = str(raised.value)
    assert "\n" not in message
    assert "make run" in message
    assert all(name in message for name in REQUIRED)


def test_use_stack_in_a_subfolder_of_the_clone_reads_local_json(
    no_stack_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state_dir = no_stack_settings / ".newsflow"
    state_dir.mkdir()
    (state_dir / "local.json").write_text(json.dumps({"environment": ENVIRONMENT}))
    (no_stack_settings / "docs").mkdir()
    monkeypatch.chdir(no_stack_settings / "docs")
    assert use_stack() is not None
    assert os.environ["NEWSFLOW_TABLE"] == "newsflow-dev-table"
    assert os.environ["AWS_ENDPOINT_URL"] == "http://127.0.0.1:5005"
    assert os.environ["AWS_ACCESS_KEY_ID"]  # dummy credentials: moto needs some
    assert os.environ["NEWSFLOW_FETCH_QUEUE_URL"] == "http://127.0.0.1:5005/q/fetch"


def test_use_stack_prefers_a_stack_named_in_the_environment(
    no_stack_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (no_stack_settings / ".newsflow").mkdir()
    (no_stack_settings / ".newsflow" / "local.json").write_text(
        json.dumps({"environment": ENVIRONMENT})
    )
    for name in REQUIRED:
        monkeypatch.setenv(name, "deployed")
    assert use_stack() is None
    assert "AWS_ENDPOINT_URL" not in os.environ


def test_use_stack_with_an_unreadable_state_file_says_so(no_stack_settings: Path) -> None:
    (no_stack_settings / ".newsflow").mkdir()
    (no_stack_settings / ".newsflow" / "local.json").write_text("{not json")
    with pytest.raises(StackNotFoundError, match="cannot read"):
        use_stack()


def test_export_lines_quote_values_for_the_shell() -> None:
    lines = export_lines({"A": "plain", "B": "it's spaced"})
    assert lines == "export A=plain\nexport B='it'\"'\"'s spaced'\n"


# A stand-in for the runner's process: its pid file, and on SIGTERM what the runner's stop
# does (finish, remove the pid file); and one for moto's, which just ends on SIGTERM.
RUNNER = """
import os, signal, sys, time
from pathlib import Path
pid_file = Path(sys.argv[1]) / "runner.pid"
def stop(signum, frame):
    time.sleep(0.5)  # the batches in progress
    pid_file.unlink()
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
pid_file.write_text(str(os.getpid()))
print("running", flush=True)
time.sleep(60)
"""


def test_local_stop_stops_a_running_runner_before_its_store(tmp_path: Path) -> None:
    runner = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(tmp_path), "newsflow"], stdout=subprocess.PIPE, text=True
    )
    # stand-ins whose command lines name what they stand for, as `--stop` checks (/proc)
    moto = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)", MOTO_SERVER_MODULE]
    )
    try:
        assert runner.stdout is not None and runner.stdout.readline().strip() == "running"
        (tmp_path / "moto.pid").write_text(str(moto.pid))
        stop = ["local", "--stop", "--state-dir", str(tmp_path)]
        command = [sys.executable, "-m", "newsflow", *stop]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 0, result.stderr
        assert f"stopping the runner (pid {runner.pid}) first" in result.stdout
        assert runner.wait(timeout=10) == 0  # it stopped as on Ctrl-C, before moto
        assert moto.wait(timeout=10) == -signal.SIGTERM
        assert not (tmp_path / "runner.pid").exists()
    finally:
        for child in (runner, moto):
            child.kill()
            child.wait()


@pytest.mark.parametrize("stale_pid", [False, True], ids=["no-pid-file", "stale-pid-file"])
def test_local_stop_with_nothing_running_says_so_rather_than_stopped(
    tmp_path: Path, stale_pid: bool
) -> None:
    # GIVEN a state folder with no moto running from it (none ever, or one long gone)
    if stale_pid:  # above the kernel's pid_max: no process can have it, none is signalled
        (tmp_path / "moto.pid").write_text(str(2**22 + 1))
    port = free_port_block(1)  # nothing listens there
    (tmp_path / "local.json").write_text(json.dumps({"environment": ENVIRONMENT}))
    local = [sys.executable, "-m", "newsflow", "local", "--state-dir", str(tmp_path)]
    stop = [*local, "--stop", "--aws-port", str(port)]
    result = subprocess.run(stop, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"no local store was running (nothing in {tmp_path} to stop)"
    assert "stopped and emptied" not in result.stdout
    assert not (tmp_path / "moto.pid").exists()
    # and `--env` no longer hands out an endpoint nothing answers on
    env = subprocess.run([*local, "--env"], capture_output=True, text=True, timeout=60, check=False)
    assert (env.returncode, env.stdout) == (2, "")
    assert "start the local stack with `make run`" in env.stderr


def test_local_stop_leaves_alone_a_process_that_took_a_stale_pid(tmp_path: Path) -> None:
    # GIVEN pid files left by a reboot or kill -9, whose pids another process now has
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / "moto.pid").write_text(str(other.pid))
        (tmp_path / "runner.pid").write_text(str(other.pid))
        port = free_port_block(1)
        local = [sys.executable, "-m", "newsflow", "local", "--state-dir", str(tmp_path)]
        stop = [*local, "--stop", "--aws-port", str(port)]
        # WHEN the store is stopped
        result = subprocess.run(stop, capture_output=True, text=True, timeout=60, check=False)
        # THEN that process is not signalled, and nothing is said to be stopped
        assert result.returncode == 0, result.stderr
        assert "no local store was running" in result.stdout
        assert "stopping the runner" not in result.stdout
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_a_stack_setting_that_is_set_but_refused_is_named_with_why_not_asked_for(
    no_stack_settings: Path,
) -> None:
    # GIVEN a deployed stack's variables, one of them too short to be a table name
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "NEWSFLOW_"))}
    env |= {"NEWSFLOW_BUCKET": "bkt1", "NEWSFLOW_TABLE": "t", "NEWSFLOW_EVENT_BUS": "bus1"}
    env |= {
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
    }
    # WHEN a stack command runs
    result = _sources_list(env, no_stack_settings)
    # THEN it names that variable, its value and the rule, rather than asking to set it
    assert result.returncode == 2
    assert result.stderr.startswith("newsflow sources: NEWSFLOW_TABLE='t': "), result.stderr
    assert "at least 3 characters" in result.stderr
    assert "set NEWSFLOW" not in result.stderr


def _sources_list(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`newsflow sources list` in a fresh interpreter with exactly `env`, from `cwd`."""
    command = [sys.executable, "-m", "newsflow", "sources", "list"]
    return subprocess.run(
        command, check=False, capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


@pytest.mark.parametrize(
    ("profile", "said", "hint"),
    [
        ("missing-profile", "could not be found", False),  # the shell's profile: no hint
        (None, "Could not connect to the endpoint URL", True),  # nothing answers: the hint
    ],
)
def test_only_an_unreachable_endpoint_asks_whether_make_run_still_serves_it(
    no_stack_settings: Path, profile: str | None, said: str, hint: bool
) -> None:
    # GIVEN a stack whose endpoint is a closed port, and maybe a profile that does not exist
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "NEWSFLOW_"))}
    env |= {"NEWSFLOW_BUCKET": "bkt1", "NEWSFLOW_TABLE": "tbl1", "NEWSFLOW_EVENT_BUS": "bus1"}
    env |= {"AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "x"}
    env |= {"AWS_SECRET_ACCESS_KEY": "x", "AWS_CONFIG_FILE": str(no_stack_settings / "none")}
    endpoint = f"http://127.0.0.1:{free_port_block(1)}"
    env["AWS_ENDPOINT_URL"] = endpoint
    if profile:
        env["AWS_PROFILE"] = profile
    # WHEN a stack command runs
    result = _sources_list(env, no_stack_settings)
    # THEN it says what failed, and asks about `make run` only when nothing answered
    assert result.returncode == 2
    assert said in result.stderr
    assert (f"is `make run` still serving {endpoint}?" in result.stderr) is hint, result.stderr
