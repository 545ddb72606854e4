"""The rules discovery relies on, run on the real adapters (DynamoDB and SQS on moto) and on the
in-memory ones of tests/fakes: a service test may use either and see the same behaviour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fakes.scraping import (
    InMemoryDiscoverSchedule,
    InMemoryDocumentStates,
    InMemoryFetchQueue,
    InMemorySourceQueue,
    InMemorySourceRepository,
    InMemoryUrlRegistry,
)
from support.aws_stack import TABLE, Stack

from newsflow.models import Source
from newsflow.services.ports import (
    REGISTRY_LOOKUP_BATCH,
    DiscoverSchedule,
    DocumentState,
    DocumentStates,
    FetchMessage,
    FetchRecord,
    SourceMessage,
    SourceQueue,
    SourceRepository,
    TaskQueue,
    UrlRegistry,
)
from newsflow.storage.clients import dynamodb_client, sqs_client
from newsflow.storage.feed_state import DynamoDiscoverSchedule, DynamoDocumentStates
from newsflow.storage.queues import SqsFetchQueue, SqsSourceQueue
from newsflow.storage.sources import DynamoSourceRepository
from newsflow.storage.url_registry import DynamoUrlRegistry

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
URL = "https://news.example.com/story-1"


@dataclass
class Adapters:
    """One implementation of each port, and how to read back what a queue was sent."""

    sources: SourceRepository
    registry: UrlRegistry
    documents: DocumentStates
    schedule: DiscoverSchedule
    fetch_queue: TaskQueue
    received: Callable[[], list[FetchMessage]]
    source_queue: SourceQueue
    sources_received: Callable[[], list[str]]


def _moto(request: pytest.FixtureRequest) -> Adapters:
    stack: Stack = request.getfixturevalue("aws")
    queue_url = stack.sqs.create_queue(QueueName="fetch")["QueueUrl"]
    discover_url = stack.sqs.create_queue(QueueName="discover")["QueueUrl"]
    return Adapters(
        sources=DynamoSourceRepository(dynamodb_client(), TABLE),
        registry=DynamoUrlRegistry(dynamodb_client(), TABLE),
        documents=DynamoDocumentStates(dynamodb_client(), TABLE),
        schedule=DynamoDiscoverSchedule(dynamodb_client(), TABLE),
        fetch_queue=SqsFetchQueue(sqs_client(), queue_url),
        received=lambda: [
            FetchMessage.model_validate_json(m["Body"]) for m in stack.receive(queue_url)
        ],
        source_queue=SqsSourceQueue(sqs_client(), discover_url),
        sources_received=lambda: [
            SourceMessage.model_validate_json(m["Body"]).source_id
            for m in stack.receive(discover_url)
        ],
    )


def _memory(request: pytest.FixtureRequest) -> Adapters:
    queue = InMemoryFetchQueue()
    source_queue = InMemorySourceQueue()
    return Adapters(
        sources=InMemorySourceRepository(),
        registry=InMemoryUrlRegistry(),
        documents=InMemoryDocumentStates(),
        schedule=InMemoryDiscoverSchedule(),
        fetch_queue=queue,
        received=queue.messages,
        source_queue=source_queue,
        sources_received=source_queue.source_ids,
    )


@pytest.fixture(params=[_moto, _memory], ids=["moto", "memory"])
def ports(request: pytest.FixtureRequest) -> Adapters:
    build: Callable[[pytest.FixtureRequest], Adapters] = request.param
    return build(request)


def fetch_record(fetched_at: datetime, **fields: Any) -> FetchRecord:
    values: dict[str, Any] = {
        "url": URL,
        "source_id": "example",
        "outcome": "ok",
        "reason": "",
        "fetched_at": fetched_at,
        "final_url": URL,
        "status": 200,
        "robots_verdict": "allowed",
        "robots_allowed": True,
        "etag": '"v1"',
        "last_modified": None,
        "raw_key": "raw/example/1.html.gz",
        "attempt": 1,
        **fields,
    }
    return FetchRecord(**values)


def test_registry_registers_each_normalised_url_once(ports: Adapters) -> None:
    spelled_otherwise = "https://NEWS.example.com/story-1#comments"
    assert ports.registry.register(URL, source_id="example", found_in="feed", now=T0)
    assert not ports.registry.register(
        spelled_otherwise, source_id="other", found_in="sitemap", now=T0 + timedelta(minutes=1)
    )
    found = ports.registry.lookup([URL, spelled_otherwise, "https://news.example.com/new"])
    assert set(found) == {URL, spelled_otherwise}
    assert found[URL].url == found[spelled_otherwise].url == URL
    assert found[URL].queued_at == T0
    assert found[URL].fetched_at is None


def test_registry_lookup_refuses_more_than_a_batch(ports: Adapters) -> None:
    urls = [f"https://news.example.com/{n}" for n in range(REGISTRY_LOOKUP_BATCH + 1)]
    with pytest.raises(ValueError, match="at most"):
        ports.registry.lookup(urls)


def test_registry_keeps_the_newest_fetch_and_its_validators(ports: Adapters) -> None:
    ports.registry.register(URL, source_id="example", found_in="feed", now=T0)
    later = T0 + timedelta(hours=1)
    ports.registry.record_fetch(fetch_record(later, etag='"v2"'))
    ports.registry.record_fetch(fetch_record(T0 + timedelta(minutes=5), etag='"stale"'))
    assert ports.registry.lookup([URL])[URL].etag == '"v2"'
    assert ports.registry.lookup([URL])[URL].fetched_at == later
    # a failed fetch keeps the validators; a 200 without them drops the old ones
    ports.registry.record_fetch(fetch_record(later + timedelta(hours=1), outcome="error"))
    assert ports.registry.lookup([URL])[URL].etag == '"v2"'
    ports.registry.record_fetch(fetch_record(later + timedelta(hours=2), etag=None))
    assert ports.registry.lookup([URL])[URL].etag is None


def test_registry_refetch_is_claimed_once_per_update(ports: Adapters) -> None:
    ports.registry.register(URL, source_id="example", found_in="feed", now=T0)
    unfetched = ports.registry.lookup([URL])[URL]
    updated = T0 + timedelta(hours=2)
    assert not ports.registry.claim_refetch(unfetched, updated_at=updated, now=updated)
    ports.registry.record_fetch(fetch_record(T0 + timedelta(hours=1)))
    known = ports.registry.lookup([URL])[URL]
    now = T0 + timedelta(hours=3)
    assert ports.registry.claim_refetch(known, updated_at=updated, now=now)
    assert not ports.registry.claim_refetch(known, updated_at=updated, now=now)
    requeued = ports.registry.lookup([URL])[URL]
    assert (requeued.requeued_for, requeued.queued_at) == (updated, now)
    later_update = updated + timedelta(hours=1)
    assert ports.registry.claim_refetch(known, updated_at=later_update, now=now)
    # a fetch in between makes a claim read before it lose
    ports.registry.record_fetch(fetch_record(T0 + timedelta(hours=4)))
    assert not ports.registry.claim_refetch(known, updated_at=now + timedelta(hours=9), now=now)


def test_document_states_are_kept_per_source_and_url(ports: Adapters) -> None:
    feed = DocumentState("https://example.com/feed.xml", '"a"', None, T0)
    sitemap = DocumentState("https://example.com/sitemap.xml", None, "Tue, 17 Nov 2026", T0)
    ports.documents.save("example", feed)
    ports.documents.save("example", sitemap)
    newer = DocumentState(feed.url, '"b"', None, T0 + timedelta(minutes=5))
    ports.documents.save("example", newer)
    assert ports.documents.load("example") == {feed.url: newer, sitemap.url: sitemap}
    assert ports.documents.load("other") == {}


def test_schedule_dispatches_a_source_once_per_interval(ports: Adapters) -> None:
    due = T0 + timedelta(minutes=15, microseconds=500)
    assert ports.schedule.claim("example", now=T0, next_due=due)
    assert not ports.schedule.claim("example", now=T0 + timedelta(minutes=5), next_due=due)
    assert ports.schedule.next_due() == {"example": due.replace(microsecond=0)}
    assert ports.schedule.claim("example", now=due, next_due=due + timedelta(minutes=15))
    assert ports.schedule.claim("other", now=T0, next_due=due)
    assert set(ports.schedule.next_due()) == {"example", "other"}


def test_fetch_queue_delivers_every_message_sent(ports: Adapters) -> None:
    messages = [
        FetchMessage(url=f"https://news.example.com/{n}", source_id="example", discovered_at=T0)
        for n in range(23)  # more than one SendMessageBatch
    ]
    ports.fetch_queue.send(messages)
    received = ports.received()
    assert sorted(m.url for m in received) == sorted(m.url for m in messages)
    assert {m.source_id for m in received} == {"example"}


def source(source_id: str, **fields: Any) -> Source:
    return Source.model_validate(
        {"id": source_id, "name": source_id.title(), "homepage": "https://example.com/", **fields}
    )


def test_sources_put_creates_then_replaces_keeping_the_creation_time(ports: Adapters) -> None:
    later = T0 + timedelta(hours=1)
    created = ports.sources.put(source("daily"), now=T0, create_only=True)
    assert created is not None
    assert created[1] is True
    assert ports.sources.put(source("daily", name="Other"), now=later, create_only=True) is None
    replaced = ports.sources.put(source("daily", name="Renamed"), now=later, create_only=False)
    assert replaced is not None
    assert replaced[1] is False
    stored = ports.sources.get("daily")
    assert stored is not None
    assert (stored.source.name, stored.created_at, stored.updated_at) == ("Renamed", T0, later)
    assert ports.sources.get("missing") is None


def test_sources_list_in_id_order_page_by_page(ports: Adapters) -> None:
    for source_id in ("echo", "alpha", "delta", "bravo", "charlie"):
        ports.sources.put(source(source_id), now=T0, create_only=False)
    pages = []
    after = None
    while True:
        page, more = ports.sources.list_page(after=after, limit=2)
        pages.append([stored.source.id for stored in page])
        if not more:
            break
        after = page[-1].source.id
    assert pages == [["alpha", "bravo"], ["charlie", "delta"], ["echo"]]


def test_sources_run_totals_add_up_and_go_with_the_source(ports: Adapters) -> None:
    ports.sources.put(source("daily"), now=T0, create_only=False)
    assert ports.sources.get_run_stats("daily") is None
    first_end, second_end = T0 + timedelta(minutes=1), T0 + timedelta(minutes=11)
    ports.sources.record_run(
        "daily", started_at=T0, finished_at=first_end, counts={"queued": 3, "known": 1}
    )
    ports.sources.record_run(
        "daily", started_at=first_end, finished_at=second_end, counts={"queued": 2}
    )
    stats = ports.sources.get_run_stats("daily")
    assert stats is not None
    assert stats.totals == {"queued": 5, "known": 1}
    assert stats.last_run is not None
    assert (stats.last_run.finished_at, stats.last_run.counts) == (second_end, {"queued": 2})
    assert ports.sources.delete("daily") is True
    assert ports.sources.delete("daily") is False
    assert ports.sources.get("daily") is None
    assert ports.sources.get_run_stats("daily") is None


def test_source_queue_delivers_every_source_id_sent(ports: Adapters) -> None:
    ids = [f"source-{n}" for n in range(12)]
    ports.source_queue.send(ids)
    assert sorted(ports.sources_received()) == sorted(ids)
    assert ports.sources_received() == []
