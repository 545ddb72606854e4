"""What the use cases need from storage, as Protocols, and the values they exchange."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from newsflow.models.source import FetchTask

if TYPE_CHECKING:
    # Named in annotations only: a function that never lists stories or sources does not
    # load the Query API's models, nor fetch and discover the Article's (cold start, issue 14).
    from newsflow.models import Article, OutcomeKind, Source
    from newsflow.models.api import SourceRun
    from newsflow.models.events import EventType
    from newsflow.models.health import SourceDegraded
    from newsflow.models.raw_page import RawPage
    from newsflow.models.stories import StorySummary


@dataclass(frozen=True)
class StoredObject:
    """An object read from the bucket; `body` stays empty when it is over the size limit."""

    key: str
    body: bytes
    size: int
    metadata: Mapping[str, str]
    content_type: str | None
    last_modified: datetime
    too_large: bool = False


@dataclass(frozen=True)
class ArticleState:
    """The article index item: the current version and how far it has been announced."""

    article_id: str
    version: int
    announced_version: int
    lease_until: int  # epoch seconds; the writer of `version` owns its announcement until then
    content_hash: str
    field_hashes: Mapping[str, str]
    changed_fields: tuple[str, ...]
    fetched_at: datetime
    outcome: OutcomeKind
    url: str
    raw_key: str
    created_at: datetime
    story_id: str | None = None
    story_size: int | None = None
    story_similarity: float | None = None


@dataclass(frozen=True)
class UrlRecord:
    """The URL outcome item (processing): the last outcome of a URL and the article it
    resolved to (not discovery's URL registry item)."""

    url: str
    outcome: str
    reason: str
    raw_key: str
    source_id: str | None
    article_id: str | None
    fetched_at: datetime
    now: datetime


@dataclass(frozen=True)
class VersionCommit:
    """Everything one conditional write of a new version needs."""

    article: Article
    version: int
    previous: ArticleState | None
    changed_fields: tuple[str, ...]
    field_hashes: Mapping[str, str]
    article_key: str
    raw_key: str
    url_record: UrlRecord
    lease_until: int
    now: datetime
    story: StoryWrite | None = None


# -- stories: near-duplicate grouping (docs/stories.md) -------------------------------------------


@dataclass(frozen=True)
class Band:
    """An LSH band item: the stories whose first copy has this band value (read or to write)."""

    key: str
    stories: tuple[str, ...]
    revision: int  # 0: not stored; each write adds 1 and is conditional on the one read


@dataclass(frozen=True)
class StoryHead:
    """A story item: its first copy's signature and time, and how many copies it has."""

    story_id: str  # the article id of its first copy
    signature: bytes
    first_at: datetime  # the first copy's publication time (else its fetch time)
    size: int
    title: str | None = None
    source_id: str | None = None


@dataclass(frozen=True)
class StoryCount:
    """A change of a story's size, conditional on the size that was read."""

    story_id: str
    seen: int
    size: int


@dataclass(frozen=True)
class StoryWrite:
    """The story part of a version commit, written in the same transaction: the story the
    version belongs to, and the story items that change (each conditional on what was read, so
    a concurrent writer makes the commit lose and decide again)."""

    story_id: str
    story_size: int  # copies of the story when the article joined it (itself included)
    similarity: float  # estimated Jaccard with the story's first copy
    joined: StoryCount | None = None
    left: StoryCount | None = None
    founded: StoryHead | None = None
    bands: tuple[Band, ...] = ()


class StoryRepository(Protocol):
    """The table's band and story items, read for grouping (writes go with the commit)."""

    def read_bands(self, keys: Sequence[str]) -> dict[str, Band]:
        """The stored ones among `keys` (at most 100): one BatchGetItem."""
        ...

    def read_stories(self, story_ids: Sequence[str]) -> dict[str, StoryHead]:
        """The stored ones among `story_ids` (at most 100): one BatchGetItem."""
        ...


@dataclass(frozen=True)
class OutgoingEvent:
    """One event for the bus: its detail-type and its versioned detail model."""

    detail_type: EventType
    detail: BaseModel


class ObjectStore(Protocol):
    """The bucket: raw pages in, versioned article JSON out."""

    @property
    def bucket(self) -> str: ...

    def get_page(self, key: str, *, max_bytes: int) -> RawPage | None:
        """The page under raw/ or uploads/, None when it no longer exists; `unreadable` when
        it is over `max_bytes` as served (then not read past the limit) or corrupt."""
        ...

    def page_source(self, key: str) -> str | None:
        """The source id the page's metadata names; None when none or the page is gone."""
        ...

    def put_article(self, key: str, body: bytes, *, content_hash: str) -> None: ...

    def list_keys(self, prefix: str, *, modified_since: datetime | None = None) -> Iterator[str]:
        """Keys under `prefix` in key order, optionally only those modified since a time."""
        ...


class ArticleRepository(Protocol):
    """The table: article index and version items, URL outcome items."""

    def get_article(self, article_id: str) -> ArticleState | None: ...

    def page_sequence(self, raw_key: str) -> int:
        """A stored page's number (1, 2, ...), given the first time it is asked for and the
        same ever after: orders pages whose fetch times tie, in the order they were met."""
        ...

    def commit_version(self, commit: VersionCommit) -> bool:
        """Write index, version and URL items at once; False when another writer got there
        first (the index item is no longer at `commit.previous`)."""
        ...

    def claim_announcement(
        self, article_id: str, version: int, *, lease_until: int, now: int
    ) -> bool:
        """Take over an unannounced version whose writer's lease expired; True if taken."""
        ...

    def mark_announced(self, article_id: str, version: int) -> None: ...

    def record_url(self, record: UrlRecord) -> None: ...

    def claim_rejection(self, record: UrlRecord, *, lease_until: int, now: int) -> bool:
        """Record a rejection; True when it is new for the URL and this caller announces it."""
        ...

    def mark_rejection_announced(self, url: str, outcome: str) -> None: ...


class EventPublisher(Protocol):
    """The bus."""

    def publish(self, events: Sequence[OutgoingEvent]) -> None:
        """Put every event or raise; never silently drop one."""
        ...


def utc_now() -> datetime:
    """The wall clock, timezone-aware."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Ports:
    """The adapters a use case runs on; tests pass moto-backed or in-memory ones."""

    objects: ObjectStore
    articles: ArticleRepository
    events: EventPublisher
    stories: StoryRepository
    clock: Callable[[], datetime] = field(default=utc_now)
    health: HealthStore | None = None  # per-source daily counters; None: not counted


# -- scraping: discover and fetch ---------------------------------------------------------------

# BatchGetItem takes at most 100 keys: discovery checks URLs against the registry in such chunks.
REGISTRY_LOOKUP_BATCH = 100


class FetchMessage(FetchTask):
    """A FetchQueue message: the task plus the politeness its source asks for."""

    min_delay_seconds: float | None = Field(
        default=None, ge=0, description="The source's delay between two requests to a host."
    )
    requeues: int = Field(default=0, ge=0, description="Times it was put back rate-limited.")


class SourceMessage(BaseModel):
    """A DiscoverQueue message: discover this source now."""

    model_config = ConfigDict(defer_build=True)

    source_id: str = Field(min_length=1)


@dataclass(frozen=True)
class KnownUrl:
    """What the URL registry holds about a URL discovery has seen before."""

    url: str
    queued_at: datetime
    fetched_at: datetime | None = None
    requeued_for: datetime | None = None  # the feed's updated time it was last re-queued for
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchRecord:
    """The outcome of one fetch, as recorded on the URL."""

    url: str
    source_id: str
    outcome: str
    reason: str
    fetched_at: datetime
    final_url: str
    status: int | None
    robots_verdict: str | None
    robots_allowed: bool | None
    etag: str | None
    last_modified: str | None
    raw_key: str | None
    attempt: int


class UrlRegistry(Protocol):
    """Which article URLs were queued and what fetching them gave (one item a URL)."""

    def lookup(self, urls: Sequence[str]) -> dict[str, KnownUrl]:
        """The known ones among `urls` (at most REGISTRY_LOOKUP_BATCH), read consistently,
        keyed by the URL as asked: a URL is known when one with its normalised key
        (normalize_url) was registered, however that one was spelled."""
        ...

    def register(self, url: str, *, source_id: str, found_in: str, now: datetime) -> bool:
        """Claim a new URL; False when another run or worker registered it first."""
        ...

    def claim_refetch(self, known: KnownUrl, *, updated_at: datetime, now: datetime) -> bool:
        """Claim re-queueing a fetched URL its feed says changed; False when another did."""
        ...

    def record_fetch(self, record: FetchRecord) -> None: ...


@dataclass(frozen=True)
class DocumentState:
    """The validators of a feed or sitemap from its last complete read."""

    url: str
    etag: str | None
    last_modified: str | None
    checked_at: datetime


class DocumentStates(Protocol):
    """Per-source validators of its feeds and sitemaps, for conditional GETs."""

    def load(self, source_id: str) -> dict[str, DocumentState]:
        """Every document state of a source (one Query)."""
        ...

    def save(self, source_id: str, state: DocumentState) -> None: ...


class DiscoverSchedule(Protocol):
    """When each source is next due for discovery."""

    def next_due(self) -> dict[str, datetime]:
        """Next due time per source that ever ran (one paginated Query)."""
        ...

    def claim(self, source_id: str, *, now: datetime, next_due: datetime) -> bool:
        """Mark a due source dispatched until `next_due`; False when someone else did."""
        ...


class TaskQueue(Protocol):
    """The FetchQueue."""

    def send(self, messages: Sequence[FetchMessage], *, delay_seconds: int = 0) -> None:
        """Send every message or raise."""
        ...


class SourceQueue(Protocol):
    """The DiscoverQueue: one message a source to discover."""

    def send(self, source_ids: Sequence[str]) -> None:
        """Send every message or raise."""
        ...


class RawPageStore(Protocol):
    """The bucket's raw/ prefix."""

    def put_raw(self, key: str, page: RawPage) -> None:
        """Store a fetched page (the format is the adapter's: storage/raw_pages.py)."""
        ...


# -- query ------------------------------------------------------------------------------


class Facet(StrEnum):
    """A family of article index partitions, each a GSI sorted by time (docs/architecture.md,
    "Table"). `ALL` and `UPDATED` hold every article, spread over a fixed number of shards
    that a page reads side by side and merges; the others hold one partition per value."""

    ALL = "all"  # every article, newest first (ByPublished)
    SOURCE = "source"
    LANGUAGE = "language"
    SECTION = "section"
    STORY = "story"  # the copies of one story (docs/stories.md)
    UPDATED = "updated"  # every article by its last index change, oldest first (ByUpdated)


@dataclass(frozen=True)
class IndexRecord:
    """An article index item as the API reads it."""

    article_id: str
    version: int
    announced_version: int
    url: str
    updated_at: datetime
    title: str | None = None
    canonical_url: str | None = None
    source_id: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    section: str | None = None
    changed_fields: tuple[str, ...] = ()
    tdm_reserved: bool | None = None  # the rights record's TDMRep reservation


@dataclass(frozen=True)
class IndexEntry:
    """A record and its sort key in the index it was read from (unique: time, then id)."""

    record: IndexRecord
    key: str


@dataclass(frozen=True)
class IndexSlice:
    """What one Query returned, in the listing's order; `more` when the partition may hold
    items after the last one (DynamoDB's LastEvaluatedKey)."""

    entries: list[IndexEntry]
    more: bool


@dataclass(frozen=True)
class VersionRecord:
    """A version item."""

    version: int
    changed_fields: tuple[str, ...]
    content_hash: str
    article_key: str
    created_at: datetime
    extractor_version: str | None = None


class ArticleIndex(Protocol):
    """Reads of the article index; each list or get method is one Query or one GetItem."""

    def partitions(self, facet: Facet, value: str) -> tuple[str, ...]:
        """The partitions that together hold `facet`'s listing (no I/O): the shards of `ALL`
        and `UPDATED`, else `value` alone."""
        ...

    def is_sort_key(self, key: str) -> bool:
        """Whether `key` has the shape of a listing's sort key (no I/O): a cursor resumes
        only after one."""
        ...

    def list_published(
        self,
        facet: Facet,
        partition: str,
        *,
        lower: datetime | None,
        upper: datetime | None,
        undated: bool,
        after: str | None,
        limit: int,
    ) -> IndexSlice:
        """Newest first within [lower, upper] (second precision, both inclusive), strictly
        after sort key `after`; with `undated`, articles without a date follow the dated."""
        ...

    def list_updated(
        self, partition: str, *, since: datetime, after: str | None, limit: int
    ) -> IndexSlice:
        """Articles whose index changed at or after `since`, oldest first, strictly after
        sort key `after`."""
        ...

    def get_index(self, article_id: str) -> IndexRecord | None: ...

    def get_version(self, article_id: str, version: int) -> VersionRecord | None: ...

    def list_versions(
        self, article_id: str, *, after: int, limit: int
    ) -> tuple[list[VersionRecord], bool]:
        """Versions above `after`, oldest first, and whether more follow."""
        ...


class ArticleObjects(Protocol):
    """The bucket's stored articles."""

    def get(self, key: str, *, max_bytes: int) -> StoredObject | None: ...

    def presigned_get(self, key: str, *, expires_in: int) -> str:
        """A URL that downloads the object without credentials until it expires."""
        ...


# -- sources ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredSource:
    """A source configuration item."""

    source: Source
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class SourceRunStats:
    """The run item of a source: its last run and outcome totals over every run."""

    last_run: SourceRun | None
    totals: Mapping[str, int]


class SourceRepository(Protocol):
    """Source items in the table (storage.sources); each method one DynamoDB call."""

    def put(
        self, source: Source, *, now: datetime, create_only: bool
    ) -> tuple[StoredSource, bool] | None:
        """Create or replace, and whether it was created; None when `create_only` and the
        source exists."""
        ...

    def get(self, source_id: str) -> StoredSource | None: ...

    def list_page(self, *, after: str | None, limit: int) -> tuple[list[StoredSource], bool]:
        """Sources in id order after `after`, and whether more follow."""
        ...

    def delete(self, source_id: str) -> bool:
        """Remove the source and its run statistics; False when there was no such source."""
        ...

    def get_run_stats(self, source_id: str) -> SourceRunStats | None: ...

    def record_run(
        self,
        source_id: str,
        *,
        started_at: datetime,
        finished_at: datetime,
        counts: Mapping[str, int],
    ) -> None:
        """Store a run as the last one and add its counts to the totals."""
        ...


# -- stories ----------------------------------------------------------------------------


Position = Mapping[str, Any]


@dataclass(frozen=True)
class StoryPart:
    """What one Query returned: the rows, and where the next one resumes (None: no more)."""

    rows: list[Any]
    resume: Position | None


class StoryIndex(Protocol):
    """Reads of story items and of the ByStory and StoriesByDay indexes."""

    def get_story(self, story_id: str) -> StorySummary | None:
        """One GetItem."""
        ...

    def list_copies(self, story_id: str, *, after: Position | None, limit: int) -> StoryPart:
        """Announced copies (StoryCopy rows), oldest first: one Query."""
        ...

    def list_day(self, day: date, *, after: Position | None, limit: int) -> StoryPart:
        """Stories (StorySummary rows) whose first copy appeared on `day`, largest first."""
        ...


# -- health -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCounts:
    """One source-day item as stored: counters by name, sample ids by `field` and slot."""

    day: date
    counters: Mapping[str, int]
    samples: Mapping[str, Sequence[str]]


class HealthStore(Protocol):
    """Where the counters live (storage.source_health)."""

    def add(
        self, source_id: str, day: date, counters: Mapping[str, int], samples: Mapping[str, str]
    ) -> Mapping[str, int]:
        """ADD the counters, SET the sample slots; returns the day's counters after it."""
        ...

    def days(self, source_id: str, first: date, last: date) -> list[DayCounts]:
        """The stored days in [first, last], oldest first (days without pages are absent)."""
        ...

    def claim_drift(self, event: SourceDegraded) -> bool:
        """Record the event once per source, field and day; False when already there."""
        ...

    def drift(self, source_id: str, first: date, last: date) -> list[SourceDegraded]:
        """The recorded drift events of the days in [first, last]."""
        ...
