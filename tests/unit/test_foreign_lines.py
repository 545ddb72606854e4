"""Body lines that are not the story's own: the next story appended, lists of teaser links."""

import lxml.html
from support.pages import news_page

from newsflow.extract import extract_article
from newsflow.extract.foreign import drop_foreign

# Our own text: a story about a bridge, and the unrelated story an endless page appends.
STORY = [
    f"The council voted on the new bridge for the {n} time on Tuesday evening, after a long "
    "debate about its cost and the traffic it would bring to the old town."
    for n in ("first", "second", "third", "fourth", "fifth", "sixth")
]
NEXT_STORY = [
    f"A local bakery won the regional bread prize for the {n} year in a row, its owner said "
    "on Wednesday morning while customers queued outside the small shop."
    for n in ("second", "third", "fourth", "fifth", "sixth", "seventh")
]


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


ENDLESS_PAGE = (
    "<main><article><h1>Council approves the bridge</h1>"
    f"<div class='text'>{_paragraphs(STORY)}</div></article>"
    "<div class='next'><article><h1>Bakery wins the bread prize again</h1>"
    f"<div class='text'>{_paragraphs(NEXT_STORY)}</div></article></div></main>"
)
TEASER_LIST = (
    "<ul>"
    "<li>Traffic: <a href='/a'>Why the old town's streets are full every morning</a></li>"
    "<li>Budget: <a href='/b'>What the city spends on roads, and what it gets</a></li>"
    "<li>Rivers: <a href='/c'>The floods of last spring in six pictures</a></li>"
    "</ul>"
)
TEASERS = [
    "- Traffic: Why the old town's streets are full every morning",
    "- Budget: What the city spends on roads, and what it gets",
    "- Rivers: The floods of last spring in six pictures",
]


def _tree(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{body}</body></html>")


def test_drop_foreign_next_story_after_the_story_is_cut() -> None:
    # GIVEN a page that appends the next article, with its own headline, after the story
    lines = STORY + NEXT_STORY
    # WHEN the body's lines are checked against the page
    kept = drop_foreign(_tree(ENDLESS_PAGE), lines)
    # THEN the story stays whole and the next one goes
    assert kept == STORY


def test_drop_foreign_story_returning_after_an_inner_article_is_kept() -> None:
    # An article nested in the story (a quoted card) before more of the story is no next story.
    page = (
        f"<article><h1>Council approves the bridge</h1>{_paragraphs(STORY[:3])}"
        f"<article><h1>Bakery</h1>{_paragraphs(NEXT_STORY[:1])}</article>"
        f"{_paragraphs(STORY[3:])}</article>"
    )
    lines = [*STORY[:3], NEXT_STORY[0], *STORY[3:]]
    assert drop_foreign(_tree(page), lines) == lines


def test_drop_foreign_list_of_labelled_teaser_links_is_dropped() -> None:
    page = f"<article><h1>Council approves the bridge</h1>{_paragraphs(STORY)}{TEASER_LIST}"
    assert drop_foreign(_tree(page), STORY + TEASERS) == STORY


def test_drop_foreign_one_labelled_link_in_the_story_is_kept() -> None:
    # "Pro tip: <a>…</a>" alone is the story's own advice, not a related-stories list.
    tip = "Pro tip: Find the council's full plan for the bridge here"
    link = "<p>Pro tip: <a href='/plan'>Find the council's full plan for the bridge here</a></p>"
    page = f"<article>{_paragraphs(STORY[:3])}{link}{_paragraphs(STORY[3:])}</article>"
    lines = [*STORY[:3], tip, *STORY[3:]]
    assert drop_foreign(_tree(page), lines) == lines


def test_drop_foreign_never_empties_the_body() -> None:
    assert drop_foreign(_tree(TEASER_LIST), TEASERS) == TEASERS


def test_extract_article_endless_page_body_ends_with_the_story() -> None:
    article = extract_article(news_page(body=ENDLESS_PAGE), "https://example.org/bridge")
    assert "bakery" not in article.body_text.lower()
    assert STORY[-1] in article.body_text
