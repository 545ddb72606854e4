"""Date strings as pages write them to timezone-aware datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_ISO_LIKE = re.compile(
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})"
    r"(?:[T ](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b|UTC|GMT)?)?",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{4})?$")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|[-_])"
)
_MIN_YEAR = 1990


def _tz(text: str | None) -> str:
    if not text or text.upper() in {"Z", "UTC", "GMT"}:
        return "+00:00"
    digits = text.replace(":", "")
    if len(digits) == 3:  # "+02"
        digits += "00"
    return f"{digits[:3]}:{digits[3:]}"


def parse_date(raw: str | None) -> datetime | None:
    """Parse an ISO 8601, RFC 2822 or compact date; naive values are taken as UTC."""
    if not raw:
        return None
    text = raw.strip()[:100]
    if not text:
        return None
    value = _parse_iso_like(text) or _parse_compact(text) or _parse_rfc2822(text)
    if value is None or value.year < _MIN_YEAR:
        return None
    return value


def _parse_iso_like(text: str) -> datetime | None:
    match = _ISO_LIKE.search(text)
    if not match:
        return None
    year, month, day = (int(p) for p in match["date"].split("-"))
    clock = (match["time"] or "00:00").replace(",", ".").split(":")
    try:
        hours, minutes = int(clock[0]), int(clock[1])
        seconds = float(clock[2]) if len(clock) > 2 else 0.0
        iso = (
            f"{year:04d}-{month:02d}-{day:02d}T{hours:02d}:{minutes:02d}:"
            f"{int(seconds):02d}{_tz(match['tz'])}"
        )
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def _parse_compact(text: str) -> datetime | None:
    match = _COMPACT.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second, tz = match.groups()
    try:
        return datetime.fromisoformat(
            f"{year}-{month}-{day}T{hour or '00'}:{minute or '00'}:{second or '00'}{_tz(tz)}"
        )
    except ValueError:
        return None


def _parse_rfc2822(text: str) -> datetime | None:
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def date_from_url(url: str | None) -> tuple[datetime, str] | None:
    """The publication day many sites put in the path (/2019/05/04/), at midnight UTC."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return datetime(year, month, day, tzinfo=UTC), match.group(0).strip("/-_")
    except ValueError:
        return None
