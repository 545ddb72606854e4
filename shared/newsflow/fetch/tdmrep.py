"""TDMRep's site-wide file `/.well-known/tdmrep.json`: its rules, the cached record per origin,
and the rule that governs a URL.

Rules of the W3C TDMRep final report (2024, https://www.w3.org/community/reports/tdmrep/,
section "TDM File on the Origin Server"): the file is a JSON array of objects, each with a
`location` pattern, a `tdm-reservation` (1 = reserved, 0 = not reserved; any other value is
a protocol error and counts as not declared) and an optional `tdm-policy` URL. A pattern
matches a URL's path the robots.txt way (`*` any run of characters, a final `$` anchors the
end, otherwise a prefix match); the first matching rule in the file's order is the one that
applies. A site that does not serve the file does not implement this part of the protocol.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import unquote, urljoin, urlsplit

import re2
from pydantic import AwareDatetime, BaseModel, ConfigDict

from newsflow.models.rights import TdmrepFinding, TdmrepOutcome, TdmrepRule
from newsflow.models.source import FetchOutcome, FetchResult
from newsflow.url_patterns import compile_url_pattern
from newsflow.urls import is_http_url

TDMREP_PATH = "/.well-known/tdmrep.json"
MAX_RULES = 500  # a site-wide file; more rules than this are not read (the first ones win)
MAX_LOCATION_CHARS = 300


class TdmrepFormatError(ValueError):
    """The file is not a JSON array."""


class TdmrepRecord(BaseModel):
    """An origin's file as fetched; storable as is."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    origin: str
    outcome: TdmrepOutcome
    status: int | None = None
    reason: str = ""
    rules: list[TdmrepRule] = []
    fetched_at: AwareDatetime
    expires_at: AwareDatetime


class TdmrepCache(Protocol):
    """Where tdmrep records live between fetches (as RobotsCache does for robots.txt)."""

    def get(self, origin: str) -> TdmrepRecord | None:
        """The stored record, expired or not; the caller checks `expires_at`."""
        ...

    def put(self, record: TdmrepRecord) -> None:
        """Store (replace) the record of `record.origin`."""
        ...


class InMemoryTdmrepCache:
    """A dict of records: one process, one Lambda container (single-threaded use)."""

    def __init__(self) -> None:
        self._records: dict[str, TdmrepRecord] = {}

    def get(self, origin: str) -> TdmrepRecord | None:
        """The stored record for the origin."""
        return self._records.get(origin)

    def put(self, record: TdmrepRecord) -> None:
        """Store the record."""
        self._records[record.origin] = record


def parse_tdmrep(body: bytes, file_url: str) -> list[TdmrepRule]:
    """The rules of a tdmrep.json body, in file order; relative policy URLs resolve against
    `file_url`. Entries that are not objects with a string `location` are skipped.

    Raises TdmrepFormatError when the body is not JSON (UTF-8, a BOM allowed) or not an array.
    """
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise TdmrepFormatError(f"not JSON: {exc}") from exc
    if not isinstance(document, list):
        raise TdmrepFormatError(f"a JSON {type(document).__name__}, not an array")
    rules = []
    for entry in document[:MAX_RULES]:
        rule = _rule(entry, file_url)
        if rule is not None:
            rules.append(rule)
    return rules


def _rule(entry: Any, file_url: str) -> TdmrepRule | None:
    if not isinstance(entry, dict):
        return None
    location = entry.get("location")
    if not isinstance(location, str) or not location.strip():
        return None
    reservation = entry.get("tdm-reservation")
    policy = entry.get("tdm-policy")
    policy_url = urljoin(file_url, policy.strip()) if isinstance(policy, str) else None
    return TdmrepRule(
        location=location.strip()[:MAX_LOCATION_CHARS],
        # 1 and 0 as numbers or strings; true/false are not protocol values.
        reservation={"1": True, "0": False}.get(str(reservation))
        if not isinstance(reservation, bool)
        else None,
        policy=policy_url if policy_url and is_http_url(policy_url) else None,
    )


# Fetch outcomes that say "ask again later"; every other failure means "no file here".
_TRANSIENT = frozenset(
    {
        FetchOutcome.SERVER_ERROR,
        FetchOutcome.TIMEOUT,
        FetchOutcome.NETWORK_ERROR,
        FetchOutcome.CHALLENGE_PAGE,
        FetchOutcome.RATE_LIMITED,
    }
)


def record_from(
    origin: str, result: FetchResult, now: datetime, *, ttl: timedelta, error_ttl: timedelta
) -> TdmrepRecord:
    """The record of one polite fetch of the origin's file (`result` of PoliteClient.fetch).

    A file that cannot be parsed is recorded MALFORMED (with the parser's reason), never raised;
    an UNAVAILABLE record lives `error_ttl`, any other `ttl`.
    """
    outcome, rules, reason = _read(result)
    lifetime = error_ttl if outcome is TdmrepOutcome.UNAVAILABLE else ttl
    return TdmrepRecord(
        origin=origin,
        outcome=outcome,
        status=result.status,
        reason=reason,
        rules=rules,
        fetched_at=now,
        expires_at=now + lifetime,
    )


def _read(result: FetchResult) -> tuple[TdmrepOutcome, list[TdmrepRule], str]:
    if result.outcome is FetchOutcome.OK and result.body is not None:
        try:
            return TdmrepOutcome.FOUND, parse_tdmrep(result.body, result.final_url), ""
        except TdmrepFormatError as exc:
            return TdmrepOutcome.MALFORMED, [], str(exc)
    if result.outcome is FetchOutcome.TOO_LARGE:
        return TdmrepOutcome.MALFORMED, [], result.reason
    if result.outcome in _TRANSIENT:
        return TdmrepOutcome.UNAVAILABLE, [], result.reason
    return TdmrepOutcome.ABSENT, [], result.reason


def matching_rule(rules: list[TdmrepRule], url: str) -> TdmrepRule | None:
    """The first rule whose location matches the URL's path (and query), or None."""
    parts = urlsplit(url)
    target = _decoded(parts.path or "/") + (f"?{_decoded(parts.query)}" if parts.query else "")
    for rule in rules:
        pattern = _pattern(rule.location)
        if pattern is not None and pattern.match(target):
            return rule
    return None


def finding_for(record: TdmrepRecord, url: str) -> TdmrepFinding:
    """The record's outcome and, when the file was read, the rule that governs `url`."""
    rule = matching_rule(record.rules, url) if record.outcome is TdmrepOutcome.FOUND else None
    return TdmrepFinding(outcome=record.outcome, rule=rule)


def tdmrep_url_for(origin: str) -> str:
    """Where an origin's file lives."""
    return f"{origin}{TDMREP_PATH}"


# Percent-escapes of unreserved characters (RFC 3986) are decoded before comparing; others
# (reserved characters, non-ASCII) stay encoded, as the report requires.
_UNRESERVED_ESCAPE = re.compile(r"%(2[dDeE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])")


def _decoded(text: str) -> str:
    return _UNRESERVED_ESCAPE.sub(lambda m: unquote(m.group(0)), text)


@lru_cache(maxsize=1024)
def _pattern(location: str) -> re2._Regexp[str] | None:
    """The location as an RE2 regex (linear time: a file of `*a*a*a…` patterns cannot make
    matching backtrack); None for one RE2 cannot compile, which then matches nothing."""
    anchored = location.endswith("$")
    body = _decoded(location[:-1] if anchored else location)
    if not body.startswith(("/", "*")):
        body = "/" + body
    regex = ".*".join(re.escape(piece) for piece in body.split("*"))
    try:
        return compile_url_pattern(regex + ("$" if anchored else ""))
    except ValueError:
        return None
