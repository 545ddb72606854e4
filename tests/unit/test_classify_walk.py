"""The page signals' one walk (``classify._PageElements``) reads what the XPaths it replaced read,
on pages written to try where a body's elements can stand."""

from collections.abc import Callable

import lxml.html
import pytest
from lxml import etree
from lxml.html import HtmlElement

from newsflow.extract.classify import _PageElements

_PAGE = (
    "<html><head><script>var a;</script><noscript>Enable JavaScript</noscript></head><body>"
    "<div id='app'><a href='/x'>Head link</a><article><div id='story'><p>Text <a href='/y'>in"
    "</a></p></div></article></div><script>var b;</script><noscript><div id='ns'>x</div>"
    "</noscript><div class='no-id'><a href='/z'>Foot</a></div></body></html>"
)


def _page() -> HtmlElement:
    return lxml.html.document_fromstring(_PAGE)


def _with_div_after_body() -> HtmlElement:
    tree = _page()
    tree.append(lxml.html.fragment_fromstring("<div id='after'><a href='/q'>After</a></div>"))
    return tree


def _with_nested_body() -> HtmlElement:
    tree = _page()
    inner = etree.SubElement(tree.find("body/div"), "body")
    inner.append(lxml.html.fragment_fromstring("<div id='inner'><a href='/i'>Inner</a></div>"))
    return tree


def _read(tree: HtmlElement) -> tuple[object, ...]:
    found = _PageElements(tree)
    return (
        found.bodies,
        found.links,
        found.div_ids,
        found.noscripts,
        found.scripts,
        found.articles,
    )


@pytest.mark.parametrize("make", [_page, _with_div_after_body, _with_nested_body])
def test_the_walk_reads_what_the_xpaths_read(make: Callable[[], HtmlElement]) -> None:
    tree = make()
    assert _read(tree) == (
        list(tree.iter("body")),
        tree.xpath("//body//a"),
        [str(v) for v in tree.xpath("//body//div/@id")],
        tree.xpath("//noscript"),
        len(tree.xpath("//script")),
        tree.xpath("//article"),
    )


def test_an_element_after_the_body_is_not_the_bodys() -> None:
    found = _PageElements(_with_div_after_body())
    assert "after" not in found.div_ids
    assert [a.text for a in found.links] == ["Head link", "in", "Foot"]


def test_headline_measures_match_the_word_counts_they_shortcut() -> None:
    from newsflow.extract.classify import _is_headline_long, _opening_words
    from newsflow.extract.text import count_words, element_text

    texts = ["", "One", "Two words", "Three short words", "ÉTÉ à Paris", "東京の新しい駅", "a b"]
    for raw in texts:
        text = element_text(lxml.html.fragment_fromstring(f"<a> {raw}\n </a>"))
        assert _is_headline_long(text) == (count_words(text) >= 3)
    paragraph = "  Straße   DES  Jahres " + "word " * 500
    assert _opening_words(paragraph).casefold() == " ".join(paragraph.casefold().split()[:3])
    assert _opening_words(paragraph).casefold() == "strasse des jahres"
