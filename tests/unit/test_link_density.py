"""The precision pass's link-density test gives trafilatura's answer on every element."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from copy import copy
from itertools import product
from pathlib import Path

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.etree import Element, SubElement
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import convert_tags, link_density_test, tree_cleaning
from trafilatura.settings import Extractor
from trafilatura.utils import load_html, trim

from newsflow.extract import content_paths

SETS = Path(__file__).resolve().parents[1]
TESTED = ("div", "list", "item", "p", "head", "quote", "td", "section")

# Containers at each side of the limits the test compares with, by id: a text long only by
# its indentation (its trimmed length is short); one link longer than nine tenths of its
# block, and shorter; farms of links at both sides of the farm ratio, one of them long only
# by its indentation (its length is read past the first kilobyte); a listing (each link alone
# in a paragraph); a block holding an image; a long story decided on its first kilobyte.
INDENT = " \n\t" * 700
LINKED = "A long headline linked on its own to another story of the day, " * 2


def _farm(links: int, gap: str = " ") -> str:
    return gap.join(f'<a href="/{i}">Harbor council story number {i:02}</a>' for i in range(links))


LIMITS = f"""<html><body><div id="page">
<div id="indented">{INDENT}<a href="/a">Eastmere pier</a>{INDENT}
<a href="/b">Ferry winter timetable</a>{INDENT}</div>
<div id="one-link"><a href="/l">{LINKED}</a> and more.</div>
<div id="one-link-short"><a href="/l">{LINKED}</a> {"and more words, " * 3}</div>
<div id="farm">{_farm(6)}</div>
<div id="farm-in-text">{_farm(6)} {"and as many words of text that no link holds, " * 30}</div>
<div id="long-farm">{_farm(40, " " * 50)}</div>
<div id="long-farm-in-text">{_farm(40, " " * 50)} {"and words of text, " * 12}</div>
<div id="listing"><p><a href="/p1">First report on the pier vote of the council</a></p>
<p><a href="/p2">Second report on the pier vote of the council</a></p>
<p><a href="/p3">Third report on the pier vote of the council</a></p>
<p><a href="/p4">Fourth report on the pier vote of the council</a></p>
<p><a href="/p5">Fifth report on the pier vote of the council</a></p></div>
<div id="image"><img src="/pier.jpg"><a href="/g">A photo of the pier, linked to the gallery</a>
</div>
<div id="story">{"The council of Eastmere met on Tuesday to vote on the pier. " * 80}
<a href="/s">the minutes</a></div>
<div id="odd-spaces">\u00a0\u2028\x1c<a href="/u">Odd spaces\u2003around\u3000this</a>\u00a0</div>
<p><a href="/q">A short linked line</a></p><p>Plain words.</p>
<ul><li><a href="/1">Home</a></li><li><a href="/2">World</a></li><li>Weather</li></ul>
<h2><a href="/h">A linked heading that reads like a teaser for another page</a></h2>
<blockquote><a href="/bq">A quoted line, all of it a link</a> and a few words more.</blockquote>
<div id="last"><a href="/z">Last</a> block of the page, with more than a link.</div>
</div></body></html>"""


def _converted(text: str, images: bool = False) -> HtmlElement:
    options = Extractor(output_format="txt", fast=True, precision=True, images=images)
    tree = load_html(text)
    assert isinstance(tree, HtmlElement)
    return convert_tags(tree_cleaning(copy(tree), options), options)


def _pages() -> list[HtmlElement]:
    texts = [LIMITS] + [
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for sample in ("devset", "modernset")
        for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:8]
    ]
    # with images kept, img elements are "graphic" ones, which the test passes
    return [_converted(text) for text in texts] + [_converted(LIMITS, images=True)]


def _ours(element: HtmlElement, favor_precision: bool) -> tuple[bool, bool]:
    return content_paths._link_density_test({}, element, favor_precision)


def test_every_element_gets_trafilaturas_answer() -> None:
    tested, deleted = 0, 0
    for tree, precision in product(_pages(), (False, True)):
        for element in tree.iter(TESTED):
            expected = link_density_test(element, precision)
            assert _ours(element, precision) == expected
            tested += 1
            deleted += expected[0]
    assert tested > 2000 and deleted > 100


def test_the_limit_cases_are_decided_both_ways() -> None:
    tree = _converted(LIMITS)
    answers = {
        (element.get("id"), precision): _ours(element, precision)
        for element, precision in product(tree.iter("div"), (False, True))
    }
    assert answers == {
        (element.get("id"), precision): link_density_test(element, precision)
        for element, precision in product(tree.iter("div"), (False, True))
    }
    deleted = {key for key, (delete, _) in answers.items() if delete}
    # without images kept, the image block is only its link
    ids = ("indented", "one-link", "farm", "long-farm", "image", "odd-spaces")
    assert deleted == set(product(ids, (False, True)))
    with_image = _converted(LIMITS, images=True).find(".//div[@id='image']")
    assert with_image is not None and _ours(with_image, True) == (False, False)


def test_a_link_text_is_read_once_and_kept() -> None:
    tree = _converted(LIMITS)
    texts: dict[HtmlElement, str] = {}
    for element in tree.iter("div"):
        content_paths._link_density_test(texts, element, True)
    assert texts  # each link's trimmed text, as collect_link_info reads it
    assert all(text == trim(link.text_content()) for link, text in texts.items())


# white space of kinds str.split() and trim() know (lxml takes no control character, so the
# trees get no "\x1c"), and words
_SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u2028", "\u3000", ""]
_WORDS = st.text(alphabet="abcé-.", min_size=1, max_size=12)
_TEXTS = st.lists(st.one_of(st.sampled_from([*_SPACES, "\x1c"]), _WORDS), max_size=400).map("".join)
_TREE_TEXTS = st.lists(st.one_of(st.sampled_from(_SPACES), _WORDS), max_size=60).map("".join)


def _below(limit: int) -> Callable[[int], bool]:
    return lambda length: length < limit


def _mostly_under(limit: int) -> Callable[[int], bool]:
    return lambda length: limit > length * 0.9


@given(_TEXTS, st.integers(min_value=0, max_value=3000))
@settings(max_examples=300, deadline=None)
def test_a_bound_of_the_trimmed_length_decides_as_the_length_does(text: str, limit: int) -> None:
    # the text, and the same text past the first read
    for case in (text, text * 40):
        expected = len(trim(case))
        for test in (_below(limit), _mostly_under(limit)):
            assert content_paths._TrimmedLength(case).holds(test) is test(expected)
            measured = content_paths._TrimmedLength(case)
            measured.holds(test)
            assert measured.exact() == expected
        assert content_paths._trimmed_length(case) == expected


@st.composite
def _blocks(draw: st.DrawFn) -> HtmlElement:
    """A small tree of blocks, links and texts of lengths around the test's limits."""
    root = Element("div")
    parents = [root]
    for _ in range(draw(st.integers(min_value=1, max_value=14))):
        parent = draw(st.sampled_from(parents))
        tag = draw(st.sampled_from(["div", "p", "ref", "ref", "list", "item", "head", "hi"]))
        child = SubElement(parent, tag)
        child.text = draw(_TREE_TEXTS)
        child.tail = draw(st.one_of(st.none(), _TREE_TEXTS))
        if tag != "ref":
            parents.append(child)
    return lxml.html.fromstring(lxml.html.tostring(root))


@given(_blocks())
@settings(max_examples=300, deadline=None)
def test_random_blocks_get_trafilaturas_answer(tree: HtmlElement) -> None:
    for element, precision in product(tree.iter(), (False, True)):
        assert _ours(element, precision) == link_density_test(element, precision)
