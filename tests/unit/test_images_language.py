"""Images keep their captions and credits; undeclared languages are detected."""

import pytest

from newsflow.extract import extract_article
from newsflow.extract.images import split_credit
from newsflow.extract.language import detect_language

STORY = "".join(
    f"<p>Paragraph {i}: the ferry company said the new timetable would start in June "
    "and that the older boats would be retired from the northern route.</p>"
    for i in range(8)
)


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        ("Students march. (AP Photo/Sam Ruiz)", "Students march", "AP Photo/Sam Ruiz"),
        (
            "Smoke rises. (Tribune photo by Gary Mertz)",
            "Smoke rises",
            "Tribune photo by Gary Mertz",
        ),
        ("Der Bürgermeister. Foto: dpa", "Der Bürgermeister", "Foto: dpa"),
        ("AP Photo/Alexander Zemlianichenko", None, "AP Photo/Alexander Zemlianichenko"),
        ("The image of the day shows a cat.", "The image of the day shows a cat.", None),
    ],
)
def test_split_credit_separates_caption_and_credit(
    caption: str, text: str | None, credit: str | None
) -> None:
    assert split_credit(caption) == (text, credit)


def test_figures_become_images_with_caption_and_credit() -> None:
    page = (
        "<html><head><meta property='og:image' content='https://e.com/img/lead.jpg'></head>"
        "<body><article><figure><img src='/img/lead.jpg'><figcaption>The new ferry at the "
        "quay. <span class='credit'>Photo: Harbour Authority</span></figcaption></figure>"
        f"{STORY}<figure><img data-src='https://cdn.e.com/2.jpg'><figcaption>Passengers "
        "board. (AP Photo/Jane Doe)</figcaption></figure></article></body></html>"
    )
    article = extract_article(page.encode(), "https://e.com/ferry")
    assert [i.url for i in article.images] == [
        "https://e.com/img/lead.jpg",
        "https://cdn.e.com/2.jpg",
    ]
    assert article.lead_image is not None
    assert article.lead_image.caption == "The new ferry at the quay."
    assert article.lead_image.credit == "Photo: Harbour Authority"
    assert article.images[1].credit == "AP Photo/Jane Doe"
    assert "AP Photo" not in article.body_text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The mayor said that the bridge would be closed for the rest of the year.", "en"),
        ("Der Bürgermeister sagte, dass die Brücke für den Rest des Jahres gesperrt wird.", "de"),
        ("Le maire a dit que le pont sera fermé pour le reste de l'année et que la ville", "fr"),
        ("El alcalde dijo que el puente estará cerrado por el resto del año y que la", "es"),
        ("東京都は本日、新しい交通計画を発表しました。", "ja"),
        ("Президент заявил, что переговоры не продолжатся в четверг и что это важно.", "ru"),
        ("12345 67890", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_undeclared_language_is_detected_with_heuristic_provenance() -> None:
    article = extract_article(
        f"<html><body><article>{STORY}</article></body></html>".encode(), "https://e.com/x"
    )
    assert article.language == "en"
    assert article.provenance["language"] == "heuristic"


def test_menu_figures_are_no_article_images_nor_gallery_captions() -> None:
    """A mega-menu's featured stories are teasers: their captions never join a short story."""
    teasers = "".join(
        f"<li><figure><img src='/menu/{i}.jpg'><figcaption>Teaser {i}: the harbour board "
        "approved a new plan for the northern quay, with more moorings, a ferry shelter and a "
        "cycle path along the old rail line.</figcaption></figure></li>"
        for i in range(5)
    )
    page = (
        "<html><body><header><nav><ul><li>News<ul class='megamenu'>"
        f"{teasers}</ul></li></ul></nav></header><main><article><h1>Timetable</h1>"
        "<p>The ferry company said the new summer timetable would start in June, with an "
        "extra evening crossing on Fridays.</p><p>Tickets bought before May stay valid on "
        "every crossing, the company said.</p></article></main></body></html>"
    )
    article = extract_article(page.encode(), "https://e.com/timetable")
    assert "extra evening crossing" in article.body_text
    assert "Teaser" not in article.body_text
    assert not any("/menu/" in image.url for image in article.images)
