"""The local runner outlives a failed call to its store, and stops only when the store is gone;
its own calls survive function invocations swapping environment variables in other threads.

A loaded machine makes moto refuse or fail a call now and then, and functions run in threads
of the runner's process; `make run` must not end its run (and take the API down with it) for
either. Against a real moto server on loopback.
"""

from __future__ import annotations

import io
import json
import shlex
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from support.local_ports import free_port_block
from support.loopback_site import Reply, Site, site

from newsflow.local.cloud import Deployment
from newsflow.local.functions import _environment
from newsflow.local.runner import (
    EVENTS_TAP,
    LocalRunner,
    MotoServer,
    Options,
    example_commands,
    restart_command,
    signals_held,
)
from newsflow.local.state import STATE_FILE, find_state_file

__all__ = ["site"]  # a fixture, imported so pytest finds it here

HTML = {"Content-Type": "text/html"}
TEXT = {"Content-Type": "text/plain"}


@pytest.fixture
def moto_port() -> Iterator[int]:
    # imported here: moto's server (flask, werkzeug) would cost every xdist worker its import
    # at collection, and only the worker running this module needs it
    from moto.server import ThreadedMotoServer

    port = free_port_block(1)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield port
    server.stop()


def _runner(tmp_path: Path, aws_port: int) -> tuple[LocalRunner, io.StringIO]:
    out = io.StringIO()
    options = Options(root=tmp_path, state_dir=tmp_path / "state", aws_port=aws_port)
    return LocalRunner(options, out=out), out


def _sqs(port: int) -> Any:
    factory: Any = boto3.client
    return factory(
        "sqs",
        endpoint_url=f"http://127.0.0.1:{port}",
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",  # noqa: S106 - moto accepts any credentials
    )


def test_a_failed_call_while_the_store_answers_is_reported_and_the_run_goes_on(
    tmp_path: Path, moto_port: int
) -> None:
    runner, out = _runner(tmp_path, moto_port)
    # GIVEN a real error from the store (a queue that does not exist)
    with pytest.raises(ClientError) as failed:
        _sqs(moto_port).receive_message(QueueUrl=f"http://127.0.0.1:{moto_port}/1/nope")
    # WHEN the runner meets it
    runner._after_store_error("polling ProcessQueue", failed.value)
    # THEN it says so and goes on
    assert not runner.stopping.is_set()
    assert "polling ProcessQueue failed, retrying" in out.getvalue()


def test_a_refused_connection_while_the_store_still_answers_is_not_a_lost_store(
    tmp_path: Path, moto_port: int
) -> None:
    runner, _ = _runner(tmp_path, moto_port)
    refused = EndpointConnectionError(endpoint_url=f"http://127.0.0.1:{moto_port}")
    runner._after_store_error("reading progress", refused)
    assert not runner.stopping.is_set()
    assert not runner._store_lost


def test_a_store_that_no_longer_answers_ends_the_run(tmp_path: Path) -> None:
    closed = free_port_block(1)  # nothing listens there
    runner, _ = _runner(tmp_path, closed)
    # GIVEN a real refused connection to the stopped store
    with pytest.raises(EndpointConnectionError) as refused:
        _sqs(closed).list_queues()
    runner._after_store_error("polling ProcessQueue", refused.value)
    # THEN the run ends, and the main loop reports a lost store
    assert runner.stopping.is_set()
    assert runner._store_lost


def test_a_poll_failing_after_the_store_was_found_gone_says_nothing(tmp_path: Path) -> None:
    closed = free_port_block(1)  # nothing listens there
    runner, out = _runner(tmp_path, closed)
    with pytest.raises(EndpointConnectionError) as refused:
        _sqs(closed).list_queues()
    # GIVEN another thread found the store gone: the run is ending, its main loop says why
    runner._after_store_error("reading progress", refused.value)
    assert runner._store_lost
    # WHEN a queue's poller meets the same refusal
    runner._after_store_error("polling FetchQueue", refused.value)
    # THEN it adds no "failed, retrying" line after the run's "stopped answering"
    assert out.getvalue() == ""


def test_the_runners_calls_survive_functions_swapping_the_environment(
    tmp_path: Path, moto_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):  # as the runner sets them
        monkeypatch.setenv(name, "local")
    endpoint = f"http://127.0.0.1:{moto_port}"
    deployment = Deployment(endpoint, "us-east-1", {}, {}, {})
    moto = MotoServer(moto_port, tmp_path)
    variables = {f"NEWSFLOW_SWAPPED_{n}": "on" for n in range(20)}
    deadline = time.monotonic() + 3
    errors: list[Exception] = []
    done = threading.Event()

    def invocations() -> None:  # what FunctionHost does around every handler call
        while not done.is_set():
            with _environment(variables):
                pass

    # GIVEN the runner's clients made before any function runs, as LocalRunner does (making
    # one reads the whole environment, so it must not overlap an invocation)
    deployment.client("s3")
    swapping = threading.Thread(target=invocations)
    swapping.start()
    # WHEN the runner's thread makes its calls meanwhile (its clients, the store check)
    # (for 3 s, and past them until one call is through or fails: a loaded machine is slow)
    calls = 0
    while time.monotonic() < deadline or not (calls or errors):
        try:
            deployment.client("s3").list_buckets()
            assert moto.running(timeout=5)
            calls += 1
        except KeyError as error:  # a variable removed while being read
            errors.append(error)
    done.set()
    swapping.join()
    # THEN none of them failed, and one client served them all
    assert calls > 0
    assert errors == []
    assert deployment.client("s3") is deployment.client("s3")


def test_the_runner_reaches_its_own_servers_whatever_proxy_the_shell_sets(
    tmp_path: Path, moto_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    nowhere = free_port_block(1)  # a proxy that is not there
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{nowhere}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert MotoServer(moto_port, tmp_path).running(timeout=5)


def test_restart_command_carries_the_options_that_reach_the_same_store() -> None:
    # The command `--once` prints to serve the API again: the defaults need no options;
    # other ports, state folder and sources are given again (quoted for the shell).
    root = Path("/clone")
    assert restart_command(Options(root=root, state_dir=Path(".newsflow"))) == (
        ".venv/bin/newsflow local"
    )
    options = Options(
        root=root,
        state_dir=Path("my state"),
        api_port=3100,
        aws_port=5105,
        site_port=8901,
        sources=["https://news.example/?a=1&b=2"],
    )
    assert restart_command(options) == (
        ".venv/bin/newsflow local --port 3100 --aws-port 5105 --site-port 8901 "
        "--state-dir 'my state' --source 'https://news.example/?a=1&b=2'"
    )


def test_example_commands_of_another_state_folder_reach_its_stack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a runner on a state folder of its own, beside the default one in the same clone
    other = tmp_path / "other state"
    other.mkdir()
    (other / STATE_FILE).write_text("{}")
    (tmp_path / ".newsflow").mkdir()
    (tmp_path / ".newsflow" / STATE_FILE).write_text("{}")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSFLOW_STATE_DIR", raising=False)
    options = Options(root=tmp_path, state_dir=other)
    lines = example_commands(options, "http://127.0.0.1:3100", "k", "b", running=True)
    # WHEN the printed commands are run as a shell would (their environment assignments)
    upload = next(line for line in lines.splitlines() if "newsflow upload" in line)
    assignments = dict(
        word.split("=", 1) for word in shlex.split(upload) if "=" in word and "://" not in word
    )
    for name, value in assignments.items():
        monkeypatch.setenv(name, value)
    # THEN they find this runner's state file, not the default stack's
    assert find_state_file() == other / STATE_FILE
    assert f"local --env --state-dir '{other}'" in lines
    # AND with the default folder they stay as the README shows them
    plain = example_commands(
        Options(root=tmp_path, state_dir=Path(".newsflow")), "u", "k", "b", running=True
    )
    assert "  .venv/bin/newsflow sources list\n" in plain
    assert 'eval "$(.venv/bin/newsflow local --env)"' in plain


def test_a_given_source_that_leaves_nothing_to_poll_is_said_at_start(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSFLOW_FETCH_READ_TIMEOUT", "4")
    # GIVEN `--source` sites: one on a port that refuses connections, one whose homepage
    # names no feed and whose robots.txt no sitemap
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", TEXT)
    site.routes["/"] = Reply(200, b"<html><head><title>Home</title></head></html>", HTML)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        unreachable = f"http://127.0.0.1:{closed.getsockname()[1]}/"
        out = io.StringIO()
        options = Options(
            root=tmp_path, state_dir=tmp_path / "state", sources=[unreachable, site.url("/")]
        )
        # WHEN the runner makes its sources
        sources = LocalRunner(options, out=out)._sources()
    # THEN both are still registered, and each line says why discovery will find nothing
    # (a run used to end with an empty table and no word of it)
    assert [s["feeds"] + s["sitemaps"] for s in sources] == [[], []]
    # and each read was said before it, with the timeouts set (a silent site took half a
    # minute without a word)
    reading, lines = out.getvalue().splitlines()[::2], out.getvalue().splitlines()[1::2]
    assert reading == [
        f"source {s['id']}: reading {s['homepage']} and its robots.txt (each gives up after 4 s "
        "of silence, 30 s in all; NEWSFLOW_FETCH_READ_TIMEOUT, NEWSFLOW_FETCH_TOTAL_TIMEOUT) ..."
        for s in sources
    ]
    assert lines[0].startswith("source 127-0-0-1-")
    assert (
        f"({unreachable}): nothing to poll: its homepage could not be read (network_error: "
        in (lines[0])
    )
    assert lines[1].endswith(
        f"({site.url('/')}): nothing to poll: no feed or sitemap on its homepage or in its "
        "robots.txt"
    )


def test_ctrl_c_while_signals_are_held_comes_after_the_block() -> None:
    # MotoServer.start holds Ctrl-C between starting moto and writing its pid file: Ctrl-C
    # inside Popen used to leave moto running with no pid file, so nothing could end it.
    done = []
    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
    try:
        with pytest.raises(KeyboardInterrupt), signals_held():
            signal.raise_signal(signal.SIGINT)  # Ctrl-C, as the process is being started
            done.append("pid file written")  # the block was not cut short
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
    finally:
        signal.signal(signal.SIGINT, before)
    assert done == ["pid file written"]


def test_a_restart_counts_no_event_of_the_run_before_as_its_own(
    tmp_path: Path, moto_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "local")
    # GIVEN the runner's event tap on a kept store, holding an event the last run's final
    # batch published after that run's last progress line
    sqs = _sqs(moto_port)
    tap = sqs.create_queue(QueueName=EVENTS_TAP)["QueueUrl"]
    sqs.send_message(QueueUrl=tap, MessageBody=json.dumps({"detail-type": "ArticleIngested"}))
    runner, _ = _runner(tmp_path, moto_port)
    runner.deployment = Deployment(f"http://127.0.0.1:{moto_port}", "us-east-1", {}, {}, {})
    # WHEN the restarted runner starts on it, then this run announces one article
    runner.forget_earlier_events()
    sqs.send_message(QueueUrl=tap, MessageBody=json.dumps({"detail-type": "ArticleIngested"}))
    # THEN "this run" counts that one only (it counted the last run's too)
    assert runner.events_seen() == {"ArticleIngested": 1}
