"""Query API use cases: article pages from the table's indexes, one article from S3, versions."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict, Field

from newsflow.models import Article
from newsflow.models.api import (
    ArticleDetail,
    ArticleLink,
    ArticlePage,
    ArticleSummary,
    VersionPage,
    VersionSummary,
)
from newsflow.services.ports import StoredObject, utc_now

CURSOR_VERSION = 1
ARTICLE_ID = re.compile(r"[0-9a-f]{32}")  # newsflow.urls.article_id_for: 32 hex of a SHA-256
# A clock a little ahead of ours still lists everything: fetchers stamp pages with their own.
_CLOCK_SLACK = timedelta(days=1)


class InvalidRequestError(ValueError):
    """The request cannot be served as asked (HTTP 400); the message says why."""


class ResourceNotFoundError(LookupError):
    """The article, version or source does not exist (HTTP 404)."""


class ConflictError(RuntimeError):
    """The request contradicts what is stored, e.g. creating a source that exists (HTTP 409)."""


class Facet(StrEnum):
    """A partition family of the article index, each a GSI keyed for newest-first listing."""

    SOURCE = "source"
    LANGUAGE = "language"
    SECTION = "section"
    MONTH = "month"
    STORY = "story"  # the copies of one story (docs/stories.md)


class PartitionFamily(StrEnum):
    """The indexes whose listings walk many partitions; the table keeps a directory of the
    partitions each holds, so a walk skips empty months and days without querying them."""

    MONTH = "MONTH"  # ByMonth, "YYYY-MM", newest first
    UPDATED_DAY = "UPDATED"  # ByUpdatedDay, "YYYY-MM-DD", oldest first


Position = Mapping[str, str]


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
    """A record and where a Query resumes after it (its key in that index)."""

    record: IndexRecord
    position: Position


@dataclass(frozen=True)
class IndexSlice:
    """What one Query returned; `more` when the partition holds items after the last one."""

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
    """Reads of the article index; each method is one GetItem or one Query."""

    def list_published(
        self,
        facet: Facet,
        value: str,
        *,
        lower: datetime | None,
        upper: datetime | None,
        after: Position | None,
        limit: int,
    ) -> IndexSlice:
        """Newest first within [lower, upper] (second precision, both inclusive)."""
        ...

    def list_updated(
        self, day: date, *, since: datetime, after: Position | None, limit: int
    ) -> IndexSlice:
        """Articles whose index changed on `day` (UTC) at or after `since`, oldest first."""
        ...

    def list_partitions(
        self, family: PartitionFamily, *, start: str, stop: str, limit: int
    ) -> list[str]:
        """Partitions of `family` that ever held an article, from `start` to `stop` (both
        inclusive; newest first when `start` > `stop`), at most `limit` of them: one Query."""
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


class QueryLimits(BaseModel):
    """Bounds of every request; the Query API reads each from `NEWSFLOW_API_<NAME>`
    (`newsflow.config.ApiSettings`)."""

    model_config = ConfigDict(frozen=True)

    max_limit: ClassVar[int] = 100  # the largest page a client may ask for
    default_limit: int = Field(default=20, ge=1, le=100, description="Page size when none given.")
    max_queries_per_page: int = Field(
        default=8,
        ge=2,
        le=100,
        description=(
            "DynamoDB Query calls one list page may make (one reads the partition directory, "
            "the others month or day partitions that hold data); a page that runs out before "
            "it holds `limit` items returns what it has and a cursor."
        ),
    )
    page_seconds: float = Field(
        default=2.0,
        gt=0,
        le=20,
        description=(
            "Time budget of one list page: no further Query starts after it (API Gateway "
            "gives up at 29 s); a page cut short returns what it has and a cursor."
        ),
    )
    oldest_month: str = Field(
        default="2000-01",
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description=(
            "The oldest month partition a listing without source, language or section reads "
            "(the table's partition directory already skips months without articles)."
        ),
    )
    max_sync_days: int = Field(
        default=366, ge=1, le=3660, description="How far back `updated_since` may reach."
    )
    inline_article_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        description=(
            "Stored article JSON up to this size is returned inline; a larger one as a "
            "presigned S3 link, so the response stays under Lambda's 6 MB (JSON escaping "
            "can grow text up to 4x)."
        ),
    )
    link_expiry_seconds: int = Field(
        default=900, ge=60, le=43200, description="Lifetime of a presigned article link."
    )


class CursorCodec:
    """Opaque, tamper-evident page cursors: base64url(JSON) '.' base64url(HMAC-SHA256).

    The payload carries a digest of the query's shape (route and filters), so a cursor
    replayed with other filters is refused rather than served as a page of another query.
    """

    def __init__(self, key: bytes) -> None:
        self._key = key

    def encode(self, shape: Mapping[str, object], position: Mapping[str, object]) -> str:
        payload = _canonical({"v": CURSOR_VERSION, "q": _digest(shape), "p": position})
        return f"{_b64(payload)}.{_b64(self._mac(payload))}"

    def decode(self, cursor: str, shape: Mapping[str, object]) -> dict[str, Any]:
        """The position stored in `cursor`; InvalidRequestError when forged, altered or foreign."""
        body, _, signature = cursor.partition(".")
        try:
            payload = _unb64(body)
            mac = _unb64(signature)
        except (binascii.Error, ValueError) as exc:
            raise InvalidRequestError("cursor is not a cursor this API issued") from exc
        if not hmac.compare_digest(mac, self._mac(payload)):
            raise InvalidRequestError("cursor is not a cursor this API issued (or was altered)")
        data = json.loads(payload)
        if data.get("v") != CURSOR_VERSION or not isinstance(data.get("p"), dict):
            raise InvalidRequestError("cursor is from an older version of the API; start again")
        if not hmac.compare_digest(str(data.get("q")), _digest(shape)):
            raise InvalidRequestError(
                "cursor belongs to another query: repeat the filters of the request that "
                "returned it, or drop the cursor to start from the first page"
            )
        position: dict[str, Any] = data["p"]
        return position

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()


@dataclass(frozen=True)
class ArticleFilters:
    """The filters of `GET /articles`, as given (the service normalizes them)."""

    source: str | None = None
    language: str | None = None
    section: str | None = None
    published_from: datetime | None = None
    published_to: datetime | None = None
    updated_since: datetime | None = None
    story: str | None = None
    # Applied to what the index returns (no index of its own): combines with every listing;
    # a page may then hold fewer than `limit` items, with a cursor to go on.
    tdm_reserved: bool | None = None


# Which filter combinations an index serves; anything else is refused with this list.
SUPPORTED_COMBINATIONS = (
    "no filter (all articles, newest first)",
    "from and/or to",
    "source, optionally with from and/or to",
    "language, optionally with from and/or to",
    "section, optionally with from and/or to",
    "updated_since alone (oldest update first)",
    "story, optionally with from and/or to",
)


@dataclass
class QueryPorts:
    """What the Query API runs on; tests pass moto-backed adapters."""

    index: ArticleIndex
    objects: ArticleObjects
    codec: CursorCodec
    limits: QueryLimits = field(default_factory=QueryLimits)
    clock: Callable[[], datetime] = field(default=utc_now)
    timer: Callable[[], float] = field(default=time.monotonic)


@dataclass(frozen=True)
class _Walk:
    """A listing as partitions ("buckets") read in order: one facet partition, or the
    months (newest first) or days (oldest first) from `first` to `last` that hold data."""

    facet: Facet | None  # None: the updated-day walk
    first: str
    last: str
    lower: datetime | None = None
    upper: datetime | None = None
    since: datetime | None = None

    @property
    def family(self) -> PartitionFamily | None:
        """The partition directory the walk reads, None for a single facet partition."""
        if self.facet is None:
            return PartitionFamily.UPDATED_DAY
        return PartitionFamily.MONTH if self.facet is Facet.MONTH else None

    def holds(self, bucket: str) -> bool:
        low, high = sorted((self.first, self.last))
        return low <= bucket <= high


@dataclass
class _Page:
    """What a listing has read so far: announced entries and where the walk stands."""

    size: int
    entries: list[tuple[str, IndexEntry]] = field(default_factory=list)
    queries: int = 0

    @property
    def full(self) -> bool:
        # One entry past the page tells that more follow, without another request.
        return len(self.entries) > self.size


def list_articles(
    ports: QueryPorts, filters: ArticleFilters, *, limit: int | None, cursor: str | None
) -> ArticlePage:
    """One page of articles, served by one index: `limit` items whenever that many remain,
    from at most `max_queries_per_page` Queries (one of them the partition directory's) and
    within `page_seconds`, reading at most `limit + 1` index items whatever the table's size.
    `next_cursor` is null when the walk reached its end; a page cut short by its budget
    returns what it has and a cursor."""
    page = _Page(size=_page_size(ports.limits, limit))
    normalized = _normalize(filters)
    walk = _plan(normalized, ports.limits, ports.clock())
    shape = {"route": "articles", **_shape(normalized)}
    if filters.tdm_reserved is not None:  # a cursor serves only the filter it was issued for
        shape["tdm_reserved"] = str(filters.tdm_reserved).lower()
    start, after = walk.first, None
    if cursor:
        start, after = _resume(walk, ports.codec.decode(cursor, shape))
    buckets, beyond = _buckets(ports, walk, start, page)
    deadline = ports.timer() + ports.limits.page_seconds
    index, reads = 0, 0
    while not page.full and index < len(buckets):
        if page.queries >= ports.limits.max_queries_per_page or (
            reads and ports.timer() > deadline  # the first read always happens: progress
        ):
            break
        reads += 1
        want = page.size + 1 - len(page.entries)
        found = _query(ports.index, walk, buckets[index], after, want)
        page.queries += 1
        page.entries.extend(
            (buckets[index], entry)
            for entry in found.entries
            if entry.record.announced_version and _kept(entry.record, filters)
        )
        if found.more and found.entries:
            after = found.entries[-1].position
        else:
            index, after = index + 1, None
    next_cursor: str | None = None
    if page.full:
        del page.entries[page.size :]
        bucket, last = page.entries[-1]
        next_cursor = ports.codec.encode(shape, {"b": bucket, "a": dict(last.position)})
    elif index < len(buckets) or beyond is not None:
        # Out of budget before the page filled: resume where the walk stopped.
        resume = buckets[index] if index < len(buckets) else beyond
        next_cursor = ports.codec.encode(shape, {"b": resume, "a": dict(after) if after else None})
    items = [_summary(entry.record) for _, entry in page.entries]
    return ArticlePage(items=items, next_cursor=next_cursor)


def _buckets(
    ports: QueryPorts, walk: _Walk, start: str, page: _Page
) -> tuple[list[str], str | None]:
    """The partitions this page may read from `start` on, and the first one past them (None
    when they end the walk)."""
    family = walk.family
    if family is None:
        return [start], None
    # One more than the Queries left tells whether the directory holds more partitions.
    room = ports.limits.max_queries_per_page - 1
    found = ports.index.list_partitions(family, start=start, stop=walk.last, limit=room + 1)
    page.queries += 1
    return found[:room], found[room] if len(found) > room else None


def get_article(ports: QueryPorts, article_id: str, version: int | None) -> ArticleDetail:
    """The article (the latest complete version, or `version`) with its index fields; a
    presigned link instead of the body when the stored JSON is too large to return."""
    record = _announced(ports, article_id)
    wanted = record.announced_version if version is None else version
    if wanted > record.announced_version:
        raise ResourceNotFoundError(f"article {article_id} has no version {wanted}")
    stored_version = ports.index.get_version(article_id, wanted)
    if stored_version is None:
        raise ResourceNotFoundError(f"article {article_id} has no version {wanted}")
    limits = ports.limits
    stored = ports.objects.get(stored_version.article_key, max_bytes=limits.inline_article_bytes)
    if stored is None:
        raise ResourceNotFoundError(f"the stored body of article {article_id} v{wanted} is gone")
    summary = _summary(record)
    article: Article | None = None
    link: ArticleLink | None = None
    if stored.too_large:
        link = ArticleLink(
            url=ports.objects.presigned_get(
                stored_version.article_key, expires_in=limits.link_expiry_seconds
            ),
            expires_at=ports.clock() + timedelta(seconds=limits.link_expiry_seconds),
            size=stored.size,
        )
    else:
        article = Article.model_validate_json(stored.body)
    return ArticleDetail(
        **summary.model_dump(),
        requested_version=wanted,
        changed_fields=list(stored_version.changed_fields),
        article=article,
        article_link=link,
    )


def list_versions(
    ports: QueryPorts, article_id: str, *, limit: int | None, cursor: str | None
) -> VersionPage:
    """Versions of an article oldest first (complete ones only), one Query per page."""
    page_size = _page_size(ports.limits, limit)
    record = _announced(ports, article_id)
    shape = {"route": "versions", "article_id": article_id}
    after = 0
    if cursor:
        position = ports.codec.decode(cursor, shape)
        after = position.get("after")  # type: ignore[assignment]
        if not isinstance(after, int) or after < 0:
            raise InvalidRequestError("cursor is not a cursor this API issued")
    versions, more = ports.index.list_versions(article_id, after=after, limit=page_size)
    complete = [v for v in versions if v.version <= record.announced_version]
    next_cursor = None
    if more and complete and len(complete) == len(versions):
        next_cursor = ports.codec.encode(shape, {"after": versions[-1].version})
    items = [
        VersionSummary(
            version=v.version,
            changed_fields=list(v.changed_fields),
            content_hash=v.content_hash,
            extractor_version=v.extractor_version,
            created_at=v.created_at,
        )
        for v in complete
    ]
    return VersionPage(items=items, next_cursor=next_cursor)


def _announced(ports: QueryPorts, article_id: str) -> IndexRecord:
    """The index record of a listed article; ResourceNotFoundError for any other id, whatever
    its shape (an id that is not 32 lowercase hex digits was never issued)."""
    if not ARTICLE_ID.fullmatch(article_id):
        raise ResourceNotFoundError("no such article (article ids are 32 hex digits)")
    record = ports.index.get_index(article_id)
    if record is None or record.announced_version < 1:
        raise ResourceNotFoundError(f"no article {article_id}")
    return record


def _page_size(limits: QueryLimits, limit: int | None) -> int:
    size = limits.default_limit if limit is None else limit
    if not 1 <= size <= limits.max_limit:
        raise InvalidRequestError(f"limit must be between 1 and {limits.max_limit}")
    return size


def _normalize(filters: ArticleFilters) -> ArticleFilters:
    """Facet values as the index keys store them, times in UTC (naive means UTC)."""
    try:
        return ArticleFilters(
            source=filters.source,
            language=filters.language.lower() if filters.language else None,
            section=filters.section.casefold() if filters.section else None,
            published_from=_as_utc(filters.published_from),
            published_to=_as_utc(filters.published_to),
            updated_since=_as_utc(filters.updated_since),
            story=filters.story,
        )
    except OverflowError as exc:  # e.g. year 9999 with a negative offset
        raise InvalidRequestError("a date is outside the supported range") from exc


def _as_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _shape(filters: ArticleFilters) -> dict[str, str | None]:
    return {
        "source": filters.source,
        "language": filters.language,
        "section": filters.section,
        "from": _stamp(filters.published_from),
        "to": _stamp(filters.published_to),
        "updated_since": _stamp(filters.updated_since),
        # only when set: cursors issued before the story filter existed stay valid
        **({"story": filters.story} if filters.story else {}),
    }


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _plan(filters: ArticleFilters, limits: QueryLimits, now: datetime) -> _Walk:
    """The index and partitions that serve these filters, or InvalidRequestError."""
    facets = [
        (facet, value)
        for facet, value in (
            (Facet.SOURCE, filters.source),
            (Facet.LANGUAGE, filters.language),
            (Facet.SECTION, filters.section),
            (Facet.STORY, filters.story),
        )
        if value
    ]
    ranged = filters.published_from is not None or filters.published_to is not None
    if filters.updated_since is not None:
        if facets or ranged:
            raise _unsupported("updated_since cannot be combined with other filters")
        return _updated_walk(filters.updated_since, limits, now)
    if len(facets) > 1:
        names = " and ".join(facet.value for facet, _ in facets)
        raise _unsupported(f"{names} cannot be combined (no index serves both)")
    lower, upper = filters.published_from, filters.published_to
    if lower is not None and upper is not None and lower > upper:
        raise InvalidRequestError("from is after to")
    if facets:
        facet, value = facets[0]
        return _Walk(facet=facet, first=value, last=value, lower=lower, upper=upper)
    newest, oldest = _month_range(lower, upper, limits, now)
    return _Walk(facet=Facet.MONTH, first=newest, last=oldest, lower=lower, upper=upper)


def _unsupported(reason: str) -> InvalidRequestError:
    return InvalidRequestError(
        f"{reason}. Supported filter combinations: {'; '.join(SUPPORTED_COMBINATIONS)}."
    )


def _month_range(
    lower: datetime | None, upper: datetime | None, limits: QueryLimits, now: datetime
) -> tuple[str, str]:
    """The newest and oldest month partition of a listing: from `upper` (at most now) down
    to `lower` (at least the oldest month listed); the directory says which hold data."""
    ceiling = now + _CLOCK_SLACK
    if upper is not None and upper < ceiling:
        ceiling = upper
    floor = limits.oldest_month
    if lower is not None:
        floor = max(floor, f"{lower.year:04d}-{lower.month:02d}")
    newest = f"{ceiling.year:04d}-{ceiling.month:02d}"
    if newest < floor:  # an empty range: the walk reads no partition
        return floor, floor
    return newest, floor


def _updated_walk(since: datetime, limits: QueryLimits, now: datetime) -> _Walk:
    if since < now - timedelta(days=limits.max_sync_days):
        raise InvalidRequestError(
            f"updated_since reaches back at most {limits.max_sync_days} days; "
            "list older articles by from/to"
        )
    last = (now + _CLOCK_SLACK).date()
    first = min(since.date(), last)
    return _Walk(facet=None, first=first.isoformat(), last=last.isoformat(), since=since)


_BUCKET = re.compile(r"\d{4}-\d{2}(-\d{2})?")


def _resume(walk: _Walk, position: Mapping[str, Any]) -> tuple[str, Position | None]:
    bucket, after = position.get("b"), position.get("a")
    partitioned = walk.family is not None
    if not isinstance(bucket, str) or not walk.holds(bucket):
        raise InvalidRequestError("cursor no longer matches this query; start again without it")
    if partitioned and not _BUCKET.fullmatch(bucket):
        raise InvalidRequestError("cursor is not a cursor this API issued")
    if after is not None and not (
        isinstance(after, dict) and all(isinstance(v, str) for v in after.values())
    ):
        raise InvalidRequestError("cursor is not a cursor this API issued")
    return bucket, after


def _query(
    index: ArticleIndex, walk: _Walk, bucket: str, after: Position | None, limit: int
) -> IndexSlice:
    if walk.facet is None:
        assert walk.since is not None
        return index.list_updated(
            date.fromisoformat(bucket), since=walk.since, after=after, limit=limit
        )
    return index.list_published(
        walk.facet, bucket, lower=walk.lower, upper=walk.upper, after=after, limit=limit
    )


def _summary(record: IndexRecord) -> ArticleSummary:
    return ArticleSummary(
        article_id=record.article_id,
        version=record.announced_version,
        title=record.title,
        url=record.url,
        canonical_url=record.canonical_url,
        source_id=record.source_id,
        published_at=record.published_at,
        language=record.language,
        section=record.section,
        updated_at=record.updated_at,
    )


def _kept(record: IndexRecord, filters: ArticleFilters) -> bool:
    """`tdm_reserved=false` keeps articles whose publisher declared no reservation (0 or
    nothing); `true` keeps those that reserved TDM rights."""
    if filters.tdm_reserved is None:
        return True
    return bool(record.tdm_reserved) is filters.tdm_reserved


def _canonical(data: object) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _digest(shape: Mapping[str, object]) -> str:
    return hashlib.sha256(_canonical(shape)).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text or len(text) > 4096:
        raise ValueError("empty or oversized cursor part")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
