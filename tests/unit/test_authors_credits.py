"""Credits a byline writes around or instead of a person's name (fresh-user trial): a
reviewer's credit alone names a product review's author, and honorifics are no part of a
name."""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.authors import split_names

FETCHED = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Reviewed by Tamsin Achebe", ["Tamsin Achebe"]),
        ("Reviewed by: Tamsin Achebe, Senior Editor", ["Tamsin Achebe"]),
        # beside the author, the reviewer is an editor
        ("By Rui Okafor | Reviewed by Tamsin Achebe", ["Rui Okafor"]),
        ("Reviewed by Tamsin Achebe | By Rui Okafor", ["Rui Okafor"]),
        # a medical or an expert review is never the authorship
        ("Medically reviewed by Tamsin Achebe", []),
        ("Expert reviewed by Tamsin Achebe", []),
    ],
)
def test_a_reviewer_alone_is_the_author(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


def test_a_product_review_page_names_its_reviewer() -> None:
    body = (
        "<article><h1>Kestrel K4 review: a bright screen, a short battery</h1>"
        '<p class="author">Reviewed by Tamsin Achebe</p>'
        f'<p class="date">Published 7 Nov 2025</p>{STORY}</article>'
    )
    article = extract_article(
        news_page("", body), "https://gadget-bench.example/k4", fetched_at=FETCHED
    )
    assert [a.name for a in article.authors] == ["Tamsin Achebe"]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Dr. Ilse Marwick", ["Ilse Marwick"]),
        ("Dr Ilse Marwick", ["Ilse Marwick"]),
        ("Prof. Dr. Hauke Brandt", ["Hauke Brandt"]),
        ("By Dr. Ilse Marwick, Contributor", ["Ilse Marwick"]),
        ("Ms. Jane Q. Marwick", ["Jane Q. Marwick"]),
        # with one word left, the honorific is the name's form ("Dr. Oz")
        ("Dr. Okoro", ["Dr. Okoro"]),
    ],
)
def test_honorifics_are_no_part_of_a_name(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names
