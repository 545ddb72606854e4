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


def test_brief_under_an_h2_headline_with_a_visible_date_is_an_article() -> None:
    dateline = "<time datetime='2026-03-02'>2 March</time>"
    body = f"<div class='post'><h2>{HEADLINE}</h2>{dateline}{BRIEF}</div>"
    assert _outcome(_page("", body)) is OutcomeKind.ARTICLE


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


def test_archive_with_og_type_article_and_one_credited_excerpt_stays_not_article() -> None:
    # Yoast SEO gives category, tag and search archives og:type "article" (and JSON-LD
    # CollectionPage): neither marks a story, so one post's credited excerpt on an archive
    # page is no short story
    data = {"@type": "CollectionPage", "name": "Council Archives"}
    head = (
        "<meta property='og:type' content='article'>"
        f"<script type='application/ld+json'>{json.dumps(data)}</script>"
    )
    others = "".join(
        f"<li><a href='/news/{i}'>Council story number {i} this spring</a></li>" for i in range(9)
    )
    body = (
        f"<ul>{MENU}</ul><main><h1>Category: Council</h1><div class='post-excerpt'><h2><a "
        f"href='/news/bridge'>{HEADLINE}</a></h2><p class='byline'>By Tom Reed</p>{BRIEF}</div>"
        f"<aside class='widget'><h3>More in Council</h3><ul>{others}</ul></aside><div "
        "class='pagination'><a href='/page/2'>Older posts</a></div></main>"
    )
    page = _page(head, body).replace(f"<title>{HEADLINE}".encode(), b"<title>Council Archives")
    article = extract_article(page, URL)
    assert article.body_text  # the excerpt, credited to Tom Reed
    assert article.outcome.kind is OutcomeKind.NOT_ARTICLE


def test_archive_with_one_post_card_in_an_article_element_stays_not_article() -> None:
    # a tag archive holding one post: its card is the page's one <article>, headed by an <h2>
    # under the archive's <h1>; one <article> frames a story only when it holds the <h1>
    card = (
        f"<article class='post type-post'><h2 class='entry-title'><a href='/news/bridge'>"
        f"{HEADLINE}</a></h2><p class='byline'>By Tom Reed</p>{BRIEF}</article>"
    )
    body = f"<main><h1 class='page-title'>Tag: bridges</h1>{card}</main>"
    page = _page("", body).replace(f"<title>{HEADLINE}".encode(), b"<title>bridges Archives")
    assert _outcome(page) is OutcomeKind.NOT_ARTICLE
