"""The page walk's look-ups by class, id and style answer the pre-cleaning's searches as its
walk of the tree does, and the pre-cleaning falls back to that walk when the tree's elements
are no longer those walked."""

from __future__ import annotations

import lxml.html
from lxml import etree

from newsflow.extract.article import _parse
from newsflow.extract.body import _preclean
from newsflow.extract.walk import PageWalk, document_elements
from newsflow.extract.xpath import class_and_id_values, elements_with_any

# Values shared by elements far apart, an element marked by class and id, hidden styles.
PAGE = """<!DOCTYPE html><html><head><title>Flood barrier</title></head><body>
<div class="newsletter-box" id="signup">Get our newsletter every morning.</div>
<article><h1>Flood barrier approved</h1>
<p>The council voted on Monday <span class="tooltip">a vote</span> to build the barrier.</p>
<div style="display:none">Hidden offer</div>
<p>Work starts in spring <span class="sr-only">Opens in a new tab</span> and ends later.</p>
<div class="author-bio">Ana Li covers the city council.</div>
<p style="display: none">Hidden too</p><span class="tooltip">tip two</span>
</article><aside id="newsletter-box" class="signup">Sign up for alerts.</aside>
</body></html>"""


def _walk(tree: lxml.html.HtmlElement) -> PageWalk:
    return PageWalk(tree, document_elements(tree))


def test_the_lookups_find_what_the_walk_of_the_tree_finds_in_document_order() -> None:
    tree = _parse(PAGE)
    assert tree is not None
    queries = [
        ("class", {"tooltip", "sr-only", "missing"}),
        ("style", {"display:none", "display: none"}),
        ("class", {"newsletter-box", "author-bio", "signup"}),
        ("id", {"newsletter-box", "signup"}),
        ("class", set()),
    ]
    found = _walk(tree).with_any(queries)
    assert found == elements_with_any(tree, queries)
    assert found is not None
    # merged from several values' lists: document order, not the values' order
    assert [e.text for e in found[0]] == ["a vote", "Opens in a new tab", "tip two"]
    assert [e.tag for e in found[1]] == ["div", "p"]
    assert [e.tag for e in found[2]] == ["div", "div", "aside"]
    assert found[4] == []


def test_a_page_with_elements_beside_its_root_is_walked_not_looked_up() -> None:
    # the parser puts what follows </html> in a second top-level element: the walk read it,
    # the pre-cleaning's walk of the tree does not
    tree = _parse(PAGE + '<div class="tooltip">late</div>')
    assert tree is not None and tree.getnext() is not None
    assert _walk(tree).with_any([("class", {"tooltip"})]) is None


def test_preclean_with_the_walk_leaves_the_tree_it_leaves_without() -> None:
    ours, theirs = _parse(PAGE), _parse(PAGE)
    assert ours is not None and theirs is not None
    _preclean(ours, class_and_id_values(ours), _walk(ours))
    _preclean(theirs, class_and_id_values(theirs))
    assert etree.tostring(ours) == etree.tostring(theirs)
    text = ours.text_content()
    assert "Hidden offer" not in text and "Hidden too" not in text and "tip two" not in text
    assert "Get our newsletter" not in text and "covers the city council" not in text
    assert "to build the barrier" in text


def test_preclean_walks_the_tree_when_double_breaks_made_new_elements() -> None:
    # GIVEN a block split into paragraphs at its double break: its inline elements are new
    # ones, parsed again, and the walked ones are out of the tree
    page = (
        "<html><body><div>The council voted <span style='display:none'>Hidden note</span> "
        "on Monday.<br><br>Work starts in spring.</div></body></html>"
    )
    tree = _parse(page)
    assert tree is not None
    walk = _walk(tree)
    # WHEN the pre-cleaning gets the walk made before the split
    _preclean(tree, class_and_id_values(tree), walk)
    # THEN the hidden span the split made anew is found and removed all the same
    assert [p.text_content().strip() for p in tree.iter("p")] == [
        "The council voted  on Monday.",
        "Work starts in spring.",
    ]


def test_the_body_is_found_once_for_every_look_up_by_marker() -> None:
    # GIVEN a page whose byline class stands inside and outside its body
    page = (
        '<html><head><title class="by">t</title></head><body><p class="by">By Ana Li</p>'
        '<div id="by">Ben Ode</div></body></html>'
    )
    tree = _parse(page)
    assert tree is not None
    walk = PageWalk(tree, document_elements(tree))
    # THEN each look-up finds the body's elements, the body walked for once
    first = walk.in_body_by_marker(["by"])
    assert [e.text for e in first["by"]] == ["By Ana Li", "Ben Ode"]
    assert walk.in_body_by_marker(["by", "x"]) == {"by": first["by"], "x": []}
    assert walk.__dict__["_bodies"] == [tree.find("body")]


def test_values_of_any_script_are_read_as_the_attribute_s_text() -> None:
    # GIVEN classes, ids, styles and itemprops in several scripts (the walk reads them with
    # lxml's `get` of a bytes name)
    page = (
        '<html><body><div class="größe menü" id="başlık">a</div>'
        '<p class="記事" style="color:红" itemprop="articleBody">b</p>'
        '<span class="größe menü">c</span></body></html>'
    )
    tree = _parse(page)
    assert tree is not None
    walk = _walk(tree)
    # THEN the values are the text the page gives, as str, each with its elements
    assert list(walk.by_class) == ["größe menü", "記事"]
    assert [e.text for e in walk.by_class["größe menü"]] == ["a", "c"]
    assert list(walk.by_id) == ["başlık"] and list(walk.by_style) == ["color:红"]
    assert all(type(value) is str for value in [*walk.by_class, *walk.by_id, *walk.by_style])
    assert [e.text for e in walk.itemprops] == ["b"]
    assert walk.marks == ["größe menü", "記事", "başlık"]
    queries = [("class", {"記事"}), ("id", {"başlık"}), ("style", {"color:红"})]
    assert walk.with_any(queries) == elements_with_any(tree, queries)
