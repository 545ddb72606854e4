"""Numbers beside a dateline that are no date's parts, ranges that end before they start,
and an elapsed time written as Rails' distance in words (fresh-user trial)."""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.bylines import byline_date
from newsflow.extract.dateline import parse_dateline

FETCHED = datetime(2026, 6, 1, 12, tzinfo=UTC)


def reading(text: str, language: str = "en") -> str | None:
    value = parse_dateline(text, language, FETCHED)
    return None if value is None else value[0].isoformat()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a price is no clock time: the day, at midnight
        ("Price £3.50 Oct 4, 2025", "2025-10-04T00:00:00+00:00"),
        ("Oct 4, 2025 · $12.99", "2025-10-04T00:00:00+00:00"),
        ("EUR 3,50 | 4.10.2025", "2025-10-04T00:00:00+00:00"),
        ("Tickets 8 € Oct 4, 2025", "2025-10-04T00:00:00+00:00"),
        # a software version is no dotted date
        ("Version 2.10.25", None),
        ("v2.10.25", None),
        ("Build 3.1.24 | Oct 4, 2025", "2025-10-04T00:00:00+00:00"),
        # a dotted date with no version word stays a date
        ("Posted 2.10.25", "2025-10-02T00:00:00+00:00"),
        # a clock stays a clock
        ("Oct 4, 2025 3:50 PM", "2025-10-04T15:50:00+00:00"),
    ],
)
def test_prices_and_versions_are_no_date_parts(text: str, expected: str | None) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the byline reader cuts them as the dateline reader does (one rule, `without_non_dates`)
        ("By Ann Lee Version 2.10.25", None),
        ("Von Lea Brandt, v2.10.25", None),
        ("By Ann Lee | Build 3.1.24 | Oct 4, 2025", "2025-10-04T00:00:00+00:00"),
        ("By Ann Lee Price £3.50 Oct 4, 2025", "2025-10-04T00:00:00+00:00"),
    ],
)
def test_byline_prices_and_versions_are_no_date_parts(text: str, expected: str | None) -> None:
    value = byline_date(text, "en", FETCHED)
    assert (None if value is None else value[0].isoformat()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 5-3, 2025", None),
        ("5–3 October 2025", None),
        ("Oct 3-5, 2025", "2025-10-03T00:00:00+00:00"),  # a range: its first day, as before
    ],
)
def test_a_range_ending_before_it_starts_is_no_date(text: str, expected: str | None) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 5 hours", "2026-06-01T07:00:00+00:00"),
        ("about 5 hours ago", "2026-06-01T07:00:00+00:00"),
        ("Updated about 5 hours ago", "2026-06-01T07:00:00+00:00"),
        ("almost 3 years", "2023-06-01T12:00:00+00:00"),
        ("over 2 years", "2024-06-01T12:00:00+00:00"),
        ("less than 20 seconds", "2026-06-01T11:59:40+00:00"),
        # durations stay durations: a reading or cooking time
        ("5 hours", None),
        ("Cook time about 50 minutes", None),
        ("about 5 hours to cook", None),
        # Rails writes minutes and days plainly ("5 minutes"), never so: a cooking time
        ("about 20 minutes", None),
        ("almost 3 days", None),
    ],
)
def test_an_elapsed_time_in_words_is_relative(text: str, expected: str | None) -> None:
    assert reading(text) == expected


def test_a_price_beside_the_date_on_a_page() -> None:
    line = '<p class="date">Price £3.50 Oct 4, 2025</p>'
    body = f"<article><h1>Harbour ferry fares rise</h1>{line}{STORY}</article>"
    article = extract_article(news_page("", body), "https://ferry.example/f", fetched_at=FETCHED)
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2025-10-04T00:00:00+00:00"
