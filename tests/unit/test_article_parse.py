"""The page parser: trafilatura's load_html tree, with lxml's C element-class lookup."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsflow.extract.article import _parse
from newsflow.extract.decode import decode_html

SETS = Path(__file__).resolve().parents[1]
PAGES = [
    path
    for sample in ("devset", "modernset")
    for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:12]
]
ODD = [
    "<html><body><p>One paragraph.</p></body></html>",
    '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Declared XML.</p></body></html>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/TR/x.dtd">\n'
    "<html><head><title>t</title></head><body><p>Doctype.</p></body></html>",
    '<html lang="en"/>\n<head><title>t</title></head><body><p>Self-closed html.</p></body>',
    "<html><body><p>Control\x0bcharacters\x01 dropped.</p><!-- a comment --></body></html>",
    "<html><body><form><label>Name</label><input name='q'><textarea>x</textarea>"
    "<select><option>a</option></select></form></body></html>",
]


def _serialized(tree: HtmlElement | None) -> bytes | None:
    return None if tree is None else etree.tostring(tree, encoding="utf-8")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name[:12])
def test_a_page_parses_to_trafilaturas_tree(path: Path) -> None:
    text = decode_html(gzip.decompress(path.read_bytes()), None).text
    assert _serialized(_parse(text)) == _serialized(load_html(text))


@pytest.mark.parametrize("text", ODD)
def test_odd_markup_parses_to_trafilaturas_tree(text: str) -> None:
    assert _serialized(_parse(text)) == _serialized(load_html(text))


def test_every_element_is_a_plain_html_element() -> None:
    tree = _parse(ODD[-1])
    assert tree is not None
    assert {type(el) for el in tree.iter(etree.Element)} == {HtmlElement}


def test_plain_text_is_no_page_and_a_fragment_still_is() -> None:
    assert _parse("just a line of text, no markup at all") is not None  # a fragment page
    assert load_html("just a line of text, no markup at all") is None
    fragment = _parse("<p>A bare paragraph.</p>")
    assert fragment is not None
    assert fragment.text_content() == "A bare paragraph."
