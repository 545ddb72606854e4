"""A fresh-user trial's byline fault: a picture credit after the writer in the same sentence
run ("Words by Ana Li. Photographs by Bo Ek", "By Ana Li, photos by Bo Ek") was read as a
name of its own, or the whole byline gave no name; the names now end before the credit."""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.authors import split_names

FETCHED = datetime(2026, 3, 1, tzinfo=UTC)
URL = "https://greyfield-courier.example/features/school-canteen"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Words by Oona Brightwater. Photographs by Samir Hallorann.", ["Oona Brightwater"]),
        ("By Oona Brightwater, photographs by Samir Hallorann", ["Oona Brightwater"]),
        ("By Ana Li and Bo Ek. Photos by Cy Dee", ["Ana Li", "Bo Ek"]),
        ("Par Marie Dupont, photos de Luc Roux", ["Marie Dupont"]),
    ],
)
def test_a_picture_credit_after_the_names_ends_them(line: str, names: list[str]) -> None:
    assert split_names(line, "en") == names


def test_the_writer_of_a_credited_feature_is_its_author() -> None:
    line = "Words by Oona Brightwater. Photographs by Samir Hallorann."
    body = f'<article><h1>School canteen</h1><p class="byline">{line}</p>{STORY}</article>'
    article = extract_article(news_page("", body, "en"), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == ["Oona Brightwater"]


def test_a_photographer_credited_alone_is_named_without_the_label() -> None:
    # "Photos by Bo Ek" read as "Bo Ek" already; "Photographs by" was kept as a name's words
    assert split_names("Photographs by Samir Hallorann", "en") == ["Samir Hallorann"]
