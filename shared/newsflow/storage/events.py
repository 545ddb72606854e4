"""EventBridge adapter: versioned event details onto the bus, in PutEvents-sized batches."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from newsflow.models.events import EVENT_SOURCE
from newsflow.services.ports import OutgoingEvent

if TYPE_CHECKING:
    from mypy_boto3_events import EventBridgeClient
    from mypy_boto3_events.type_defs import PutEventsRequestEntryTypeDef

# AWS limits of PutEvents: entries per call and bytes per call (and so per entry).
MAX_ENTRIES_PER_PUT = 10
MAX_BYTES_PER_PUT = 256 * 1024
# EventBridge counts a set `Time` as 14 bytes when it sizes an entry.
_TIME_BYTES = 14
# Entries that failed inside a successful call (throttling, internal errors) are sent again.
MAX_PUT_ATTEMPTS = 3


class PublishError(RuntimeError):
    """Some events could not be put; the caller's unit of work must be retried."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__(f"{len(failures)} event(s) not put: {'; '.join(failures[:3])}")
        self.failures = failures


class EventBridgePublisher:
    """Puts events on one bus with source `newsflow`."""

    def __init__(self, client: EventBridgeClient, bus: str) -> None:
        self._client = client
        self._bus = bus

    def publish(self, events: Sequence[OutgoingEvent]) -> None:
        entries = [self._entry(event) for event in events]
        for batch in batches(entries):
            self._put(batch)

    def _entry(self, event: OutgoingEvent) -> PutEventsRequestEntryTypeDef:
        entry: PutEventsRequestEntryTypeDef = {
            "Source": EVENT_SOURCE,
            "DetailType": event.detail_type.value,
            "Detail": event.detail.model_dump_json(),
            "EventBusName": self._bus,
        }
        if entry_size(entry) > MAX_BYTES_PER_PUT:
            raise PublishError([f"{event.detail_type} detail over {MAX_BYTES_PER_PUT} bytes"])
        return entry

    def _put(self, batch: list[PutEventsRequestEntryTypeDef]) -> None:
        pending = batch
        failures: list[str] = []
        for _ in range(MAX_PUT_ATTEMPTS):
            response = self._client.put_events(Entries=pending)
            if not response.get("FailedEntryCount"):
                return
            # Results are positional: the n-th result belongs to the n-th entry sent.
            results = response["Entries"]
            failures = [
                f"{r.get('ErrorCode')}: {r.get('ErrorMessage')}"
                for r in results
                if "ErrorCode" in r
            ]
            pending = [entry for entry, r in zip(pending, results, strict=True) if "ErrorCode" in r]
        raise PublishError(failures)


def entry_size(entry: PutEventsRequestEntryTypeDef) -> int:
    """The size EventBridge charges an entry against the 256 KB limit."""
    size = _TIME_BYTES if "Time" in entry else 0
    for field in ("Source", "DetailType", "Detail"):
        size += len(str(entry.get(field, "")).encode("utf-8"))
    return size + sum(len(r.encode("utf-8")) for r in entry.get("Resources", []))


def batches(
    entries: Sequence[PutEventsRequestEntryTypeDef],
) -> Iterator[list[PutEventsRequestEntryTypeDef]]:
    """Consecutive groups within both the entry count and the byte limit of one PutEvents."""
    batch: list[PutEventsRequestEntryTypeDef] = []
    batch_bytes = 0
    for entry in entries:
        size = entry_size(entry)
        if batch and (len(batch) == MAX_ENTRIES_PER_PUT or batch_bytes + size > MAX_BYTES_PER_PUT):
            yield batch
            batch, batch_bytes = [], 0
        batch.append(entry)
        batch_bytes += size
    if batch:
        yield batch
