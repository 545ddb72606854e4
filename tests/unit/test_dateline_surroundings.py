"""A visible dateline among other words: labels, bylines, reading times, separators."""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.dateline import parse_dateline

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "language", "expected", "updated"),
    [
        # a label the label list does not hold, ending in a colon, in any language
        ("Last update: July 16, 2025", "en", "2025-07-16 00:00", True),
        ("Published Date: June 11, 2025", "en", "2025-06-11 00:00", False),
        ("Stand: 12.03.2024, 14:35 Uhr", "de", "2024-03-12 13:35", False),
        ("更新日：2024年3月12日", "ja", "2024-03-12 00:00", False),
        # a label without a colon that dateparser's locale does not know
        ("Geschrieben am 15. April 2025", "de", "2025-04-15 00:00", False),
        # a "modified" label after the publication time (Oslo summer time: UTC+2)
        ("Publisert 05.08.2024 kl. 13.05 Oppdatert kl. 13.52", "nb", "2024-08-05 11:05", False),
        # Paris summer time: UTC+2
        ("Publié le 30 août 2023 à 14h52, modifié à 15h54", "fr", "2023-08-30 12:52", False),
        # a reading time after the date, with or without a separator
        ("Dec. 19, 2025 5 min read", "en", "2025-12-19 00:00", False),
        ("06.01.2025, Lesezeit 5 Min.", "de", "2025-01-06 00:00", False),
        ("Tiempo de lectura: 6 min 12/03/2024", "es", "2024-03-12 00:00", False),
        ("18.07.2024, 11.08 Uhr 7 min", "de", "2024-07-18 09:08", False),
        ("1 HR ago 2 mins read", "en", "2025-12-31 23:00", False),
        # a byline before or after the date, with 12-hour clocks and zones kept
        ("By Ann Lee Published on July 18, 2025", "en", "2025-07-18 00:00", False),
        ("Ann Lee January 19, 2025 6:23 pm", "en", "2025-01-19 18:23", False),
        ("By Ann Lee and Bo Park March 7, 2024 7:55 AM UTC", "en", "2024-03-07 07:55", False),
        ("Posted by Ann Lee on Tuesday, August 29, 2023", "en", "2023-08-29 00:00", False),
        ("Posted on July 1, 2024 by annlee", "en", "2024-07-01 00:00", False),
        ("Par Anne Martin Publié le 06/01/2025 - 14:16 UTC+1", "fr", "2025-01-06 13:16", False),
        # the time of day after a separator belongs to the date before it, and before it
        ("28.04.2023 | 17:52 Uhr", "de", "2023-04-28 15:52", False),
        ("November 20, 2019 / 1:07 AM / Example News", "en", "2019-11-20 01:07", False),
        ("4 Febbraio 2025 - 14:41", "it", "2025-02-04 13:41", False),
        ("12 مارس 2024 - 2:35 م", "ar", "2024-03-12 14:35", False),  # م: p.m.
        ("2024.03.12 | 오후 2:35", "ko", "2024-03-12 05:35", False),
        ("UPDATED 16:47 EST / DECEMBER 19 2025", "en", "2025-12-19 21:47", True),
        # a relative form after a label: "il" in "il y a" (ago) is no article after the label
        ("Publié il y a 3 heures", "fr", "2025-12-31 21:00", False),
        ("Mis à jour il y a 2 heures", "fr", "2025-12-31 22:00", True),
        # a label with a colon after the date ("source: …"), "kl."/"klo" before the time
        ("2024年03月12日 14:35 来源：新华社", "zh", "2024-03-12 06:35", False),
        ("12 mars 2024 kl. 14:35", "sv", "2024-03-12 13:35", False),
        # US zones without their summer or winter form take the offset of that date
        ("March 12, 2024 at 2:35 p.m. ET", "en", "2024-03-12 18:35", False),
        ("Updated 5:00 AM PT, Tue Jan 9, 2024", "en", "2024-01-09 13:00", True),
        ("Nov 3, 2025 (8:42 AM CT)", "en", "2025-11-03 14:42", False),
        # no zone written: the one zone of the countries writing the language
        ("2024.03.31 19:59", "lt", "2024-03-31 16:59", False),  # Vilnius summer time
        ("12 मार्च 2024 14:35", "hi", "2024-03-12 09:05", False),
        # the publication time, not a later update and not a reading time, comes first
        (
            "5 min read Apr 25, 2023 2:26 PM GMT+2 Updated 9 min ago",
            "en",
            "2023-04-25 12:26",
            False,
        ),
        # a count beside the one written date: that date, not dateparser's "3 days ago"
        ("July 18, 2024 3 days", "en", "2024-07-18 00:00", False),
    ],
)
def test_the_date_is_read_out_of_the_words_around_it(
    text: str, language: str, expected: str, updated: bool
) -> None:
    # expected: the instant in UTC, to the minute
    reading = parse_dateline(text, language, FETCHED)
    assert reading is not None
    assert (f"{reading[0].astimezone(UTC):%Y-%m-%d %H:%M}", reading[1]) == (expected, updated)


@pytest.mark.parametrize(
    "text",
    [
        "Cook Time 50 mins",  # a count of minutes, no year: never "50 minutes ago"
        "9.7/10 Best Router for Speed",  # a rating, not 9 July 2010
        "1767704529",  # a Unix time in an attribute
        "Published on 01/25/26",  # after the fetch: never the same day in 1926
        "Readers 2025 Example Daily 12 min read",
        "Page 3 of 12 · 4 min read",
        "2024年7月18日 3分",
    ],
)
def test_words_around_a_number_that_is_no_date_give_none(text: str) -> None:
    assert parse_dateline(text, "en", FETCHED) is None


def test_a_page_whose_dateline_carries_a_byline_and_a_reading_time() -> None:
    # GIVEN a page without a machine-readable date whose dateline element also names the
    # author and the reading time
    line = '<div class="meta-date">Nora Quill Dec. 19, 2025 6:05 pm 5 min read</div>'
    body = f"<article><h1>Council approves the bridge</h1>{line}{STORY}</article>"
    article = extract_article(news_page("", body), "https://e.com/bridge", fetched_at=FETCHED)
    # THEN the date and the 12-hour time are read, not "5 minutes before the fetch"
    assert article.published_at == datetime(2025, 12, 19, 18, 5, tzinfo=UTC)
    assert article.provenance["published_at"] == "dateline"
