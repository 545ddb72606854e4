"""Metadata from JSON-LD, OpenGraph, <meta>, <time> and bylines, with provenance."""

import json
from datetime import UTC, datetime

import pytest

from newsflow.extract import extract_article

FETCHED = datetime(2019, 6, 1, tzinfo=UTC)
BODY = "".join(
    f"<p>Paragraph {i} of the story tells the council's decision in plain words, "
    "with enough text to count as an article body for the extractor.</p>"
    for i in range(8)
)


def page(head: str, body: str = BODY, lang: str = "en") -> bytes:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body><article>{body}</article></body></html>"
    ).encode()


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_jsonld_graph_subtype_gives_fields_with_provenance() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Example Gazette"},
            {
                "@type": "ReportageNewsArticle",
                "headline": "Council approves the new bridge",
                "datePublished": "2019-05-04T08:30:00+02:00",
                "dateModified": "2019-05-05T10:00:00+02:00",
                "author": [
                    {"@type": "Person", "name": "Jane Smith", "url": "https://e.com/jane"},
                    {"@type": "Person", "name": "John Doe"},
                ],
                "inLanguage": "en-GB",
                "articleSection": ["Local"],
                "keywords": "bridge, council",
            },
        ],
    }
    article = extract_article(page(ld(graph)), "https://e.com/a", fetched_at=FETCHED)
    assert article.title == "Council approves the new bridge"
    assert [a.name for a in article.authors] == ["Jane Smith", "John Doe"]
    assert article.authors[0].url == "https://e.com/jane"
    assert article.published_at == datetime(2019, 5, 4, 6, 30, tzinfo=UTC)
    assert article.published_at_raw == "2019-05-04T08:30:00+02:00"
    assert article.modified_at == datetime(2019, 5, 5, 8, 0, tzinfo=UTC)
    assert article.language == "en"
    assert article.section == "Local"
    assert article.tags == ["bridge", "council"]
    assert article.provenance["published_at"] == "jsonld:ReportageNewsArticle.datePublished"
    assert article.provenance["authors"] == "jsonld:ReportageNewsArticle.author"
    assert article.provenance["title"] == "jsonld:ReportageNewsArticle.headline"


def test_broken_jsonld_falls_back_to_opengraph_and_meta() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        '<meta property="og:title" content="Storm closes schools">'
        '<meta name="author" content="By Anna Berg">'
        '<meta property="article:published_time" content="2019-05-04T08:30:00Z">'
    )
    article = extract_article(page(head), "https://e.com/a", fetched_at=FETCHED)
    assert article.title == "Storm closes schools"
    assert article.provenance["title"] == "og:title"
    assert [a.name for a in article.authors] == ["Anna Berg"]
    assert article.provenance["authors"] == "meta:author"
    assert article.provenance["published_at"] == "article:published_time"


def test_date_after_fetch_is_rejected_for_the_next_candidate() -> None:
    head = (
        '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
        '<meta name="date" content="2019-05-04">'
    )
    article = extract_article(page(head), "https://e.com/a", fetched_at=FETCHED)
    assert article.published_at == datetime(2019, 5, 4, tzinfo=UTC)
    assert article.provenance["published_at"] == "meta:date"


def test_only_future_dates_give_no_date() -> None:
    head = '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
    article = extract_article(page(head), "https://e.com/x", fetched_at=FETCHED)
    assert article.published_at is None


def test_time_element_and_url_dates() -> None:
    timed = extract_article(
        page("", BODY + '<time datetime="2019-05-03T12:00:00Z">May 3</time>'),
        "https://e.com/x",
        fetched_at=FETCHED,
    )
    assert timed.provenance["published_at"] == "time"
    from_url = extract_article(page(""), "https://e.com/2019/05/02/story", fetched_at=FETCHED)
    assert from_url.published_at == datetime(2019, 5, 2, tzinfo=UTC)
    assert from_url.provenance["published_at"] == "url"


def test_site_name_is_never_an_author() -> None:
    head = (
        '<meta property="og:site_name" content="Example Gazette">'
        '<meta name="author" content="Example Gazette">'
    )
    article = extract_article(
        page(head, '<p class="byline">By Jane Smith</p>' + BODY),
        "https://e.com/a",
        fetched_at=FETCHED,
    )
    assert [a.name for a in article.authors] == ["Jane Smith"]
    assert article.provenance["authors"] == "byline"


def test_canonical_link_defines_identity_for_amp_and_tracking_urls() -> None:
    head = '<link rel="canonical" href="https://e.com/news/story">'
    amp = extract_article(page(head), "https://e.com/amp/news/story?utm_source=x")
    plain = extract_article(page(head), "https://e.com/news/story")
    assert amp.canonical_url == "https://e.com/news/story"
    assert amp.article_id == plain.article_id
    assert amp.provenance["canonical_url"] == "link:canonical"


def test_title_site_suffix_is_stripped() -> None:
    head = (
        '<meta property="og:site_name" content="Example Gazette">'
        "<title>Storm closes schools | Example Gazette</title>"
    )
    article = extract_article(page(head, BODY), "https://e.com/a")
    assert article.title == "Storm closes schools"


def test_content_hash_ignores_modified_date_but_not_body() -> None:
    base = '<meta property="article:modified_time" content="2019-05-0{}T00:00:00Z">'
    first = extract_article(page(base.format(4)), "https://e.com/a", fetched_at=FETCHED)
    second = extract_article(page(base.format(5)), "https://e.com/a", fetched_at=FETCHED)
    changed = extract_article(
        page(base.format(4), BODY + "<p>A correction was added to the story today.</p>"),
        "https://e.com/a",
        fetched_at=FETCHED,
    )
    assert first.content_hash == second.content_hash
    assert first.content_hash != changed.content_hash


def test_rel_canonical_beats_og_url_and_jsonld_url() -> None:
    head = (
        ld({"@type": "NewsArticle", "headline": "Copy", "url": "https://origin.example/story"})
        + '<meta property="og:url" content="https://e.com/og-url">'
        + '<link rel="canonical" href="https://e.com/canonical">'
    )
    article = extract_article(page(head), "https://e.com/requested")
    assert article.canonical_url == "https://e.com/canonical"
    assert article.provenance["canonical_url"] == "link:canonical"


def test_interview_line_after_por_is_no_byline_a_capitalised_name_is() -> None:
    # GIVEN a Portuguese interview without author markup (fresh-user trial): one answer
    # starts with "Por", as a byline does
    answer = "<p>— Você mudou de ideia?</p><p>Por sua causa, Carlos.</p>"
    article = extract_article(
        page("<title>O treinador fala da temporada</title>", BODY + answer + BODY, "pt"),
        "https://e.pt/a",
        fetched_at=FETCHED,
    )
    # THEN nobody is read as its author
    assert article.authors == []
    # AND a real text byline, with a capitalised name, is still read
    signed = extract_article(
        page("<title>O treinador</title>", "<p>Por Ana Lima</p>" + BODY, "pt"),
        "https://e.pt/b",
        fetched_at=FETCHED,
    )
    assert [a.name for a in signed.authors] == ["Ana Lima"]


def test_site_name_that_copies_a_long_headline_is_not_the_sites_name() -> None:
    # GIVEN a CMS that filled og:site_name with the article's headline
    headline = "How a small team moved its documents and chat to one open tool"
    head = (
        f'<meta property="og:title" content="{headline}">'
        f'<meta property="og:site_name" content="{headline}">'
        '<meta name="application-name" content="Quillnote">'
    )
    article = extract_article(page(head), "https://quill.example/blog/a", fetched_at=FETCHED)
    # THEN the application name is the site's name, and the headline stays the title
    assert article.site_name == "Quillnote"
    assert article.provenance["site_name"] == "meta:application-name"
    assert article.title == headline
    # and with no other name declared, the site's name is unknown rather than the headline
    alone = f'<meta property="og:title" content="{headline}">'
    alone += f'<meta property="og:site_name" content="{headline}">'
    assert extract_article(page(alone), "https://q.example/a", fetched_at=FETCHED).site_name is None


def test_site_name_equal_to_a_short_home_page_title_stays() -> None:
    head = '<title>Example Gazette</title><meta property="og:site_name" content="Example Gazette">'
    article = extract_article(page(head), "https://e.com/a", fetched_at=FETCHED)
    assert article.site_name == "Example Gazette"


def test_rel_author_links_and_itemprops_are_found_as_their_xpaths_find_them() -> None:
    # rel tokens are split at XML whitespace only: a tab separates, NBSP does not; an empty
    # itemprop is an itemprop; the walks keep document order, the root element included
    from lxml import etree, html

    from newsflow.extract.metadata import _rel_authors
    from newsflow.extract.page_tags import PageTags
    from newsflow.extract.walk import PageWalk, document_elements

    tree = html.fromstring(
        '<html itemprop="x"><body><a rel="author" href="/a">A</a><a rel="co-author">B</a>'
        '<a rel="nofollow\tauthor">C</a><a rel="author\xa0me">D</a><a rel="Author">E</a>'
        '<a rel=" noopener  author ">F</a><a>G</a><span itemprop="">H</span>'
        '<div itemprop="author"><a rel="me author" itemprop="url">I</a></div></body></html>'
    )
    rel_xpath = "//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]"
    anchors = PageTags(tree).rel_links
    assert [a.text for a in _rel_authors(anchors)] == ["A", "C", "F", "I"]
    assert _rel_authors(anchors) == etree.XPath(rel_xpath)(tree)
    itemprops = PageWalk(tree, document_elements(tree)).itemprops
    assert [e.tag for e in itemprops] == ["html", "span", "div", "a"]
    assert itemprops == etree.XPath("//*[@itemprop]")(tree)


def test_jsonld_blocks_in_comment_or_cdata_wrappers_are_read() -> None:
    from newsflow.extract.jsonld import _WRAPPER, _unwrapped

    data = {"@type": "NewsArticle", "headline": "Ferry timetable changes <!-- for winter"}
    body = json.dumps(data)
    for wrapped in [
        f"<!--\n{body}\n-->",
        f"//<![CDATA[\n{body}\n//]]>",
        f"  <![CDATA[{body}]]>  ",
        body,
    ]:
        assert json.loads(_unwrapped(wrapped)) == data
        assert _unwrapped(wrapped) == _WRAPPER.sub("", wrapped)
        html = page(f'<script type="application/ld+json">{wrapped}</script>')
        article = extract_article(html, "https://e.com/ferry", fetched_at=FETCHED)
        assert article.title == data["headline"]
        assert article.provenance["title"] == "jsonld:NewsArticle.headline"
    assert _unwrapped(body) is body  # no wrapper mark: the text itself


@pytest.mark.parametrize(
    "wrapped",
    ["<!--\n{}", "{}\n-->", "<![CDATA[{}", "{}\n//]]>"],
    ids=["comment-open", "comment-close", "cdata-open", "cdata-close"],
)
def test_a_jsonld_block_with_one_half_of_a_wrapper_is_read(wrapped: str) -> None:
    # templates that open a wrapper in one block and close it in another: each of the four
    # marks alone sends the block through the wrapper pattern
    from newsflow.extract.jsonld import _WRAPPER, _unwrapped

    data = {"@type": "NewsArticle", "headline": "Ferry timetable changes for winter"}
    text = wrapped.format(json.dumps(data))
    assert _unwrapped(text) == _WRAPPER.sub("", text)
    assert json.loads(_unwrapped(text)) == data


def test_teaser_verdicts_hold_whichever_element_is_asked_first() -> None:
    # One _Teasers per page remembers each ancestor's answer: asking inside a teaser first must
    # not mark the ancestors it shares with the story, and the reverse
    from lxml import html

    from newsflow.extract.metadata import _Teasers

    tree = html.fromstring(
        '<html><body><div class="page"><main><article><h1>Bridge opens</h1>'
        '<p class="byline"><span id="story">Jane Smith</span></p>'
        '<footer><span id="article-footer">Jane Smith</span></footer></article>'
        '<div class="related-stories"><ul><li><span id="related">Tom Teaser</span></li></ul>'
        '<div class="card"><span id="deep">Ann Other</span></div></div>'
        '<aside class="box"><h1>Aside headline</h1><span id="layout">Lee Long</span></aside>'
        '</main><footer><span id="page-footer">Contact us</span></footer></div></body></html>'
    )
    expected = {
        "story": False,
        "article-footer": False,  # the article's own footer holds its byline
        "related": True,
        "deep": True,
        "layout": False,  # an aside that holds an <h1> is the page's layout
        "page-footer": True,
    }
    by_id = {e.get("id"): e for e in tree.iter() if e.get("id") in expected}
    for order in (list(expected), list(reversed(expected))):
        in_teaser = _Teasers()
        found = {k: in_teaser(by_id[k]) for k in order}
        assert found == expected


def test_the_normalised_length_bound_agrees_with_xpaths_normalize_space() -> None:
    # _BodyTexts.short keeps text nodes under a length once XML whitespace is collapsed, as
    # normalize-space does (NBSP is not XML whitespace); the bounds must not change a verdict
    import random

    from lxml import etree

    from newsflow.extract.metadata import _xml_normalized_under

    length = etree.XPath("string-length(normalize-space($text))")
    root = etree.fromstring("<r/>")
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(" \t\r\n\xa0ab") for _ in range(rng.randrange(0, 60)))
        limit = rng.randrange(0, 40)
        normalized = length(root, text=text)
        assert isinstance(normalized, float)
        assert _xml_normalized_under(text, limit) is (normalized < limit), (
            repr(text),
            limit,
        )
