"""Discovery use cases: dispatch the due sources, discover one source, set a source up."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from newsflow.discover import (
    SitemapLimits,
    SitemapUnavailableError,
    UrlFilter,
    WalkReport,
    feeds_from_html,
    needs_refetch,
    parse_feed,
    sitemaps_from_robots,
    walk_sitemaps,
)
from newsflow.fetch import HTML_TYPES, PoliteClient
from newsflow.fetch.robots import robots_url_for
from newsflow.models import DiscoveredUrl, FetchOutcome, FetchReason, Source
from newsflow.services.health import count_discovery
from newsflow.services.ports import (
    REGISTRY_LOOKUP_BATCH,
    DiscoverSchedule,
    DocumentState,
    DocumentStates,
    EventPublisher,
    FetchMessage,
    HealthStore,
    SourceQueue,
    SourceRepository,
    TaskQueue,
    UrlRegistry,
    utc_now,
)

# The schedule ticks every few minutes and drifts by seconds: without slack, a source due
# every 15 minutes would miss the tick at 15:00 by a hair and wait for the next one.
SCHEDULE_SLACK = timedelta(seconds=30)
_SOURCES_PAGE = 100
# Concurrent conditional puts per chunk; below botocore's default pool of 10 connections.
REGISTER_THREADS = 8
# Publishers stamp `updated` a few seconds after the fetch that saw the update; re-queueing
# for those would fetch every page twice. The deployed value is a setting
# (ScrapeSettings.discover_update_tolerance_seconds, the same minute by default).
UPDATE_TOLERANCE = timedelta(minutes=1)


@dataclass(frozen=True)
class DiscoverPorts:
    """What discovery runs on; tests pass moto-backed adapters and a loopback client."""

    sources: SourceRepository
    schedule: DiscoverSchedule
    source_queue: SourceQueue
    registry: UrlRegistry
    documents: DocumentStates
    fetch_queue: TaskQueue
    client: Callable[[], PoliteClient]  # built on first use: the scheduler tick never fetches
    limits: SitemapLimits = field(default_factory=SitemapLimits)
    clock: Callable[[], datetime] = field(default=utc_now)
    # Daily "discovered" counters and the yield rule's SourceDegraded; None: not counted.
    health: HealthStore | None = None
    events: EventPublisher | None = None
    # An `updated` stamp within this of the last fetch re-queues nothing (UPDATE_TOLERANCE).
    update_tolerance: timedelta = UPDATE_TOLERANCE


@dataclass
class DispatchReport:
    """What one scheduler tick did."""

    dispatched: list[str] = field(default_factory=list)
    not_due: int = 0
    disabled: int = 0


@dataclass
class DiscoverReport:
    """What one discovery run of a source found; `counts` is what the run item records."""

    source_id: str
    # ok; capped (max_new_articles_per_run reached); out_of_time; unknown; disabled;
    # invalid (its URL patterns do not compile: stored before they had to be RE2)
    status: str = "ok"
    counts: dict[str, int] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, value: int = 1) -> None:
        """Increase one counter."""
        self.counts[name] = self.counts.get(name, 0) + value


# -- the scheduler tick -----------------------------------------------------------------------


def dispatch_due_sources(ports: DiscoverPorts) -> DispatchReport:
    """Send one DiscoverQueue message per enabled source that is due.

    Reads: one Query of the schedule partition and one Query per 100 sources. A source is
    claimed (conditional write of its next due time) before it is sent, so overlapping or
    retried ticks send it once; a send that fails after the claim skips the source for one
    interval rather than discovering it twice.
    """
    now = ports.clock()
    report = DispatchReport()
    due_at = ports.schedule.next_due()
    after: str | None = None
    while True:
        page, more = ports.sources.list_page(after=after, limit=_SOURCES_PAGE)
        batch = []
        for stored in page:
            source = stored.source
            if not source.enabled:
                report.disabled += 1
                continue
            due = due_at.get(source.id)
            if due is not None and due > now:
                report.not_due += 1
                continue
            next_due = now + timedelta(seconds=source.poll_interval_seconds) - SCHEDULE_SLACK
            if ports.schedule.claim(source.id, now=now, next_due=next_due):
                batch.append(source.id)
        ports.source_queue.send(batch)
        report.dispatched.extend(batch)
        if not more or not page:
            return report
        after = page[-1].source.id


# -- one source ---------------------------------------------------------------------------------


class _CapReachedError(Exception):
    """max_new_articles_per_run URLs were queued: stop this run, the rest waits for the next."""


class _OutOfTimeError(Exception):
    """The invocation is about to time out: stop cleanly, the next run carries on."""


# A run stops this long before its invocation would time out (one chunk and the run record).
STOP_SECONDS_BEFORE_TIMEOUT = 15.0


class _Registrar:
    """Checks discovered URLs against the registry in chunks and queues the new ones.

    Holds at most one chunk (REGISTRY_LOOKUP_BATCH URLs), so memory stays flat however many
    URLs a sitemap lists; one BatchGetItem per chunk, one conditional write per new URL.
    """

    def __init__(
        self,
        source: Source,
        ports: DiscoverPorts,
        report: DiscoverReport,
        now: datetime,
        time_left: Callable[[], float] | None,
        *,
        url_filter: UrlFilter,
    ) -> None:
        self.source = source
        self.ports = ports
        self.report = report
        self.now = now
        self.time_left = time_left
        self.filter = url_filter
        self.chunk: dict[str, DiscoveredUrl] = {}
        self.accepted = 0
        self.queued_new = 0
        self._pool = ThreadPoolExecutor(max_workers=REGISTER_THREADS)

    def add(self, item: DiscoveredUrl) -> None:
        self.report.add("urls")
        if not self.filter.accepts(item.key):
            self.report.add("filtered")
            return
        self.accepted += 1
        # One entry per normalised key: two spellings of one article are one fetch.
        previous = self.chunk.get(item.key)
        if previous is None or _updated(item) > _updated(previous):
            self.chunk[item.key] = item
        if len(self.chunk) >= REGISTRY_LOOKUP_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.chunk:
            return
        if self.time_left is not None and self.time_left() < STOP_SECONDS_BEFORE_TIMEOUT:
            raise _OutOfTimeError
        items, self.chunk = list(self.chunk.values()), {}
        known = self.ports.registry.lookup([item.url for item in items])
        unseen = [item for item in items if item.url not in known]
        room = max(0, self.source.max_new_articles_per_run - self.queued_new)
        capped = len(unseen) > room
        # The conditional puts are independent: run them side by side (boto3 clients are
        # thread-safe), so a chunk of new URLs costs one round trip, not a hundred.
        claims = list(self._pool.map(self._register, unseen[:room])) if room else []
        messages: list[FetchMessage] = []
        for item, claimed in zip(unseen[:room], claims, strict=True):
            if claimed:
                self.queued_new += 1
                self.report.add("new")
                messages.append(self._message(item, FetchReason.NEW))
            else:
                self.report.add("known")  # another run or worker registered it first
        for item in items:
            entry = known.get(item.url)
            if entry is None:
                continue
            updated = item.updated_at
            if (
                updated is not None
                and entry.fetched_at is not None
                and needs_refetch(updated, entry.fetched_at, tolerance=self.ports.update_tolerance)
                and (entry.requeued_for is None or updated > entry.requeued_for)
                and self.ports.registry.claim_refetch(entry, updated_at=updated, now=self.now)
            ):
                self.report.add("updated")
                validators = {"etag": entry.etag, "last_modified": entry.last_modified}
                messages.append(self._message(item, FetchReason.UPDATED, **validators))
                continue
            self.report.add("known")
        self.ports.fetch_queue.send(messages)
        if capped:
            raise _CapReachedError

    def _register(self, item: DiscoveredUrl) -> bool:
        return self.ports.registry.register(
            item.url, source_id=self.source.id, found_in=item.found_in, now=self.now
        )

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def _message(
        self,
        item: DiscoveredUrl,
        reason: FetchReason,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchMessage:
        return FetchMessage(
            url=item.url,
            source_id=self.source.id,
            reason=reason,
            discovered_at=self.now,
            found_in=item.found_in,
            title=item.title,
            published_at=item.published_at,
            etag=etag,
            last_modified=last_modified,
            min_delay_seconds=self.source.min_delay_seconds,
        )


def _updated(item: DiscoveredUrl) -> datetime:
    return item.updated_at or item.published_at or datetime.min.replace(tzinfo=utc_now().tzinfo)


def discover_source(
    source_id: str, ports: DiscoverPorts, *, time_left: Callable[[], float] | None = None
) -> DiscoverReport:
    """Read a source's feeds and sitemaps, queue each URL not queued before, record the run.

    `time_left` (seconds): the run stops before the invocation would time out; what it did
    not reach is found by the next run (nothing is marked read that was not registered).
    """
    report = DiscoverReport(source_id)
    stored = ports.sources.get(source_id)
    if stored is None:
        report.status = "unknown"
        return report
    source = stored.source
    if not source.enabled:
        report.status = "disabled"
        return report
    started = ports.clock()
    try:
        url_filter = UrlFilter.for_source(source)
    except ValueError as exc:
        # Stored before URL patterns were RE2 (sources are checked when stored since).
        report.status = "invalid"
        report.problems["url_patterns"] = str(exc)
    else:
        _run_source(source, ports, report, started, time_left, url_filter=url_filter)
    report.add("problems", len(report.problems))
    ports.sources.record_run(
        source_id, started_at=started, finished_at=ports.clock(), counts=report.counts
    )
    if ports.health is not None and ports.events is not None:
        day = started.astimezone(UTC).date()
        count_discovery(ports.health, ports.events, source_id, day, report.counts.get("new", 0))
    return report


def _run_source(
    source: Source,
    ports: DiscoverPorts,
    report: DiscoverReport,
    started: datetime,
    time_left: Callable[[], float] | None,
    *,
    url_filter: UrlFilter,
) -> None:
    run = _Run(source, ports, report, started, time_left, url_filter=url_filter)
    try:
        # The rights record's tdmrep.json of the source's site, refreshed here (once a day,
        # cached per origin) so the fetches of its pages find it cached: the extra request
        # takes a host slot before the feed's, never between two page fetches.
        run.client.tdmrep_record(source.homepage)
        for feed_url in source.feeds:
            run.feed(feed_url)
        for sitemap_url in source.sitemaps:
            run.sitemap(sitemap_url)
        run.registrar.flush()
    except _CapReachedError:
        report.status = "capped"
        report.add("capped")
    except _OutOfTimeError:
        report.status = "out_of_time"
        report.add("out_of_time")
    finally:
        run.registrar.close()


class _Run:
    """One discovery run: feeds, then sitemaps, through one registrar."""

    def __init__(
        self,
        source: Source,
        ports: DiscoverPorts,
        report: DiscoverReport,
        now: datetime,
        time_left: Callable[[], float] | None,
        *,
        url_filter: UrlFilter,
    ) -> None:
        self.source = source
        self.ports = ports
        self.report = report
        self.now = now
        self.registrar = _Registrar(source, ports, report, now, time_left, url_filter=url_filter)
        self.states = ports.documents.load(source.id)
        self.unchanged: set[str] = set()  # documents that answered 304
        self._client: PoliteClient | None = None

    @property
    def client(self) -> PoliteClient:
        if self._client is None:
            self._client = self.ports.client()
        return self._client

    def _validators(self, url: str) -> tuple[str | None, str | None]:
        state = self.states.get(url)
        return (state.etag, state.last_modified) if state else (None, None)

    def _save(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if etag or last_modified:
            state = DocumentState(url, etag, last_modified, self.now)
            self.ports.documents.save(self.source.id, state)

    def feed(self, feed_url: str) -> None:
        etag, last_modified = self._validators(feed_url)
        result = self.client.fetch(
            feed_url,
            accept=None,
            etag=etag,
            last_modified=last_modified,
            min_delay=self.source.min_delay_seconds,
        )
        self.report.add("documents")
        if result.outcome is FetchOutcome.NOT_MODIFIED:
            self.report.add("not_modified")
            return
        if result.body is None:
            self.report.problems[feed_url] = f"{result.outcome.value}: {result.reason}"
            return
        parsed = parse_feed(result.body, result.final_url, content_type=result.content_type)
        if parsed.problem and not parsed.entries:
            self.report.problems[feed_url] = parsed.problem
        for entry in parsed.entries:
            self.registrar.add(entry)
        # Validators only once every entry is registered: a run that stops half-way reads
        # the feed again next time instead of getting a 304 and losing the rest.
        self.registrar.flush()
        self._save(feed_url, result.etag, result.last_modified)

    def sitemap(self, root_url: str) -> None:
        limits = self.ports.limits
        registrar = self.registrar

        @contextmanager
        def opener(url: str) -> Iterator[IO[bytes]]:
            etag, last_modified = self._validators(url)
            with self.client.open(
                url,
                accept=None,
                etag=etag,
                last_modified=last_modified,
                min_delay=self.source.min_delay_seconds,
                max_bytes=limits.max_bytes,
            ) as opened:
                self.report.add("documents")
                result = opened.result
                if result.outcome is FetchOutcome.NOT_MODIFIED:
                    self.report.add("not_modified")
                    self.unchanged.add(url)
                    raise SitemapUnavailableError("not modified")
                if opened.stream is None:
                    raise SitemapUnavailableError(f"{result.outcome.value}: {result.reason}")
                before = registrar.accepted
                yield opened.stream
            # Reached only when the walk read the whole document. An index is never marked
            # (its 304 would hide changed children); a urlset is, once its URLs are registered.
            if registrar.accepted > before:
                registrar.flush()
                self._save(url, result.etag, result.last_modified)

        walk = WalkReport()
        items = walk_sitemaps(root_url, opener, limits=limits, report=walk)
        try:
            for item in items:
                if isinstance(item, DiscoveredUrl):
                    registrar.add(item)
        finally:
            # A capped run leaves mid-document: release the open response at once.
            close = getattr(items, "close", None)
            if close is not None:
                close()
        for url, problem in walk.problems.items():
            if url not in self.unchanged:
                self.report.problems[url] = problem
        if walk.warnings:
            self.report.add("warnings", len(walk.warnings))
        if walk.not_followed:
            self.report.add("sitemaps_not_followed", len(walk.not_followed))


# -- setting sources up -----------------------------------------------------------------------


@dataclass(frozen=True)
class Autodiscovered:
    """What a homepage links (`feeds`) and its robots.txt names (`sitemaps`); `problem` says
    why the homepage itself gave no page ("network_error: ...", "gone: HTTP 404"), "" when
    it was read."""

    feeds: list[str]
    sitemaps: list[str]
    problem: str = ""


def autodiscover(client: PoliteClient, homepage: str) -> Autodiscovered:
    """The feeds a homepage links (`<link rel="alternate">`) and the sitemaps its
    robots.txt names (`Sitemap:`)."""
    result = client.fetch(homepage, accept=HTML_TYPES)
    feeds = feeds_from_html(result.body, result.final_url) if result.body else []
    problem = "" if result.body is not None else f"{result.outcome.value}: {result.reason}"
    record = client.robots_record(result.final_url or homepage)
    sitemaps = sitemaps_from_robots(record.body, robots_url_for(result.final_url or homepage))
    return Autodiscovered(feeds, sitemaps, problem)


def with_autodiscovered(client: PoliteClient, source: Source) -> tuple[Source, str]:
    """The source with autodiscovered feeds and sitemaps added to those it lists, and why
    its homepage could not be read ("" when it was: `Autodiscovered.problem`)."""
    found = autodiscover(client, source.homepage)
    updated = source.model_copy(
        update={
            "feeds": list(dict.fromkeys([*source.feeds, *found.feeds])),
            "sitemaps": list(dict.fromkeys([*source.sitemaps, *found.sitemaps])),
        }
    )
    return updated, found.problem


def unreadable_documents(client: PoliteClient, source: Source) -> dict[str, str]:
    """The source's feeds and sitemaps that give no document now, each with the outcome and
    reason of its fetch ("gone: HTTP 404"), as discovery would record them; one polite GET
    each (robots.txt and the per-host delay apply)."""
    problems = {}
    for url in [*source.feeds, *source.sitemaps]:
        result = client.fetch(url, accept=None, min_delay=source.min_delay_seconds)
        if result.body is None and result.outcome is not FetchOutcome.NOT_MODIFIED:
            problems[url] = f"{result.outcome.value}: {result.reason}"
    return problems


def load_sources(path: Path) -> list[Source]:
    """The sources of a seed file (`sources.yaml`: a `sources:` list of Source fields).

    Raises OSError when it cannot be read, ValueError (naming the file, on one line) when it
    is not UTF-8 YAML of that shape, lists no source, or an entry has a missing or bad field
    (named with the entry's index and id: `sources.yaml: sources[2] (id 'x'): homepage: Field
    required`).
    """
    import yaml  # noqa: PLC0415 - a dev/CLI dependency, never needed inside Lambda

    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise ValueError(f"{path}: not valid YAML{where}: {problem}") from exc
    entries = data.get("sources", []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a mapping with a `sources:` list")
    if not entries:  # an empty file, or `sources: []`: adding nothing is a mistake to name
        raise ValueError(f"{path}: lists no sources (a `sources:` list of at least one)")
    sources = [_seed_entry(path, index, entry) for index, entry in enumerate(entries)]
    ids = [source.id for source in sources]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{path}: duplicate source ids {duplicates}")
    return sources


def _seed_entry(path: Path, index: int, entry: Any) -> Source:
    """Entry `index` of a seed file as a Source; ValueError naming the file, the entry and
    each bad field."""
    try:
        return Source.model_validate(entry)
    except ValidationError as exc:
        named = entry.get("id") if isinstance(entry, dict) else None
        which = seed_entry_name(path, index, named if isinstance(named, str) else None)
        raise ValueError(f"{which}: {field_problems(exc)}") from exc


def seed_entry_name(path: Path, index: int, source_id: str | None) -> str:
    """How a seed file's entry is named in errors: `sources.yaml: sources[2] (id 'x')`."""
    return f"{path}: sources[{index}]" + (f" (id {source_id!r})" if source_id else "")


def field_problems(error: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """A pydantic ValidationError on one line: `field: message` per problem, `; `-joined.
    `labels` renames a field as its user gave it (`sources add`'s flags: "--poll-interval"
    for `poll_interval_seconds`); the rest of its location (a list index) stays."""
    names = labels or {}

    def where(loc: tuple[int | str, ...]) -> str:
        return ".".join(names.get(str(part), str(part)) for part in loc) or "source"

    return "; ".join(f"{where(e['loc'])}: {e['msg']}" for e in error.errors())
