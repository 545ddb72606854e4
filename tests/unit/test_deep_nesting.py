"""A story nested deeper than the HTML parser's limit (256 open elements in libxml2) keeps its
body: the markup is flattened as a browser lays it out and parsed again (issue 10)."""

import time

import lxml.html
import pytest
from support.aeb_metric import page_counts

from newsflow.extract import extract_article
from newsflow.extract.depth import MAX_DEPTH, flattened
from newsflow.models import OutcomeKind

URL = "https://deep-template.example/2026/04/harbour-dredging"
PARAGRAPHS = [
    f"Paragraph {i}: the harbour board agreed on Thursday to dredge the eastern channel, "
    "which has silted up since the storms of last winter and now closes at low tide."
    for i in range(6)
]
STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _deep_page(depth: int, wrapper: str = "div") -> bytes:
    return (
        "<html><head><title>Harbour channel to be dredged</title></head><body>"
        + f"<{wrapper} class='w'>" * depth
        + f"<article><h1>Harbour channel to be dredged</h1>{STORY}</article>"
        + f"</{wrapper}>" * depth
        + "<footer><p>Harbour Times</p></footer></body></html>"
    ).encode()


def _f1(truth: str, predicted: str) -> float:
    tp, fp, fn = page_counts(truth, predicted)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.mark.parametrize("depth", [300, 2_100, 5_000])
def test_story_nested_past_the_parser_limit_keeps_its_body(depth: int) -> None:
    article = extract_article(_deep_page(depth), URL)
    assert article.outcome.kind is OutcomeKind.ARTICLE
    assert _f1("\n".join(PARAGRAPHS), article.body_text) > 0.95


def test_unclosed_font_tags_in_a_loop_keep_the_story() -> None:
    # a template that opens <font> per row and never closes it
    page = _deep_page(0).replace(b"<article>", b"<font size='2'><br>" * 3_000 + b"<article>")
    article = extract_article(page, URL)
    assert _f1("\n".join(PARAGRAPHS), article.body_text) > 0.95


def test_flattened_page_is_no_deeper_than_the_limit_and_keeps_every_text() -> None:
    markup = _deep_page(1_000, "section")
    tree = lxml.html.fromstring(flattened(markup))
    depth = max(sum(1 for _ in element.iterancestors()) for element in tree.iter())
    assert depth < MAX_DEPTH
    assert [" ".join(p.text_content().split()) for p in tree.iter("p")] == [
        *PARAGRAPHS,
        ("Harbour Times"),
    ]


def test_markup_within_the_limit_is_unchanged() -> None:
    markup = (
        b"<html><body><div data-x='a > b'><p>One<p>Two</div>"
        b"<script>if (a < b) { x = '<div>'; }</script><!-- <div> --></body></html>"
    )
    assert flattened(markup) == markup


def test_tags_inside_scripts_and_comments_are_not_counted() -> None:
    script = b"<script>" + b"document.write('<div>');" * 500 + b"</script>"
    markup = b"<html><body>" + script + b"<!--" + b"<div>" * 500 + b"--><p>Text</p></body></html>"
    assert flattened(markup) == markup


def test_unclosed_tags_and_stray_end_tags_flatten_in_linear_time() -> None:
    # every unclosed tag ran the tag search to the end of the markup (19 s for 73 kB: the
    # 300 kB here took minutes); stray end tags searched the whole stack of open elements
    unclosed = b"<html><body>" + b"<div>" * 300 + b"<a x='1' " * 30_000
    stray = b"<html><body>" + b"<font>" * 30_000 + b"</b>" * 30_000
    started = time.process_time()
    assert flattened(unclosed).endswith(b"<a x='1' ")
    assert flattened(stray).count(b"</b>") == 30_000
    assert time.process_time() - started < 5
