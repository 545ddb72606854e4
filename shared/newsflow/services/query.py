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
from typing import Any

from newsflow.config import QueryLimits
from newsflow.models import Article
from newsflow.models.api import (
    ArticleDetail,
    ArticleLink,
    ArticlePage,
    ArticleSummary,
    VersionPage,
    VersionSummary,
)
from newsflow.services.ports import (
    ArticleIndex,
    ArticleObjects,
    Facet,
    IndexEntry,
    IndexRecord,
    IndexSlice,
    utc_now,
)

CURSOR_VERSION = 1
ARTICLE_ID = re.compile(r"[0-9a-f]{32}")  # newsflow.urls.article_id_for: 32 hex of a SHA-256
# The unfiltered listing ends its newest side this far past now: a clock a little ahead of
# ours still lists everything, a page misdated years ahead does not sit on top for ever.
_CLOCK_SLACK = timedelta(days=1)


class InvalidRequestError(ValueError):
    """The request cannot be served as asked (HTTP 400); the message says why."""


class ResourceNotFoundError(LookupError):
    """The article, version or source does not exist (HTTP 404)."""


class ConflictError(RuntimeError):
    """The request contradicts what is stored, e.g. creating a source that exists (HTTP 409)."""


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
    # a page reads on while its budget lasts, so a rare value may still give a short page.
    tdm_reserved: bool | None = None


_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def whole_day_to(value: object) -> object:
    """A `to` bound given as a date alone (`2026-11-29`, ISO 8601 calendar date) takes in
    that whole UTC day: it becomes 2026-11-29T23:59:59.999999Z. A reader asking for
    "up to the 29th" means the 29th included; a date alone as `from` already means the
    start of its day. Anything else (a date-time, or text that is no date) is returned
    unchanged for the caller's parser to accept or refuse; so is a date-time at midnight.
    Used as the API's `to` pre-validator, before the text becomes a datetime."""
    if isinstance(value, str) and _DATE_ONLY.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:  # 2026-13-01: left for the parser to refuse as a date
            return value
        return datetime.combine(day, datetime.max.time(), UTC)
    return value


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
    """A listing: the partitions of one facet that a page reads side by side and merges by
    sort key (newest first, or oldest first for `updated_since`)."""

    facet: Facet
    partitions: tuple[str, ...]
    lower: datetime | None = None
    upper: datetime | None = None
    since: datetime | None = None
    undated: bool = True  # a from/to range leaves out articles without a date

    @property
    def newest_first(self) -> bool:
        return self.facet is not Facet.UPDATED


@dataclass
class _Page:
    """What a listing has read so far: kept entries, the last sort key read, the Queries made."""

    size: int
    after: str | None
    entries: list[IndexEntry] = field(default_factory=list)
    queries: int = 0
    read: int = 0
    ended: bool = False

    @property
    def full(self) -> bool:
        # One entry past the page tells that more follow, without another request.
        return len(self.entries) > self.size


def list_articles(
    ports: QueryPorts, filters: ArticleFilters, *, limit: int | None, cursor: str | None
) -> ArticlePage:
    """One page of articles: `limit` items whenever that many remain, however they spread in
    time, from at most `max_queries_per_page` Queries and within `page_seconds`.

    A listing is one facet's partitions read side by side: for no filter, from/to or
    updated_since the fixed shards of the ByPublished or ByUpdated index (4 Queries, each of
    at most `limit + 1` items), otherwise the facet's one partition. Their merge by sort key
    is exact, so the first round fills the page whenever `limit` items remain; DynamoDB work
    per page is flat in the table's size. Further rounds run only while filters the index
    does not serve (`tdm_reserved`, unannounced versions) leave the page short. `next_cursor`
    is null when the listing has no more items; a page cut short by its budget returns what
    it has and a cursor. Undated articles list after every dated one (docs/architecture.md,
    "Table"). Raises InvalidRequestError for an unsupported filter, limit or cursor."""
    normalized = _normalize(filters)
    walk = _plan(normalized, ports)
    shape = {"route": "articles", **_shape(normalized)}
    if filters.tdm_reserved is not None:  # a cursor serves only the filter it was issued for
        shape["tdm_reserved"] = str(filters.tdm_reserved).lower()
    after = _resume(ports.codec.decode(cursor, shape), ports.index) if cursor else None
    page = _Page(size=page_size(ports.limits, limit), after=after)
    deadline = ports.timer() + ports.limits.page_seconds
    rounds = 0
    budget = ports.limits.max_queries_per_page
    while not page.full and not page.ended:
        over = page.queries + len(walk.partitions) > budget
        if rounds and (over or ports.timer() > deadline):  # the first round always runs
            break
        last = page.queries + 2 * len(walk.partitions) > budget
        _read_round(ports.index, walk, page, filters, last=last)
        rounds += 1
    next_cursor: str | None = None
    if page.full:
        del page.entries[page.size :]
        next_cursor = ports.codec.encode(shape, {"k": page.entries[-1].key})
    elif not page.ended and page.after is not None:
        # Out of budget before the page filled: resume after the last item read.
        next_cursor = ports.codec.encode(shape, {"k": page.after})
    items = [_summary(entry.record) for entry in page.entries]
    return ArticlePage(items=items, next_cursor=next_cursor)


# A later round reads more per partition when filters drop most items, up to this many.
_MAX_ROUND_ITEMS = 1000


def _read_round(
    index: ArticleIndex, walk: _Walk, page: _Page, filters: ArticleFilters, *, last: bool
) -> None:
    """One Query per partition after `page.after`, merged; keeps the entries the filters
    pass until the page is full, and moves `page.after` to the last entry it looked at.

    A later round reads more per partition when earlier rounds kept few; when they kept
    none there is no estimate of the filter's selectivity, so the last round the budget
    allows reads its most (`_MAX_ROUND_ITEMS` over the partitions) rather than leave the
    page empty: the 4 shards of a listing leave room for two rounds of 8 Queries."""
    want = page.size + 1 - len(page.entries)
    if page.read:  # scale by what earlier rounds kept: a selective filter reads further
        want = min(_MAX_ROUND_ITEMS, -(-want * page.read // max(len(page.entries), 1)))
        if last and not page.entries:
            want = max(want, _MAX_ROUND_ITEMS // len(walk.partitions))
    slices = [_query(index, walk, partition, page.after, want) for partition in walk.partitions]
    page.queries += len(slices)
    merged, page.ended = _merge(slices, newest_first=walk.newest_first)
    for entry in merged:
        page.after = entry.key
        page.read += 1
        if entry.record.announced_version and _kept(entry.record, filters):
            page.entries.append(entry)
            if page.full:
                page.ended = False  # the cursor goes on from the page's last item
                return


def _merge(slices: list[IndexSlice], *, newest_first: bool) -> tuple[list[IndexEntry], bool]:
    """The slices' entries in the listing's order, up to where every partition that holds
    more has been read (so no unread item can sort before the last one returned), and
    whether that exhausted every partition."""
    merged = sorted(
        (entry for part in slices for entry in part.entries),
        key=lambda entry: entry.key,
        reverse=newest_first,
    )
    open_ends = [part.entries[-1].key for part in slices if part.more and part.entries]
    if not open_ends:
        return merged, True
    if newest_first:
        cutoff = max(open_ends)
        return [entry for entry in merged if entry.key >= cutoff], False
    cutoff = min(open_ends)
    return [entry for entry in merged if entry.key <= cutoff], False


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
    size = page_size(ports.limits, limit)
    record = _announced(ports, article_id)
    shape = {"route": "versions", "article_id": article_id}
    after = 0
    if cursor:
        position = ports.codec.decode(cursor, shape)
        after = position.get("after")  # type: ignore[assignment]
        if not isinstance(after, int) or after < 0:
            raise InvalidRequestError("cursor is not a cursor this API issued")
    versions, more = ports.index.list_versions(article_id, after=after, limit=size)
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


def page_size(limits: QueryLimits, limit: int | None) -> int:
    """Items on one page of any Query API listing (articles, versions, stories): `limit`,
    or the configured default when none is given.

    Raises InvalidRequestError (a 400) when `limit` is outside 1..`limits.max_limit`."""
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


def _plan(filters: ArticleFilters, ports: QueryPorts) -> _Walk:
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
        _check_sync_reach(filters.updated_since, ports.limits, ports.clock())
        partitions = ports.index.partitions(Facet.UPDATED, "")
        return _Walk(Facet.UPDATED, partitions, since=filters.updated_since)
    if len(facets) > 1:
        names = " and ".join(facet.value for facet, _ in facets)
        raise _unsupported(f"{names} cannot be combined (no index serves both)")
    lower, upper = filters.published_from, filters.published_to
    if lower is not None and upper is not None and lower > upper:
        raise InvalidRequestError("from is after to")
    if facets:
        facet, value = facets[0]
        partitions = ports.index.partitions(facet, value)
        return _Walk(facet, partitions, lower=lower, upper=upper, undated=not ranged)
    ceiling = ports.clock() + _CLOCK_SLACK
    partitions = ports.index.partitions(Facet.ALL, "")
    upper = ceiling if upper is None else min(upper, ceiling)
    return _Walk(Facet.ALL, partitions, lower=lower, upper=upper, undated=not ranged)


def _unsupported(reason: str) -> InvalidRequestError:
    return InvalidRequestError(
        f"{reason}. Supported filter combinations: {'; '.join(SUPPORTED_COMBINATIONS)}."
    )


def _check_sync_reach(since: datetime, limits: QueryLimits, now: datetime) -> None:
    if since < now - timedelta(days=limits.max_sync_days):
        raise InvalidRequestError(
            f"updated_since reaches back at most {limits.max_sync_days} days; "
            "list older articles by from/to"
        )


def _resume(position: Mapping[str, Any], index: ArticleIndex) -> str:
    """The sort key a cursor resumes after; InvalidRequestError for any other position."""
    key = position.get("k")
    if not isinstance(key, str):
        raise InvalidRequestError("cursor is from an older version of the API; start again")
    if not index.is_sort_key(key):
        raise InvalidRequestError("cursor is not a cursor this API issued")
    return key


def _query(
    index: ArticleIndex, walk: _Walk, partition: str, after: str | None, limit: int
) -> IndexSlice:
    if walk.facet is Facet.UPDATED:
        assert walk.since is not None
        return index.list_updated(partition, since=walk.since, after=after, limit=limit)
    return index.list_published(
        walk.facet,
        partition,
        lower=walk.lower,
        upper=walk.upper,
        undated=walk.undated,
        after=after,
        limit=limit,
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
