"""Pre-cleaning's searches that replaced whole-page XPaths: the elements ``_split_double_breaks``
turns into paragraphs (the same, in the same order, as the XPath they replace, on pages
written to try each of its conditions) and the hover cards it removes."""

import lxml.html
import pytest

from newsflow.extract.body import _double_break_parents, _preclean
from newsflow.extract.text import element_text

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


def _card() -> str:
    """A hover card: a picture and two links in a span."""
    return "<span class='card'><img src='a.jpg'><a href='/a'>Ana Li</a><a href='/b'>Go</a></span>"


def test_only_the_innermost_hover_card_goes_and_its_tail_stays() -> None:
    page = (
        f"<html><body><p>Said <span id='outer'>{_card()}</span> after the vote.</p>"
        f"<p>Also {_card()} told reporters.</p></body></html>"
    )
    tree = lxml.html.document_fromstring(page)
    _preclean(tree)
    assert tree.xpath("//span[@class='card']") == []
    assert [e.get("id") for e in tree.iter() if e.get("data-nfx-drop")] == ["outer"]
    assert [element_text(p) for p in tree.iter("p")] == [
        "Said after the vote.",
        "Also told reporters.",
    ]
