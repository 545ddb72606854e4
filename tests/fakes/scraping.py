"""In-memory adapters of discovery's ports: the sources, the URL registry, the feed and sitemap
validators, the discovery schedule and both queues.

They keep the rules the DynamoDB and SQS adapters keep (tests/integration/test_port_contracts.py
runs the same cases on both): one registry entry per normalised URL, claims that only one
caller wins, an older fetch that never overwrites a newer one, the schedule in whole seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from newsflow.models import Source
from newsflow.models.api import SourceRun
from newsflow.services.ports import (
    REGISTRY_LOOKUP_BATCH,
    DocumentState,
    FetchMessage,
    FetchRecord,
    KnownUrl,
    SourceRunStats,
    StoredSource,
)
from newsflow.urls import normalize_url


@dataclass
class InMemoryUrlRegistry:
    """UrlRegistry: one entry per normalised URL, claims decided under a lock."""

    entries: dict[str, KnownUrl] = field(default_factory=dict)
    fetches: dict[str, FetchRecord] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def lookup(self, urls: Sequence[str]) -> dict[str, KnownUrl]:
        if len(urls) > REGISTRY_LOOKUP_BATCH:
            raise ValueError(f"at most {REGISTRY_LOOKUP_BATCH} URLs per lookup")
        with self._lock:
            found = {url: self.entries.get(normalize_url(url)) for url in urls}
        return {url: known for url, known in found.items() if known is not None}

    def register(self, url: str, *, source_id: str, found_in: str, now: datetime) -> bool:
        key = normalize_url(url)
        with self._lock:
            if key in self.entries:
                return False
            self.entries[key] = KnownUrl(url=url, queued_at=now)
        return True

    def claim_refetch(self, known: KnownUrl, *, updated_at: datetime, now: datetime) -> bool:
        if known.fetched_at is None:
            return False
        key = normalize_url(known.url)
        with self._lock:
            stored = self.entries.get(key)
            if stored is None or stored.fetched_at != known.fetched_at:
                return False
            if stored.requeued_for is not None and stored.requeued_for >= updated_at:
                return False
            self.entries[key] = replace(stored, queued_at=now, requeued_for=updated_at)
        return True

    def record_fetch(self, record: FetchRecord) -> None:
        key = normalize_url(record.url)
        with self._lock:
            stored = self.entries.get(key) or KnownUrl(url=record.url, queued_at=record.fetched_at)
            if stored.fetched_at is not None and stored.fetched_at > record.fetched_at:
                return  # a slow worker's older fetch never overwrites a newer outcome
            validators = (
                {"etag": record.etag, "last_modified": record.last_modified}
                if record.outcome == "ok"
                else {}
            )
            self.entries[key] = replace(stored, fetched_at=record.fetched_at, **validators)
            self.fetches[key] = record


@dataclass
class InMemoryDocumentStates:
    """DocumentStates: per source, the last state of each feed or sitemap URL."""

    states: dict[str, dict[str, DocumentState]] = field(default_factory=dict)

    def load(self, source_id: str) -> dict[str, DocumentState]:
        return dict(self.states.get(source_id, {}))

    def save(self, source_id: str, state: DocumentState) -> None:
        self.states.setdefault(source_id, {})[state.url] = state


@dataclass
class InMemoryDiscoverSchedule:
    """DiscoverSchedule: next due time per source, in whole seconds as the table keeps it."""

    due: dict[str, datetime] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def next_due(self) -> dict[str, datetime]:
        with self._lock:
            return dict(self.due)

    def claim(self, source_id: str, *, now: datetime, next_due: datetime) -> bool:
        with self._lock:
            current = self.due.get(source_id)
            if current is not None and current.timestamp() > int(now.timestamp()):
                return False
            self.due[source_id] = datetime.fromtimestamp(int(next_due.timestamp()), tz=UTC)
        return True


@dataclass
class InMemoryFetchQueue:
    """TaskQueue: what was sent, in order, with the delay it was sent with."""

    sent: list[tuple[FetchMessage, int]] = field(default_factory=list)

    def send(self, messages: Sequence[FetchMessage], *, delay_seconds: int = 0) -> None:
        self.sent.extend((message, delay_seconds) for message in messages)

    def messages(self) -> list[FetchMessage]:
        """Every message sent so far (consumed, as a receive would)."""
        taken = [message for message, _ in self.sent]
        self.sent.clear()
        return taken


@dataclass
class InMemorySourceRepository:
    """SourceRepository: configurations in id order, run statistics with running totals."""

    stored: dict[str, StoredSource] = field(default_factory=dict)
    runs: dict[str, SourceRunStats] = field(default_factory=dict)

    def put(
        self, source: Source, *, now: datetime, create_only: bool
    ) -> tuple[StoredSource, bool] | None:
        old = self.stored.get(source.id)
        if old is not None and create_only:
            return None
        stored = StoredSource(source, old.created_at if old else now, now)
        self.stored[source.id] = stored
        return stored, old is None

    def get(self, source_id: str) -> StoredSource | None:
        return self.stored.get(source_id)

    def list_page(self, *, after: str | None, limit: int) -> tuple[list[StoredSource], bool]:
        ids = sorted(i for i in self.stored if after is None or i > after)
        return [self.stored[i] for i in ids[:limit]], len(ids) > limit

    def delete(self, source_id: str) -> bool:
        self.runs.pop(source_id, None)
        return self.stored.pop(source_id, None) is not None

    def get_run_stats(self, source_id: str) -> SourceRunStats | None:
        return self.runs.get(source_id)

    def record_run(
        self,
        source_id: str,
        *,
        started_at: datetime,
        finished_at: datetime,
        counts: Mapping[str, int],
    ) -> None:
        totals = dict(self.runs[source_id].totals) if source_id in self.runs else {}
        for outcome, count in counts.items():
            totals[outcome] = totals.get(outcome, 0) + count
        run = SourceRun(started_at=started_at, finished_at=finished_at, counts=dict(counts))
        self.runs[source_id] = SourceRunStats(last_run=run, totals=totals)


@dataclass
class InMemorySourceQueue:
    """SourceQueue: the source ids sent, in order."""

    sent: list[str] = field(default_factory=list)

    def send(self, source_ids: Sequence[str]) -> None:
        self.sent.extend(source_ids)

    def source_ids(self) -> list[str]:
        """Every source id sent so far (consumed, as a receive would)."""
        taken = list(self.sent)
        self.sent.clear()
        return taken
