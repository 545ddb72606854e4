"""Items written before storage/table.py's one time format are read, listed and claimed on moto
as they are, beside new ones: no migration (docs/architecture.md, "Table", Times)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from support.aws_stack import TABLE, Stack
from support.index_fixtures import announced_index_item

from newsflow.models import Source
from newsflow.services.ports import Facet, UrlRecord
from newsflow.storage.article_index import DynamoArticleIndex
from newsflow.storage.articles import DynamoArticleRepository
from newsflow.storage.clients import dynamodb_client
from newsflow.storage.sources import DynamoSourceRepository
from newsflow.storage.table import (
    SOURCES_PK,
    URL_OUTCOME_SK,
    item_key,
    legacy_stamp,
    source_sk,
    url_pk,
)

SECOND = datetime(2026, 11, 20, 8, 30, 5, tzinfo=UTC)
URL = "https://news.example.com/older"


def _older_index_item(number: int, moment: datetime) -> dict[str, Any]:
    """An announced index item as processing wrote it before table.py: times to the second."""
    item = announced_index_item(
        number, source="daily", language="en", published=moment, updated=moment
    )
    article_id = item["article_id"]["S"]
    for name in ("published_at", "fetched_at", "created_at", "updated_at"):
        item[name] = {"S": legacy_stamp(moment)}
    item["published_sk"] = {"S": f"{legacy_stamp(moment)}#{article_id}"}
    item["updated_sk"] = {"S": f"{legacy_stamp(moment)}#{article_id}"}
    return item


def _new_index_item(number: int, moment: datetime) -> dict[str, Any]:
    return announced_index_item(
        number, source="daily", language="en", published=moment, updated=moment
    )


def _ids(entries: list[Any]) -> list[int]:
    return [int(entry.record.article_id, 16) for entry in entries]


def test_listing_bounded_by_a_second_holds_older_and_new_keys_of_it(aws: Stack) -> None:
    # GIVEN older and new index items in one second, and new ones a second either side
    client = dynamodb_client()
    items = [
        _older_index_item(1, SECOND),
        _new_index_item(2, SECOND + timedelta(microseconds=250_000)),
        _new_index_item(3, SECOND - timedelta(seconds=1)),
        _new_index_item(4, SECOND + timedelta(seconds=1)),
    ]
    for item in items:
        client.put_item(TableName=TABLE, Item=item)
    index = DynamoArticleIndex(client, TABLE)

    # WHEN the source's listing is read from and to that second, a page of one at a time
    seen: list[int] = []
    after = None
    for _ in range(4):
        page = index.list_published(
            Facet.SOURCE, "daily", lower=SECOND, upper=SECOND, undated=False, after=after, limit=1
        )
        seen += _ids(page.entries)
        if not page.entries:
            break
        after = page.entries[-1].key

    # THEN both items of the second are listed once; newest first, the older key comes first
    # (it sorts after the new ones of its second: `Z` > `.`)
    assert seen == [1, 2]
    assert index.is_sort_key(items[0]["published_sk"]["S"])  # an older cursor still resumes


def test_updated_since_a_second_lists_its_older_items_too(aws: Stack) -> None:
    client = dynamodb_client()
    for item in (_older_index_item(1, SECOND), _new_index_item(3, SECOND - timedelta(seconds=1))):
        client.put_item(TableName=TABLE, Item=item)
    index = DynamoArticleIndex(client, TABLE)

    found = [
        number
        for shard in index.partitions(Facet.UPDATED, "")
        for number in _ids(
            index.list_updated(
                shard, since=SECOND + timedelta(microseconds=1), after=None, limit=9
            ).entries
        )
    ]

    assert found == [1]
    record = index.get_index(f"{1:032x}")
    assert record is not None
    assert record.updated_at == SECOND


def _rejection(fetched_at: datetime, outcome: str) -> UrlRecord:
    return UrlRecord(
        url=URL,
        outcome=outcome,
        reason="test",
        raw_key="raw/daily/older.html.gz",
        source_id="daily",
        article_id=None,
        fetched_at=fetched_at,
        now=fetched_at,
    )


def test_rejection_claim_accepts_an_older_url_outcome_spelled_to_the_second(aws: Stack) -> None:
    # GIVEN a URL outcome item written before table.py, its fetched_at to the second
    client = dynamodb_client()
    client.put_item(
        TableName=TABLE,
        Item={
            **item_key(url_pk(URL), URL_OUTCOME_SK),
            "kind": {"S": "url"},
            "url": {"S": URL},
            "outcome": {"S": "article"},
            "reason": {"S": ""},
            "fetched_at": {"S": legacy_stamp(SECOND)},
        },
    )
    repository = DynamoArticleRepository(client, TABLE)

    # WHEN the same page, fetched within that second, is rejected on reprocessing, and a page
    # of the second before is rejected too
    same_page = repository.claim_rejection(
        _rejection(SECOND.replace(microsecond=400_000), "missing_body"), lease_until=100, now=1
    )
    earlier = repository.claim_rejection(
        _rejection(SECOND - timedelta(seconds=1), "paywalled"), lease_until=100, now=1
    )

    # THEN the fetch of the same second claims the new outcome; an older fetch never does
    assert same_page is True
    assert earlier is False


def test_source_written_with_an_offset_reads_back_its_times(aws: Stack) -> None:
    client = dynamodb_client()
    created = datetime(2026, 11, 1, 9, 0, 0, 123_456, tzinfo=UTC)
    source = Source(id="daily", name="Daily", homepage="https://daily.example/")
    client.put_item(
        TableName=TABLE,
        Item={
            **item_key(SOURCES_PK, source_sk("daily")),
            "kind": {"S": "source"},
            "source_id": {"S": "daily"},
            "config": {"S": source.model_dump_json()},
            "enabled": {"BOOL": True},
            "created_at": {"S": created.isoformat()},  # "+00:00", as sources were written
            "updated_at": {"S": created.isoformat()},
        },
    )
    repository = DynamoSourceRepository(client, TABLE)

    stored = repository.get("daily")
    replaced = repository.put(source, now=created + timedelta(days=1), create_only=False)

    assert stored is not None
    assert (stored.created_at, stored.updated_at) == (created, created)
    assert replaced is not None
    assert replaced[0].created_at == created  # kept across a replace, read in its old spelling
    assert replaced[0].updated_at == created + timedelta(days=1)
