"""A dateline that writes one full date in a plain form is read as that date, even where
dateparser, given the whole text, takes a neighbouring word or number for its month or day:
a name that is a month ("by June Smith"), a count ("12 comments", "#12")."""

from datetime import UTC, datetime

import pytest

from newsflow.extract.dateline import parse_dateline

FETCHED = datetime(2026, 3, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # a first name that is a month after the date (dateparser: 4 June, 4 April, 4 January)
        ("Oct 4, 2025 by June Baptiste", None, "2025-10-04T00:00:00+00:00"),
        ("Oct 4, 2025 April Marsh", "GB", "2025-10-04T00:00:00+00:00"),
        ("Oct 4, 2025 10:00 am by Jan Horvat", None, "2025-10-04T10:00:00+00:00"),
        ("Oct 4, 2025 Sept Lund", "GB", "2025-10-04T00:00:00+00:00"),
        # a count after the date (dateparser: 12 April, or 4 December in day-first order)
        ("Oct 4, 2025 12 comments", None, "2025-10-04T00:00:00+00:00"),
        ("Oct 4, 2025 12 comments", "GB", "2025-10-04T00:00:00+00:00"),
        ("Jan 5 2024 6pm 12 comments", None, "2024-01-05T00:00:00+00:00"),
        ("Oct 4, 2025 #12", None, "2025-10-04T00:00:00+00:00"),
        # dateparser's reading is the written day: kept, with the time it read
        ("Oct 4, 2025 3 pm", None, "2025-10-04T15:00:00+00:00"),
        ("Theresa Mayhew 10/04/2025", None, "2025-10-04T00:00:00+00:00"),
    ],
)
def test_the_written_date_wins(text: str, region: str | None, expected: str) -> None:
    reading = parse_dateline(text, "en", FETCHED, region)
    assert reading is not None
    assert reading[0].isoformat() == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # numbers beside the date where dateparser reads no date at all
        ("beat 3-1 on Oct 4, 2025", None, "2025-10-04T00:00:00+00:00"),
        ("12 Comments Oct 4, 2025", "GB", "2025-10-04T00:00:00+00:00"),
        ("Oct 4, 2025 1,204 views", None, "2025-10-04T00:00:00+00:00"),
        ("Call 555-123-4567 on 10/04/25", None, "2025-10-04T00:00:00+00:00"),
        ("4 October 2025 by Dec Farrow", "GB", "2025-10-04T00:00:00+00:00"),
    ],
)
def test_the_written_date_where_dateparser_reads_none(
    text: str, region: str | None, expected: str
) -> None:
    reading = parse_dateline(text, "en", FETCHED, region)
    assert reading is not None
    assert reading[0].isoformat() == expected


@pytest.mark.parametrize(
    "text",
    [
        "Oct 4, 2025 (event Oct 10, 2025)",  # two dates: which one is the story's is unsaid
        "Oct 3-5, 2025 12 comments",  # no full date in a plain form
        # another year beside it ("Ann 23" is no date: the plain search misses "23 Aug 2000")
        "Ann 23 Aug 2000 Oct 4, 2025 Feb",
    ],
)
def test_no_single_written_date_no_override(text: str) -> None:
    reading = parse_dateline(text, "en", FETCHED)
    assert reading is None or reading[0].date().isoformat() != "2025-10-04"
