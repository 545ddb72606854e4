"""The page walk: what one walk of the element list finds is what the XPaths and walks it
replaces found."""

from __future__ import annotations

import lxml.html
from lxml import etree

from newsflow.extract.article import _parse
from newsflow.extract.walk import PageWalk, document_elements
from newsflow.extract.xpath import class_and_id_values, elements_by_marker

# The parser puts what follows `</html>` in a second top-level <html>: XPath's `//` reads it.
PAGE = """<!DOCTYPE html><html lang="en"><head><title>t</title>
<link class="byline" rel="stylesheet" href="/s.css"></head><body>
<div class="byline" id="top" itemprop="author"><span class="author-name">Ana Lima</span></div>
<p class="byline" id="byline">By Ana Lima</p>
<div id="byline">Second</div><time class="date">1 May</time>
<span class="date" itemprop="datePublished">2 May</span>
</body></html>
<div class="late" id="after-html" itemprop="x">late</div>"""


def _walk(tree: lxml.html.HtmlElement) -> PageWalk:
    return PageWalk(tree, document_elements(tree))


def test_document_elements_are_xpaths_every_element_up_to_a_limit() -> None:
    tree = _parse(PAGE)
    assert tree is not None
    found = document_elements(tree)
    assert found == etree.XPath("//*")(tree)
    assert found[-1].get("id") == "after-html"  # beside the root, not in it
    assert document_elements(tree, 3) == found[:3]


def test_marks_are_the_class_and_id_values_of_the_whole_document() -> None:
    tree = _parse(PAGE)
    assert tree is not None
    marks = _walk(tree).marks
    assert marks == class_and_id_values(tree)
    assert "late" in marks and "after-html" in marks


def test_body_elements_by_marker_are_those_the_body_walk_finds() -> None:
    tree = _parse(PAGE)
    assert tree is not None
    markers = ["byline", "top", "date", "author-name", "missing", ""]
    found = _walk(tree).in_body_by_marker(markers)
    assert found == elements_by_marker(tree, markers)
    # class and id both "byline": the <p> once; the <link> in the head is not in the body
    assert [e.tag for e in found["byline"]] == ["div", "p", "div"]
    assert found["missing"] == []
    assert list(found) == ["byline", "top", "date", "author-name", "missing"]


def test_a_page_of_two_bodies_is_read_as_the_body_walk_reads_it() -> None:
    tree = lxml.html.document_fromstring("<html><body><p class='a'>x</p></body></html>")
    inner = etree.SubElement(tree.find("body"), "body")
    etree.SubElement(inner, "p", {"class": "a"})
    found = _walk(tree).in_body_by_marker(["a"])
    assert len(found["a"]) == 2
    assert found == elements_by_marker(tree, ["a"])


def test_itemprops_are_those_of_the_tree_read() -> None:
    tree = _parse(PAGE)
    assert tree is not None
    walk = _walk(tree)
    # the element after </html> is beside the tree: not read, as tree.iter() does not
    assert [e.tag for e in walk.itemprops] == ["div", "span"]
    fragment = lxml.html.fromstring('<div itemprop="a"><p itemprop="b">x</p></div>')
    assert fragment.getparent() is not None  # lxml returns the fragment, not the document
    assert [e.get("itemprop") for e in _walk(fragment).itemprops] == ["a", "b"]


def test_release_drops_the_elements() -> None:
    tree = _parse(PAGE)
    assert tree is not None
    walk = _walk(tree)
    walk.release()
    assert walk.by_class == {} and walk.by_id == {}


def test_licence_links_are_read_beside_the_root_as_xpath_reads_them() -> None:
    from newsflow.extract.rights import _with_rel

    tree = _parse(
        '<html><head><link rel="stylesheet" href="/s.css"><link href="/x"></head><body>'
        '<a href="/a">plain</a><a rel="author" href="/b">B</a></body></html>'
        '<a rel="license" href="/licence">after the html</a>'
    )
    assert tree is not None
    found = list(_with_rel(tree))
    assert found == etree.XPath("//link[@rel] | //a[@rel]")(tree)
    assert [e.get("rel") for e in found] == ["stylesheet", "author", "license"]


def test_forgetting_the_lookups_keeps_the_elements() -> None:
    tree = _parse(PAGE)
    assert tree is not None
    elements = document_elements(tree)
    walk = PageWalk(tree, elements)
    marks = walk.marks
    walk.forget_lookups()
    assert walk.by_class == {} and walk.by_id == {}
    assert elements == etree.XPath("//*")(tree)  # still held
    assert walk.marks == marks  # read before
