"""Outcomes: index pages, JS shells and paywalled teasers are told from articles."""

import json

from newsflow.extract import extract_article
from newsflow.models import OutcomeKind

URL = "https://news.example.com/section/world"
STORY = "".join(
    f"<p>Paragraph {i}: the committee heard evidence from residents, engineers and the "
    "mayor's office about the cost and timing of the flood barrier works.</p>"
    for i in range(10)
)


def test_story_page_is_an_article() -> None:
    page = f"<html><body><article><h1>Flood barrier</h1>{STORY}</article></body></html>"
    outcome = extract_article(page.encode(), URL).outcome
    assert outcome.kind is OutcomeKind.ARTICLE


def test_index_page_of_headlines_is_not_an_article() -> None:
    items = "".join(
        f"<li><h3><a href='/story/{i}'>Headline number {i} about a different local event "
        f"today</a></h3><p>Short teaser {i}.</p></li>"
        for i in range(30)
    )
    page = f"<html><head><meta property='og:type' content='website'></head><body><ul>{items}</ul>"
    outcome = extract_article(page.encode(), URL).outcome
    assert outcome.kind is OutcomeKind.NOT_ARTICLE
    assert outcome.reason


def test_javascript_shell_needs_render() -> None:
    page = (
        "<html><head><script src='/static/app.3f2a.js'></script></head><body>"
        "<noscript>You need to enable JavaScript to run this app.</noscript>"
        "<div id='root'></div><script>window.__STATE__={}</script></body></html>"
    )
    outcome = extract_article(page.encode(), URL).outcome
    assert outcome.kind is OutcomeKind.NEEDS_RENDER
    assert "JavaScript" in outcome.reason


def test_teaser_behind_paywall_is_partial() -> None:
    data = {"@type": "NewsArticle", "headline": "Budget", "isAccessibleForFree": "False"}
    teaser = "".join(
        f"<p>Teaser sentence {i} about the budget negotiations and what they mean.</p>"
        for i in range(4)
    )
    page = (
        f"<html><head><script type='application/ld+json'>{json.dumps(data)}</script></head>"
        f"<body><article>{teaser}<div class='paywall'>Subscribe to continue reading</div>"
        "</article></body></html>"
    )
    article = extract_article(page.encode(), URL)
    assert article.outcome.kind is OutcomeKind.PAYWALLED_PARTIAL
    assert article.is_accessible_for_free is False
    assert article.paywall_suspected


def test_javascript_page_with_declared_body_gets_the_declared_text() -> None:
    story = "\n".join(
        f"Paragraph {i} of the declared story about the river crossing and its new ferry."
        for i in range(10)
    )
    data = {"@type": "NewsArticle", "headline": "Ferry", "articleBody": story}
    page = (
        f"<html><head><script type='application/ld+json'>{json.dumps(data)}</script></head>"
        "<body><div id='root'></div><script src='/app.js'></script></body></html>"
    )
    article = extract_article(page.encode(), URL)
    assert article.paragraphs == story.split("\n")
    assert article.provenance["body_text"] == "jsonld:NewsArticle.articleBody"
    assert article.outcome.kind is OutcomeKind.ARTICLE
