"""A story a broken template writes after ``</html>`` is the body, as a browser shows it in the
page's body (issue 10). Invented pages."""

import pytest

from newsflow.extract import extract_article
from newsflow.extract.after_html import adopt_after_html
from newsflow.extract.article import _parse

URL = "https://westmoor-echo.example/2026/06/lido-reopens"
PARAGRAPHS = [
    "The Westmoor lido reopened on Saturday after a winter of repairs to its pumps and tiles.",
    "Lifeguards counted more than four hundred swimmers before noon, twice a usual June day.",
    "The council will keep the pool open until nine in the evening while the heatwave lasts.",
]
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
HEAD = "<head><title>Lido reopens after repairs | Westmoor Echo</title></head>"
NAV = "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"


@pytest.mark.parametrize(
    "after",
    [
        f"<article><h1>Lido reopens after repairs</h1>{STORY}</article><footer>Echo</footer>",
        f"<body><div class='story'><h1>Lido reopens after repairs</h1>{STORY}</div></body>",
    ],
)
def test_story_after_the_closing_html_tag_is_the_body(after: str) -> None:
    page = f"<html lang='en'>{HEAD}<body>{NAV}</body></html>\n{after}"
    article = extract_article(page.encode(), URL)
    assert article.paragraphs == PARAGRAPHS


def test_markup_after_html_joins_the_end_of_the_body_in_order() -> None:
    tree = _parse(f"<html>{HEAD}<body><p>first</p></body></html>tail <b>second</b><i>third</i>")
    assert tree is not None
    adopt_after_html(tree)
    body = tree.find("body")
    assert body is not None
    assert [child.tag for child in body] == ["p", "b", "i"]
    assert body.text_content() == "firsttail secondthird"
    assert all(len(sibling) == 0 for sibling in tree.itersiblings())
