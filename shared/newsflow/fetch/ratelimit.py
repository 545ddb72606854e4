"""Per-host politeness: a minimum delay between requests, shared by whoever fetches."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Reservation:
    """The answer to "may I send to this host?": granted after `wait` seconds, or not."""

    granted: bool
    wait: float


class HostRateLimiter(Protocol):
    """Hands out request slots per host (in memory here; a DynamoDB token bucket later).

    Times are epoch seconds so that separate processes sharing a store agree on them.
    """

    def reserve(self, host: str, min_delay: float, now: float, max_wait: float) -> Reservation:
        """Claim the host's next slot if it comes within `max_wait` seconds."""
        ...

    def defer(self, host: str, until: float) -> None:
        """No slot for `host` before `until` (the host answered 429/503 with Retry-After)."""
        ...


class InMemoryHostRateLimiter:
    """Next free slot per host, in one process."""

    def __init__(self) -> None:
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def reserve(self, host: str, min_delay: float, now: float, max_wait: float) -> Reservation:
        """Grant the next slot (now or later) unless it is more than max_wait away."""
        with self._lock:
            slot = max(now, self._next_slot.get(host, now))
            wait = slot - now
            if wait > max_wait:
                return Reservation(granted=False, wait=wait)
            self._next_slot[host] = slot + min_delay
            return Reservation(granted=True, wait=wait)

    def defer(self, host: str, until: float) -> None:
        """Push the host's next slot to `until` at the earliest."""
        with self._lock:
            self._next_slot[host] = max(self._next_slot.get(host, until), until)
