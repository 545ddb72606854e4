"""Date strings as pages write them to timezone-aware datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
# News on the web is not older: an earlier year is a misreading (a two-digit "26" as 1926).
MIN_YEAR = 1990
# Zone abbreviations news pages print, as hours east of UTC. Ambiguous ones take the reading
# news pages use most: CST is US Central, IST India, BST British Summer Time.
_ZONE_HOURS = {
    "UTC": 0, "GMT": 0, "WET": 0, "WEZ": 0, "BST": 1, "WEST": 1, "CET": 1, "MEZ": 1,
    "WAT": 1, "CEST": 2, "MESZ": 2, "EET": 2, "SAST": 2, "CAT": 2, "EEST": 3, "MSK": 3,
    "EAT": 3, "TRT": 3, "AST": 3, "GST": 4, "PKT": 5, "IST": 5.5, "NPT": 5.75, "ICT": 7,
    "WIB": 7, "SGT": 8, "HKT": 8, "PHT": 8, "MYT": 8, "AWST": 8, "KST": 9, "JST": 9,
    "ACST": 9.5, "AEST": 10, "ACDT": 10.5, "AEDT": 11, "NZST": 12, "NZDT": 13,
    "BRT": -3, "ART": -3, "NST": -3.5, "ADT": -3, "EDT": -4, "EST": -5, "CDT": -5,
    "CST": -6, "MDT": -6, "MST": -7, "PDT": -7, "PST": -8, "AKDT": -8, "AKST": -9,
    "HST": -10,
}  # fmt: skip
# US zones written without their summer or winter form ("2:35 p.m. ET"), right after a time
# of day: the offset is the one the zone has on that date.
_REGION_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_REGION_WORD = re.compile(r"(?<=[\dmM.])\s*\b(ET|CT|MT|PT)(?![\w/])")
_ZONE_WORD = re.compile(r"(?<![\w/])(" + "|".join(_ZONE_HOURS) + r")(?![\w/])")
# No zone is more than 14 hours from UTC (tz database: -12:00 Baker Island, +14:00 Kiritimati).
_MAX_OFFSET = timedelta(hours=14)
_NUMERIC_ZONE = re.compile(r"(?:\b(?:GMT|UTC)\s*|(?<=:\d\d)\s*)([+-])(\d{1,2})(?::?(\d{2}))?(?!\d)")


def _tz(text: str | None) -> str:
    if not text or text.upper() in {"Z", "UTC", "GMT"}:
        return "+00:00"
    digits = text.replace(":", "")
    if len(digits) == 3:  # "+02"
        digits += "00"
    return f"{digits[:3]}:{digits[3:]}"


def zone_offset(text: str) -> tuple[timedelta | None, str]:
    """The UTC offset a date string writes ("EDT", "CEST", "GMT+2", "13:18 +02:00") and the
    string without it; (None, text) when it names no zone.

    Raises ValueError for a numeric offset no zone has ("GMT+25", "+05:75": beyond
    `_MAX_OFFSET`, or 60 minutes and more), which places the time nowhere."""
    match = _NUMERIC_ZONE.search(text)
    if match:
        sign = -1 if match[1] == "-" else 1
        hours, minutes = int(match[2]), int(match[3] or 0)
        offset = timedelta(hours=hours, minutes=minutes) * sign
        if minutes >= 60 or abs(offset) > _MAX_OFFSET:
            raise ValueError(f"no zone has the offset {match[0].strip()!r}")
        return offset, text[: match.start()] + " " + text[match.end() :]
    match = _ZONE_WORD.search(text)
    if match:
        offset = timedelta(hours=_ZONE_HOURS[match[1]])
        return offset, text[: match.start()] + " " + text[match.end() :]
    return None, text


def region_zone(text: str) -> tuple[ZoneInfo | None, str]:
    """The zone of a US zone name written after a number or a meridiem ("9:41 AM ET": New
    York; "By ET Staff" is none) and the string without it; (None, text) when there is none
    or the host has no tz database."""
    match = _REGION_WORD.search(text)
    if not match:
        return None, text
    try:
        zone = ZoneInfo(_REGION_ZONES[match[1]])
    except ZoneInfoNotFoundError:
        return None, text
    return zone, text[: match.start()] + " " + text[match.end() :]


def parse_date(raw: str | None) -> datetime | None:
    """Parse an ISO 8601, RFC 2822, ctime-like or compact date; naive values are UTC.

    A zone abbreviation ("Fri Apr 28 19:20:36 CEST 2023") gives the offset.
    """
    if not raw:
        return None
    text = raw.strip()[:100]
    if not text:
        return None
    value = _parse_iso_like(text) or _parse_compact(text) or _parse_named_zone(text)
    value = value or _parse_rfc2822(text)
    if value is None or value.year < MIN_YEAR:
        return None
    return value


def _parse_named_zone(text: str) -> datetime | None:
    match = _ZONE_WORD.search(text)
    if not match or match[1] in {"UTC", "GMT"}:
        return None
    rest = " ".join((text[: match.start()] + " " + text[match.end() :]).split())
    zone = timezone(timedelta(hours=_ZONE_HOURS[match[1]]))
    for layout in ("%a %b %d %H:%M:%S %Y", "%a, %d %b %Y %H:%M:%S", "%d %b %Y %H:%M:%S"):
        try:
            return datetime.strptime(rest, layout).replace(tzinfo=zone)
        except ValueError:
            continue
    return None


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
