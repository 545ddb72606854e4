"""text.text_content reads what lxml's text_content() reads, on every element of a page."""

from __future__ import annotations

import gzip
from pathlib import Path

from lxml import etree
from lxml.html import HtmlElement, fromstring
from trafilatura.utils import load_html

from newsflow.extract.text import text_content

SETS = Path(__file__).resolve().parents[1]
MARKUP = (
    "<html><body><p>Plain paragraph.</p><p></p><a href='/x'>A link</a>"
    "<p>Before <!-- a comment --> after.</p><p>With <b>bold</b> and tail.</p>"
    "<p>Line<br>break</p><div><span>nested</span> tail</div>"
    "<p>A <?pi data?>PI, <script>s()</script>a script &amp; &eacute;<!--c--></p></body></html>"
)


def test_every_element_reads_as_text_content_does() -> None:
    trees = [fromstring(MARKUP)] + [
        load_html(gzip.decompress(path.read_bytes()))
        for sample in ("devset", "modernset")
        for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:4]
    ]
    for tree in trees:
        assert isinstance(tree, HtmlElement)
        elements = list(tree.iter(etree.Element))
        assert [text_content(el) for el in elements] == [el.text_content() for el in elements]


def test_a_childless_element_and_one_with_a_comment() -> None:
    tree = fromstring(MARKUP)
    paragraphs = tree.findall(".//p")
    assert [text_content(p) for p in paragraphs[:3]] == ["Plain paragraph.", "", "Before  after."]
