"""In-memory adapters of the processing path's ports (services/ports.py `Ports`): the bucket's
pages and articles, the table's article, URL, page, band and story items, the event bus and the
source health counters.

They keep the rules the S3, DynamoDB and EventBridge adapters keep, which
tests/integration/test_port_contracts.py runs on both: a page over the reader's limit comes back
`too_large` and unread; a version commit writes all of its items or none, and loses (False) when
the index item, a story's size or a band moved since it was read; an announcement or a rejection
is claimed by one caller only, and an older fetch never claims over a newer one; times are kept
as the table spells them (storage/table.py `stamp`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from newsflow.models import OutcomeKind
from newsflow.models.health import SourceDegraded
from newsflow.models.raw_page import RawPage
from newsflow.services.ports import (
    ArticleState,
    Band,
    DayCounts,
    OutgoingEvent,
    Ports,
    StoryHead,
    StoryWrite,
    UrlRecord,
    VersionCommit,
)
from newsflow.storage.table import parse_stamp, stamp

# One BatchGetItem reads at most this many keys (storage/stories.py keeps the same bound).
BATCH_LIMIT = 100


def as_stored(moment: datetime) -> datetime:
    """A time as the table keeps it: written with storage/table.py's one format, read back."""
    return parse_stamp(stamp(moment))


@dataclass
class InMemoryBucket:
    """ObjectStore and RawPageStore: pages as RawPages (the S3 format is the S3 adapter's
    concern, tested on moto), articles as the bytes written, each with its write time."""

    bucket: str = "newsflow-test-bucket"
    pages: dict[str, RawPage] = field(default_factory=dict)
    articles: dict[str, bytes] = field(default_factory=dict)
    modified: dict[str, datetime] = field(default_factory=dict)

    def put_raw(self, key: str, page: RawPage) -> None:
        self.put_page(key, page)

    def put_page(self, key: str, page: RawPage) -> None:
        """Store a page under raw/ or uploads/ (a fetched page or an upload)."""
        self.pages[key] = page
        self.modified[key] = datetime.now(UTC)

    def get_page(self, key: str, *, max_bytes: int) -> RawPage | None:
        page = self.pages.get(key)
        if page is None or len(page.body) <= max_bytes:
            return page
        reason = f"{len(page.body)} bytes > limit {max_bytes}"
        return replace(page, body=b"", unreadable=OutcomeKind.TOO_LARGE, reason=reason)

    def page_source(self, key: str) -> str | None:
        page = self.pages.get(key)
        return None if page is None else (page.source_id or "").strip() or None

    def put_article(self, key: str, body: bytes, *, content_hash: str) -> None:
        self.articles[key] = body
        self.modified[key] = datetime.now(UTC)

    def list_keys(self, prefix: str, *, modified_since: datetime | None = None) -> Iterator[str]:
        for key in sorted(self.modified):
            if key.startswith(prefix) and (
                modified_since is None or self.modified[key] >= modified_since
            ):
                yield key


@dataclass
class InMemoryEventBus:
    """EventPublisher: every event published, in order; while `outage` is set, publishing
    raises it and puts nothing (a bus that cannot be reached)."""

    published: list[OutgoingEvent] = field(default_factory=list)
    outage: Exception | None = None

    def publish(self, events: Sequence[OutgoingEvent]) -> None:
        if self.outage is not None:
            raise self.outage
        self.published.extend(events)

    def detail_types(self) -> list[str]:
        """The detail-type of each event published so far, in order."""
        return [event.detail_type.value for event in self.published]


@dataclass
class StoredUrl:
    """A URL registry item: the record, and its announcement claim."""

    record: UrlRecord
    lease_until: int | None = None
    announced_outcome: str | None = None


@dataclass
class InMemoryTable:
    """ArticleRepository and StoryRepository on one store, as on the one table: a version
    commit writes the index, version, URL and story items together, under a lock."""

    articles: dict[str, ArticleState] = field(default_factory=dict)
    versions: dict[tuple[str, int], VersionCommit] = field(default_factory=dict)
    urls: dict[str, StoredUrl] = field(default_factory=dict)
    page_numbers: dict[str, int] = field(default_factory=dict)
    bands: dict[str, Band] = field(default_factory=dict)
    stories: dict[str, StoryHead] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    # -- ArticleRepository

    def get_article(self, article_id: str) -> ArticleState | None:
        with self._lock:
            return self.articles.get(article_id)

    def page_sequence(self, raw_key: str) -> int:
        with self._lock:
            return self.page_numbers.setdefault(raw_key, len(self.page_numbers) + 1)

    def commit_version(self, commit: VersionCommit) -> bool:
        article_id = commit.article.article_id
        with self._lock:
            current = self.articles.get(article_id)
            previous = commit.previous
            if (current is None) != (previous is None) or (
                current is not None and previous is not None and current.version != previous.version
            ):
                return False
            if (article_id, commit.version) in self.versions:
                return False
            if commit.story is not None and not self._story_holds(commit.story):
                return False
            self.articles[article_id] = _state(commit)
            self.versions[(article_id, commit.version)] = commit
            self.urls[commit.url_record.url] = StoredUrl(_record(commit.url_record))
            if commit.story is not None:
                self._write_story(commit.story)
        return True

    def claim_announcement(
        self, article_id: str, version: int, *, lease_until: int, now: int
    ) -> bool:
        with self._lock:
            state = self.articles.get(article_id)
            if state is None or state.version != version or state.announced_version >= version:
                return False
            if state.lease_until >= now:
                return False
            self.articles[article_id] = replace(state, lease_until=lease_until)
        return True

    def mark_announced(self, article_id: str, version: int) -> None:
        with self._lock:
            state = self.articles.get(article_id)
            if state is not None and state.version == version > state.announced_version:
                self.articles[article_id] = replace(state, announced_version=version, lease_until=0)

    def record_url(self, record: UrlRecord) -> None:
        with self._lock:
            self.urls[record.url] = StoredUrl(_record(record))  # a whole new item, as PutItem

    def claim_rejection(self, record: UrlRecord, *, lease_until: int, now: int) -> bool:
        record = _record(record)
        with self._lock:
            stored = self.urls.get(record.url)
            if stored is not None and not _rejection_claimable(stored, record, now):
                return False
            announced = None if stored is None else stored.announced_outcome
            self.urls[record.url] = StoredUrl(record, lease_until, announced)
        return True

    def mark_rejection_announced(self, url: str, outcome: str) -> None:
        with self._lock:
            stored = self.urls.get(url)
            if stored is not None and stored.record.outcome == outcome:
                self.urls[url] = StoredUrl(stored.record, None, outcome)

    # -- StoryRepository

    def read_bands(self, keys: Sequence[str]) -> dict[str, Band]:
        with self._lock:
            return {key: self.bands[key] for key in _batch(keys) if key in self.bands}

    def read_stories(self, story_ids: Sequence[str]) -> dict[str, StoryHead]:
        with self._lock:
            return {i: self.stories[i] for i in _batch(story_ids) if i in self.stories}

    def _story_holds(self, story: StoryWrite) -> bool:
        """Whether every story item the commit changes is still as grouping read it."""
        if story.founded is not None and story.founded.story_id in self.stories:
            return False
        for count in (story.joined, story.left):
            if count is not None:
                head = self.stories.get(count.story_id)
                if head is None or head.size != count.seen:
                    return False
        for band in story.bands:
            stored = self.bands.get(band.key)
            read = 0 if stored is None else stored.revision
            if read != band.revision - 1:
                return False
        return True

    def _write_story(self, story: StoryWrite) -> None:
        if story.founded is not None:
            head = story.founded
            self.stories[head.story_id] = replace(head, first_at=as_stored(head.first_at))
        for count in (story.joined, story.left):
            if count is not None:
                self.stories[count.story_id] = replace(
                    self.stories[count.story_id], size=count.size
                )
        for band in story.bands:
            self.bands[band.key] = band


def _batch(keys: Sequence[str]) -> list[str]:
    unique = list(dict.fromkeys(keys))
    if len(unique) > BATCH_LIMIT:
        raise ValueError(f"{len(unique)} keys: one BatchGetItem reads at most {BATCH_LIMIT}")
    return unique


def _record(record: UrlRecord) -> UrlRecord:
    return replace(record, fetched_at=as_stored(record.fetched_at), now=as_stored(record.now))


def _rejection_claimable(stored: StoredUrl, record: UrlRecord, now: int) -> bool:
    """A new outcome for the URL claims unless it comes from an older fetch; the same one only
    if it was never announced and its writer's lease ran out (storage/articles.py)."""
    if stored.record.fetched_at > record.fetched_at:
        return False
    if stored.record.outcome != record.outcome:
        return True
    never_announced = stored.announced_outcome != record.outcome
    lease_over = stored.lease_until is None or stored.lease_until < now
    return never_announced and lease_over


def _state(commit: VersionCommit) -> ArticleState:
    article, previous, story = commit.article, commit.previous, commit.story
    return ArticleState(
        article_id=article.article_id,
        version=commit.version,
        announced_version=previous.announced_version if previous else 0,
        lease_until=commit.lease_until,
        content_hash=article.content_hash,
        field_hashes=dict(commit.field_hashes),
        changed_fields=tuple(commit.changed_fields),
        fetched_at=article.fetched_at,
        outcome=article.outcome.kind,
        url=article.url,
        raw_key=commit.raw_key,
        created_at=previous.created_at if previous else as_stored(commit.now),
        story_id=article.story_id,
        story_size=article.story_size,
        story_similarity=round(story.similarity, 4) if story else None,
    )


@dataclass
class StoredDay:
    """One source-day of counters and sample slots."""

    counters: dict[str, int] = field(default_factory=dict)
    slots: dict[str, str] = field(default_factory=dict)


@dataclass
class InMemoryHealthStore:
    """HealthStore: counters added per source and UTC day, drift events claimed once."""

    stored: dict[tuple[str, date], StoredDay] = field(default_factory=dict)
    drift_events: dict[tuple[str, date, str], SourceDegraded] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(
        self, source_id: str, day: date, counters: Mapping[str, int], samples: Mapping[str, str]
    ) -> Mapping[str, int]:
        with self._lock:
            stored = self.stored.setdefault((source_id, day), StoredDay())
            for name, amount in counters.items():
                stored.counters[name] = stored.counters.get(name, 0) + amount
            stored.slots.update(samples)
            return {name: stored.counters[name] for name in counters}

    def days(self, source_id: str, first: date, last: date) -> list[DayCounts]:
        with self._lock:
            found = sorted(
                (day, stored)
                for (source, day), stored in self.stored.items()
                if source == source_id and first <= day <= last
            )
        return [
            DayCounts(day=day, counters=dict(s.counters), samples=_samples(s)) for day, s in found
        ]

    def claim_drift(self, event: SourceDegraded) -> bool:
        key = (event.source_id, event.day, event.field)
        with self._lock:
            if key in self.drift_events:
                return False
            self.drift_events[key] = event
        return True

    def drift(self, source_id: str, first: date, last: date) -> list[SourceDegraded]:
        with self._lock:
            found = sorted(
                (key, event)
                for key, event in self.drift_events.items()
                if key[0] == source_id and first <= key[1] <= last
            )
        return [event for _, event in found]


def _samples(day: StoredDay) -> dict[str, list[str]]:
    """Sample ids by field: slot `missing:<field>:<n>` holds one (storage/source_health.py)."""
    samples: dict[str, list[str]] = {}
    for slot, article_id in day.slots.items():
        if slot.startswith("missing:"):
            samples.setdefault(slot.split(":")[1], []).append(article_id)
    return samples


@dataclass
class FakeClock:
    """A clock the tests move forward (lease expiry) instead of sleeping."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


FETCHED_AT = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


@dataclass
class InMemoryStack:
    """The processing path on the in-memory adapters, with the helpers of the moto stack
    (tests/support/aws_stack.py `Stack`) that do not depend on how AWS stores things: put a
    page, read what was announced and written."""

    clock: FakeClock = field(default_factory=FakeClock)
    bucket: InMemoryBucket = field(default_factory=InMemoryBucket)
    table: InMemoryTable = field(default_factory=InMemoryTable)
    bus: InMemoryEventBus = field(default_factory=InMemoryEventBus)
    health: InMemoryHealthStore = field(default_factory=InMemoryHealthStore)

    @property
    def ports(self) -> Ports:
        return Ports(
            objects=self.bucket,
            articles=self.table,
            events=self.bus,
            stories=self.table,
            clock=self.clock,
            health=self.health,
        )

    def put_page(
        self,
        key: str,
        body: bytes,
        *,
        url: str | None = None,
        fetched_at: datetime = FETCHED_AT,
        source_id: str | None = "example",
    ) -> None:
        """A page as a fetch or an upload leaves it (`url` None: an upload naming none)."""
        page = RawPage(
            body=body,
            url=url or "",
            fetched_at=fetched_at,
            source_id=source_id,
            content_type="text/html",
        )
        self.bucket.put_page(key, page)

    def events(self) -> list[dict[str, Any]]:
        """Every event published so far, as the bus delivers them (detail-type, JSON detail)."""
        return [
            {"detail-type": e.detail_type.value, "detail": e.detail.model_dump(mode="json")}
            for e in self.bus.published
        ]

    def keys(self, prefix: str) -> list[str]:
        return list(self.bucket.list_keys(prefix))

    def read_json(self, key: str) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.bucket.articles[key])
        return parsed
