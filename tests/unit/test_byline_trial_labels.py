"""A user trial's byline faults: a label in another wording or language that says a date
is not the story's ("Inscrite depuis …", an obituary's "Died …"), and a non-English
dateline label left as an author's name once its date is cut ("| Aktualisiert am …"), and
a photographer's credit after the writer ("| Photos by …") read as a second author."""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.authors import split_names

FETCHED = datetime(2025, 1, 1, tzinfo=UTC)
URL = "https://hillside-post.example/news/council-budget"


def page(line: str, lang: str) -> bytes:
    body = f'<article><h1>Council budget</h1><p class="byline">{line}</p>{STORY}</article>'
    return news_page("", body, lang)


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("By Ana Li | Died March 1, 2024", "en"),
        ("Von Max Muster | Gestorben am 1. März 2024", "de"),
        ("Par Marie Dupont | Inscrite depuis le 3 mars 2015", "fr"),
        ("Par Marie Dupont | Décédée le 1 mars 2024", "fr"),
        ("Por Ana Gómez | Fallecida el 1 de marzo de 2024", "es"),
        ("By Ana Li · Columnist since March 3, 2010", "en"),
        ("Von Max Muster · Redakteur seit dem 3. März 2015", "de"),
    ],
)
def test_a_labelled_life_or_membership_date_is_no_publication_date(line: str, lang: str) -> None:
    article = extract_article(page(line, lang), URL, fetched_at=FETCHED)
    assert article.published_at is None


@pytest.mark.parametrize(
    ("line", "lang", "name"),
    [
        ("Von Max Muster | Aktualisiert am 4. März 2024, 10:15 Uhr", "de", "Max Muster"),
        ("Von Max Muster | Veröffentlicht am 4. März 2024", "de", "Max Muster"),
        ("Par Marie Dupont | Publié le 5 avril 2024", "fr", "Marie Dupont"),
        ("Par Marie Dupont | Mis à jour le 5 avril 2024", "fr", "Marie Dupont"),
        ("Por Ana Gómez | Actualizado: 05/04/2024 12:30", "es", "Ana Gómez"),
        ("Di Luca Bianchi | Aggiornato il 5 aprile 2024", "it", "Luca Bianchi"),
        # a photographer's or video maker's credit after the writer
        ("By Ana Li | Photos by Bo Ek", "en", "Ana Li"),
        ("By Ana Li | Video by Bo Ek", "en", "Ana Li"),
        ("Von Max Muster | Fotos von Eva Roth", "de", "Max Muster"),
        ("Par Marie Dupont | Photos de Luc Roux", "fr", "Marie Dupont"),
    ],
)
def test_a_dateline_label_or_a_photo_credit_is_no_name(line: str, lang: str, name: str) -> None:
    assert split_names(line, lang) == [name]


def test_the_labelled_date_after_a_membership_is_the_publication() -> None:
    line = "Par Marie Dupont | Inscrite depuis le 3 mars 2015 | Publié le 5 avril 2024"
    article = extract_article(page(line, "fr"), URL, fetched_at=FETCHED)
    assert article.published_at == datetime(2024, 4, 5, tzinfo=UTC)
    assert [a.name for a in article.authors] == ["Marie Dupont"]


def test_a_photographer_credited_alone_stays_the_author() -> None:
    assert split_names("Photos by Bo Ek", "en") == ["Bo Ek"]


@pytest.mark.parametrize(
    "line",
    [
        "By Ana Li · 5 min read",
        "By Ana Li • Writer since March 2015",
        "By Ana Li · Updated March 3, 2024 · 4 min read",
    ],
)
def test_a_piece_after_a_spaced_dot_with_a_number_keeps_the_names(line: str) -> None:
    article = extract_article(page(line, "en"), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == ["Ana Li"]
