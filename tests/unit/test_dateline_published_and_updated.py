"""One visible dateline that gives the publication and then a labelled update ("Published: … |
Updated: …") fills both published_at and modified_at (`dateline.dateline_readings`); a line
that opens with "Last updated" or "Upd:" is a dateline too."""

from datetime import UTC, datetime

import pytest

from newsflow.extract import extract_article
from newsflow.extract.dateline import dateline_readings

FETCHED = datetime(2026, 3, 15, 12, tzinfo=UTC)
BODY = "".join(
    f"<p>Paragraph {i} of the report tells how the harbour board voted on the new ferry "
    "timetable, with enough words to count as the body of a story.</p>"
    for i in range(8)
)


def page(dateline: str, lang: str) -> bytes:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        "<title>Harbour board votes on ferries</title></head><body><article>"
        f"<h1>Harbour board votes on ferries</h1>{dateline}{BODY}</article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("dateline", "lang", "published", "modified"),
    [
        (
            "<p>Published: March 4, 2026 at 9:15 a.m. | Updated: March 5, 2026 at 2:40 p.m.</p>",
            "en",
            "2026-03-04T09:15:00+00:00",
            "2026-03-05T14:40:00+00:00",
        ),
        (
            "<p>Published 25/02/26 | Last modified 27/02/26</p>",
            "en-GB",
            "2026-02-25T00:00:00+00:00",
            "2026-02-27T00:00:00+00:00",
        ),
        (
            "<p>Publié le 2 mars 2026 à 08h15, mis à jour le 3 mars 2026 à 10h00</p>",
            "fr",  # Paris winter time: UTC+1
            "2026-03-02T07:15:00+00:00",
            "2026-03-03T09:00:00+00:00",
        ),
        (
            '<div class="post-date">Mar 3, 2026 (Upd: Mar 4, 2026)</div>',
            "en",
            "2026-03-03T00:00:00+00:00",
            "2026-03-04T00:00:00+00:00",
        ),
    ],
)
def test_a_dateline_gives_publication_and_update(
    dateline: str, lang: str, published: str, modified: str
) -> None:
    article = extract_article(
        page(dateline, lang), "https://tidewater.example/ferries", fetched_at=FETCHED
    )
    assert article.published_at is not None and article.modified_at is not None
    assert article.published_at.isoformat() == published
    assert article.modified_at.isoformat() == modified


def test_an_update_before_the_publication_is_not_kept() -> None:
    dateline = "<p>Published: March 5, 2026 | Updated: March 4, 2026</p>"
    article = extract_article(
        page(dateline, "en"), "https://tidewater.example/f", fetched_at=FETCHED
    )
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2026-03-05"
    assert article.modified_at is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second date without a label is not read: it says nothing of its kind
        ("March 4, 2026 | March 5, 2026", [("2026-03-04", False)]),
        # a publication labelled after the update is read too (fresh-user trial)
        (
            "Updated: March 5, 2026 | Published: March 4, 2026",
            [("2026-03-05", True), ("2026-03-04", False)],
        ),
        # after an update, only a piece labelled as the publication: an unlabelled date or a
        # second update says nothing of the publication
        ("Updated: March 5, 2026 | March 4, 2026", [("2026-03-05", True)]),
        ("Updated: March 5, 2026 | Modified: March 6, 2026", [("2026-03-05", True)]),
        (
            "Published: March 4, 2026 | Updated: March 5, 2026",
            [("2026-03-04", False), ("2026-03-05", True)],
        ),
        # an update after the clock (fetch) time is impossible: not read
        ("Published: March 4, 2026 | Updated: March 25, 2026", [("2026-03-04", False)]),
        ("no date here", []),
    ],
)
def test_dateline_readings(text: str, expected: list[tuple[str, bool]]) -> None:
    readings = dateline_readings(text, "en", FETCHED)
    assert [(v.date().isoformat(), updated) for v, updated, _ in readings] == expected


# A short text of the body that opens with "Last updated" or "Upd:" / "Upd." is a dateline as
# one that opens with "Updated" is (`metadata._DATELINE_WORDS`); an update is never the
# publication.
@pytest.mark.parametrize(
    ("dateline", "modified"),
    [
        ("<p>Last updated: 03/04/2026 23:52 EST</p>", "2026-03-05T04:52:00+00:00"),
        ("<p>Last Updated 03/04/2026</p>", "2026-03-04T00:00:00+00:00"),
        ("<p>Last modified: 03/06/2026</p>", "2026-03-06T00:00:00+00:00"),
        ("<p>Modified 6 March 2026, 10:20</p>", "2026-03-06T10:20:00+00:00"),
        ('<div class="meta">Upd: 15 Jan 2026</div>', "2026-01-15T00:00:00+00:00"),
        ('<div class="meta">Upd. 15 Jan 2026</div>', "2026-01-15T00:00:00+00:00"),
    ],
)
def test_a_last_updated_line_gives_the_modification_time(dateline: str, modified: str) -> None:
    article = extract_article(
        page(dateline, "en"), "https://tidewater.example/f", fetched_at=FETCHED
    )
    assert article.modified_at is not None
    assert article.modified_at.isoformat() == modified
    assert article.published_at is None


def test_a_word_that_begins_with_upd_is_no_label() -> None:
    dateline = "<p>Updike 2026 tour dates</p>"
    article = extract_article(
        page(dateline, "en"), "https://tidewater.example/f", fetched_at=FETCHED
    )
    assert article.modified_at is None and article.published_at is None


# An update written before the publication in one line, and a "Modified" line beside a
# publication line: both dates are kept, each as its kind (fresh-user trial).
@pytest.mark.parametrize(
    "datelines",
    [
        "<p>Updated: March 5, 2026 | Published: March 4, 2026</p>",
        '<p class="post-date">March 4, 2026</p><p>Last modified: March 5, 2026</p>',
        "<p>Published March 4, 2026</p><p>Modified: March 5, 2026</p>",
    ],
)
def test_the_update_and_the_publication_in_any_order(datelines: str) -> None:
    article = extract_article(
        page(datelines, "en"), "https://tidewater.example/f", fetched_at=FETCHED
    )
    assert article.published_at is not None and article.modified_at is not None
    assert article.published_at.date().isoformat() == "2026-03-04"
    assert article.modified_at.date().isoformat() == "2026-03-05"
