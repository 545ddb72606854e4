"""Fetch use case: one FetchQueue message → one polite fetch → raw page in S3 and an outcome."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from newsflow.fetch import HTML_TYPES, PoliteClient
from newsflow.fetch.tdmrep import finding_for
from newsflow.models import FetchOutcome, FetchResult
from newsflow.models.raw_page import RawPage
from newsflow.models.rights import TdmrepFinding
from newsflow.services.health import count_fetch
from newsflow.services.ports import (
    FetchMessage,
    FetchRecord,
    HealthStore,
    RawPageStore,
    TaskQueue,
    UrlRegistry,
)
from newsflow.urls import article_id_for

# SQS DelaySeconds cannot exceed 15 minutes. A longer Retry-After is still honoured: the
# host limiter holds the host's next slot until then, so the message comes back, finds the
# host closed, and is put back again without a request reaching the site.
MAX_DELAY_SECONDS = 900
# When a 429/503 names no Retry-After (or our own limiter gives none).
DEFAULT_RETRY_SECONDS = 60
# Back-off of transient failures by attempt: 30 s, 2 min, 8 min, …
_BACKOFF_BASE_SECONDS = 30
TRANSIENT = frozenset({FetchOutcome.SERVER_ERROR, FetchOutcome.TIMEOUT, FetchOutcome.NETWORK_ERROR})


@dataclass(frozen=True)
class FetchPorts:
    """What fetching runs on."""

    client: PoliteClient
    registry: UrlRegistry
    pages: RawPageStore
    queue: TaskQueue
    max_attempts: int = 3
    max_requeues: int = 20
    # A fetch may take a robots.txt exchange and a page exchange at the total timeout each,
    # plus the wait for a host slot; with less time left the message goes back untouched.
    min_seconds_left: float = 70.0
    health: HealthStore | None = None  # per-source daily counters; None: not counted


@dataclass(frozen=True)
class FetchReport:
    """What became of one message: `stored` (page in raw/), `recorded` (outcome only),
    `requeued` (rate-limited, back on the queue after a delay), `retrying` (transient) or
    `deferred` (not tried: the invocation was running out of time)."""

    url: str
    outcome: FetchOutcome
    action: str
    reason: str = ""
    raw_key: str | None = None
    delay_seconds: int | None = None


def raw_key_for(source_id: str, url: str, fetched_at: datetime) -> str:
    """`raw/{source}/{yyyy}/{mm}/{dd}/{url_hash}.html.gz`: listable by source and day."""
    day = fetched_at.astimezone(UTC)
    return f"raw/{source_id}/{day:%Y/%m/%d}/{article_id_for(url)}.html.gz"


def fetch_url(
    message: FetchMessage, ports: FetchPorts, *, time_left: Callable[[], float] | None = None
) -> FetchReport:
    """Fetch the message's URL once and do the one thing its outcome calls for.

    `time_left` (seconds, from the Lambda context): when too little is left for a worst-case
    fetch, the message is sent back at once instead, so a batch never times out half-done.
    """
    if time_left is not None and time_left() < ports.min_seconds_left:
        ports.queue.send([message])
        return FetchReport(message.url, FetchOutcome.RATE_LIMITED, "deferred", "out of time")
    result = ports.client.fetch(
        message.url,
        accept=HTML_TYPES,
        etag=message.etag,
        last_modified=message.last_modified,
        min_delay=message.min_delay_seconds,
    )
    outcome = result.outcome
    if outcome is FetchOutcome.RATE_LIMITED and message.requeues < ports.max_requeues:
        wait = result.retry_after_seconds or DEFAULT_RETRY_SECONDS
        delay = max(1, min(MAX_DELAY_SECONDS, math.ceil(wait)))
        ports.queue.send(
            [message.model_copy(update={"requeues": message.requeues + 1})], delay_seconds=delay
        )
        return FetchReport(message.url, outcome, "requeued", result.reason, delay_seconds=delay)
    if outcome in TRANSIENT and message.attempt < ports.max_attempts:
        delay = min(MAX_DELAY_SECONDS, _BACKOFF_BASE_SECONDS * 4 ** (message.attempt - 1))
        ports.queue.send(
            [message.model_copy(update={"attempt": message.attempt + 1})], delay_seconds=delay
        )
        ports.registry.record_fetch(_record(message, result, raw_key=None))
        return FetchReport(message.url, outcome, "retrying", result.reason, delay_seconds=delay)
    raw_key = None
    if outcome is FetchOutcome.OK and result.body is not None:
        raw_key = raw_key_for(message.source_id, message.url, result.fetched_at)
        # The rights record's site-wide TDM signal: the origin's tdmrep.json (cached per origin).
        tdmrep = finding_for(ports.client.tdmrep_record(result.final_url), result.final_url)
        ports.pages.put_raw(
            raw_key,
            raw_page(
                result, result.body, url=message.url, source_id=message.source_id, tdmrep=tdmrep
            ),
        )
    # The page first, then the outcome: a crash in between re-fetches and overwrites the
    # same key (processing ignores an unchanged page), never records a page that is missing.
    ports.registry.record_fetch(_record(message, result, raw_key=raw_key))
    if ports.health is not None:
        count_fetch(ports.health, message.source_id, result.fetched_at, outcome.value)
    action = "stored" if raw_key else "recorded"
    return FetchReport(message.url, outcome, action, result.reason, raw_key=raw_key)


def raw_page(
    result: FetchResult,
    body: bytes,
    *,
    url: str,
    source_id: str | None,
    tdmrep: TdmrepFinding | None = None,
) -> RawPage:
    """The page as fetched from `url` (the URL asked for), with what the fetch saw (tdmrep:
    the origin's tdmrep.json finding), for the raw page store or for extraction."""
    robots = result.robots
    return RawPage(
        body=body,
        url=url,
        fetched_at=result.fetched_at,
        final_url=result.final_url,
        source_id=source_id,
        content_type=result.content_type,
        status=result.status,
        headers=result.headers,
        robots_verdict=robots.verdict.value if robots else None,
        robots_rule=robots.rule if robots else None,
        tdmrep=tdmrep,
    )


def _record(message: FetchMessage, result: FetchResult, *, raw_key: str | None) -> FetchRecord:
    robots = result.robots
    return FetchRecord(
        url=message.url,
        source_id=message.source_id,
        outcome=result.outcome.value,
        reason=result.reason,
        fetched_at=result.fetched_at,
        final_url=result.final_url,
        status=result.status,
        robots_verdict=robots.verdict.value if robots else None,
        robots_allowed=robots.allowed if robots else None,
        etag=result.etag,
        last_modified=result.last_modified,
        raw_key=raw_key,
        attempt=message.attempt,
    )
