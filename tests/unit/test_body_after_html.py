"""Markup after ``</html>``: lxml's parser makes a second ``<html>`` beside the root, which
XPath's ``//`` reads and ``tree.iter`` does not. The body's walks that stand in for XPaths
must read it too (found by fuzzing: a page whose story followed a stray ``</html>`` lost it).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsflow.extract import body
from newsflow.extract.article import _parse
from newsflow.extract.walk import document_tops

# a stray </html></body> inside the page: the rest is a second <html> beside the root
_PAGE = """<html lang="en"><head><title>Harbour ferry times</title>
<meta property="og:title" content="Ferry times change"></head>
<body><div class="story"><p>Ferry riders in Westmoor face new departure times.</p></div>
</html></body><body><h1>New ferry times from Monday</h1>
<div class="story"><p>The early crossing leaves twenty minutes later from Monday.</p>
<p>Commuters asked the harbour board for a bus link to the station instead.</p></div>
<meta name="twitter:title" content="Ferry riders face changes"></body>"""


def _tree() -> HtmlElement:
    tree = _parse(_PAGE)
    assert tree is not None
    assert len(document_tops(tree)) == 2  # the page these tests are about
    return tree


def test_body_paragraphs_are_the_xpaths_with_markup_after_html() -> None:
    tree = _tree()
    found = body._body_paragraphs(tree)
    assert found == tree.xpath("//body//p")
    assert len(found) == 3


def test_headline_texts_are_the_xpaths_with_markup_after_html() -> None:
    tree = _tree()
    assert body._headline_texts(tree) == [
        tree.xpath('//meta[@property="og:title"]/@content'),
        tree.xpath('//meta[@name="twitter:title"]/@content'),
        tree.xpath("//title/text()"),
        [h1.text_content() for h1 in tree.xpath("//h1")],
    ]
    assert body._headline_texts(tree)[3] == ["New ferry times from Monday"]


def test_sections_holding_paragraphs_are_the_trees_own() -> None:
    # the paragraphs beside the root are read, but a section there is none of `tree`'s, as
    # the walk of tree.iter(tag) it stands in for never met it
    tree = _tree()
    sections = body._holding_paragraphs(tree, body._Paragraphs(tree), "div", "story")
    assert sections == [e for e in tree.iter("div") if e.get("class") == "story"]
    assert len(sections) == 1
