"""Use case: a page in the bucket becomes a stored, versioned, announced article, exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from newsflow.extract import extract_article
from newsflow.models import Article, OutcomeKind
from newsflow.models.article import VERSIONED_FIELDS, field_hashes
from newsflow.models.events import (
    ArticleChanged,
    ArticleRejected,
    EventType,
    ObjectPointer,
    RejectionKind,
)
from newsflow.services.health import count_rejection, count_version
from newsflow.services.ports import (
    ArticleState,
    OutgoingEvent,
    Ports,
    UrlRecord,
    VersionCommit,
)
from newsflow.services.rights import with_fetch_rights
from newsflow.services.story_grouping import assign_story, kept_story, with_story
from newsflow.urls import is_http_url

UPLOADS_PREFIX = "uploads/"  # pages put by hand or by a client; `source` in their metadata
PROCESSED_PREFIXES = ("raw/", UPLOADS_PREFIX)
ARTICLES_PREFIX = "articles/"
# Outcomes that are stored as articles; the others are recorded on the URL and announced as
# ArticleRejected.
STORED_OUTCOMES = frozenset({OutcomeKind.ARTICLE, OutcomeKind.PAYWALLED_PARTIAL})
# Each lost race means another version landed in between: a few re-reads settle any realistic
# contention; past that the message is retried by the queue.
MAX_COMMIT_ATTEMPTS = 4


class Status(StrEnum):
    """What processing one object did."""

    INGESTED = "ingested"  # version 1 stored and announced
    UPDATED = "updated"  # a new version stored and announced
    UNCHANGED = "unchanged"  # same content as the current version: nothing written or sent
    STALE = "stale"  # older than the current version: ignored
    COMPLETED = "completed"  # finished announcing a version whose writer stopped midway
    REJECTED = "rejected"  # not an article: recorded on the URL and announced
    REJECTED_AGAIN = "rejected_again"  # same rejection as last time: nothing sent
    SKIPPED = "skipped"  # not ours to process (prefix, bucket) or no longer there


@dataclass(frozen=True)
class ProcessResult:
    """The outcome of processing one object, for logs and metrics."""

    status: Status
    key: str
    article_id: str | None = None
    version: int | None = None
    reason: str = ""


class ConcurrentWriteError(RuntimeError):
    """The article kept changing under us; the queue retries the message later."""


@dataclass(frozen=True)
class _Refusal:
    kind: OutcomeKind | RejectionKind
    reason: str
    url: str = ""
    source_id: str | None = None
    fetched_at: datetime | None = None
    article_id: str | None = None


def process_object(
    bucket: str, key: str, ports: Ports, *, max_bytes: int, lease_seconds: int
) -> ProcessResult:
    """Read, extract, then store a new version, do nothing, or record a rejection."""
    if bucket != ports.objects.bucket:
        return ProcessResult(Status.SKIPPED, key, reason=f"bucket {bucket} is not ours")
    if not key.startswith(PROCESSED_PREFIXES):
        return ProcessResult(Status.SKIPPED, key, reason="not under raw/ or uploads/")
    page = ports.objects.get_page(key, max_bytes=max_bytes)
    if page is None:
        return ProcessResult(Status.SKIPPED, key, reason="object no longer exists")

    url_known = is_http_url(page.url)
    # Extraction needs a URL; the page's canonical link replaces this one later.
    url = page.url if url_known else f"s3://{bucket}/{key}"
    if page.unreadable is not None:
        refusal = _Refusal(page.unreadable, page.reason, url, page.source_id, page.fetched_at)
        return _reject(refusal, key, ports, lease_seconds)
    article = extract_article(
        page.body,
        url,
        final_url=page.final_url if is_http_url(page.final_url) else None,
        http_charset=page.charset,
        fetched_at=page.fetched_at,
        source_id=page.source_id,
        max_bytes=None,  # the page store applied the limit as it read the page
    )
    article = with_fetch_rights(article, page)
    if article.outcome.kind not in STORED_OUTCOMES:
        refusal = _Refusal(
            article.outcome.kind,
            article.outcome.reason,
            url,
            page.source_id,
            page.fetched_at,
            article.article_id if url_known else None,
        )
        return _reject(refusal, key, ports, lease_seconds)
    if not url_known:
        if article.provenance.get("canonical_url") == "url":
            reason = "no url metadata and no canonical link in the page"
            refusal = _Refusal(
                RejectionKind.MISSING_URL, reason, url, page.source_id, page.fetched_at
            )
            return _reject(refusal, key, ports, lease_seconds)
        # The page named itself: its canonical URL is the best URL there is.
        article = article.model_copy(
            update={"url": article.canonical_url, "final_url": article.canonical_url}
        )
    return _store(article, key, ports, lease_seconds)


def article_key(article_id: str, version: int) -> str:
    """Where version `version` of an article's JSON lives (written once per version)."""
    return f"{ARTICLES_PREFIX}{article_id}/v{version}.json"


def _store(article: Article, raw_key: str, ports: Ports, lease_seconds: int) -> ProcessResult:
    hashes = field_hashes(article)
    for _ in range(MAX_COMMIT_ATTEMPTS):
        state = ports.articles.get_article(article.article_id)
        now = ports.clock()
        if state is not None:
            kept = _keep_current(article, raw_key, state, ports)
            if kept is Status.UNCHANGED:
                if raw_key != state.raw_key:
                    # The URL was seen again (or an alias of it): its URL outcome item notes it.
                    ports.articles.record_url(_url_record(article, raw_key, now))
                return _complete_announcement(
                    kept_story(article, state), state, raw_key, ports, lease_seconds
                )
            if kept is not None:
                return ProcessResult(kept, raw_key, article.article_id, state.version)
        version = 1 if state is None else state.version + 1
        changed = (
            ()
            if state is None
            else tuple(
                name for name in VERSIONED_FIELDS if hashes[name] != state.field_hashes.get(name)
            )
        )
        # Read again on every attempt: a lost race may be a copy that founded the story first.
        story = assign_story(article, state, hashes, ports.stories)
        stored = with_story(article, story)
        commit = VersionCommit(
            article=stored,
            version=version,
            previous=state,
            changed_fields=changed,
            field_hashes=hashes,
            article_key=article_key(article.article_id, version),
            raw_key=raw_key,
            url_record=_url_record(article, raw_key, now),
            lease_until=_epoch(now + timedelta(seconds=lease_seconds)),
            now=now,
            story=story,
        )
        if not ports.articles.commit_version(commit):
            continue  # another writer moved the article or a story item: decide again
        _announce(stored, version, changed, raw_key, ports)
        status = Status.INGESTED if version == 1 else Status.UPDATED
        return ProcessResult(status, raw_key, article.article_id, version)
    raise ConcurrentWriteError(f"{article.article_id}: {MAX_COMMIT_ATTEMPTS} lost races")


def _keep_current(
    article: Article, raw_key: str, state: ArticleState, ports: Ports
) -> Status | None:
    """Why the current version stays as it is, or None when this page makes a new one."""
    if article.content_hash == state.content_hash:
        return Status.UNCHANGED
    if _comes_before(article, raw_key, state, ports):
        return Status.STALE  # an older page arriving late must not roll the article back
    if (
        state.outcome is OutcomeKind.ARTICLE
        and article.outcome.kind is OutcomeKind.PAYWALLED_PARTIAL
    ):
        return Status.STALE  # a teaser served to us does not replace the full text we hold
    return None


def _comes_before(article: Article, raw_key: str, state: ArticleState, ports: Ports) -> bool:
    """Whether this page precedes the current version's page: by fetch time, and where fetch
    times tie (an upload's is its object's LastModified, to the second) by page number, so
    re-extracting every stored page makes a version only where the latest page's extraction
    changed. Pages are numbered only when they tie, the current version's page first."""
    if raw_key == state.raw_key or article.fetched_at != state.fetched_at:
        return article.fetched_at < state.fetched_at
    current = ports.articles.page_sequence(state.raw_key)
    return ports.articles.page_sequence(raw_key) < current


def _complete_announcement(
    article: Article, state: ArticleState, raw_key: str, ports: Ports, lease_seconds: int
) -> ProcessResult:
    """Same content: nothing to do, unless the version's writer stopped before announcing it
    and its lease ran out; then whoever claims it finishes the job (object, event, mark)."""
    now = ports.clock()
    if state.announced_version < state.version and state.lease_until < _epoch(now):
        lease_until = _epoch(now + timedelta(seconds=lease_seconds))
        if ports.articles.claim_announcement(
            article.article_id, state.version, lease_until=lease_until, now=_epoch(now)
        ):
            _announce(article, state.version, state.changed_fields, raw_key, ports)
            return ProcessResult(Status.COMPLETED, raw_key, article.article_id, state.version)
    return ProcessResult(Status.UNCHANGED, raw_key, article.article_id, state.version)


def _announce(
    article: Article, version: int, changed: tuple[str, ...], raw_key: str, ports: Ports
) -> None:
    """Object, then event, then mark: a crash before the mark leaves the version claimable,
    so a retry repeats the (idempotent) object write and the event."""
    key = article_key(article.article_id, version)
    bucket = ports.objects.bucket
    ports.objects.put_article(
        key, article.model_dump_json().encode("utf-8"), content_hash=article.content_hash
    )
    detail = ArticleChanged(
        article_id=article.article_id,
        version=version,
        url=article.url,
        canonical_url=article.canonical_url,
        source_id=article.source_id,
        title=article.title,
        language=article.language,
        section=article.section,
        published_at=article.published_at,
        outcome=article.outcome.kind,
        changed_fields=list(changed),
        content_hash=article.content_hash,
        extractor_version=article.extractor_version,
        story_id=article.story_id,
        story_size=article.story_size,
        article=ObjectPointer(bucket=bucket, key=key),
        raw=ObjectPointer(bucket=bucket, key=raw_key),
        rights=article.rights,
    )
    detail_type = EventType.ARTICLE_INGESTED if version == 1 else EventType.ARTICLE_UPDATED
    ports.events.publish([OutgoingEvent(detail_type, detail)])
    ports.articles.mark_announced(article.article_id, version)
    count_version(article, ports)


def _reject(refusal: _Refusal, raw_key: str, ports: Ports, lease_seconds: int) -> ProcessResult:
    now = ports.clock()
    record = UrlRecord(
        url=refusal.url,
        outcome=refusal.kind.value,
        reason=refusal.reason,
        raw_key=raw_key,
        source_id=refusal.source_id,
        article_id=refusal.article_id,
        fetched_at=refusal.fetched_at or now,
        now=now,
    )
    lease_until = _epoch(now + timedelta(seconds=lease_seconds))
    if not ports.articles.claim_rejection(record, lease_until=lease_until, now=_epoch(now)):
        return ProcessResult(
            Status.REJECTED_AGAIN, raw_key, refusal.article_id, reason=refusal.reason
        )
    bucket = ports.objects.bucket
    detail = ArticleRejected(
        url=refusal.url,
        article_id=refusal.article_id,
        source_id=refusal.source_id,
        outcome=refusal.kind,
        reason=refusal.reason,
        raw=ObjectPointer(bucket=bucket, key=raw_key),
    )
    ports.events.publish([OutgoingEvent(EventType.ARTICLE_REJECTED, detail)])
    ports.articles.mark_rejection_announced(refusal.url, refusal.kind.value)
    count_rejection(refusal.source_id, refusal.fetched_at or now, refusal.kind.value, ports)
    return ProcessResult(Status.REJECTED, raw_key, refusal.article_id, reason=refusal.reason)


def _url_record(article: Article, raw_key: str, now: datetime) -> UrlRecord:
    return UrlRecord(
        url=article.url,
        outcome=article.outcome.kind.value,
        reason=article.outcome.reason,
        raw_key=raw_key,
        source_id=article.source_id,
        article_id=article.article_id,
        fetched_at=article.fetched_at,
        now=now,
    )


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())
