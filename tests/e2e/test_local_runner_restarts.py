"""The local runner's own store across a crash, a one-cycle run and a restart, with runners of
its own (in a module of its own: make test's workers take a module at a time, so it runs
beside the shared runner of test_local_runner.py and the runs of test_local_runner_once.py)."""

from __future__ import annotations

import re
import signal
from collections import Counter
from pathlib import Path

import pytest
from support.local_ports import free_port_block
from test_local_runner import (
    FIXTURE_ARTICLES,
    all_articles,
    enrichment_events,
    start_runner,
    stop_store,
    wait_for,
)

from newsflow.local.site import CHANGING_PATH
from newsflow.urls import article_id_for, normalize_url

# subprocesses and local stacks: handed out first (tests/conftest.py)
pytestmark = pytest.mark.slow


def test_stopping_in_the_middle_and_starting_again_loses_and_doubles_nothing(
    tmp_path: Path,
) -> None:
    first = free_port_block(6)
    ports = {"api": first, "aws": first + 1, "site": first + 2}
    state_dir = tmp_path / "state"
    log = state_dir.parent / f"{state_dir.name}.log"
    # --speed 10 in each run: the changing story is edited 9 s after its first fetch, not 90 s
    running = start_runner(state_dir, ports, "--fresh", "--speed", "10")
    api_key = running.info["api_key"]
    try:
        wait_for(lambda: len(all_articles(running)) >= 3, 120, "the first articles before the stop")
        running.stop(signal.SIGKILL)  # a crash, not a clean stop: messages are in flight
        again = start_runner(state_dir, ports, "--once", "--speed", "10")
        assert again.process.wait(timeout=600) == 0
        # --once prints its examples as commands that start the API again: on this run's
        # ports and state folder, not the defaults
        restart = (
            f"newsflow local --port {ports['api']} --aws-port {ports['aws']} "
            f"--site-port {ports['site']} --state-dir {state_dir} &    # serves the API again"
        )
        assert restart in log.read_text()
        # AND its table counts what the store holds, the first run's articles included
        rows = re.findall(r"^([a-z-]+-[a-z]+) +(\d+) +(\d+) ", log.read_text(), re.M)
        last = {source: int(stored) for source, _, stored in rows}  # the --once run's table
        assert sum(last.values()) == FIXTURE_ARTICLES, rows
        restarted = start_runner(state_dir, ports, "--speed", "10")
        try:
            articles = all_articles(restarted)
            events = enrichment_events(restarted)
            # the story that changed while the runner was down still reaches version 2
            changing = article_id_for(
                normalize_url(f"http://127.0.0.1:{ports['site']}{CHANGING_PATH}")
            )
            wait_for(
                lambda: len(restarted.api(f"/articles/{changing}/versions")[1]["items"]) >= 2,
                240,
                "version 2 of the changing story after the restarts",
            )
        finally:
            restarted.stop(signal.SIGTERM)  # as a service manager stops it: like Ctrl-C
        assert restarted.process.returncode == 0
        assert "stopping (the local store is kept" in log.read_text()
        assert restarted.info["api_key"] == api_key  # one key across restarts of one store
    finally:
        stop_store(state_dir, ports["aws"])
    ids = [a["article_id"] for a in articles]
    assert len(ids) == len(set(ids)) == FIXTURE_ARTICLES
    ingested = Counter(
        e["detail"]["article_id"] for e in events if e["detail-type"] == "ArticleIngested"
    )
    assert set(ingested) == set(ids)
    assert max(ingested.values()) == 1
