"""Bad input gives a typed outcome in bounded time, never an unhandled exception."""

import json
import os
import random
import time
import tracemalloc
from datetime import UTC, datetime
from typing import Any

import pytest

from newsflow.extract import ExtractionInputError, extract_article
from newsflow.extract.article import too_large_article
from newsflow.extract.text import count_words
from newsflow.limits import MAX_PAGE_ELEMENTS
from newsflow.models import OutcomeKind

URL = "https://news.example.com/2019/05/04/story"


def test_empty_input_is_not_an_article() -> None:
    for data in (b"", b"   \n\t "):
        article = extract_article(data, URL)
        assert article.outcome.kind is OutcomeKind.NOT_ARTICLE
        assert article.outcome.reason == "empty document"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "PDF"),
        (json.dumps({"headline": "<b>x</b>", "items": list(range(50))}).encode(), "JSON"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "PNG"),
        (random.Random(7).randbytes(20000), "binary"),
    ],
)
def test_non_html_bytes_are_not_html(data: bytes, what: str) -> None:
    article = extract_article(data, URL)
    assert article.outcome.kind is OutcomeKind.NOT_HTML
    assert what in article.outcome.reason
    assert article.body_text == ""


def test_page_over_the_size_limit_is_too_large_without_parsing() -> None:
    data = b"<html><body>" + b"<p>word word word word</p>" * (21 * 1024 * 1024 // 26) + b"</body>"
    assert len(data) > 20 * 1024 * 1024
    start = time.perf_counter()
    article = extract_article(data, URL)
    assert article.outcome.kind is OutcomeKind.TOO_LARGE
    assert time.perf_counter() - start < 5  # generous: it must not parse 20 MB


def test_page_over_the_element_limit_is_too_large_with_its_count() -> None:
    # GIVEN a small page (under 1 MB) of more short paragraphs than the element limit allows
    paragraphs = "".join(f"<p>Short paragraph {i}.</p>" for i in range(MAX_PAGE_ELEMENTS))
    data = f"<html><body><article>{paragraphs}</article></body></html>".encode()
    assert len(data) < 1024 * 1024

    article = extract_article(data, URL)

    # THEN it is refused once parsed, with the count a human can check, and nothing extracted
    assert article.outcome.kind is OutcomeKind.TOO_LARGE
    count = MAX_PAGE_ELEMENTS + 3  # + html, body, article
    assert article.outcome.reason == f"{count} elements > limit {MAX_PAGE_ELEMENTS}"
    assert (article.title, article.body_text) == (None, "")


def test_deeply_nested_tags_are_handled_in_bounded_memory() -> None:
    words = " ".join(f"word{i}" for i in range(400))
    data = ("<html><body>" + "<div>" * 10_000 + f"<p>{words}</p>" + "</div>" * 10_000).encode()
    tracemalloc.start()
    article = extract_article(data, URL)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert article.outcome.kind in set(OutcomeKind)
    assert peak < 200 * 1024 * 1024


def test_hostile_jsonld_is_ignored() -> None:
    nested = "[" * 100_000 + "]" * 100_000
    scripts = "".join(
        f'<script type="application/ld+json">{payload}</script>'
        for payload in (
            nested,
            '{"@type": "NewsArticle", "headline": ',
            '{"@type": ["NewsArticle"], "author": {"name": {"name": [1, 2]}}, "datePublished": 5}',
            '{"@graph": "not a list", "@type": 7}',
            '"just a string"',
            '{"@type": "NewsArticle", "headline": "Valid one", "author": [null, 3, "Jo Bloggs"]}',
        )
    )
    body = "<p>" + "Some real words of an article body. " * 40 + "</p>"
    data = f"<html><head>{scripts}</head><body>{body}</body></html>".encode()
    article = extract_article(data, URL)
    assert article.title == "Valid one"
    assert [a.name for a in article.authors] == ["Jo Bloggs"]


def test_lying_charset_gives_no_mojibake() -> None:
    text = "Der Bürgermeister äußerte sich über die Straßenbahn. " * 30
    data = (
        '<html><head><meta charset="iso-8859-1"></head><body><article><p>'
        f"{text}</p></article></body></html>"
    ).encode()
    article = extract_article(data, URL)
    assert "Bürgermeister äußerte" in article.body_text
    assert "Ã" not in article.body_text


def test_missing_url_and_naive_fetch_time_are_typed_errors() -> None:
    with pytest.raises(ExtractionInputError):
        extract_article(b"<p>x</p>", "")
    with pytest.raises(ExtractionInputError):
        extract_article(b"<p>x</p>", URL, fetched_at=datetime(2019, 1, 1))  # noqa: DTZ001


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/ferry-fares-rise",
        "https://ex\u2100.com/ferry-fares",
        # a lone surrogate (JSON's "\\ud800", a command-line byte that was no UTF-8): the
        # article id hashes the URL's UTF-8, which raised UnicodeEncodeError
        "https://e.example/ferry-\udcff",
    ],
)
def test_a_page_url_urllib_cannot_parse_is_a_typed_error(url: str) -> None:
    # the page would go through every step; each reads the address and urllib raises
    page = b"<html><head><title>Ferry fares rise</title></head><body><p>x</p></body></html>"
    with pytest.raises(ExtractionInputError):
        extract_article(page, url)
    with pytest.raises(ExtractionInputError):
        extract_article(page, "https://e.example/ferry", final_url=url)
    # ... and so is the same URL on a page its caller found too large to read
    with pytest.raises(ExtractionInputError):
        too_large_article(url, "9 bytes > limit 8", datetime.now(UTC))


# hypothesis is imported inside the two tests that use it: a module-level import would cost
# each of make test's xdist workers its import at collection (they all collect every module).
_TAGS = ["div", "p", "span", "article", "main", "a", "h1", "li", "ul", "script", "table", "td", "b"]


def _draw_html_document(draw: Any) -> bytes:
    """One generated page: `draw` is hypothesis's draw function (`st.composite`)."""
    from hypothesis import strategies as st

    text = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
    parts = ["<html><head>"]
    if draw(st.booleans()):
        parts.append(f'<script type="application/ld+json">{draw(text)}</script>')
    if draw(st.booleans()):
        parts.append(f'<meta property="article:published_time" content="{draw(text)}">')
    parts.append("</head><body>")
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(st.sampled_from(_TAGS))
        attrs = draw(st.sampled_from(["", ' class="byline"', ' id="root"', ' class="paywall"']))
        closing = f"</{tag}>" if draw(st.booleans()) else ""
        parts.append(f"<{tag}{attrs}>{draw(text)}{closing}")
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1251"]))
    return "".join(parts).encode(encoding, "replace")


def test_generated_html_always_gives_an_article_with_an_outcome() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.composite(_draw_html_document)())
    def check(data: bytes) -> None:
        article = extract_article(data, URL)
        assert article.outcome.kind in set(OutcomeKind)
        assert article.word_count == count_words(article.body_text)
        assert article.article_id

    check()


def test_arbitrary_bytes_never_raise() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=100, deadline=None)
    @given(st.binary(max_size=3000))
    def check(data: bytes) -> None:
        article = extract_article(data, URL)
        assert article.outcome.kind in set(OutcomeKind)

    check()


def test_failure_of_the_body_step_is_extraction_failed_not_not_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN an article page whose main-text step raises (the raise is the injected fault only)
    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("boom in the body step")

    monkeypatch.setattr("newsflow.extract.body.extract_body", broken)
    paragraphs = "".join(f"<p>Sentence {i} of the story about the harbour.</p>" for i in range(30))
    data = f"<html><head><title>Harbour</title></head><body><article>{paragraphs}</article></body>"

    article = extract_article(data.encode(), URL)

    # THEN it is recorded as our failure, with the error, not as a page that is no article
    assert article.outcome.kind is OutcomeKind.EXTRACTION_FAILED
    assert article.outcome.kind.value == "extraction_failed"
    assert article.outcome.reason == (
        "main-text extraction failed: RuntimeError: boom in the body step"
    )
