"""The local runner outlives a failed call to its store, and stops only when the store is gone.

A loaded machine makes moto refuse or fail a call now and then; `make run` must not end its run
(and take the API down with it) for one failed call. Against a real moto server on loopback.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from moto.server import ThreadedMotoServer
from support.local_ports import free_port_block

from newsflow.local.runner import LocalRunner, Options


@pytest.fixture
def moto_port() -> Iterator[int]:
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
