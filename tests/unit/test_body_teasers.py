"""A short story followed by a grid of other stories keeps only the story.

The fault kind was noticed in a trial (a 29-word story and a "More stories" grid of
25-word excerpts, all kept as body) and found on the modern development set (course and
article grids after a page's text). The pages here are our own.
"""

from lxml.html import document_fromstring

from newsflow.extract import body
from newsflow.extract.teasers import drop_teasers

URL = "https://news.example.org/2026/11/30/ferry-delayed"
STORY = (
    "The morning ferry to the island was delayed by two hours on Tuesday after a fault in "
    "one of its engines, the operator said in a short statement."
)


def _excerpt(i: int) -> str:
    return (
        f"The harbour board met again on Monday night to discuss plan {i}, which includes new "
        "moorings, a ferry shelter and better lighting on the quay."
    )


def _card(i: int, extra: str = "") -> str:
    return (
        f"<div class='card'><h3><a href='/story/{i}'>Harbour plan number {i} is on the table"
        f"</a></h3><p>{_excerpt(i)}</p>{extra}</div>"
    )


def _page(cards: str) -> str:
    return (
        "<html><head><title>Ferry delayed</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<main><article><h1>Ferry delayed</h1><p>{STORY}</p></article><section class='more'>"
        f"<h2>More stories</h2><div class='grid'>{cards}</div></section></main></body></html>"
    )


def _body(html: str) -> list[str]:
    tree = document_fromstring(html)
    return body.extract_body(tree, URL, page_words=len(tree.text_content().split())).paragraphs


def test_more_stories_grid_after_a_short_story_is_not_body() -> None:
    # GIVEN a 29-word story followed by six teaser cards: headline link and a 25-word excerpt
    page = _page("".join(_card(i) for i in range(6)))
    # WHEN the body is extracted, THEN it is the story alone
    assert _body(page) == [STORY]


def test_cards_with_more_than_an_excerpt_are_not_teasers() -> None:
    # GIVEN cards that each hold a list too (a course or product card of a guide)
    extra = "<ul><li>Moorings</li><li>Shelter</li></ul>"
    html = _page("".join(_card(i, extra) for i in range(4)))
    lines = [STORY, *(_excerpt(i) for i in range(4))]
    # WHEN teasers are dropped, THEN the cards' lines stay
    assert drop_teasers(document_fromstring(html), lines) == lines


def test_one_short_card_among_long_ones_is_not_a_teaser_grid() -> None:
    # GIVEN a guide's grid where only two of six cards are excerpt-short
    long_text = " ".join([_excerpt(9)] * 3)
    cards = "".join(_card(i) for i in range(2)) + "".join(
        f"<div class='card'><h3><a href='/p/{i}'>Place number {i} on the quay</a></h3>"
        f"<p>{long_text}</p></div>"
        for i in range(4)
    )
    lines = [STORY, _excerpt(0), _excerpt(1)]
    # WHEN teasers are dropped, THEN nothing is taken out
    assert drop_teasers(document_fromstring(_page(cards)), lines) == lines


def test_a_body_of_teasers_only_is_not_emptied() -> None:
    html = _page("".join(_card(i) for i in range(3)))
    lines = [_excerpt(i) for i in range(3)]
    assert drop_teasers(document_fromstring(html), lines) == lines
