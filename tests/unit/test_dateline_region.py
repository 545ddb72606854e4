"""Numeric datelines in English follow the region the page's markup names (issue 9, Dates):
day first in en-GB, en-AU, en-IN…, month first in en-US and in bare "en"."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.dateline import date_order, parse_dateline, tag_region

FETCHED = datetime(2025, 1, 1, tzinfo=UTC)  # both readings of 12/03/2024 are past
MARCH_12 = datetime(2024, 3, 12, 14, 35, tzinfo=UTC)
DECEMBER_3 = datetime(2024, 12, 3, 14, 35, tzinfo=UTC)


def page(lang: str, dateline: str = "12/03/2024 14:35 GMT", head: str = "") -> bytes:
    body = f'<article><h1>Harbour ferry returns</h1><p class="date">{dateline}</p>{STORY}</article>'
    return news_page(head, body, lang)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en-GB", MARCH_12),
        ("en-AU", MARCH_12),
        ("en_IN", MARCH_12),
        ("en-US", DECEMBER_3),
        ("en", DECEMBER_3),
    ],
)
def test_a_numeric_dateline_is_read_in_the_order_of_the_pages_region(
    lang: str, expected: datetime
) -> None:
    article = extract_article(
        page(lang), "https://harbour-gazette.example/ferry", fetched_at=FETCHED
    )
    assert article.provenance["published_at"] == "dateline"
    assert article.published_at == expected


def test_a_region_named_only_by_og_locale_also_counts() -> None:
    head = '<meta property="og:locale" content="en_GB">'
    article = extract_article(page("en", head=head), "https://e.example/a", fetched_at=FETCHED)
    assert article.published_at == MARCH_12


@pytest.mark.parametrize("lang", ["en-GB", "en-US", "en"])
def test_a_day_after_the_12th_reads_the_same_in_every_order(lang: str) -> None:
    day_first = page(lang, "25/03/2024 14:35 GMT")
    month_first = page(lang, "03/25/2024 14:35 GMT")
    for html in (day_first, month_first):
        article = extract_article(html, "https://e.example/b", fetched_at=FETCHED)
        assert article.published_at == datetime(2024, 3, 25, 14, 35, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # read here (four-digit year) and by dateparser (two-digit year, words around it)
        ("12/03/2024", "GB", datetime(2024, 3, 12, tzinfo=UTC)),
        # (a time of day in the region's press zone, `test_time_without_zone_is_in_…`)
        (
            "12/03/24 2:35 pm",
            "NZ",
            datetime(2024, 3, 12, 14, 35, tzinfo=ZoneInfo("Pacific/Auckland")),
        ),
        ("Last update: 12/03/24", "IE", datetime(2024, 3, 12, tzinfo=UTC)),
        ("12/03/24 2:35 pm", "US", datetime(2024, 12, 3, 14, 35, tzinfo=UTC)),
        ("12/03/24 2:35 pm", None, datetime(2024, 12, 3, 14, 35, tzinfo=UTC)),
        ("12/03/2024", "PH", datetime(2024, 12, 3, tzinfo=UTC)),
        ("12/03/2024", "CA", datetime(2024, 12, 3, tzinfo=UTC)),  # both orders in use: as before
        # a year first is one order everywhere
        ("2024-03-12 14:35", "GB", datetime(2024, 3, 12, 14, 35, tzinfo=UTC)),
        ("2024-03-12 14:35", "US", datetime(2024, 3, 12, 14, 35, tzinfo=UTC)),
    ],
)
def test_english_numeric_orders_by_region(
    text: str, region: str | None, expected: datetime
) -> None:
    reading = parse_dateline(text, "en", FETCHED, region)
    assert reading is not None
    assert reading[0] == expected


def test_a_region_leaves_other_languages_orders_as_they_are() -> None:
    assert date_order("ko", "US") == "YMD"
    assert date_order("es", "US") == "DMY"
    assert date_order("de", None) == "DMY"
    reading = parse_dateline("2024.03.12 14:35", "ko", FETCHED, "KR")
    assert reading is not None
    assert reading[0] == datetime(2024, 3, 12, 14, 35, tzinfo=timezone(timedelta(hours=9)))


@pytest.mark.parametrize(
    ("tag", "language", "expected"),
    [
        ("en-GB", "en", "GB"),
        ("en_gb", "en", "GB"),
        ("en-Latn-IN", "en", "IN"),
        ("en_GB.UTF-8", "en", "GB"),
        ("es-419", "es", "419"),
        ("en", "en", None),
        ("fr-CA", "en", None),
        ("en-GBR", "en", None),
        ("english", "en", None),
        ("", "en", None),
    ],
)
def test_tag_region(tag: str, language: str, expected: str | None) -> None:
    assert tag_region(tag, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "region", "hours"),
    [
        # a region the tag names puts a time without a zone in its press's zone
        ("3 mars 2026 à 14:30", "fr", "CA", -5),  # Quebec: Toronto's (EST), not Paris's
        ("3 mars 2026 à 14:30", "fr", "SN", 0),  # Dakar
        ("3 mars 2026 à 14:30", "fr", "CM", 1),  # Douala
        ("3 mars 2026 à 14:30", "fr", None, 1),  # no region: the language's (Paris)
        ("3 de março de 2026 14:30", "pt", "BR", -3),
        ("3 de marzo de 2026 14:30", "es", "MX", -6),
        ("3 July 2025 14:30", "en", "GB", 1),  # BST
        # "en-US" is most CMSs' default tag: no place, UTC as without a region
        ("March 3, 2026 2:30 PM", "en", "US", 0),
        ("March 3, 2026 2:30 PM", "en", None, 0),
    ],
)
def test_time_without_zone_is_in_the_tag_regions_press_zone(
    text: str, language: str, region: str | None, hours: int
) -> None:
    reading = parse_dateline(text, language, datetime(2026, 6, 1, tzinfo=UTC), region)
    assert reading is not None
    assert reading[0].utcoffset() == timedelta(hours=hours)


def test_fr_ca_page_dateline_is_in_toronto_time() -> None:
    article = extract_article(
        page("fr-CA", "Publié le 3 mars 2026 à 14:30"),
        "https://lequai.example/nouvelles/traversier",
        fetched_at=datetime(2026, 6, 1, tzinfo=UTC),
    )
    assert article.published_at == datetime(2026, 3, 3, 19, 30, tzinfo=UTC)
