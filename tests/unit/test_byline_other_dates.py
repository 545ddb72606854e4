"""A byline's pieces that are no publication date and no name (reviewer's metadata faults):
a date a label says is another's ("Member since March 3, 2015", "Pages 12-14 2023"), a
relative time ("Yesterday") and a count of comments ("2 Comments")."""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.authors import split_names
from newsflow.extract.bylines import byline_date
from newsflow.extract.dateline import parse_dateline

FETCHED = datetime(2025, 1, 1, tzinfo=UTC)
URL = "https://lakeside-courier.example/news/bridge-reopens"


def page(line: str, lang: str = "en") -> bytes:
    body = f"<article><h1>Old bridge reopens</h1>{line}{STORY}</article>"
    return news_page("", body, lang)


@pytest.mark.parametrize(
    "line",
    [
        "By Ana Li | Member since March 3, 2015",
        "By Ana Li | Joined 3 March 2015",
        "By Ana Li · Born 3 March 2001",
        "Pages 12-14 2023",
        "By Ana Li | pp. 3-5 2023",
    ],
)
def test_a_date_labelled_as_another_is_no_publication_date(line: str) -> None:
    article = extract_article(page(f'<p class="byline">{line}</p>'), URL, fetched_at=FETCHED)
    assert article.published_at is None
    assert byline_date(line, "en", FETCHED) is None


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Von Max Muster | Mitglied seit 03.03.2015", "de"),
        ("Par Marie Roux | Membre depuis le 3 mars 2015", "fr"),
    ],
)
def test_other_languages_label_another_date_too(line: str, lang: str) -> None:
    assert parse_dateline(line, lang, FETCHED) is None


def test_the_story_date_beside_another_is_still_read() -> None:
    line = '<p class="byline">By Ana Li | Member since 2015 | March 3, 2024</p>'
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert article.published_at == datetime(2024, 3, 3, tzinfo=UTC)
    assert [a.name for a in article.authors] == ["Ana Li"]


def test_since_before_a_place_is_no_label() -> None:
    reading = parse_dateline("Desde Madrid, 3 de marzo de 2024", "es", FETCHED)
    assert reading is not None
    assert reading[0] == datetime(2024, 3, 3, tzinfo=UTC)
    assert parse_dateline("Since March 3, 2015", "en", FETCHED) is None


def test_a_name_like_born_is_no_label() -> None:
    assert split_names("By Max Born") == ["Max Born"]
    assert split_names("By Vor Lindqvist | Today") == ["Vor Lindqvist"]
    assert byline_date("By Max Born | March 3, 2024", "en", FETCHED) is not None


@pytest.mark.parametrize(
    "line",
    [
        "By Ana Li | Member since March 3, 2015",
        "By Ana Li | Pages 12-14 2023",
        "By Ana Li | Yesterday",
        "By Ana Li | 3 hours ago",
        "By Ana Li | an hour ago",
        "By Ana Li 2 Comments",
        "By Ana Li | No Comments",
    ],
)
def test_a_date_a_relative_time_or_a_comment_count_is_no_name(line: str) -> None:
    assert split_names(line) == ["Ana Li"]
    article = extract_article(page(f'<p class="byline">{line}</p>'), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == ["Ana Li"]


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Von Max Muster | Gestern", "de"),
        ("Von Max Muster | vor 3 Stunden", "de"),
        ("Von Max Muster | vor einer Stunde", "de"),
        ("Por Ana Ruiz | hace un día", "es"),
        ("Von Max Muster 4 Kommentare", "de"),
        ("Par Marie Roux | il y a 2 jours", "fr"),
    ],
)
def test_relative_times_and_comment_counts_in_other_languages(line: str, lang: str) -> None:
    assert split_names(line, lang)[-1:] == [line.split(" ")[1] + " " + line.split(" ")[2]]
    assert len(split_names(line, lang)) == 1


@pytest.mark.parametrize(
    ("line", "lang"),
    [("3. März 2024", "de"), ("3 mars 2024", "fr"), ("03.03.2024", "tr"), ("2024年3月3日", "ja")],
)
def test_a_day_without_a_time_keeps_its_calendar_day(line: str, lang: str) -> None:
    """A date-only dateline is the written day's UTC midnight in every language, as a markup
    date-only value is; the zone of the language's press applies to a time of day only."""
    body = f'<article><h1>Alter Hafen</h1><p class="date">{line}</p>{STORY}</article>'
    article = extract_article(news_page("", body, lang), URL, fetched_at=FETCHED)
    assert article.published_at == datetime(2024, 3, 3, tzinfo=UTC)


def test_a_time_of_day_is_still_read_in_the_zone_of_the_press() -> None:
    reading = parse_dateline("3. März 2024, 00:00 Uhr", "de", FETCHED)
    assert reading is not None
    assert reading[0].astimezone(UTC) == datetime(2024, 3, 2, 23, tzinfo=UTC)


# A comma between the label and the date ("Zuletzt aktualisiert, 21. Nov. 2023") keeps the
# label: the byline's date is the update, not the publication.
@pytest.mark.parametrize(
    ("byline", "language"),
    [
        ("Von Max Muster | Zuletzt aktualisiert, 21. Nov. 2023", "de"),
        ("By Ana Li | Updated, Jan 24, 2023", "en"),
    ],
)
def test_a_comma_after_an_update_label_keeps_it_an_update(byline: str, language: str) -> None:
    reading = byline_date(byline, language, datetime(2026, 6, 1, tzinfo=UTC))
    assert reading is not None
    assert reading[1] is True
