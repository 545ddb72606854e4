"""Sources use cases for the Query API: list, read with run statistics, create, replace, delete."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from newsflow.config import QueryLimits
from newsflow.models import Source
from newsflow.models.api import SourcePage, SourceRecord, SourceStatus
from newsflow.services.ports import SourceRepository, StoredSource, utc_now
from newsflow.services.query import (
    ConflictError,
    CursorCodec,
    InvalidRequestError,
    ResourceNotFoundError,
)
from newsflow.url_patterns import compile_url_pattern

# -- the rules a source meets before it is stored -----------------------------------------------

# URLs: the sitemap protocol's bound ("less than 2,048 characters", sitemaps.org).
MAX_URL_LENGTH = 2048
# Documents per kind: one discovery run opens at most 50 sitemaps (SitemapLimits).
MAX_DOCUMENTS = 50
MAX_PATTERNS = 50
MAX_PATTERN_LENGTH = 500
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class SourceProblem:
    """One field of a source that breaks a rule: `field` as `feeds.2`, what is wrong."""

    field: str
    message: str


class InvalidSourceError(InvalidRequestError):
    """A source that must not be stored; the API answers 400 with each field named."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = problems
        super().__init__(
            "invalid source: " + "; ".join(f"{p.field}: {p.message}" for p in problems)
        )


def check_source(source: Source, *, allow_loopback: bool = False) -> None:
    """Refuse a source with InvalidSourceError before it is stored (API and CLI).

    Its URLs are absolute http(s) URLs without credentials, at most MAX_URL_LENGTH long,
    whose host is no loopback, private, link-local (cloud metadata) or other special
    address literal (fetch.addresses, as the fetcher judges addresses; `allow_loopback`
    only for the local runner); lists and strings are bounded; URL patterns compile in RE2.
    """
    problems = source_problems(source, allow_loopback=allow_loopback)
    if problems:
        raise InvalidSourceError(problems)


def source_problems(source: Source, *, allow_loopback: bool = False) -> list[SourceProblem]:
    """Every rule the source breaks, in field order (empty when it may be stored)."""
    found: list[SourceProblem] = []
    if not source.name.strip() or len(source.name) > MAX_NAME_LENGTH:
        found.append(SourceProblem("name", f"must have 1 to {MAX_NAME_LENGTH} characters"))
    found.extend(_url_problems("homepage", [source.homepage], 1, allow_loopback))
    found.extend(_url_problems("feeds", source.feeds, MAX_DOCUMENTS, allow_loopback))
    found.extend(_url_problems("sitemaps", source.sitemaps, MAX_DOCUMENTS, allow_loopback))
    for name in ("allowed_url_patterns", "blocked_url_patterns"):
        found.extend(_pattern_problems(name, getattr(source, name)))
    return found


def _bounded(name: str, values: list[str], max_count: int, max_length: int) -> list[SourceProblem]:
    if len(values) > max_count:
        return [SourceProblem(name, f"at most {max_count} items, not {len(values)}")]
    return [
        SourceProblem(f"{name}.{index}", f"longer than {max_length} characters")
        for index, value in enumerate(values)
        if len(value) > max_length
    ]


def _pattern_problems(name: str, patterns: list[str]) -> list[SourceProblem]:
    found = _bounded(name, patterns, MAX_PATTERNS, MAX_PATTERN_LENGTH)
    if found:
        return found
    for index, pattern in enumerate(patterns):
        try:
            compile_url_pattern(pattern)
        except ValueError as exc:
            found.append(SourceProblem(f"{name}.{index}", str(exc)))
    return found


def _url_problems(
    name: str, urls: list[str], max_count: int, allow_loopback: bool
) -> list[SourceProblem]:
    found = _bounded(name, urls, max_count, MAX_URL_LENGTH)
    if found:
        return found
    for index, url in enumerate(urls):
        problem = url_problem(url, allow_loopback=allow_loopback)
        if problem:
            found.append(SourceProblem(name if max_count == 1 else f"{name}.{index}", problem))
    return found


def url_problem(url: str, *, allow_loopback: bool = False) -> str | None:
    """Why a source may not name this URL, or None."""
    # Imported here: the fetch package (HTTP client and all) is no cost the API's read
    # routes should pay at cold start; only source writes check addresses.
    from newsflow.fetch.addresses import literal_host_problem  # noqa: PLC0415

    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"not a URL: {exc}"
    if parts.scheme.lower() not in {"http", "https"}:
        return f"scheme {parts.scheme or '(none)'!r} is not http or https"
    if not parts.hostname:
        return "has no host"
    if parts.username is not None or parts.password is not None:
        return "carries credentials; give them to no URL we store"
    if port == 0:
        return "port 0"
    if any(c.isspace() or ord(c) < 0x20 for c in url):
        return "contains whitespace or control characters"
    reason = literal_host_problem(parts.hostname, allow_loopback=allow_loopback)
    return f"host {parts.hostname} is a {reason} address" if reason else None


@dataclass
class SourcePorts:
    """What the sources routes run on."""

    sources: SourceRepository
    codec: CursorCodec
    limits: QueryLimits = field(default_factory=QueryLimits)
    clock: Callable[[], datetime] = field(default=utc_now)
    allow_loopback: bool = False  # the local runner's sources live on 127.0.0.1


def list_sources(ports: SourcePorts, *, limit: int | None, cursor: str | None) -> SourcePage:
    """One page of sources in id order (one Query)."""
    size = ports.limits.default_limit if limit is None else limit
    if not 1 <= size <= ports.limits.max_limit:
        raise InvalidRequestError(f"limit must be between 1 and {ports.limits.max_limit}")
    shape = {"route": "sources"}
    after = None
    if cursor:
        after = ports.codec.decode(cursor, shape).get("after")
        if not isinstance(after, str):
            raise InvalidRequestError("cursor is not a cursor this API issued")
    stored, more = ports.sources.list_page(after=after, limit=size)
    next_cursor = ports.codec.encode(shape, {"after": stored[-1].source.id}) if more else None
    return SourcePage(items=[source_record(s) for s in stored], next_cursor=next_cursor)


def get_source(ports: SourcePorts, source_id: str) -> SourceStatus:
    """A source with its last run and outcome totals."""
    stored = ports.sources.get(source_id)
    if stored is None:
        raise ResourceNotFoundError(f"no source {source_id}")
    stats = ports.sources.get_run_stats(source_id)
    return SourceStatus(
        **source_record(stored).model_dump(),
        last_run=stats.last_run if stats else None,
        totals=dict(stats.totals) if stats else {},
    )


# A create refused by a source that is gone when read is tried once more (create_source).
_CREATE_ATTEMPTS = 2


def create_source(ports: SourcePorts, source: Source) -> SourceRecord:
    """A new source; InvalidSourceError when it breaks a rule (check_source), ConflictError
    when its id is taken by a different source.

    Idempotent: when the stored source is this very one, its record is returned as the first
    create returned it. A create whose answer was lost (a timeout, a 503 after the write
    landed) can be sent again, and gets the same success, not a 409 for its own write.

    A source deleted between the refused write and the read of what refused it is created
    after all (one more conditional write): the request then came after the DELETE. Should
    that race happen twice in one request, ConflictError says so, and the request may be
    sent again as it was."""
    check_source(source, allow_loopback=ports.allow_loopback)
    for _ in range(_CREATE_ATTEMPTS):
        put = ports.sources.put(source, now=ports.clock(), create_only=True)
        if put is not None:
            return source_record(put[0])
        stored = ports.sources.get(source.id)
        if stored is None:
            continue  # deleted since the refused write: nothing is in the way now
        if stored.source == source:
            return source_record(stored)
        raise ConflictError(
            f"a different source {source.id} exists; replace it with PUT /sources/{source.id}"
        )
    raise ConflictError(
        f"source {source.id} was created and deleted by other requests while this one ran; "
        "send it again"
    )


def replace_source(ports: SourcePorts, source_id: str, source: Source) -> tuple[SourceRecord, bool]:
    """Create or replace the source at `source_id`; True when it was created.
    InvalidSourceError when it breaks a rule (check_source)."""
    if source.id != source_id:
        raise InvalidRequestError(f"body id {source.id!r} differs from the path's {source_id!r}")
    check_source(source, allow_loopback=ports.allow_loopback)
    put = ports.sources.put(source, now=ports.clock(), create_only=False)
    if put is None:  # only create_only puts are refused; a repository that breaks that is ours
        raise RuntimeError("replacing a source was refused")
    return source_record(put[0]), put[1]


def delete_source(ports: SourcePorts, source_id: str) -> None:
    """Remove a source (its articles stay)."""
    if not ports.sources.delete(source_id):
        raise ResourceNotFoundError(f"no source {source_id}")


def source_record(stored: StoredSource) -> SourceRecord:
    """A stored source as the API and the CLI show it (times in UTC with `Z` once dumped)."""
    return SourceRecord(
        source=stored.source, created_at=stored.created_at, updated_at=stored.updated_at
    )
