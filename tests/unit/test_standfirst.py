"""The standfirst: the summary under the headline, found in the page's own markup and kept
out of the body (`extract/standfirst.py`). Fixtures written for these tests."""

from __future__ import annotations

import json

import lxml.html
import pytest

from newsflow.extract import extract_article
from newsflow.extract.standfirst import find_standfirst, separate_standfirst
from newsflow.extract.walk import PageWalk, document_elements
from newsflow.models import Article

SUMMARY = "The council approved the new bridge after a long debate about what it will cost."
STORY = [
    f"Paragraph {n} of the story tells how the council voted on the bridge on Tuesday "
    "evening, and what the residents of the old town said about it afterwards."
    for n in range(1, 7)
]
ARTICLE = "".join(f"<p>{line}</p>" for line in STORY)
URL = "https://news.example.org/2026/11/bridge"


def _tree(body: str, description: str = SUMMARY) -> lxml.html.HtmlElement:
    head = f'<meta property="og:description" content="{description}">'
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def _found(body: str, description: str = SUMMARY) -> tuple[str | None, list[str]]:
    lead = find_standfirst(_tree(body, description), [description])
    return separate_standfirst(lead, STORY)


def test_summary_under_the_headline_is_the_standfirst_and_not_in_the_body() -> None:
    body = f"<article><header><h1>Bridge</h1><p class='dek'>{SUMMARY}</p></header>{ARTICLE}"
    assert _found(body) == (SUMMARY, STORY)


def test_standfirst_the_body_extractor_kept_first_moves_out_of_the_body() -> None:
    body = f"<article><header><h1>Bridge</h1><p class='dek'>{SUMMARY}</p></header>{ARTICLE}"
    lead = find_standfirst(_tree(body), [SUMMARY])
    assert separate_standfirst(lead, [SUMMARY, *STORY]) == (SUMMARY, STORY)


def test_summary_that_opens_the_story_is_the_lede_and_stays_in_the_body() -> None:
    # The CMS copied the first paragraph into the description: it is one of the story's <p>s.
    body = f"<article><h1>Bridge</h1><p>{SUMMARY}</p>{ARTICLE}</article>"
    assert find_standfirst(_tree(body), [SUMMARY]) is None


def test_lede_in_a_wrapper_per_paragraph_stays_in_the_body() -> None:
    blocks = "".join(f"<div class='text'><p>{line}</p></div>" for line in [SUMMARY, *STORY])
    assert find_standfirst(_tree(f"<article><h1>Bridge</h1>{blocks}</article>"), [SUMMARY]) is None


def test_summary_only_in_a_teaser_link_or_caption_is_not_a_standfirst() -> None:
    teaser = f"<article><h1>Bridge</h1><a href='/b'><p>{SUMMARY}</p></a>{ARTICLE}</article>"
    caption = f"<article><figure><figcaption>{SUMMARY}</figcaption></figure>{ARTICLE}</article>"
    assert find_standfirst(_tree(teaser), [SUMMARY]) is None
    assert find_standfirst(_tree(caption), [SUMMARY]) is None


def test_summary_shown_after_the_story_started_is_not_a_standfirst() -> None:
    body = f"<article><h1>Bridge</h1>{ARTICLE}<aside><h4>{SUMMARY}</h4></aside></article>"
    assert _found(body) == (None, STORY)


def test_short_description_is_a_slogan_not_a_standfirst() -> None:
    body = f"<article><h1>Bridge</h1><h2>All the local news</h2>{ARTICLE}</article>"
    assert find_standfirst(_tree(body, "All the local news"), ["All the local news"]) is None


def test_bulleted_standfirst_keeps_one_line_per_bullet() -> None:
    first, second = "The council approved the bridge", "Work starts in the spring of next year"
    dek = f"<div class='summary'>{first}<br>{second}</div>"
    lead = find_standfirst(_tree(f"<h1>Bridge</h1>{dek}{ARTICLE}"), [f"{first} {second}"])
    assert lead is not None and lead.lines == [first, second]


def test_extract_article_fills_standfirst_and_keeps_it_out_of_body_text() -> None:
    page = (
        f'<html lang="en"><head><title>Bridge approved</title>'
        f'<meta property="og:description" content="{SUMMARY}"></head><body><article>'
        f"<header><h1>Bridge approved</h1><p class='standfirst'>{SUMMARY}</p>"
        f"<div class='byline'>By Ada Lovelace</div></header>"
        f"<div class='article-body'>{ARTICLE}</div></article></body></html>"
    )
    article = extract_article(page.encode(), URL)
    assert article.standfirst == SUMMARY
    assert SUMMARY not in article.body_text and STORY[0] in article.body_text
    # Stored as JSON and read back by the API's model, like every other field.
    assert Article.model_validate_json(article.model_dump_json()).standfirst == SUMMARY


def test_standfirst_stays_out_of_a_declared_body_that_opens_with_it() -> None:
    # GIVEN a page rendered by JavaScript: its HTML shows the headline and the standfirst, its
    # JSON-LD articleBody (the rescue) repeats the standfirst before the story
    declared = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Bridge approved",
        "articleBody": "\n".join([SUMMARY, *STORY]),
    }
    page = (
        f'<html lang="en"><head><title>Bridge approved</title>'
        f'<meta property="og:description" content="{SUMMARY}">'
        f'<script type="application/ld+json">{json.dumps(declared)}</script></head><body>'
        f"<article><h1>Bridge approved</h1><p class='standfirst'>{SUMMARY}</p>"
        "<div id='root'>Loading...</div></article></body></html>"
    )
    # WHEN it is extracted, THEN the body is the declared story, without the standfirst
    article = extract_article(page.encode(), URL)
    assert article.provenance["body_text"] == "jsonld:NewsArticle.articleBody"
    assert (article.standfirst, article.paragraphs) == (SUMMARY, STORY)


def test_a_lead_that_holds_the_lead_image_gives_no_caption_as_standfirst() -> None:
    # GIVEN a "lead" block after the headline that holds the lead image and its caption
    caption = "The mayor walks across the old bridge, which closes next spring for repairs."
    figure = f"<figure><img src='/bridge.jpg'><figcaption>{caption}</figcaption></figure>"
    body = f"<article><h1>Bridge</h1><div class='article-lead'>{figure}</div>{ARTICLE}"
    # WHEN no description is shown, THEN the caption is not the standfirst
    assert _found(body, "Councillors voted for a crossing that opens in two years' time.") == (
        None,
        STORY,
    )
    # ... but a dek beside the image in that block is, without the caption
    dek = "Councillors voted seven to two for the crossing, which opens in two years."
    body = body.replace("</figure>", f"</figure><p>{dek}</p>")
    assert _found(body, "Not shown on the page at all, written only for the search engines.") == (
        dek,
        STORY,
    )


def test_standfirst_named_by_its_class_when_the_description_differs() -> None:
    # The page's description is written for search engines; the dek under the <h1> differs.
    dek = "Councillors voted seven to two for the crossing, which opens in two years."
    body = f"<article><h1>Bridge</h1><p class='article__lead'>{dek}</p>{ARTICLE}</article>"
    assert _found(body) == (dek, STORY)


def test_class_named_standfirst_among_class_values_in_other_scripts() -> None:
    # The class values are searched for the standfirst's words all at once, joined: a
    # value's place there counts characters, not UTF-8 bytes, and a value holding such a
    # word without naming a standfirst ("leaderboard", "spotlight") is passed over.
    dek = "Councillors voted seven to two for the crossing, which opens in two years."
    body = (
        "<div class='größe-menü-ñandú'><div class='leaderboard spotlight'>Ad</div></div>"
        f"<article><h1>Bridge</h1><p class='artículo__lead'>{dek}</p>"
        f"<div class='cuerpo'>{ARTICLE}</div></article>"
    )
    assert _found(body, "Short text.") == (dek, STORY)


def test_class_named_summary_list_gives_one_line_per_item() -> None:
    items = ["The council approved the new bridge", "Work on the crossing starts next spring"]
    listed = "".join(f"<li>{item}</li>" for item in items)
    body = f"<h1>Bridge</h1><ul class='post-summary'>{listed}</ul>{ARTICLE}"
    lead = find_standfirst(_tree(body, "Short text."), ["Short text."])
    assert lead is not None and lead.lines == items


def test_class_named_lead_before_the_headline_or_in_a_teaser_is_not_the_standfirst() -> None:
    dek = "Councillors voted seven to two for the crossing, which opens in two years."
    above = f"<p class='teaser-lead'>{dek}</p><h1>Bridge</h1>{ARTICLE}"
    teaser = f"<h1>Bridge</h1>{ARTICLE}<a href='/x'><p class='card-lead'>{dek}</p></a>"
    assert find_standfirst(_tree(above, "Short text."), ["Short text."]) is None
    assert _found(teaser, "Short text.") == (None, STORY)


def test_a_standfirst_that_is_the_whole_body_stays_the_body() -> None:
    body = f"<article><header><h1>Bridge</h1><p class='dek'>{SUMMARY}</p></header></article>"
    lead = find_standfirst(_tree(body), [SUMMARY])
    assert separate_standfirst(lead, [SUMMARY]) == (None, [SUMMARY])


def test_a_description_that_copies_the_whole_story_is_not_a_standfirst() -> None:
    story = " ".join(STORY)  # 150 words: a JSON-LD description holding the article's text
    body = f"<article><h1>Bridge</h1><div class='text'>{story}</div>{ARTICLE}</article>"
    assert find_standfirst(_tree(body, story), [story]) is None


def test_subheading_right_under_the_headline_is_the_standfirst() -> None:
    # No description shown, no class naming it: the <h2> that follows the <h1> is the dek.
    body = f"<article><header><h1>Bridge</h1><h2>{SUMMARY}</h2></header>{ARTICLE}</article>"
    assert _found(body, "A description written for search engines only.") == (SUMMARY, STORY)


def test_subheading_later_in_the_story_or_too_short_is_not_the_standfirst() -> None:
    later = f"<article><h1>Bridge</h1><p class='x'>{STORY[0]}</p><h2>{SUMMARY}</h2></article>"
    short = f"<article><h1>Bridge</h1><h2>The vote</h2>{ARTICLE}</article>"
    for body in (later, short):
        assert _found(body, "A description written for search engines only.") == (None, STORY)


@pytest.mark.parametrize(
    "body",
    [
        # named by its class under the <h1>, with the same class before it and an id naming one
        "<p class='teaser-lead'>{dek}</p><article><h1 id='dek'>Bridge</h1>"
        "<div><p class='teaser-lead'>{dek}</p></div>{story}</article>",
        # the only element of that class stands before the <h1>: none after it
        "<p class='teaser-lead'>{dek}</p><h1>Bridge</h1>{story}",
        # inside a link after the <h1> (a teaser), then a list of that class
        "<h1>Bridge</h1><a href='/x'><p class='card-lead'>{dek}</p></a>"
        "<ul class='post-summary'><li>{dek}</li></ul>{story}",
        # the class after the page's body: nothing past the body is read
        "<h1>Bridge</h1>{story}</body><p class='intro'>{dek}</p><body>",
    ],
)
def test_the_page_s_walk_finds_the_standfirst_its_own_walk_finds(body: str) -> None:
    # GIVEN the page's elements walked once (walk.PageWalk), as the pipeline has them
    dek = "Councillors voted seven to two for the crossing, which opens in two years."
    tree = _tree(body.format(dek=dek, story=ARTICLE), "Short text.")
    walk = PageWalk(tree, document_elements(tree))
    # THEN the standfirst found from its class look-ups is the one found walking the tree
    alone = find_standfirst(tree, ["Short text."])
    walked = find_standfirst(tree, ["Short text."], walk.marks, walk=walk)
    assert (walked and walked.lines) == (alone and alone.lines)
