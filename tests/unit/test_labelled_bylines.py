"""Bylines whose label ("By", "Written by", "Author:") stands apart from the name.

Invented pages of the kinds measured on the modern development set (issue 9): the label in
its own element or text node, the name in a link or in the next element; menu entries
("By Industry") and the bylines of teaser cards linking to other stories are not this
page's byline.
"""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article

FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
URL = "https://www.example-orchard.com/blog/pruning-in-winter"
HEADLINE = "<h1>Pruning apple trees in winter</h1>"


def names(body: str) -> list[str]:
    article = extract_article(news_page("", body), URL, fetched_at=FETCHED)
    return [author.name for author in article.authors]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<p class="meta">By <a href="/team/juno-park">Juno Park</a></p>', ["Juno Park"]),
        ('<div><span>by </span><p><a href="/u/7">Tova Lind</a></p></div>', ["Tova Lind"]),
        ("<div><div>Written by</div><div>Ezra Mbeki</div></div>", ["Ezra Mbeki"]),
        ("<h2>Article written by:</h2><div><h3>Rhea Sol, MD</h3></div>", ["Rhea Sol"]),
        (
            '<p><span>by</span> <a href="/x">Ida Varga</a> | May 2, 2025 | Gardening</p>',
            ["Ida Varga"],
        ),
        ("<p>Written by Omar Tell and Bea Quist</p>", ["Omar Tell", "Bea Quist"]),
        (
            '<div><span>Written by:</span><picture><img src="/a.webp"></picture>'
            "<span>Kaia Brun</span></div>",
            ["Kaia Brun"],
        ),
        (
            "<div><strong>Written by</strong> <br><strong><a>Pim Oster</a></strong>, 4+ years "
            "covering garden tools</div>",
            ["Pim Oster"],
        ),
        (
            '<a href="/author/noa-fenn"><div>Written by <span>Noa Fenn</span></div></a>',
            ["Noa Fenn"],
        ),
    ],
)
def test_label_and_name_in_separate_markup(byline: str, expected: list[str]) -> None:
    assert names(f"{HEADLINE}{byline}{STORY}") == expected


def test_menu_entries_and_teaser_cards_are_not_bylines() -> None:
    menu = '<div class="dropdown"><div class="nav-menu__title">By</div><div>Industry</div></div>'
    card = (
        '<a href="/blog/mulching"><h6><span>By</span> <b>Lena Oduya</b></h6>'
        "<p>Mulch keeps roots warm.</p></a>"
    )
    assert names(f"{menu}{HEADLINE}{STORY}{card}") == []
