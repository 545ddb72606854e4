"""A short story (20-59 words) is an article when its page frames it and credits it (issue 10):
index, tag, error and stub pages stay `not_article`. Pages invented for these tests."""

import json

import pytest

from newsflow.extract import extract_article
from newsflow.models import OutcomeKind

URL = "https://valley-herald.example/news/2026/03/bridge-reopens"
HEADLINE = "Bridge reopens after repairs"
BRIEF = (
    "<p>The Mill Street bridge reopened to traffic on Monday morning after six weeks of "
    "repairs to its deck and railings.</p><p>Council engineers said the work finished two "
    "days early. Buses on routes 4 and 9 return to their usual stops from Tuesday.</p>"
)
NAV = "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"


def _page(head: str, body: str) -> bytes:
    return (
        f"<html lang='en'><head><title>{HEADLINE} | Valley Herald</title>{head}</head>"
        f"<body><header>{NAV}</header>{body}<footer><p>© Valley Herald</p></footer></body></html>"
    ).encode()


def _outcome(page: bytes) -> OutcomeKind:
    return extract_article(page, URL).outcome.kind


def test_brief_in_article_element_with_byline_is_an_article() -> None:
    body = f"<main><article><h1>{HEADLINE}</h1><p class='byline'>By Tom Reed</p>{BRIEF}"
    article = extract_article(_page("", body + "</article></main>"), URL)
    assert article.outcome.kind is OutcomeKind.ARTICLE
    assert "short story" in article.outcome.reason
    assert article.word_count < 60


def test_brief_declared_in_json_ld_with_its_date_is_an_article() -> None:
    data = {"@type": "NewsArticle", "headline": HEADLINE, "datePublished": "2026-03-02T08:00Z"}
    head = f"<script type='application/ld+json'>{json.dumps(data)}</script>"
    assert _outcome(_page(head, f"<div class='story'><h2>{HEADLINE}</h2>{BRIEF}</div>")) is (
        OutcomeKind.ARTICLE
    )


def test_brief_with_og_type_article_and_visible_date_is_an_article() -> None:
    head = "<meta property='og:type' content='Article'>"
    dateline = "<time datetime='2026-03-02'>2 March</time>"
    body = f"<div class='post'><h2>{HEADLINE}</h2>{dateline}{BRIEF}</div>"
    assert _outcome(_page(head, body)) is OutcomeKind.ARTICLE


def test_brief_under_headline_repeating_the_title_with_byline_is_an_article() -> None:
    body = f"<div id='content'><h1>{HEADLINE}</h1><p class='byline'>By Tom Reed</p>{BRIEF}</div>"
    assert _outcome(_page("", body)) is OutcomeKind.ARTICLE


def test_brief_without_author_or_date_stays_not_article() -> None:
    body = f"<main><article><h1>{HEADLINE}</h1>{BRIEF}</article></main>"
    assert _outcome(_page("", body)) is OutcomeKind.NOT_ARTICLE


def test_error_page_in_an_article_element_stays_not_article() -> None:
    body = (
        "<main><article class='error404'><h1>Page not found</h1><p>Sorry, the page you were "
        "looking for could not be found. It may have been moved or deleted. Try the search "
        "box above or go back to the home page to find the latest news.</p></article></main>"
    )
    page = _page("<meta property='og:type' content='website'>", body).replace(
        f"<title>{HEADLINE}".encode(), b"<title>Page not found"
    )
    assert _outcome(page) is OutcomeKind.NOT_ARTICLE


def test_tag_page_of_credited_cards_stays_not_article() -> None:
    cards = "".join(
        f"<article class='card'><h2><a href='/news/{i}'>Council story number {i} about the "
        f"town</a></h2><p class='byline'>By Tom Reed</p><time datetime='2026-03-0{i}'>"
        f"{i} March</time></article>"
        for i in range(1, 7)
    )
    page = _page("", f"<main><h1>Tag: council</h1>{cards}</main>")
    assert _outcome(page) is OutcomeKind.NOT_ARTICLE


@pytest.mark.parametrize("words", [8, 15])
def test_stub_under_twenty_words_stays_not_article(words: int) -> None:
    stub = " ".join(["update"] * (words - 1)) + "."
    body = f"<main><article><h1>{HEADLINE}</h1><p class='byline'>By Tom Reed</p><p>{stub}</p>"
    assert _outcome(_page("", body + "</article></main>")) is OutcomeKind.NOT_ARTICLE


MENU = "".join(
    f"<li><a href='/{s}/{i}'>{s} {i}</a></li>" for s in ("news", "sport") for i in range(40)
)


def test_brief_on_a_link_heavy_page_without_article_markup_is_an_article() -> None:
    body = (
        f"<ul>{MENU}</ul><main><h1>{HEADLINE}</h1><p>By Tom Reed</p>{BRIEF}</main><ul>{MENU}</ul>"
    )
    article = extract_article(_page("", body), URL)
    assert article.outcome.kind is OutcomeKind.ARTICLE, article.outcome.reason


def test_brief_under_an_h2_headline_in_a_table_layout_is_an_article() -> None:
    body = (
        "<table><tr><td><a href='/'>Home</a><br><a href='/news'>News</a></td><td>"
        f"<h2>{HEADLINE}</h2><i>By Tom Reed, March 4, 2026</i>{BRIEF}</td></tr></table>"
    )
    assert _outcome(_page("", body)) is OutcomeKind.ARTICLE


def test_page_declared_article_by_og_type_is_no_link_list_for_its_links() -> None:
    story = "".join(
        f"<p>Resource note {i}: the centre collects guides that small firms asked for and "
        "checks each one with its contributors before it is listed here.</p>"
        for i in range(4)
    )
    body = f"<ul>{MENU}</ul><div class='page'><h1>Small firms resource centre</h1>{story}</div>"
    body += f"<footer><ul>{MENU}</ul></footer>"
    page = _page("<meta property='og:type' content='Article'>", body)
    article = extract_article(page, URL)
    assert article.outcome.kind is OutcomeKind.ARTICLE, article.outcome.reason
    undeclared = extract_article(page.replace(b"content='Article'", b"content='website'"), URL)
    assert undeclared.outcome.kind is OutcomeKind.NOT_ARTICLE
