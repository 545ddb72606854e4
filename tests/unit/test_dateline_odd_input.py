"""Odd dateline texts give a date or none, never an exception; and the dateline rules no
other test pinned (a spaced "/" as a separator, "ET"/"MT" only after a number)."""

from datetime import UTC, datetime, timedelta

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.dateline import parse_dateline
from newsflow.extract.dates import zone_offset

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "12.03.2024 14:00 GMT+25",  # no zone is 25 hours from UTC
        "12.03.2024 14:00 +24:00",
        "12.03.2024 14:00 +23:59",
        "March 12, 2024 2:35 pm UTC-15",
        "0 月 12 : 31 +99:99+99:99",
    ],
)
def test_a_numeric_offset_no_zone_has_gives_no_date(text: str) -> None:
    assert parse_dateline(text, "de", FETCHED) is None


def test_a_numeric_offset_no_zone_has_is_a_value_error() -> None:
    for text in ("14:00 GMT+25", "14:00 +05:75", "14:00 UTC-15"):
        with pytest.raises(ValueError, match="no zone has the offset"):
            zone_offset(text)
    assert zone_offset("14:00 GMT+14")[0] == timedelta(hours=14)  # Kiritimati
    assert zone_offset("14:00 -12:00")[0] == timedelta(hours=-12)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("", "en"),
        ("1" * 119, "en"),  # digits only, under the length bound
        ("9" * 10_000, "de"),
        ("0000-00-00", "en"),
        ("01.01.0000", "de"),
        ("9999-12-31 23:59 -05:00", "en"),  # the last day datetime has
        ("Dec 31, 9999 11:59 pm ET", "en"),
        ("30.02.2024", "de"),  # no 30 February
        ("February 30, 2024", "en"),
        ("2024년 2월 30일 오후 3:00", "ko"),
        ("٣٠ فبراير ٢٠٢٤", "ar"),
        ("\ud800 2024", "en"),  # a lone surrogate
        ("March 12, 1989", "en"),  # before 1990: a misreading, not a news date
        ("12.03.89", "de"),  # dateparser's 1989
    ],
)
def test_odd_texts_give_no_date(text: str, language: str) -> None:
    assert parse_dateline(text, language, FETCHED) is None


def test_a_page_whose_dateline_writes_an_impossible_offset_is_extracted() -> None:
    line = '<p class="date">12.03.2024 14:00 GMT+25</p>'
    body = f"<article><h1>Council approves the bridge</h1>{line}{STORY}</article>"
    article = extract_article(news_page("", body, "de"), "https://e.com/a", fetched_at=FETCHED)
    assert article.published_at is None
    assert article.title == "Council approves the bridge"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a spaced "/" sets the date apart from what follows or precedes it: not 12 December
        ("March 12, 2024 / 12 Comments", "en", "2024-03-12 00:00"),
        ("Page 2 / 12.03.2024 14:35", "de", "2024-03-12 13:35"),
        # "ET"/"MT" that follow no number are words of a name, not the US zones
        ("By ET Staff March 12, 2024 10:00", "en", "2024-03-12 10:00"),
        ("MT Newswires March 12, 2024 10:00 AM", "en", "2024-03-12 10:00"),
        ("March 12, 2024 10:00 a.m. ET", "en", "2024-03-12 14:00"),
    ],
)
def test_separators_and_zone_words_in_a_dateline(text: str, language: str, expected: str) -> None:
    reading = parse_dateline(text, language, FETCHED)
    assert reading is not None
    assert f"{reading[0].astimezone(UTC):%Y-%m-%d %H:%M}" == expected
