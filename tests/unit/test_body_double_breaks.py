"""The elements ``_split_double_breaks`` turns into paragraphs: the same, in the same order,
as the XPath they replace, on pages written to try each of its conditions."""

import lxml.html
import pytest

from newsflow.extract.body import _double_break_parents

_XPATH = (
    "//body//*[br/following-sibling::*[1][self::br]][not(ancestor-or-self::p)]"
    "[not(ancestor-or-self::blockquote)]"
)

_PAGES = [
    # a wrapper whose own pair follows a nested span's pair: document order, not <br> order
    "<div id='outer'><span id='inner'>a<br><br>b</span>c<br>text<br>d</div>",
    # a comment between the two breaks: the next element sibling is still a <br>
    "<div id='c'>a<br><!-- note --><br>b</div>",
    # an element between them, a <p> and a quote around pairs, a single break
    "<div id='x'>a<br><b>b</b><br>c</div><p>a<br><br>b</p><blockquote><div>a<br><br>b</div>"
    "</blockquote><section><p><span>a<br><br>b</span></p></section><div id='one'>a<br>b</div>",
    # several wrappers, each with pairs, siblings and cousins
    "<main><div id='a'>x<br><br>y</div><div><div id='b'>x<br><br>y<br><br>z</div></div></main>"
    "<footer id='f'>one<br><br>two</footer>",
]


@pytest.mark.parametrize("body", _PAGES)
def test_the_xpath_elements_in_document_order(body: str) -> None:
    tree = lxml.html.document_fromstring(f"<html><head></head><body>{body}</body></html>")
    expected = tree.xpath(_XPATH)
    assert _double_break_parents(tree) == expected


def test_ordered_by_document_position_when_found_out_of_order() -> None:
    tree = lxml.html.document_fromstring(_PAGES[0])
    assert [e.get("id") for e in _double_break_parents(tree)] == ["outer", "inner"]


def test_a_comment_between_the_breaks_still_pairs_them() -> None:
    tree = lxml.html.document_fromstring(_PAGES[1])
    assert [e.get("id") for e in _double_break_parents(tree)] == ["c"]
