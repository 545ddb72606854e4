"""A byline written only as text, with its publication and update datelines after it in the
same line ("Von Lena Fuchs · Aktualisiert am … · Erstellt am …"): the author is read, up to the
dateline's length, and a dateline's label is no name (new-user trial, issue 9)."""

from datetime import UTC, datetime

import pytest
from support.pages import news_page

from newsflow.extract import extract_article
from newsflow.extract.authors import split_names

FETCHED = datetime(2026, 6, 1, tzinfo=UTC)
BODY = (
    "<article><h1>Neue Radwege für Talheim</h1><p class='meta'>{byline}</p>"
    "<p>Der Gemeinderat von Talheim hat am Donnerstag den Bau von zwei neuen Radwegen "
    "beschlossen. Sie sollen den Ortskern mit dem Bahnhof und dem Gewerbegebiet verbinden.</p>"
    "<p>Die Kosten von rund 800.000 Euro trägt zu zwei Dritteln das Land, den Rest die "
    "Gemeinde; die Arbeiten beginnen im Herbst und sollen ein Jahr dauern.</p></article>"
)
LONG = "Von Lena Fuchs · Aktualisiert am 14.03.2026, 16:20 Uhr · Erstellt am 13.03.2026, 09:05 Uhr"


def test_a_text_byline_with_two_datelines_gives_its_author() -> None:
    assert len(LONG) > 80
    page = news_page(body=BODY.format(byline=LONG), lang="de")
    article = extract_article(page, "https://talheim.example/radwege", fetched_at=FETCHED)
    assert [a.name for a in article.authors] == ["Lena Fuchs"]


@pytest.mark.parametrize(
    "byline",
    [
        "Lena Fuchs · Erstellt am 13.03.2026, 09:05 Uhr",
        "Lena Fuchs · Geändert am 14.03.2026",
        "Élodie Martin · Modifié le 4 mars 2026",
    ],
)
def test_a_dateline_label_is_no_name(byline: str) -> None:
    assert len(split_names(byline, "de")) == 1
