"""A script-rendered page whose story stands only in its <noscript> fallback gives that story
(provenance "noscript"); a page with a visible story never reads its <noscript> (issue 10).
Invented pages."""

import pytest

from newsflow.extract import extract_article
from newsflow.models import OutcomeKind

URL = "https://lakeside-post.example/2026/05/ferry-timetable"
PARAGRAPHS = [
    f"Paragraph {i}: the lake ferry will run every forty minutes from June, the operator said "
    "on Monday, after a summer of complaints about queues at the north pier."
    for i in range(4)
]
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
SHELL = "<div id='app'></div><script src='/static/app.4e1f.js'></script>"


def _page(body: str) -> bytes:
    return (
        "<html lang='en'><head><title>Ferry to run every forty minutes | Lakeside Post</title>"
        f"</head><body>{body}</body></html>"
    ).encode()


def test_story_in_the_noscript_fallback_of_a_script_page_is_the_body() -> None:
    fallback = (
        "<noscript><article><h1>Ferry to run every forty minutes</h1>"
        f"<p class='byline'>By Ines Haller</p>{STORY}</article></noscript>"
    )
    article = extract_article(_page(SHELL + fallback), URL)
    assert article.paragraphs == PARAGRAPHS
    assert article.provenance["body_text"] == "noscript"
    assert article.outcome.kind is OutcomeKind.ARTICLE


# A <noscript> prompt for readers without scripts: with a picture, and three paragraphs (81
# words) of browser help; neither is a story.
PROMPTS = [
    "<noscript><p>Please enable JavaScript to read the Lakeside Post.</p>"
    "<img src='/lead.jpg' alt=''></noscript>",
    "<noscript><p>This site needs JavaScript to work properly. Please enable JavaScript in "
    "your browser settings and reload the page to read our journalism.</p><p>If you are "
    "using an older browser, we recommend updating to the latest version of Chrome, "
    "Firefox, Safari or Edge, which are all free to download and install.</p><p>Still "
    "having trouble? Contact our support team at any time by email, and include the name "
    "of your browser and the device you are using so we can help you quickly.</p></noscript>",
]


@pytest.mark.parametrize("fallback", PROMPTS, ids=["picture", "browser-help"])
def test_noscript_prompt_gives_no_body(fallback: str) -> None:
    article = extract_article(_page(SHELL + fallback), URL)
    assert article.body_text == ""
    assert article.outcome.kind is not OutcomeKind.ARTICLE


def test_visible_story_wins_over_a_noscript_text() -> None:
    other = "".join(
        f"<p>Fallback teaser {i} of a different story about the harbour festival and its "
        "fireworks, written for readers without scripts.</p>"
        for i in range(5)
    )
    body = f"<main><article>{STORY}</article></main><noscript><div>{other}</div></noscript>"
    article = extract_article(_page(body), URL)
    assert article.paragraphs == PARAGRAPHS


def test_story_in_a_noscript_that_also_asks_for_javascript_is_the_body() -> None:
    fallback = f"<noscript><p>Please enable JavaScript for the full site.</p>{STORY}</noscript>"
    article = extract_article(_page(SHELL + fallback), URL)
    assert article.paragraphs == PARAGRAPHS
