"""The first strategy's pass gives exactly trafilatura.extract's precision text, cheaper."""

import gzip
import json
from copy import copy
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes, tree_cleaning
from trafilatura.settings import Extractor
from trafilatura.utils import load_html
from trafilatura.xpaths import REMOVE_COMMENTS_AND_LISTS_XPATH

from newsflow.extract.first_pass import (
    _options,
    _prune_comment_sections,
    copy_cleaned_out,
    precision_text,
)
from newsflow.extract.xpath import class_and_id_values

SETS = Path(__file__).resolve().parents[1]
# pages of both samples: with and without comment sections and forum markup
PAGES = [
    (path, json.loads((path.parents[1] / "ground-truth.json").read_text())[path.name[:-8]]["url"])
    for sample in ("devset", "modernset")
    for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:15]
]
COMMENTS = (
    "<html><body><article><h1>Flood barrier approved</h1>"
    + "".join(
        f"<p>Paragraph {i}: the council approved the flood barrier after a long debate "
        "about its cost, its timing and the homes along the river.</p>"
        for i in range(8)
    )
    # inside the article, where only these prunes catch them
    + "<div id='comments'><p>First! What a waste of money this barrier is, "
    "honestly, and nobody asked us.</p></div>"
    "<div class='infinite-scroll'><p>Next story: the mayor opens a new bridge over the "
    "river to the north of the old town.</p></div></article></body></html>"
)


def _extract(tree: HtmlElement, url: str | None) -> str | None:
    return trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        favor_precision=True,
        fast=True,
        with_metadata=False,
        deduplicate=False,
    )


@pytest.mark.parametrize(("path", "url"), PAGES, ids=[p.name[:12] for p, _ in PAGES])
def test_same_text_as_trafilatura_precision_mode(path: Path, url: str) -> None:
    tree = load_html(gzip.decompress(path.read_bytes()))
    assert isinstance(tree, HtmlElement)
    assert precision_text(tree, url) == _extract(tree, url)


# values that make every prune run: the page's marks with these are still a superset of them
FORCING = ["comments", "comment-list", "infinite-scroll", "elementor-share-buttons"]


@pytest.mark.parametrize(("path", "url"), PAGES[::3], ids=[p.name[:12] for p, _ in PAGES[::3]])
def test_the_page_marks_and_a_superset_of_them_give_the_same_text(path: Path, url: str) -> None:
    tree = load_html(gzip.decompress(path.read_bytes()))
    assert isinstance(tree, HtmlElement)
    marks = class_and_id_values(tree)
    expected = _extract(tree, url)
    assert precision_text(tree, url, marks) == expected
    assert precision_text(tree, url, [*marks, *FORCING]) == expected


def test_comment_sections_and_scroll_containers_are_still_pruned() -> None:
    tree = load_html(COMMENTS)
    assert isinstance(tree, HtmlElement)
    text = precision_text(tree, "https://news.example.com/barrier")
    assert text == _extract(tree, "https://news.example.com/barrier")
    assert text is not None and "Paragraph 7" in text
    assert "First!" not in text and "mayor opens" not in text


def test_the_tree_passed_in_is_not_changed() -> None:
    tree = load_html(COMMENTS)
    assert isinstance(tree, HtmlElement)
    before = etree.tostring(tree)
    precision_text(tree, None)
    assert etree.tostring(tree) == before


COMMENT_KINDS = (
    "<html><body><main><p>Story text <b>kept</b> with its tail.</p>"
    # each of REMOVE_COMMENTS_AND_LISTS_XPATH's cases, and near misses it keeps
    "<div id='comments-block'><p>a comment</p></div> tail after the div"
    "<section class='Comment list'><p>a comment</p></section>"
    "<div class='post-comments'><div id='comment-1'><p>nested</p></div></div>"
    "<div id='disqus_thread'>disqus</div><div class='commentary'>an op-ed, kept</div>"
    "<ul id='comment-list'><li>a comment</li></ul><ol class='comments'><li>a comment</li></ol>"
    "<ul id='disqus_thread'><li>a list with a disqus id, kept</li></ul>"
    "<span class='comments'>a span, kept</span><details id='comol'>a panel</details>"
    "<p class='comment'>a paragraph, kept</p></main></body></html>"
)


def test_comment_sections_pruned_in_one_walk_as_trafilatura_xpath_prunes_them() -> None:
    ours, theirs = load_html(COMMENT_KINDS), load_html(COMMENT_KINDS)
    assert isinstance(ours, HtmlElement) and isinstance(theirs, HtmlElement)
    _prune_comment_sections(ours)
    prune_unwanted_nodes(theirs, REMOVE_COMMENTS_AND_LISTS_XPATH)
    assert etree.tostring(ours) == etree.tostring(theirs)
    kept = ours.text_content()
    assert "tail after the div" in kept and "op-ed, kept" in kept and "disqus id, kept" in kept
    assert "a comment" not in kept and "nested" not in kept and "a panel" not in kept


@pytest.mark.parametrize(
    "url", [None, "https://news.example.com/a", "https://news.example.com/\udc80"]
)
def test_the_copied_settings_are_the_ones_extract_builds(
    url: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN the settings trafilatura.extract itself builds for the precision pass's call
    built: list[Extractor] = []
    real = trafilatura.core.bare_extraction

    def spy(*args: Any, **kwargs: Any) -> Any:
        built.append(kwargs["options"])
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura.core, "bare_extraction", spy)
    tree = load_html(COMMENTS)
    assert isinstance(tree, HtmlElement)
    _extract(tree, url)
    # WHEN the pass copies its prebuilt settings for the same page
    copied = _options(url)
    # THEN they are the same, field by field, and a new copy per page
    assert copied is not _options(url)
    assert {name: getattr(copied, name) for name in Extractor.__slots__} == {
        name: getattr(built[0], name) for name in Extractor.__slots__
    }


# One marked block inside the story, each named so only by a value that the gates must find
# among the page's other class and id values (joined one per line): at a line's start, after
# other classes, holding a newline, or an "-ary" near miss that stays.
MARKED = [
    ("id='comments'", True),
    ("class='site-box post-comments'", True),
    ("id='disqus_thread'", True),
    ("class='feed infinite-scroll'", True),
    ("class='feed\ninfinite-scroll'", True),
    ("class='x\ncomment-list'", False),  # re:test's "^" is the value's start only
    ("class='mvp-post-add-box'", True),
    ("class='commentary'", False),
]


@pytest.mark.parametrize(("mark", "pruned"), MARKED, ids=[m for m, _ in MARKED])
def test_each_way_of_naming_a_comment_or_scroll_block_gives_trafilaturas_text(
    mark: str, pruned: bool
) -> None:
    markup = (
        "<html><body><div id='page' class='layout wide'><article class='story'>"
        "<h1>Harbour ferry returns</h1>"
        + "".join(
            f"<p class='para p{i}'>Paragraph {i}: the harbour ferry returned to service on "
            "Monday after a winter of repairs to its hull and engines.</p>"
            for i in range(6)
        )
        + f"<div {mark}><p>Marked block: readers argue about the ferry timetable and "
        "its prices all week long.</p></div></article></div></body></html>"
    )
    tree = load_html(markup)
    assert isinstance(tree, HtmlElement)
    expected = _extract(tree, "https://harbour.example.org/ferry")
    assert expected is not None and "Paragraph 5" in expected
    assert ("Marked block" not in expected) is pruned
    for marks in (None, class_and_id_values(tree)):
        assert precision_text(tree, "https://harbour.example.org/ferry", marks) == expected


# Elements tree_cleaning deletes whole, placed where their tails test each way it joins them:
# first child (to the parent's text), after a sibling, two in a row, nested, inside a figure
# that holds a table (renamed, so kept) and one that does not, and a paragraph's button.
CLEANED_OUT = (
    "<html><head><title>Harbour ferry</title><meta name='x' content='y'></head>"
    "<body><nav><a href='/'>Home</a><svg><path d='M0'/></svg></nav> after the nav"
    "<div class='story'><aside>Related</aside> after the first aside<aside>More</aside>"
    "<p>The harbour ferry <button>Share</button> returned on Monday after repairs.</p>"
    "<footer><nav>Links</nav> in the footer</footer> after the footer"
    "<figure><nav><table><tr><td>Timetable 9:00</td></tr></table></nav> figure tail</figure>"
    "<figure><aside>Photo note</aside> caption text</figure>"
    "<iframe src='/video'></iframe><p>Second paragraph after the embed.</p></div>"
    "<footer>Contact us</footer></body></html>"
)


def _cleaned_both_ways(tree: HtmlElement) -> str:
    """The text of `tree` cleaned from ``copy_cleaned_out``'s copy, asserting it is the tree
    trafilatura cleans from a whole copy and that `tree` is left as it was."""
    before = etree.tostring(tree)
    options = _options(None)
    ours = tree_cleaning(copy_cleaned_out(tree), options)
    assert etree.tostring(tree) == before  # taken out and put back as it was
    theirs = tree_cleaning(copy(tree), options)
    assert etree.tostring(ours) == etree.tostring(theirs)
    return str(ours.text_content())


def test_the_copy_without_cleaned_out_elements_cleans_to_the_same_tree() -> None:
    tree = load_html(CLEANED_OUT)
    assert isinstance(tree, HtmlElement)
    before = etree.tostring(tree)
    kept = _cleaned_both_ways(tree)
    assert "after the nav" in kept and "after the first aside" in kept and "figure tail" in kept
    assert "Related" not in kept and "Contact us" not in kept and "caption text" not in kept
    assert precision_text(tree, "https://harbour.example.org/ferry") == _extract(
        tree, "https://harbour.example.org/ferry"
    )
    assert etree.tostring(tree) == before


# A nav holding a nav: the cleaning's walk of the navs ends inside the first one it deletes,
# and the later nav stays in trafilatura's tree; a run of <source> elements, which libxml2
# nests, inside a picture, with an aside and figures before it and a select after it; a button
# holding nested figures (the walk of the figures, before the buttons', ends in it).
NESTED = (
    "<html><body><nav>Menu<nav>Submenu</nav></nav><p>The harbour ferry returned.</p>"
    "<nav>Later links stay</nav> after the later nav"
    "<button><figure><figure>In a button</figure></figure></button> after the button"
    "<figure>A later figure stays</figure>"
    "<aside>Related</aside><picture><source srcset='a.webp'><source srcset='b.jpg'>"
    "<img src='b.jpg'></picture><figure><figure>Inner figure</figure></figure>"
    "<select><option>One</option></select> after the select<p>Second paragraph.</p>"
    "</body></html>"
)


def test_a_tag_the_cleaning_walk_leaves_behind_is_copied_whole() -> None:
    tree = load_html(NESTED)
    assert isinstance(tree, HtmlElement)
    kept = _cleaned_both_ways(tree)
    assert "Later links stay" in kept and "after the select" in kept
    assert "A later figure stays" in kept and "In a button" not in kept
    assert "Related" not in kept and "One" not in kept
