"""The precision pass's tree cleaning leaves the tree trafilatura's leaves."""

from __future__ import annotations

import gzip
from copy import copy
from itertools import product
from pathlib import Path

import lxml.html
import trafilatura.htmlprocessing
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.etree import Element, SubElement
from lxml.html import HtmlElement
from trafilatura.settings import MANUALLY_CLEANED, Extractor
from trafilatura.utils import load_html

from newsflow.extract import content_paths

SETS = Path(__file__).resolve().parents[1]

# A nav holding a nav: lxml's iterator has already stepped into the outer one when it is
# deleted, so the walk for "nav" ends there and the last nav stays; an aside inside a
# footer (gone with the footer before the aside walk), a form, a figure holding a table.
NESTED = """<html><head><title>Eastmere</title><style>p {}</style></head><body>
<nav><a href="/">Home</a><nav><a href="/w">World</a></nav></nav>
<p>The council of Eastmere met on Tuesday.</p>
<footer>Contact<aside>Related</aside></footer>tail after the footer
<nav><a href="/s">Sport</a></nav><p>The vote was close.</p>
<form><input name="q"><button>Search</button></form>
<figure><table><tr><td>7</td><td>6</td></tr></table></figure>
<script>var x = 1;</script><svg><use href="#i"></use></svg></body></html>"""


def _pages() -> list[HtmlElement]:
    texts = [NESTED] + [
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for sample in ("devset", "modernset")
        for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:8]
    ]
    trees = [load_html(text) for text in texts]
    assert all(isinstance(tree, HtmlElement) for tree in trees)
    return trees


def _both(tree: HtmlElement, options: Extractor) -> tuple[bytes, bytes]:
    theirs = trafilatura.htmlprocessing.tree_cleaning(copy(tree), options)
    ours = content_paths.tree_cleaning(copy(tree), options)
    return lxml.html.tostring(ours), lxml.html.tostring(theirs)


def test_pages_are_cleaned_as_trafilatura_cleans_them() -> None:
    for tree, precision in product(_pages(), (True, False)):
        options = Extractor(output_format="txt", fast=True, precision=precision)
        ours, theirs = _both(tree, options)
        assert ours == theirs


def test_a_nested_element_ends_its_walk_as_in_trafilatura() -> None:
    options = Extractor(output_format="txt", fast=True, precision=True)
    tree = load_html(NESTED)
    assert isinstance(tree, HtmlElement)
    ours, theirs = _both(tree, options)
    assert ours == theirs
    cleaned = lxml.html.fromstring(ours)
    # the nav after the nested one stays (lxml's iterator), every other listed tag goes
    assert [lxml.html.tostring(nav) for nav in cleaned.iter("nav")] == [
        b'<nav><a href="/s">Sport</a></nav>'
    ]
    assert not [element for element in cleaned.iter(MANUALLY_CLEANED) if element.tag != "nav"]
    assert b"tail after the footer" in ours


def test_tags_taken_from_the_list_at_run_time_are_kept() -> None:
    options = Extractor(output_format="txt", fast=True, precision=True)
    tree = load_html(NESTED)
    assert isinstance(tree, HtmlElement)
    listed = MANUALLY_CLEANED  # the list htmlprocessing reads
    assert vars(trafilatura.htmlprocessing)["MANUALLY_CLEANED"] is listed
    saved = list(listed)
    listed.remove("svg")  # a user's change to the public list, read at each call
    try:
        ours, theirs = _both(tree, options)
    finally:
        listed[:] = saved
    assert ours == theirs and b"<svg>" in ours


_TAGS = ["div", "p", "nav", "aside", "footer", "figure", "table", "script", "form", "span"]


@st.composite
def _trees(draw: st.DrawFn) -> HtmlElement:
    """A body of nested blocks, some of them tags tree_cleaning deletes, with texts and tails."""
    root = Element("html")
    body = SubElement(root, "body")
    parents = [body]
    for index in range(draw(st.integers(min_value=1, max_value=16))):
        child = SubElement(draw(st.sampled_from(parents)), draw(st.sampled_from(_TAGS)))
        child.text = f"text {index}"
        child.tail = draw(st.sampled_from([None, f"tail {index}"]))
        parents.append(child)
    parsed = lxml.html.document_fromstring(lxml.html.tostring(root))
    assert isinstance(parsed, HtmlElement)
    return parsed


@given(_trees())
@settings(max_examples=300, deadline=None)
def test_random_trees_are_cleaned_as_trafilatura_cleans_them(tree: HtmlElement) -> None:
    options = Extractor(output_format="txt", fast=True, precision=True)
    ours, theirs = _both(tree, options)
    assert ours == theirs
