"""A range of days beside a venue is an event's dates, not the page's publication (fresh-user
trial): another dateline of the page gives the publication; the range only where none does."""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.dateline import holds_day_range

FETCHED = datetime(2026, 12, 1, tzinfo=UTC)
URL = "https://saltmarsh-events.example/whats-on/lantern-fair"


def page(lines: str, lang: str = "en") -> bytes:
    body = f"<h1>Saltmarsh Lantern Fair 2026</h1>{lines}{STORY}"
    return news_page("<title>Saltmarsh Lantern Fair 2026</title>", body, lang)


@pytest.mark.parametrize(
    ("event", "posted", "day"),
    [
        (
            '<p class="event-date">Oct 3-5, 2026 · Pier 9, Saltmarsh</p>',
            '<p class="posted">Posted April 21, 2026 by the fair team</p>',
            "2026-04-21",
        ),
        (
            '<p class="event-date">3–5 October 2026, Old Quay</p>',
            "<p>Published: 21/04/26</p>",
            "2026-04-21",
        ),
        (
            '<p class="date">3.–5. Oktober 2026 · Alter Hafen</p>',
            "<p>Veröffentlicht am 21.04.2026</p>",
            "2026-04-21",
        ),
    ],
)
def test_a_post_date_beats_an_event_s_range(event: str, posted: str, day: str) -> None:
    lang = "de" if "Oktober" in event else "en"
    article = extract_article(page(event + posted, lang), URL, fetched_at=FETCHED)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == day


def test_a_range_alone_still_dates_the_page() -> None:
    article = extract_article(
        page('<p class="event-date">Oct 3-5, 2026 · Pier 9</p>'), URL, fetched_at=FETCHED
    )
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2026-10-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 3-5, 2026 · Pier 9", True),
        ("Sept. 12-14th, 2025", True),
        ("12–14 juin 2025", True),
        ("Oct 4, 2025", False),
        ("won 2-1 on Oct 4, 2025", False),  # a score, not days
        ("10:00-12:00, Oct 4, 2025", False),  # hours
        ("2024-03-05", False),
    ],
)
def test_holds_day_range(text: str, expected: bool) -> None:
    assert holds_day_range(text) is expected
