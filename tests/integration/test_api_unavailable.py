"""The Query API when its store does not answer: 503 with Retry-After and a problem body, not
a 500 (a killed local moto, an unreachable endpoint). Against a closed loopback port: the
refusals are real ones, through the clients' own retries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api.helpers import CONTEXT, api_environment, api_handler, decode, rest_event
from support.local_ports import free_port_block

from newsflow import config
from newsflow.models.api import PROBLEM_MEDIA_TYPE, PROBLEM_UNAVAILABLE, Problem
from newsflow.storage.clients import reset_clients


@pytest.fixture
def closed_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The api function's environment, its AWS endpoint a loopback port nothing listens on."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    env = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{free_port_block(1)}",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "NEWSFLOW_BUCKET": "newsflow-unanswered",
        "NEWSFLOW_TABLE": "newsflow-unanswered",
        "NEWSFLOW_EVENT_BUS": "newsflow-unanswered",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    reset_clients()
    config.get_resources.cache_clear()
    environment = api_environment(monkeypatch)
    next(environment)
    yield
    next(environment, None)
    reset_clients()
    config.get_resources.cache_clear()


@pytest.mark.parametrize(
    "path",
    ["/articles", f"/articles/{1:032x}", "/sources", "/sources/example", "/stories"],
)
def test_a_store_that_does_not_answer_is_503_with_retry_after(
    closed_store: None, path: str
) -> None:
    # WHEN a route reads a store that refuses every connection
    reply = decode(api_handler()(rest_event("GET", path), CONTEXT))
    # THEN the client is told to come back, in the API's problem form
    assert reply.status == 503
    assert reply.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert int(reply.headers["retry-after"]) > 0
    problem = Problem.model_validate(reply.body)
    assert problem.type == PROBLEM_UNAVAILABLE
    assert "try again" in problem.detail
    assert "127.0.0.1" not in problem.detail  # the endpoint is ours to know, not the caller's


def test_every_store_route_documents_its_503() -> None:
    # GIVEN the served document
    import json

    document = json.loads(api_handler("openapi_document")())
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            unavailable = operation["responses"].get("503")
            # THEN every route but the store-less ones says it may answer 503 with Retry-After
            if path in {"/health", "/openapi.json"}:
                assert unavailable is None, (method, path)
            else:
                assert "Retry-After" in unavailable["headers"], (method, path)
