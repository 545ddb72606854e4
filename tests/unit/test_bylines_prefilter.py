"""The text-node test before the labelled-byline search: a page whose body has no text node
opening with a label is answered without the search, and every page gets the answer the
search alone gives (the raw text's whitespace runs, letter case and NBSP included)."""

from __future__ import annotations

import lxml.html
import pytest

from newsflow.extract.bylines import _any_label, labelled_byline
from newsflow.extract.xpath import strings, text_xpath

_BODY_TEXTS = text_xpath("//body//text()")

PAGES = [
    '<p class="meta">By <a href="/team/juno-park">Juno Park</a></p>',
    "<div><div>\n   Written\n\t  by\n</div><div>Ezra Mbeki</div></div>",
    "<h2>ARTICLE WRITTEN BY:</h2><div><h3>Rhea Sol, MD</h3></div>",
    "<div><span>Authors:</span> <b>Lio Brandt</b></div>",
    "<div><span>author(s)</span><p>Mina Ek</p></div>",
    "<p>by the river we walked</p><p>Nearby the Baby Lobby</p>",  # no label: lower-case rest
    "<p>Maybe later.</p><script>var by = 1;</script>",
    "<p>By\u00a0Ana Li</p>",  # NBSP is whitespace to str.split and to \\s
    "<p>Text by Cato Rune</p>",
]


def _tree(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body><main>{body}</main></body></html>")


@pytest.mark.parametrize("body", PAGES)
def test_the_prefilter_gives_the_search_alone_s_answer(body: str) -> None:
    tree = _tree(body)
    texts = strings(_BODY_TEXTS, tree)
    alone = labelled_byline(tree, lambda _: False)
    assert labelled_byline(tree, lambda _: False, texts) == alone
    if alone is not None:
        assert _any_label(texts)


def test_a_page_without_a_label_is_answered_by_the_prefilter() -> None:
    tree = _tree(PAGES[5])
    assert not _any_label(strings(_BODY_TEXTS, tree))
    assert _any_label(strings(_BODY_TEXTS, _tree(PAGES[1])))
    assert _any_label(["", "  \n BY:  "])  # the label alone, upper case, after blank nodes
