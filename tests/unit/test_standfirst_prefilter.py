"""The standfirst's first search with the page's visible texts given: a description no
visible text may open is answered without the element search, and every page gets the
answer the search alone gives. Fixtures written for these tests."""

from __future__ import annotations

import lxml.html
import pytest

from newsflow.extract.standfirst import find_standfirst
from newsflow.extract.text import visible_texts

SUMMARY = "The council approved the new bridge after a long debate about what it will cost."
STORY = "".join(
    f"<p>Paragraph {n} of the story tells how the council voted on the bridge on Tuesday "
    "evening, and what the residents said about it afterwards.</p>"
    for n in range(1, 6)
)

PAGES = [
    f"<h1>Bridge</h1><p class='dek'>{SUMMARY}</p>{STORY}",  # shown whole
    f"<h1>Bridge</h1><p>The council <b>approved</b> the new bridge after a long debate "
    f"about what it will cost.</p>{STORY}",  # opened by a text node, ended in others
    f"<h1>Bridge</h1><p>\u201cThe council approved the new bridge after a long debate about "
    f"what it will cost.\u201d</p>{STORY}",  # quotation marks are no word characters
    f"<h1>Bridge</h1>{STORY}",  # not shown: "The" is in no text node that opens it
    f"<h1>Bridge</h1><script>var d = '{SUMMARY}';</script>{STORY}",  # in a script only
    f"<h1>Bridge</h1><noscript>{SUMMARY}</noscript>{STORY}",
    f"<h1>Bridge</h1><div>The<br>council approved</div>{STORY}",  # opens it, is not all of it
]


@pytest.mark.parametrize("body", PAGES)
def test_the_visible_texts_give_the_search_s_answer(body: str) -> None:
    tree = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    alone = find_standfirst(tree, [SUMMARY])
    given = find_standfirst(tree, [SUMMARY], texts=visible_texts(tree))
    assert (given and given.lines) == (alone and alone.lines)


def test_a_page_not_showing_the_description_is_answered_without_the_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsflow.extract import standfirst

    def no_search(*_: object, **__: object) -> list[str]:
        raise AssertionError("the element search ran")

    tree = lxml.html.document_fromstring(f"<html><body>{PAGES[3]}</body></html>")
    texts = visible_texts(tree)
    monkeypatch.setattr(standfirst, "_smart_strings", no_search)
    assert standfirst._showing_description(tree.find(".//body"), SUMMARY, texts) is None
