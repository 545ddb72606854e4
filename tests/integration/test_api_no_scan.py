"""No API request ever Scans the table, and a page's DynamoDB work does not grow with the table."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from api.helpers import Api, Seeder, api_environment, bulk_load
from support.aws_stack import BUCKET, TABLE, Stack

from newsflow.storage.clients import dynamodb_client


class ForbidScan:
    """Fails a test the moment any DynamoDB Scan is about to be sent; counts the rest."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.items_read = 0

    def __enter__(self) -> ForbidScan:
        events = dynamodb_client().meta.events
        events.register("before-call.dynamodb", self._before)
        events.register("after-call.dynamodb", self._after)
        return self

    def __exit__(self, *exc: object) -> None:
        events = dynamodb_client().meta.events
        events.unregister("before-call.dynamodb", self._before)
        events.unregister("after-call.dynamodb", self._after)

    def _before(self, event_name: str, **_: Any) -> None:
        operation = event_name.rsplit(".", 1)[-1]
        if operation in {"Scan", "ParallelScan"}:
            pytest.fail(f"the API issued a DynamoDB {operation}")
        self.calls.append(operation)

    def _after(self, parsed: dict[str, Any], **_: Any) -> None:
        self.items_read += int(parsed.get("ScannedCount", 0)) + (1 if "Item" in parsed else 0)


@pytest.fixture
def api(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    environment = api_environment(monkeypatch, oldest_month="2026-01")
    next(environment)
    yield Api()
    next(environment, None)


def test_every_route_runs_without_a_scan(api: Api) -> None:
    seeder = Seeder(BUCKET, TABLE)
    seeder.many(range(1, 6), source="daily")
    seeder.article(1, title="Changed")
    article = f"/articles/{1:032x}"
    source = json.dumps({"id": "daily", "name": "Daily", "homepage": "https://d.example"})

    with ForbidScan() as guard:
        for query in (
            {},
            {"source": "daily"},
            {"language": "en", "from": "2026-11-01T00:00:00Z"},
            {"section": "world", "to": "2026-11-20T00:00:00Z"},
            {"from": "2026-10-01T00:00:00Z", "to": "2026-11-30T00:00:00Z"},
            {"updated_since": "2026-11-19T00:00:00Z"},
        ):
            assert api.get("/articles", **query).status == 200
        assert api.get(article).status == 200
        assert api.get(article, version=1).status == 200
        assert api.get(f"{article}/versions").status == 200
        assert api.call("POST", "/sources", body=source, admin=True).status == 201
        assert api.call("PUT", "/sources/daily", body=source, admin=True).status == 200
        assert api.get("/sources").status == 200
        assert api.get("/sources/daily").status == 200
        assert api.call("DELETE", "/sources/daily", admin=True).status == 204
        assert api.get("/health").status == 200
        assert api.get("/openapi.json").status == 200

    assert "Query" in guard.calls
    assert "GetItem" in guard.calls


@pytest.mark.parametrize("size", [25, 1000])
def test_list_page_reads_the_same_whatever_the_table_size(api: Api, size: int) -> None:
    # GIVEN tables of different sizes (the benchmark goes to 100,000)
    bulk_load(TABLE, size, source="daily")

    # WHEN a client reads a first and a second page of 10
    with ForbidScan() as guard:
        first = api.get("/articles", source="daily", limit=10).body
        api.get("/articles", source="daily", limit=10, cursor=first["next_cursor"])

    # THEN each page is one Query reading limit + 1 items
    assert guard.calls == ["Query", "Query"]
    assert guard.items_read == 2 * 11
