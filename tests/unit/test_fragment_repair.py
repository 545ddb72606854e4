"""A page that is no full document (parsed as a fragment) loses XML's forbidden characters too."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from trafilatura.utils import INVALID_XML_CHARS

from newsflow.extract.article import _parse, extract_article

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
# text before the first tag: trafilatura's is_dubious_html, so the fragment parse reads it
FRAGMENTS = [
    "Notes<div>By Mara Quell\x0bBy Mara Quell</div>",
    "Notes <p>By Mara\x0b Quell</p><p>A story of the harbour.\x01</p>",
    "Field report \x1f<p>Rain\x0c fell on the quay at dawn.</p>",
]


@pytest.mark.parametrize("text", FRAGMENTS)
def test_a_fragment_page_is_parsed_without_forbidden_characters(text: str) -> None:
    tree = _parse(text)
    assert tree is not None
    assert not INVALID_XML_CHARS.search("".join(tree.itertext()))


@pytest.mark.parametrize("text", FRAGMENTS)
def test_a_fragment_page_with_a_control_character_gets_an_outcome(text: str) -> None:
    # before: lxml refused the text node as an XPath variable (ValueError) in the byline step
    article = extract_article(text.encode(), "https://quay.example/report", fetched_at=FETCHED)
    assert article.outcome is not None
    assert "\x0b" not in (article.body_text or "")
