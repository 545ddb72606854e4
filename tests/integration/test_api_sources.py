"""Query API sources routes on moto: reads for API-key callers, writes for IAM administrators."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from api.helpers import NOW, Api, api_environment
from support.aws_stack import TABLE, Stack

from newsflow.models.api import SourcePage, SourceStatus
from newsflow.storage.clients import dynamodb_client
from newsflow.storage.sources import DynamoSourceRepository


@pytest.fixture
def api(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    environment = api_environment(monkeypatch)
    next(environment)
    yield Api()
    next(environment, None)


def _source(source_id: str = "harbour-times", **fields: Any) -> str:
    return json.dumps(
        {
            "id": source_id,
            "name": "Harbour Times",
            "homepage": "https://harbour.example.com/",
            "feeds": ["https://harbour.example.com/rss"],
            "min_delay_seconds": 2.5,
            **fields,
        }
    )


def test_create_source_then_get_and_list(api: Api) -> None:
    created = api.call("POST", "/sources", body=_source(), admin=True)

    assert created.status == 201
    assert created.headers["location"] == "/sources/harbour-times"
    status = SourceStatus.model_validate(api.get("/sources/harbour-times").body)
    assert status.source.feeds == ["https://harbour.example.com/rss"]
    assert status.source.min_delay_seconds == 2.5
    assert (status.created_at, status.last_run, status.totals) == (NOW, None, {})
    page = SourcePage.model_validate(api.get("/sources").body)
    assert [r.source.id for r in page.items] == ["harbour-times"]


def test_create_existing_source_is_409(api: Api) -> None:
    api.call("POST", "/sources", body=_source(), admin=True)

    reply = api.call("POST", "/sources", body=_source(name="Other"), admin=True)

    assert reply.status == 409
    assert reply.body["type"] == "/problems/conflict"
    assert api.get("/sources/harbour-times").body["source"]["name"] == "Harbour Times"


def test_replace_source_creates_then_replaces_keeping_created_at(api: Api) -> None:
    first = api.call("PUT", "/sources/harbour-times", body=_source(), admin=True)
    second = api.call("PUT", "/sources/harbour-times", body=_source(enabled=False), admin=True)

    assert (first.status, second.status) == (201, 200)
    assert second.body["source"]["enabled"] is False
    assert second.body["created_at"] == first.body["created_at"]


def test_replace_source_with_other_id_in_body_is_400(api: Api) -> None:
    reply = api.call("PUT", "/sources/harbour-times", body=_source("other"), admin=True)

    assert reply.status == 400
    assert api.get("/sources/harbour-times").status == 404


def test_delete_source_then_404(api: Api) -> None:
    api.call("POST", "/sources", body=_source(), admin=True)

    deleted = api.call("DELETE", "/sources/harbour-times", admin=True)
    again = api.call("DELETE", "/sources/harbour-times", admin=True)

    assert deleted.status == 204
    assert deleted.body is None
    assert again.status == 404
    assert api.get("/sources/harbour-times").status == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/sources", _source()),
        ("PUT", "/sources/harbour-times", _source()),
        ("DELETE", "/sources/harbour-times", None),
    ],
)
def test_admin_route_without_iam_identity_is_403(
    api: Api, method: str, path: str, body: str | None
) -> None:
    reply = api.call(method, path, body=body)  # API key only, as a reader calls

    assert reply.status == 403
    assert reply.body["type"] == "/problems/forbidden"
    assert api.get("/sources").body["items"] == []


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        json.dumps({"id": "Bad Id!", "name": "x", "homepage": "https://x.example"}),
        _source(poll_interval_seconds=5),
        _source(allowed_url_patterns=["(unclosed"]),
        json.dumps({"name": "no id"}),
    ],
)
def test_create_source_invalid_body_is_422(api: Api, body: str) -> None:
    reply = api.call("POST", "/sources", body=body, admin=True)

    assert reply.status == 422
    assert reply.body["type"] == "/problems/validation"
    assert reply.body["errors"][0]["loc"][0] == "body"


def test_get_source_shows_last_run_and_totals(api: Api) -> None:
    api.call("POST", "/sources", body=_source(), admin=True)
    repository = DynamoSourceRepository(dynamodb_client(), TABLE)
    repository.record_run(
        "harbour-times",
        started_at=NOW - timedelta(minutes=10),
        finished_at=NOW - timedelta(minutes=9),
        counts={"ok": 3, "gone": 1},
    )
    repository.record_run(
        "harbour-times", started_at=NOW, finished_at=NOW + timedelta(minutes=1), counts={"ok": 2}
    )

    status = SourceStatus.model_validate(api.get("/sources/harbour-times").body)

    assert status.last_run is not None
    assert status.last_run.started_at == NOW
    assert status.last_run.counts == {"ok": 2}
    assert status.totals == {"ok": 5, "gone": 1}


def test_list_sources_pages_in_id_order(api: Api) -> None:
    for source_id in ("c-news", "a-news", "b-news"):
        api.call("POST", "/sources", body=_source(source_id), admin=True)

    first = api.get("/sources", limit=2).body
    second = api.get("/sources", limit=2, cursor=first["next_cursor"]).body

    assert [r["source"]["id"] for r in first["items"] + second["items"]] == [
        "a-news",
        "b-news",
        "c-news",
    ]
    assert second["next_cursor"] is None
    assert api.get("/sources", cursor=first["next_cursor"] + "x").status == 400


@pytest.mark.parametrize("path", ["/sources/Not Valid", "/sources/" + "a" * 65])
def test_get_source_invalid_id_is_422(api: Api, path: str) -> None:
    assert api.get(path).status == 422
