"""The local runner's table per source, read from the stack's table (moto, template.yaml)."""

from __future__ import annotations

from datetime import UTC, datetime

from support.aws_stack import TABLE, Stack

from newsflow.local.runner import source_table, store_tally
from newsflow.models import Source
from newsflow.services.ports import FetchRecord
from newsflow.storage.clients import dynamodb_client
from newsflow.storage.sources import DynamoSourceRepository
from newsflow.storage.url_registry import DynamoUrlRegistry

__all__: list[str] = []

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def _fetched(url: str, source_id: str, outcome: str) -> FetchRecord:
    return FetchRecord(
        url=url,
        source_id=source_id,
        outcome=outcome,
        reason="",
        fetched_at=NOW,
        final_url=url,
        status=200 if outcome == "ok" else None,
        robots_verdict=None,
        robots_allowed=None,
        etag=None,
        last_modified=None,
        raw_key=None,
        attempt=1,
    )


def test_a_registered_source_with_no_activity_is_listed_with_zeros(aws: Stack) -> None:
    # GIVEN two registered sources: one with a page fetched and one refused, one untouched
    sources = DynamoSourceRepository(dynamodb_client(), TABLE)
    for source_id in ("busy-daily", "quiet-weekly"):
        homepage = f"https://{source_id}.example/"
        sources.put(
            Source(id=source_id, name=source_id, homepage=homepage), now=NOW, create_only=True
        )
    registry = DynamoUrlRegistry(dynamodb_client(), TABLE)
    registry.record_fetch(_fetched("https://busy-daily.example/a", "busy-daily", "ok"))
    registry.record_fetch(
        _fetched("https://busy-daily.example/b", "busy-daily", "robots_disallowed")
    )
    # WHEN the runner's table is made from the store
    lines = source_table(store_tally(dynamodb_client(), TABLE)).splitlines()
    # THEN the quiet source has its row of zeros (it was left out), beside the busy one
    assert [line.split() for line in lines] == [
        ["source", "fetched", "stored", "rejected"],
        ["busy-daily", "1", "0", "robots_disallowed", "1"],
        ["quiet-weekly", "0", "0", "-"],
    ]
