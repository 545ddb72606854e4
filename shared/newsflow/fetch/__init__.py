"""The polite HTTP client: robots.txt, per-host delay, SSRF guard, limits (the only HTTP code)."""

from newsflow.decompress import DecodingError, StreamError, TooLargeError
from newsflow.fetch.addresses import (
    ResolutionError,
    SsrfBlockedError,
    forbidden_reason,
    parse_ip_literal,
    system_resolver,
    vet_host,
)
from newsflow.fetch.challenge import challenge_reason
from newsflow.fetch.client import (
    OpenedResponse,
    PoliteClient,
    StreamInterruptedError,
    parse_retry_after,
)
from newsflow.fetch.ratelimit import HostRateLimiter, InMemoryHostRateLimiter, Reservation
from newsflow.fetch.robots import InMemoryRobotsCache, RobotsCache, RobotsRecord
from newsflow.fetch.settings import HTML_TYPES, FetchSettings
from newsflow.fetch.tdmrep import InMemoryTdmrepCache, TdmrepCache, TdmrepRecord

__all__ = [
    "HTML_TYPES",
    "DecodingError",
    "FetchSettings",
    "HostRateLimiter",
    "InMemoryHostRateLimiter",
    "InMemoryRobotsCache",
    "InMemoryTdmrepCache",
    "OpenedResponse",
    "PoliteClient",
    "Reservation",
    "ResolutionError",
    "RobotsCache",
    "RobotsRecord",
    "SsrfBlockedError",
    "StreamError",
    "StreamInterruptedError",
    "TdmrepCache",
    "TdmrepRecord",
    "TooLargeError",
    "challenge_reason",
    "forbidden_reason",
    "parse_ip_literal",
    "parse_retry_after",
    "system_resolver",
    "vet_host",
]
