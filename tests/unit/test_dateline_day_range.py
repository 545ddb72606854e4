"""A range of days under one month name ("Oct 3-5, 2025", "3–5 October 2025") is read as its
first day: dateparser read the range as a month and a day (5 March, or 3 May day-first)."""

from datetime import UTC, datetime

import pytest

from newsflow.extract.dateline import parse_dateline

FETCHED = datetime(2026, 3, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize("region", [None, "GB"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 3-5, 2025", "2025-10-03T00:00:00+00:00"),
        ("October 3–5 2025", "2025-10-03T00:00:00+00:00"),
        ("3-5 October 2025", "2025-10-03T00:00:00+00:00"),
        ("Oct 3rd-5th, 2025", "2025-10-03T00:00:00+00:00"),
        ("Oct 30-31, 2025 10:00", "2025-10-30T10:00:00+00:00"),
        ("Harbour Days Oct 3-5, 2025 Quayside", "2025-10-03T00:00:00+00:00"),
        ("Oct 3-5, 2025 12 comments", "2025-10-03T00:00:00+00:00"),
    ],
)
def test_a_range_of_days_is_its_first_day(text: str, expected: str, region: str | None) -> None:
    reading = parse_dateline(text, "en", FETCHED, region)
    assert reading is not None
    assert reading[0].isoformat() == expected


def test_a_range_without_its_year_is_no_date() -> None:
    assert parse_dateline("Oct 3-5", "en", FETCHED) is None
