"""robots.txt: the cached record per origin, and the allow/deny decision it gives a URL."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Protocol
from urllib.parse import urlsplit

from protego import Protego
from protego._utils import _quote_path
from pydantic import AwareDatetime, BaseModel, ConfigDict

from newsflow.models.source import RobotsDecision, RobotsVerdict


class RobotsRecord(BaseModel):
    """What fetching an origin's robots.txt gave; storable as is (text, not parsed rules)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    origin: str
    robots_url: str
    verdict: RobotsVerdict  # ALLOWED means "rules in body"; the rest apply to every URL
    status: int | None = None
    body: str = ""
    fetched_at: AwareDatetime
    expires_at: AwareDatetime


class RobotsCache(Protocol):
    """Where robots records live between fetches (in memory here, DynamoDB later)."""

    def get(self, origin: str) -> RobotsRecord | None:
        """The stored record, expired or not; the caller checks `expires_at`."""
        ...

    def put(self, record: RobotsRecord) -> None:
        """Store (replace) the record of `record.origin`."""
        ...


class InMemoryRobotsCache:
    """A dict of records: one process, one Lambda container."""

    def __init__(self) -> None:
        self._records: dict[str, RobotsRecord] = {}
        self._lock = threading.Lock()

    def get(self, origin: str) -> RobotsRecord | None:
        """The stored record for the origin."""
        with self._lock:
            return self._records.get(origin)

    def put(self, record: RobotsRecord) -> None:
        """Store the record."""
        with self._lock:
            self._records[record.origin] = record


def origin_of(url: str) -> str:
    """scheme://host[:port], the scope of one robots.txt."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    suffix = f":{port}" if port is not None and port != default else ""
    return f"{parts.scheme.lower()}://{host}{suffix}"


def robots_url_for(url: str) -> str:
    """Where the robots.txt governing `url` lives."""
    return f"{origin_of(url)}/robots.txt"


@lru_cache(maxsize=256)
def _rules(body: str) -> Protego:
    # Parsing once per distinct file keeps repeated decisions for one site cheap.
    return Protego.parse(body)


def decide(record: RobotsRecord, url: str, agent: str, *, cached: bool) -> RobotsDecision:
    """Whether `agent` may fetch `url` under this record."""
    if record.verdict is not RobotsVerdict.ALLOWED:
        return RobotsDecision(
            allowed=record.verdict is RobotsVerdict.ALLOW_ALL,
            verdict=record.verdict,
            robots_url=record.robots_url,
            status=record.status,
            cached=cached,
        )
    rules = _rules(record.body)
    allowed = rules.can_fetch(url, agent)
    delay = rules.crawl_delay(agent)
    return RobotsDecision(
        allowed=allowed,
        verdict=RobotsVerdict.ALLOWED if allowed else RobotsVerdict.DISALLOWED,
        robots_url=record.robots_url,
        status=record.status,
        crawl_delay=float(delay) if delay is not None else None,
        cached=cached,
        rule=matched_rule(rules, url, agent),
    )


def matched_rule(rules: Protego, url: str, agent: str) -> str | None:
    """The robots.txt group and line that decide `url` for `agent`, for the rights record.

    Shape: 'user-agent: <group> / allow: <pattern>', '… / no matching rule' when the group
    has no rule for the path, 'no group for this agent' when none applies. Protego has no
    public API for this: it reads protego 0.7's rule sets (pinned in constraints.txt; the
    unit tests fail when that changes) and gives None if their shape is not as expected.
    """
    try:
        group = rules._get_matching_rule_set(agent)
        if group is None:
            return "no group for this agent"
        quoted = _quote_path(url)
        for line in group._rules:
            if line.value.match(quoted):
                return f"user-agent: {group.user_agent} / {line.field}: {line.value._pattern}"
        return f"user-agent: {group.user_agent} / no matching rule"
    except AttributeError:
        return None


def verdict_for_status(status: int) -> RobotsVerdict:
    """RFC 9309 with the stricter reading for 401/403: those mean "keep out"."""
    if 200 <= status < 300:
        return RobotsVerdict.ALLOWED
    if status in {401, 403}:
        return RobotsVerdict.DISALLOW_ALL
    if status == 429 or status >= 500:
        return RobotsVerdict.UNAVAILABLE
    return RobotsVerdict.ALLOW_ALL
