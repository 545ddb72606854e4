"""One-cycle and interrupted runs of the local runner, each test with its own runner (in a
module of their own: make test's workers take a module at a time, so these run beside the
shared runner of test_local_runner.py, which would otherwise idle while they run, and beside
the restarts of test_local_runner_restarts.py)."""

from __future__ import annotations

import signal
import socket
import subprocess
from pathlib import Path

import pytest
from support.local_ports import free_port_block
from test_local_runner import NEWSFLOW, ROOT, start_runner, stop_store, wait_for

from newsflow.local.runner import PROGRESS_STORE
from newsflow.local.site import NewsSite

# subprocesses and local stacks: handed out first (tests/conftest.py)
pytestmark = pytest.mark.slow


def test_once_that_runs_out_of_time_says_so(tmp_path: Path) -> None:
    # GIVEN a one-cycle run given far too little time to drain its queues (40 pages to fetch
    # and extract: tens of seconds on an idle machine)
    first = free_port_block(6)
    ports = {"api": first, "aws": first + 1, "site": first + 2}
    state_dir = tmp_path / "state"
    try:
        running = start_runner(state_dir, ports, "--fresh", "--once", "--timeout", "6")
        # THEN it exits 1 and says why: it used to end with a partial table and no word
        assert running.process.wait(timeout=300) == 1
        log = (tmp_path / "state.log").read_text("utf-8")
        assert "newsflow local: --once gave up after 6 s with work still queued" in log
        # and the batches in progress finish before the table, which is never a bare header
        # (it came first, empty, with "finishing N batch(es)" after it)
        lines = log.splitlines()
        out_of_time = lines.index(
            "out of time after 6 s: the batches in progress finish, the rest stays queued "
            "for the next run"
        )
        header = next(n for n, line in enumerate(lines) if line.startswith("source "))
        finishing = [n for n, line in enumerate(lines) if line.startswith("finishing ")]
        assert out_of_time < header
        # while it waited it showed its progress (the wait was silent)
        progress = [n for n, line in enumerate(lines) if line.startswith(PROGRESS_STORE)]
        assert progress and progress[0] < out_of_time, lines
        assert all(out_of_time < n < header for n in finishing), lines
        fixture_sources = {"harbour-herald", "metro-monitor", "valley-voice"}
        assert lines[header + 1].startswith("(none yet)") or (
            lines[header + 1].split()[0] in fixture_sources
        ), lines
    finally:
        stop_store(state_dir, ports["aws"])


def test_ctrl_c_while_the_store_starts_ends_it_and_says_so(tmp_path: Path) -> None:
    # GIVEN a runner starting its own moto server (no store kept from an earlier run)
    first = free_port_block(6)
    state_dir = tmp_path / "state"
    state_dir.mkdir()
    ports = ["--api-port", str(first), "--aws-port", str(first + 1), "--site-port", str(first + 2)]
    process = subprocess.Popen(
        [NEWSFLOW, "local", "--state-dir", str(state_dir), *ports],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for((state_dir / "moto.pid").exists, 60, "moto to be started", every=0.05)
        # WHEN Ctrl-C comes before the stack is ready (moto starts, then the deploy: seconds)
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=120)
    finally:
        process.kill()
    # THEN it says the store it was starting is ended (it said "the local store is kept"),
    # and nothing is left running
    assert "stopping before the local stack was ready: the store it was starting is ended" in out
    assert "the local store is kept" not in out
    assert not (state_dir / "moto.pid").exists()
    wait_for(lambda: not _listening(first + 1), 15, "moto to end", every=0.1)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_source_flag_ingests_a_site_found_from_its_homepage(tmp_path: Path) -> None:
    # GIVEN a news site of our own on loopback, known to the runner only by its homepage
    site = NewsSite(ROOT / "tests" / "devset", articles_per_publisher=5)
    site.start()
    first = free_port_block(6)
    ports = {"api": first, "aws": first + 1, "site": first + 2}
    state_dir = tmp_path / "state"
    homepage = site.publishers[1].origin + "/"
    try:
        # WHEN one cycle runs with --source
        running = start_runner(state_dir, ports, "--fresh", "--once", "--source", homepage)
        assert running.process.wait(timeout=300) == 0
        # THEN the feed and sitemap were autodiscovered and its articles stored
        s3 = running.client("s3")
        stored = s3.list_objects_v2(Bucket=running.info["bucket"], Prefix="articles/")
        assert stored["KeyCount"] == 5
        log = (state_dir.parent / f"{state_dir.name}.log").read_text()
        assert "fixture news site" not in log
    finally:
        site.stop()
        stop_store(state_dir, ports["aws"])
