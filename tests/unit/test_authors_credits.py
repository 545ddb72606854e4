"""Credits a byline writes around or instead of a person's name (fresh-user trial): a
reviewer's credit alone names a product review's author, honorifics are no part of a name,
and a team's, desk's or staff's credit is an organisation, never a person."""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.authors import clean_authors, split_names
from newsflow.extract.candidates import AuthorRef
from newsflow.models.article import AuthorKind

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
        # a German doctorate's faculty after "Dr." is the honorific's
        ("Von Dr. med. Anna Berg", ["Anna Berg"]),
        ("Prof. Dr. rer. nat. Max Muster", ["Max Muster"]),
        # with one word left, the honorific is the name's form ("Dr. Oz")
        ("Dr. Okoro", ["Dr. Okoro"]),
    ],
)
def test_honorifics_are_no_part_of_a_name(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("By the Harbour Ledger politics team", "Harbour Ledger politics team"),
        ("By Harbour Ledger Staff", "Harbour Ledger Staff"),
        ("By Harbour Ledger Politics Staff", "Harbour Ledger Politics Staff"),
        ("By the Editorial Board", "Editorial Board"),
        ("By the Harbour Ledger news desk", "Harbour Ledger news desk"),
    ],
)
def test_a_team_or_staff_credit_is_an_organisation(byline: str, name: str) -> None:
    authors = clean_authors([AuthorRef(byline, None)], set(), "en")
    assert [(a.name, a.kind) for a in authors] == [(name, AuthorKind.ORGANIZATION)]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        # a generic credit names no one, as before
        ("The Staff", []),
        ("By Staff Reports", []),
        # two people and their shared job title
        ("Ada Lindqvist and Bo Ek Staff Writers", ["Ada Lindqvist", "Bo Ek"]),
    ],
)
def test_generic_credits_and_job_titles_stay_as_they_were(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize("byline", ["By Lena Board", "Tomas Board", "By Dr. Lena Board"])
def test_board_as_a_surname_is_a_person(byline: str) -> None:
    authors = clean_authors([AuthorRef(byline, None)], set(), "en")
    assert [a.kind for a in authors] == [AuthorKind.PERSON]
