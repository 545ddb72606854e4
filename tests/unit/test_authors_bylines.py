"""What a byline holds besides its names: credentials, job titles, dates, avatar letters.

Invented bylines of the kinds measured on the modern development set (issue 9): a name
with post-nominal letters ("MS, RD"), a job title opened by "Head of …", a date or an
affiliation after a spaced dash, a dateline label run into the name, the initials of an
avatar placeholder, an address read as a Dutch "Door …" byline.
"""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article
from newsflow.extract.authors import split_names

FETCHED = datetime(2024, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Mira Castell, MS, RD, FAND", ["Mira Castell"]),
        ("Written By Oren Vale, M.D. FACLM", ["Oren Vale"]),
        ("Tamsin Roe, E-RYT 200", ["Tamsin Roe"]),
        ("By Lia Brand-Okafor MD", ["Lia Brand-Okafor"]),
        ("Anh Do", ["Anh Do"]),  # a surname, not the "DO" degree
        ("This post was written by Ida Marsh, Head of Marketing and Community", ["Ida Marsh"]),
        ("By Bram Oduya - Mar 27, 2024", ["Bram Oduya"]),
        ("Noor Halvik – Quillpoint Editorial Team", ["Noor Halvik"]),
        ("Written By: Esme Tarrant Last Updated: August 1, 2025", ["Esme Tarrant"]),
        ("Authors: Ada Ferro and Luis Quint, extension educators", ["Ada Ferro", "Luis Quint"]),
        ("RW Rosa Whitcombe", ["Rosa Whitcombe"]),
        ("Written by Vera Kell, MD, gastroenterologist", ["Vera Kell"]),
        ("Felix Ober, Jana Lutz, dpa", ["Felix Ober", "Jana Lutz", "dpa"]),  # an agency
        ("The Team, edited by Walter", ["The Team"]),
        ("By Dora Hale with Uli Penn", ["Dora Hale", "Uli Penn"]),
        ("By Dora Hale with additional reporting from Uli Penn", ["Dora Hale", "Uli Penn"]),
        ("Cooking with Maria", ["Cooking with Maria"]),  # no byline sentence: one name
        ("by Oda Lunde on Jan 22, 2025", ["Oda Lunde"]),
        ("By Ivo Reyes View In Digital Edition", ["Ivo Reyes"]),
        ("Lea Forde See more from Lea Forde", ["Lea Forde"]),
        ("Read more from Lea", []),
        ("Door No. 61, 1st floor, Lake View East, Marlow", []),
        ("undefined", []),
        ("Guest blogger", []),
    ],
)
def test_byline_keeps_only_the_names(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


def test_page_byline_with_credentials_gives_one_author() -> None:
    head = '<meta name="author" content="Mira Castell, MS, RD">'
    html = news_page(head, f"<h1>Six habits of calm eaters</h1>{STORY}")
    article = extract_article(html, "https://www.example-pantry.com/a", fetched_at=FETCHED)
    assert [a.name for a in article.authors] == ["Mira Castell"]
