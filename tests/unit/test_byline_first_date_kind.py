"""A byline's publication date before its update: the plain reader does not skip a first
date it cannot read and take the update after it for the publication."""

from datetime import UTC, datetime

import pytest

from newsflow.extract import extract_article
from newsflow.extract.bylines import byline_date

FETCHED = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Erschienen am 3. März 2026 – Aktualisiert am 4. März 2026", "de"),
        ("Von Lea Brandt, erschienen am 3. März 2026 – Aktualisiert am 4. März 2026", "de"),
        ("Veröffentlicht am 3. März 2026 – Aktualisiert am 4. März 2026", "de"),
        ("Von Lea Brandt | Erschienen am 3. März 2026 | Stand: 4. März 2026, 10:00 Uhr", "de"),
        # a label no list knows: the first date is still the publication, not the update
        ("Geschrieben am 3. März 2026 – Aktualisiert am 4. März 2026", "de"),
        ("Publicada em 3 de março de 2026 – Atualizado em 4 de março de 2026", "pt"),
    ],
)
def test_byline_first_date_is_the_publication(text: str, language: str) -> None:
    reading = byline_date(text, language, FETCHED)
    assert reading is not None
    value, updated, _ = reading
    assert (value.date().isoformat(), updated) == ("2026-03-03", False)


def test_german_page_byline_publication_is_not_its_update() -> None:
    html = (
        "<html lang='de'><head><title>Fähre fährt abends länger</title></head><body><article>"
        "<h1>Fähre fährt abends länger</h1><p class='byline'>Von Lea Brandt, Erschienen am 3. "
        "März 2026 – Aktualisiert am 4. März 2026</p>"
        + "<p>Die Hafenfähre fährt ab Freitag eine zusätzliche Abendfahrt, teilte der "
        "Betreiber mit, nachdem Pendler um ein späteres Boot gebeten hatten.</p>"
        * 4
        + "</article></body></html>"
    )
    article = extract_article(
        html.encode(), "https://hafenblatt.example/lokales/faehre", fetched_at=FETCHED
    )
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2026-03-03"
