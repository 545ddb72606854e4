"""The rules discovery and processing rely on, run on the real adapters (DynamoDB, SQS, S3 and
EventBridge on moto) and on the in-memory ones of tests/fakes: a service test may use either and
see the same behaviour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fakes.processing import InMemoryBucket, InMemoryEventBus, InMemoryHealthStore, InMemoryTable
from fakes.scraping import (
    InMemoryDiscoverSchedule,
    InMemoryDocumentStates,
    InMemoryFetchQueue,
    InMemorySourceQueue,
    InMemorySourceRepository,
    InMemoryUrlRegistry,
)
from support.aws_stack import BUCKET, TABLE, Stack

from newsflow.models import Article, OutcomeKind, Source
from newsflow.models.events import ArticleRejected, EventType, ObjectPointer, RejectionKind
from newsflow.models.health import SourceDegraded
from newsflow.models.raw_page import RawPage
from newsflow.services.ports import (
    REGISTRY_LOOKUP_BATCH,
    ArticleRepository,
    ArticleState,
    Band,
    DiscoverSchedule,
    DocumentState,
    DocumentStates,
    EventPublisher,
    FetchMessage,
    FetchRecord,
    HealthStore,
    ObjectStore,
    OutgoingEvent,
    RawPageStore,
    SourceMessage,
    SourceQueue,
    SourceRepository,
    StoryCount,
    StoryHead,
    StoryRepository,
    StoryWrite,
    TaskQueue,
    UrlRecord,
    UrlRegistry,
    VersionCommit,
)
from newsflow.storage.clients import dynamodb_client, s3_client, sqs_client
from newsflow.storage.feed_state import DynamoDiscoverSchedule, DynamoDocumentStates
from newsflow.storage.queues import SqsFetchQueue, SqsSourceQueue
from newsflow.storage.raw_pages import S3RawPageStore
from newsflow.storage.source_health import DynamoHealthStore
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


# -- processing: the bucket, the table's article, URL and story items, the bus, source health


@dataclass
class Processing:
    """One implementation of each processing port (the pages written through RawPageStore,
    read back through ObjectStore), and how to read back what the bus was sent."""

    pages: RawPageStore
    objects: ObjectStore
    articles: ArticleRepository
    stories: StoryRepository
    events: EventPublisher
    received: Callable[[], list[tuple[str, dict[str, Any]]]]
    health: HealthStore


def _processing_moto(request: pytest.FixtureRequest) -> Processing:
    stack: Stack = request.getfixturevalue("aws")
    return Processing(
        pages=S3RawPageStore(s3_client(), BUCKET),
        objects=stack.ports.objects,
        articles=stack.ports.articles,
        stories=stack.ports.stories,
        events=stack.ports.events,
        received=lambda: [(e["detail-type"], e["detail"]) for e in stack.events()],
        health=DynamoHealthStore(dynamodb_client(), TABLE),
    )


def _processing_memory(request: pytest.FixtureRequest) -> Processing:
    bucket, table, bus = InMemoryBucket(BUCKET), InMemoryTable(), InMemoryEventBus()
    return Processing(
        pages=bucket,
        objects=bucket,
        articles=table,
        stories=table,
        events=bus,
        received=lambda: [
            (e.detail_type.value, e.detail.model_dump(mode="json")) for e in bus.published
        ],
        health=InMemoryHealthStore(),
    )


@pytest.fixture(params=[_processing_moto, _processing_memory], ids=["moto", "memory"])
def processing(request: pytest.FixtureRequest) -> Processing:
    build: Callable[[pytest.FixtureRequest], Processing] = request.param
    return build(request)


def raw_page(body: bytes = b"<html><p>Hello</p></html>", **fields: Any) -> RawPage:
    values: dict[str, Any] = {
        "body": body,
        "url": URL,
        "fetched_at": T0,
        "final_url": URL + "?amp=1",
        "source_id": "example",
        "content_type": "text/html; charset=utf-8",
        "status": 200,
        "headers": {"etag": '"v1"', "content-language": "en"},
        "robots_verdict": "allowed",
        "robots_rule": "User-agent: * / Allow: /",
        **fields,
    }
    return RawPage(**values)


def test_pages_come_back_as_stored_and_unread_over_the_limit(processing: Processing) -> None:
    page = raw_page()
    processing.pages.put_raw("raw/example/1.html.gz", page)
    assert processing.objects.get_page("raw/example/1.html.gz", max_bytes=1000) == page
    assert processing.objects.page_source("raw/example/1.html.gz") == "example"
    too_large = processing.objects.get_page("raw/example/1.html.gz", max_bytes=10)
    assert too_large is not None
    assert (too_large.body, too_large.unreadable) == (b"", OutcomeKind.TOO_LARGE)
    assert (too_large.url, too_large.source_id) == (URL, "example")
    assert processing.objects.get_page("raw/example/gone.html.gz", max_bytes=1000) is None
    assert processing.objects.page_source("raw/example/gone.html.gz") is None
    processing.pages.put_raw("raw/example/2.html.gz", raw_page(source_id=None))
    assert processing.objects.page_source("raw/example/2.html.gz") is None


def test_articles_are_listed_by_prefix_in_key_order(processing: Processing) -> None:
    before = datetime.now(UTC) - timedelta(minutes=1)
    for key in ("articles/b/v1.json", "articles/a/v2.json", "articles/a/v1.json"):
        processing.objects.put_article(key, b"{}", content_hash="h")
    processing.pages.put_raw("raw/example/1.html.gz", raw_page())
    listed = list(processing.objects.list_keys("articles/"))
    assert listed == ["articles/a/v1.json", "articles/a/v2.json", "articles/b/v1.json"]
    assert list(processing.objects.list_keys("articles/a/", modified_since=before)) == listed[:2]
    later = datetime.now(UTC) + timedelta(hours=1)
    assert list(processing.objects.list_keys("articles/", modified_since=later)) == []


def article(version_text: str = "one", **fields: Any) -> Article:
    values: dict[str, Any] = {
        "article_id": ARTICLE_ID,
        "url": URL,
        "final_url": URL,
        "canonical_url": URL,
        "source_id": "example",
        "title": f"Story {version_text}",
        "content_hash": f"hash-{version_text}",
        "extractor_version": "fixture",
        "fetched_at": T0,
        "outcome": {"kind": "article", "reason": ""},
        **fields,
    }
    return Article.model_validate(values)


ARTICLE_ID = "0" * 31 + "1"


def commit(
    version: int,
    previous: ArticleState | None,
    *,
    now: datetime = T0,
    story: StoryWrite | None = None,
    **fields: Any,
) -> VersionCommit:
    stored = article(str(version), **fields)
    raw_key = f"raw/example/{version}.html.gz"
    return VersionCommit(
        article=stored,
        version=version,
        previous=previous,
        changed_fields=() if version == 1 else ("title",),
        field_hashes={"title": f"t{version}"},
        article_key=f"articles/{ARTICLE_ID}/v{version}.json",
        raw_key=raw_key,
        url_record=UrlRecord(
            url=URL,
            outcome="article",
            reason="",
            raw_key=raw_key,
            source_id="example",
            article_id=ARTICLE_ID,
            fetched_at=stored.fetched_at,
            now=now,
        ),
        lease_until=int(now.timestamp()) + 90,
        now=now,
        story=story,
    )


def test_a_version_commits_once_and_only_over_the_version_read(processing: Processing) -> None:
    repo = processing.articles
    now = T0 + timedelta(seconds=30, microseconds=700)
    assert repo.get_article(ARTICLE_ID) is None
    assert repo.commit_version(commit(1, None, now=now))
    assert not repo.commit_version(commit(1, None, now=now))  # another writer was first
    first = repo.get_article(ARTICLE_ID)
    assert first is not None
    assert (first.version, first.announced_version, first.lease_until) == (
        1,
        0,
        int(now.timestamp()) + 90,
    )
    assert (first.content_hash, first.field_hashes, first.changed_fields) == (
        "hash-1",
        {"title": "t1"},
        (),
    )
    assert (first.url, first.raw_key, first.outcome) == (
        URL,
        "raw/example/1.html.gz",
        OutcomeKind.ARTICLE,
    )
    assert (first.fetched_at, first.created_at) == (T0, now)  # microseconds kept
    repo.mark_announced(ARTICLE_ID, 1)
    first = repo.get_article(ARTICLE_ID)
    assert first is not None
    later = now + timedelta(hours=1)
    second = commit(2, first, now=later, fetched_at=T0 + timedelta(hours=1))
    assert repo.commit_version(second)
    assert not repo.commit_version(commit(3, first, now=later))  # read version 1, now 2
    current = repo.get_article(ARTICLE_ID)
    assert current is not None
    assert (current.version, current.announced_version) == (2, 1)
    assert (current.changed_fields, current.created_at) == (("title",), first.created_at)


def test_an_announcement_is_claimed_by_one_caller_once_the_lease_ran_out(
    processing: Processing,
) -> None:
    repo = processing.articles
    assert repo.commit_version(commit(1, None))
    lease = int(T0.timestamp()) + 90
    assert not repo.claim_announcement(ARTICLE_ID, 1, lease_until=lease + 90, now=lease - 1)
    assert repo.claim_announcement(ARTICLE_ID, 1, lease_until=lease + 90, now=lease + 1)
    assert not repo.claim_announcement(ARTICLE_ID, 1, lease_until=lease + 180, now=lease + 2)
    assert not repo.claim_announcement(ARTICLE_ID, 2, lease_until=lease + 999, now=lease + 999)
    repo.mark_announced(ARTICLE_ID, 2)  # not the current version: no effect
    state = repo.get_article(ARTICLE_ID)
    assert state is not None
    assert (state.announced_version, state.lease_until) == (0, lease + 90)
    repo.mark_announced(ARTICLE_ID, 1)
    state = repo.get_article(ARTICLE_ID)
    assert state is not None
    assert state.announced_version == 1
    assert not repo.claim_announcement(ARTICLE_ID, 1, lease_until=lease + 999, now=lease + 999)


def rejection(outcome: str, fetched_at: datetime, now: datetime) -> UrlRecord:
    return UrlRecord(
        url=URL,
        outcome=outcome,
        reason=f"{outcome} page",
        raw_key="raw/example/1.html.gz",
        source_id="example",
        article_id=None,
        fetched_at=fetched_at,
        now=now,
    )


def test_a_rejection_is_claimed_once_and_never_by_an_older_fetch(processing: Processing) -> None:
    repo, at = processing.articles, int(T0.timestamp())
    listing = rejection("not_article", T0, T0)
    assert repo.claim_rejection(listing, lease_until=at + 90, now=at)
    assert not repo.claim_rejection(listing, lease_until=at + 100, now=at + 10)  # leased
    assert repo.claim_rejection(listing, lease_until=at + 200, now=at + 91)  # lease ran out
    repo.mark_rejection_announced(URL, "not_article")
    assert not repo.claim_rejection(listing, lease_until=at + 999, now=at + 999)  # announced
    older = rejection("too_large", T0 - timedelta(hours=1), T0)
    assert not repo.claim_rejection(older, lease_until=at + 999, now=at + 999)
    newer = rejection("too_large", T0 + timedelta(hours=1), T0 + timedelta(hours=1))
    assert repo.claim_rejection(newer, lease_until=at + 999, now=at + 999)
    # a later article outcome replaces the item: the same rejection afterwards is new again
    repo.record_url(replace(listing, outcome="article", fetched_at=T0 + timedelta(hours=2)))
    again = rejection("not_article", T0 + timedelta(hours=3), T0 + timedelta(hours=3))
    assert repo.claim_rejection(again, lease_until=at + 999, now=at + 999)


def test_a_page_keeps_the_number_it_was_given_first(processing: Processing) -> None:
    repo = processing.articles
    first, second = repo.page_sequence("raw/a.html.gz"), repo.page_sequence("uploads/b.html")
    assert first < second
    assert repo.page_sequence("raw/a.html.gz") == first
    assert repo.page_sequence("uploads/b.html") == second
    assert repo.page_sequence("raw/c.html.gz") > second


def story_head(story_id: str = ARTICLE_ID, size: int = 1) -> StoryHead:
    return StoryHead(
        story_id=story_id,
        signature=bytes(range(16)),
        first_at=T0 + timedelta(microseconds=250),
        size=size,
        title="Story one",
        source_id="example",
    )


def test_story_items_commit_with_the_version_only_as_they_were_read(
    processing: Processing,
) -> None:
    repo, stories = processing.articles, processing.stories
    bands = (Band("0#aa", (ARTICLE_ID,), 1), Band("1#bb", (ARTICLE_ID,), 1))
    founded = StoryWrite(ARTICLE_ID, 1, 1.0, founded=story_head(), bands=bands)
    assert repo.commit_version(commit(1, None, story=founded, story_id=ARTICLE_ID, story_size=1))
    assert stories.read_bands(["0#aa", "1#bb", "2#cc"]) == {b.key: b for b in bands}
    assert stories.read_stories([ARTICLE_ID, "f" * 32]) == {ARTICLE_ID: story_head()}
    state = repo.get_article(ARTICLE_ID)
    assert state is not None
    assert (state.story_id, state.story_size, state.story_similarity) == (ARTICLE_ID, 1, 1.0)
    # a copy joining with a stale size, or re-founding the story, or a stale band loses
    other = "0" * 31 + "2"
    stale = StoryWrite(ARTICLE_ID, 2, 0.8, joined=StoryCount(ARTICLE_ID, seen=2, size=3))
    refound = StoryWrite(ARTICLE_ID, 1, 1.0, founded=story_head())
    old_band = StoryWrite(ARTICLE_ID, 2, 0.8, bands=(Band("0#aa", (ARTICLE_ID, other), 1),))
    for write in (stale, refound, old_band):
        assert not repo.commit_version(commit(1, None, story=write, article_id=other))
    assert repo.get_article(other) is None
    joined = StoryWrite(
        ARTICLE_ID,
        2,
        0.81234,
        joined=StoryCount(ARTICLE_ID, seen=1, size=2),
        bands=(Band("0#aa", (ARTICLE_ID, other), 2),),
    )
    assert repo.commit_version(commit(1, None, story=joined, article_id=other))
    assert stories.read_stories([ARTICLE_ID])[ARTICLE_ID].size == 2
    assert stories.read_bands(["0#aa"])["0#aa"].stories == (ARTICLE_ID, other)
    copy = repo.get_article(other)
    assert copy is not None
    assert copy.story_similarity == pytest.approx(0.8123)


def test_story_reads_refuse_more_than_a_batch(processing: Processing) -> None:
    keys = [f"0#{n:04x}" for n in range(101)]
    with pytest.raises(ValueError, match="at most 100"):
        processing.stories.read_bands(keys)
    assert processing.stories.read_bands(keys[:100] + keys[:50]) == {}


def test_events_reach_the_bus_in_order(processing: Processing) -> None:
    events = [
        OutgoingEvent(
            EventType.ARTICLE_REJECTED,
            ArticleRejected(
                url=f"{URL}/{n}",
                outcome=RejectionKind.MISSING_URL,
                reason="no url",
                raw=ObjectPointer(bucket=BUCKET, key=f"uploads/{n}.html"),
            ),
        )
        for n in range(12)  # more than one PutEvents
    ]
    processing.events.publish(events)
    received = processing.received()
    assert [detail_type for detail_type, _ in received] == ["ArticleRejected"] * 12
    assert sorted(detail["url"] for _, detail in received) == sorted(
        f"{URL}/{n}" for n in range(12)
    )


def test_health_counters_add_up_per_source_and_day(processing: Processing) -> None:
    health, day = processing.health, T0.date()
    added = health.add("example", day, {"pages": 1, "articles": 1}, {"missing:authors:0": "a1"})
    assert added == {"pages": 1, "articles": 1}
    after = health.add(
        "example", day, {"pages": 1, "outcome:article": 1}, {"missing:authors:1": "a2"}
    )
    assert after == {"pages": 2, "outcome:article": 1}
    health.add("example", day - timedelta(days=3), {"pages": 5}, {})
    health.add("other", day, {"pages": 7}, {})
    stored = health.days("example", day - timedelta(days=7), day)
    assert [d.day for d in stored] == [day - timedelta(days=3), day]
    assert stored[1].counters == {"pages": 2, "articles": 1, "outcome:article": 1}
    assert {k: sorted(v) for k, v in stored[1].samples.items()} == {"authors": ["a1", "a2"]}
    assert health.days("example", day + timedelta(days=1), day + timedelta(days=2)) == []


def test_drift_is_claimed_once_per_source_field_and_day(processing: Processing) -> None:
    health, day = processing.health, T0.date()
    drop = SourceDegraded(
        source_id="example", field="authors", day=day, baseline=0.9, observed=0.1, articles=20
    )
    assert health.claim_drift(drop)
    assert not health.claim_drift(drop.model_copy(update={"observed": 0.0}))
    assert health.claim_drift(drop.model_copy(update={"field": "title"}))
    earlier = drop.model_copy(update={"day": day - timedelta(days=2)})
    assert health.claim_drift(earlier)
    assert health.drift("example", day - timedelta(days=1), day) == [
        drop,
        drop.model_copy(update={"field": "title"}),
    ]
    assert health.drift("example", day - timedelta(days=2), day)[0] == earlier
    assert health.drift("other", day - timedelta(days=9), day) == []
