"""Use case: re-extract stored pages (after an extractor upgrade) through the processing path."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime

from newsflow.services.ports import Ports
from newsflow.services.process_object import (
    PROCESSED_PREFIXES,
    UPLOADS_PREFIX,
    ProcessResult,
    Status,
    process_object,
)


def page_prefixes(source_id: str | None) -> tuple[str, ...]:
    """Where the pages to reprocess live: raw/{source_id}/ (the fetcher's key layout) and
    uploads/ for one source (an upload's source is only in its metadata, read per object);
    else every raw/ and uploads/ page."""
    return (f"raw/{source_id}/", UPLOADS_PREFIX) if source_id else PROCESSED_PREFIXES


def reprocess(
    ports: Ports,
    *,
    max_bytes: int,
    lease_seconds: int,
    source_id: str | None = None,
    since: datetime | None = None,
    on_result: Callable[[ProcessResult], None] | None = None,
) -> Counter[Status]:
    """Run every stored page through process_object again, so a changed extraction becomes a
    new version with its ArticleUpdated and an unchanged one costs no write and no event."""
    counts: Counter[Status] = Counter()
    for key in _keys(ports, source_id, since):
        result = process_object(
            ports.objects.bucket, key, ports, max_bytes=max_bytes, lease_seconds=lease_seconds
        )
        counts[result.status] += 1
        if on_result is not None:
            on_result(result)
    return counts


def _keys(ports: Ports, source_id: str | None, since: datetime | None) -> Iterator[str]:
    for prefix in page_prefixes(source_id):
        for key in ports.objects.list_keys(prefix, modified_since=since):
            if source_id is None or not key.startswith(UPLOADS_PREFIX):
                yield key
                continue
            if ports.objects.page_source(key) == source_id:  # one HeadObject per upload
                yield key
