"""What the use cases need from storage, as Protocols, and the values they exchange."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from pydantic import BaseModel

from newsflow.models import Article, OutcomeKind
from newsflow.models.events import EventType


class PageMetadata:
    """S3 user-metadata keys of a page object (`x-amz-meta-<key>`): the fetcher writes all of
    them on raw/ objects; an upload may set `url` and `source`."""

    URL = "url"  # the URL that was requested
    FINAL_URL = "final-url"  # after redirects
    SOURCE = "source"  # the source id
    FETCHED_AT = "fetched-at"  # ISO 8601 with offset; default: the object's LastModified


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


@dataclass(frozen=True)
class UrlRecord:
    """The URL registry entry: the last outcome of a URL and the article it resolved to."""

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


@dataclass(frozen=True)
class OutgoingEvent:
    """One event for the bus: its detail-type and its versioned detail model."""

    detail_type: EventType
    detail: BaseModel


class ObjectStore(Protocol):
    """The bucket: raw pages in, versioned article JSON out."""

    @property
    def bucket(self) -> str: ...

    def get(self, key: str, *, max_bytes: int) -> StoredObject | None:
        """The object, None when it no longer exists; over `max_bytes` the body is not read."""
        ...

    def put_article(self, key: str, body: bytes, *, content_hash: str) -> None: ...

    def list_keys(self, prefix: str, *, modified_since: datetime | None = None) -> Iterator[str]:
        """Keys under `prefix` in key order, optionally only those modified since a time."""
        ...


class ArticleRepository(Protocol):
    """The table: article index and version items, URL registry."""

    def get_article(self, article_id: str) -> ArticleState | None: ...

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
    clock: Callable[[], datetime] = field(default=utc_now)
