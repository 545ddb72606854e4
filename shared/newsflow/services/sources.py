"""Sources use cases for the Query API: list, read with run statistics, create, replace, delete."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from newsflow.models import Source
from newsflow.models.api import SourcePage, SourceRecord, SourceRun, SourceStatus
from newsflow.services.ports import utc_now
from newsflow.services.query import (
    ConflictError,
    CursorCodec,
    InvalidRequestError,
    QueryLimits,
    ResourceNotFoundError,
)


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


@dataclass
class SourcePorts:
    """What the sources routes run on."""

    sources: SourceRepository
    codec: CursorCodec
    limits: QueryLimits = field(default_factory=QueryLimits)
    clock: Callable[[], datetime] = field(default=utc_now)


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
    return SourcePage(items=[_record(s) for s in stored], next_cursor=next_cursor)


def get_source(ports: SourcePorts, source_id: str) -> SourceStatus:
    """A source with its last run and outcome totals."""
    stored = ports.sources.get(source_id)
    if stored is None:
        raise ResourceNotFoundError(f"no source {source_id}")
    stats = ports.sources.get_run_stats(source_id)
    return SourceStatus(
        **_record(stored).model_dump(),
        last_run=stats.last_run if stats else None,
        totals=dict(stats.totals) if stats else {},
    )


def create_source(ports: SourcePorts, source: Source) -> SourceRecord:
    """A new source; ConflictError when its id is taken."""
    put = ports.sources.put(source, now=ports.clock(), create_only=True)
    if put is None:
        raise ConflictError(f"source {source.id} exists; replace it with PUT /sources/{source.id}")
    return _record(put[0])


def replace_source(ports: SourcePorts, source_id: str, source: Source) -> tuple[SourceRecord, bool]:
    """Create or replace the source at `source_id`; True when it was created."""
    if source.id != source_id:
        raise InvalidRequestError(f"body id {source.id!r} differs from the path's {source_id!r}")
    put = ports.sources.put(source, now=ports.clock(), create_only=False)
    if put is None:  # only create_only puts are refused; a repository that breaks that is ours
        raise RuntimeError("replacing a source was refused")
    return _record(put[0]), put[1]


def delete_source(ports: SourcePorts, source_id: str) -> None:
    """Remove a source (its articles stay)."""
    if not ports.sources.delete(source_id):
        raise ResourceNotFoundError(f"no source {source_id}")


def _record(stored: StoredSource) -> SourceRecord:
    return SourceRecord(
        source=stored.source, created_at=stored.created_at, updated_at=stored.updated_at
    )
