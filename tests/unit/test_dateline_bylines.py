"""Visible dates a page writes beside its byline or labels as an update (issue 10 trial):
a byline's date is the publication date when the page gives no other; an "Updated" date
alone is a modification time, never the publication."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import lxml.html
import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.authors import split_names
from newsflow.extract.bylines import labelled_byline

FETCHED = datetime(2025, 1, 1, tzinfo=UTC)
MARCH_3 = datetime(2024, 3, 3, tzinfo=UTC)
URL = "https://harbour-gazette.example/news/ferry-returns"


def page(line: str, lang: str = "en", head: str = "") -> bytes:
    body = f"<article><h1>Harbour ferry returns</h1>{line}{STORY}</article>"
    return news_page(head, body, lang)


@pytest.mark.parametrize(
    ("line", "lang", "author", "source"),
    [
        ('<p class="byline">By Jane Doe | March 3, 2024</p>', "en", "Jane Doe", "byline"),
        ('<p class="byline">Jane Doe — 3 March 2024</p>', "en", "Jane Doe", "byline"),
        (
            '<div class="author">By Jane Doe, Staff Writer · Mar 3, 2024 · 4 min read</div>',
            "en",
            "Jane Doe",
            "byline",
        ),
        ("<p>By Jane Doe | March 3, 2024</p>", "en", "Jane Doe", "byline:text"),
        ('<p class="byline">Par Marie Dupont | 3 mars 2024</p>', "fr", "Marie Dupont", "byline"),
        ('<p class="byline">Por Ana García | 3 de marzo de 2024</p>', "es", "Ana García", "byline"),
    ],
)
def test_a_bylines_date_is_the_publication_date_of_a_page_without_another(
    line: str, lang: str, author: str, source: str
) -> None:
    article = extract_article(page(line, lang), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == [author]
    assert article.published_at == MARCH_3
    assert article.provenance["published_at"] == source


def test_a_german_bylines_date_is_read_in_the_zone_of_the_german_press() -> None:
    line = '<p class="byline">Von Max Muster | 03.03.2024, 14:20 Uhr</p>'
    article = extract_article(page(line, "de"), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == ["Max Muster"]
    assert article.published_at == datetime(2024, 3, 3, 14, 20, tzinfo=timezone(timedelta(hours=1)))


def test_a_dateline_of_its_own_beats_the_bylines_date_even_with_a_time() -> None:
    line = (
        '<p class="byline">By Jane Doe | March 2, 2024 10:00 am</p>'
        '<p class="date">Published March 3, 2024</p>'
    )
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert (article.published_at, article.provenance["published_at"]) == (MARCH_3, "dateline")


def test_a_markup_date_beats_the_bylines_date() -> None:
    head = '<meta property="article:published_time" content="2024-03-03T09:30:00Z">'
    line = '<p class="byline">By Jane Doe | March 2, 2024</p>'
    article = extract_article(page(line, head=head), URL, fetched_at=FETCHED)
    assert article.published_at == datetime(2024, 3, 3, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ('<p class="date">Updated March 3, 2024</p>', "en"),
        ('<p class="date">Last updated on: March 3, 2024</p>', "en"),
        ('<p class="date">Last Modified: March 03, 2024</p>', "en"),
        ("<p>Aktualisiert am 03.03.2024, 14:20 Uhr</p>", "de"),
        ('<p class="date">Mis à jour le 3 mars 2024</p>', "fr"),
        ('<p class="date">Actualizado el 3 de marzo de 2024</p>', "es"),
    ],
)
def test_an_update_alone_is_the_modification_time_not_the_publication(line: str, lang: str) -> None:
    article = extract_article(page(line, lang), URL, fetched_at=FETCHED)
    assert article.published_at is None
    assert article.modified_at is not None and article.modified_at.date() == MARCH_3.date()
    assert article.provenance["modified_at"] == "dateline"


def test_an_update_beside_a_publication_dateline_fills_both() -> None:
    line = (
        '<p class="date">Published March 3, 2024 9:00 am EST</p>'
        '<p class="date">Updated March 5, 2024 4:00 pm EST</p>'
    )
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert article.published_at == datetime(2024, 3, 3, 14, tzinfo=UTC)
    assert article.modified_at == datetime(2024, 3, 5, 21, tzinfo=UTC)


def test_an_update_alone_leaves_the_urls_day_as_the_publication() -> None:
    line = '<p class="date">Updated March 9, 2024</p>'
    url = "https://harbour-gazette.example/2024/03/03/ferry-returns"
    article = extract_article(page(line), url, fetched_at=FETCHED)
    assert (article.published_at, article.provenance["published_at"]) == (MARCH_3, "url")
    assert article.modified_at == datetime(2024, 3, 9, tzinfo=UTC)


def test_a_markup_modification_time_beats_the_updated_dateline() -> None:
    head = '<meta property="article:modified_time" content="2024-03-03T18:00:00Z">'
    article = extract_article(
        page('<p class="date">Updated March 3, 2024</p>', head=head), URL, fetched_at=FETCHED
    )
    assert article.published_at is None
    assert article.modified_at == datetime(2024, 3, 3, 18, tzinfo=UTC)
    assert article.provenance["modified_at"] == "article:modified_time"


@pytest.mark.parametrize(
    ("byline", "language", "names"),
    [
        ("Jane Doe March 3, 2024", "en", ["Jane Doe"]),
        ("Jane Doe 3 March 2024", "en", ["Jane Doe"]),
        ("By Jane Doe 3/3/2024", "en", ["Jane Doe"]),
        ("Jane Doe Mar 03, 2024 ∙ Paid", "en", ["Jane Doe"]),
        ("Jane Doe and Bo Ek Mar 3, 2024", "en", ["Jane Doe", "Bo Ek"]),
        ("Jane Doe 2024-03-03T08:10+02:00", "en", ["Jane Doe"]),
        ("Par Marie Dupont le 3 mars 2024", "fr", ["Marie Dupont"]),
        ("Por Ana García el 3 de marzo de 2024", "es", ["Ana García"]),
        ("Von Max Muster am 3. März 2024", "de", ["Max Muster"]),
        # a number that is no date, and a comment whose text goes on after its date
        ("Door No. 61, 1st floor", "en", []),
        ("Amber says March 3, 2024 at 4:38 pm Glad you like them! Reply", "en", []),
    ],
)
def test_names_that_run_into_their_date_are_kept_without_it(
    byline: str, language: str, names: list[str]
) -> None:
    assert split_names(byline, language) == names


def test_a_byline_of_a_name_and_a_date_without_a_separator_gives_both() -> None:
    line = '<p class="byline">Jane Doe 3 March 2024</p>'
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == ["Jane Doe"]
    assert (article.published_at, article.provenance["published_at"]) == (MARCH_3, "byline")


@pytest.mark.parametrize(
    "line",
    [
        '<p><span>By</span> <a href="/author/jane-doe">Jane Doe</a> | March 3, 2024</p>',
        '<div><p>Written by <a href="/author/jane-doe">Jane Doe</a></p><p>March 3, 2024</p></div>',
        "<p><b>By</b> Jane Doe on Mar 3, 2024</p>",
    ],
)
def test_the_date_on_the_line_of_a_label_set_apart_from_its_name_is_read(line: str) -> None:
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == ["Jane Doe"]
    assert (article.published_at, article.provenance["published_at"]) == (MARCH_3, "byline:label")


def test_a_labelled_bylines_line_stops_at_a_bylines_length() -> None:
    story = " ".join(["The ferry carried 2024 passengers on its first day back."] * 4)
    tree = lxml.html.document_fromstring(
        f"<html><body><div><span>By</span> <a>Jane Doe</a> <p>{story}</p></div></body></html>"
    )
    found = labelled_byline(tree, lambda _: False)
    assert found is not None and found.byline == "By Jane Doe"
    assert found.line == "By Jane Doe"  # not the paragraph beside it, with its number


@pytest.mark.parametrize(
    "line",
    [
        "<p>Published March 3, 2024 by Jane Doe</p>",
        "<p>Posted on 03/03/2024 by Jane Doe</p>",
    ],
)
def test_a_byline_after_its_dateline_gives_the_author_and_the_date(line: str) -> None:
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == ["Jane Doe"]
    assert article.published_at == MARCH_3


def test_a_publisher_credit_without_a_date_is_no_byline() -> None:
    article = extract_article(page("<p>Published by Penguin Books</p>"), URL, fetched_at=FETCHED)
    assert article.authors == []


@pytest.mark.parametrize(
    "byline",
    [
        "ANA LI, HARBOUR GAZETTE 3 MAR 2024",
        "Jane Doe 3 March 2024",
        "By Jane Doe | March 3, 2024",
        "Ana Li, 2 comments",
    ],
)
def test_a_page_with_a_plain_date_in_its_byline_never_loads_dateparser(byline: str) -> None:
    code = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from support.pages import STORY, news_page\n"
        "from newsflow.extract import extract_article\n"
        "html = news_page('', '<article><h1>Harbour ferry returns</h1>"
        f"<p class=\"byline\">{byline}</p>' + STORY + '</article>')\n"
        "fetched = datetime(2025, 1, 1, tzinfo=UTC)\n"
        "a = extract_article(html, 'https://e.com/a', fetched_at=fetched)\n"
        "print(a.published_at and a.published_at.date().isoformat(), 'dateparser' in sys.modules)\n"
    )
    tests = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tests
    )
    # dateparser costs 0.4 s of CPU and 7 MB to load: only a date no plain form reads needs it
    dated = "2024-03-03" if "2024" in byline else "None"
    assert done.stdout.split() == [dated, "False"]
