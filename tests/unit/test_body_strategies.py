"""The strategy loop: which trafilatura passes run on a page (each is a whole run)."""

from __future__ import annotations

from collections.abc import Collection

import pytest
from lxml.html import HtmlElement

from newsflow.extract import body, extract_article

URL = "https://news.example.com/2026/11/30/harbour-works"
SENTENCE = (
    "The harbour board heard evidence from fishermen, engineers and the council about "
    "the cost and timing of the dredging works along the eastern quay."
)
STORY = "".join(f"<p>{i}. {SENTENCE}</p>" for i in range(12))
# a page of headline links several times the story's words: the first pass is short against it
LINKS = "".join(
    f"<li><a href='/s/{i}'>Another headline about event {i} in town</a></li>" for i in range(150)
)


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the strategies run, in order (each pass still runs as it does)."""
    run: list[str] = []
    real = body._trafilatura_lines

    def recorded(
        tree: HtmlElement,
        url: str | None,
        strategy: body._Strategy,
        language: str | None = None,
        marks: Collection[str] | None = None,
    ) -> list[str]:
        run.append(strategy.name)
        return real(tree, url, strategy, language, marks=marks)

    monkeypatch.setattr(body, "_trafilatura_lines", recorded)
    return run


def test_recall_is_not_tried_when_the_fallback_agrees_with_the_first_pass(
    passes: list[str],
) -> None:
    page = f"<html><body><nav><ul>{LINKS}</ul></nav><article>{STORY}</article></body></html>"
    article = extract_article(page.encode(), URL)
    assert passes == [s.name for s in body.STRATEGIES[:2]]  # short, then the same story
    assert article.provenance["body_text"] == body.STRATEGIES[0].name
    assert article.body_text.count("dredging works") == 12


def test_recall_is_tried_when_neither_pass_found_a_body(passes: list[str]) -> None:
    article = extract_article(b"<html><body><div></div></body></html>", URL)
    assert passes == [s.name for s in body.STRATEGIES]
    assert article.body_text == ""
