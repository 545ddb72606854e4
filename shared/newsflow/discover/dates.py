"""Lenient parsing of the dates feeds and sitemaps carry (W3C datetime, RFC 822)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def parse_w3c_datetime(value: str | None) -> datetime | None:
    """A datetime in UTC from a sitemap/feed date string, or None when unreadable.

    A date with an offset ("2026-11-20T10:00:00+02:00") is the same instant in UTC, so
    that every date discovery prints or stores reads as the API's ("...T08:00:00Z").

    Dates without a zone are taken as UTC: the sitemap protocol's date-only `lastmod` is the
    common case, and guessing the publisher's zone would be worse than a few hours' skew.
    """
    if not value:
        return None
    text = value.strip()
    if not text:
        return None
    partial = _YEAR_MONTH.match(text)
    if partial:
        return datetime(int(partial[1]), int(partial[2] or 1), 1, tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
