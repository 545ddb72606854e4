"""The walks of content_paths select what trafilatura's regex XPaths select, in order."""

from __future__ import annotations

import gzip
import importlib
from collections.abc import Callable, Iterator
from copy import copy
from itertools import product
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import trafilatura
import trafilatura.main_extractor
import trafilatura.xpaths
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.settings import Extractor
from trafilatura.utils import load_html
from trafilatura.xpaths import (
    BODY_XPATH,
    DISCARD_IMAGE_ELEMENTS,
    OVERALL_DISCARD_XPATH,
    PRECISION_DISCARD_XPATH,
    RAW_TREE_PRUNE_XPATH,
    REMOVE_COMMENTS_AND_LISTS_XPATH,
    REMOVE_COMMENTS_XPATH,
    TEASER_DISCARD_XPATH,
)

from newsflow.extract import content_paths, fallback_paths, first_pass
from newsflow.extract.xpath import attribute_values

SETS = Path(__file__).resolve().parents[1]


def _both(paths: list[Any]) -> Callable[[HtmlElement], list[HtmlElement]]:
    """The elements `paths` select, one after the other (as prune_unwanted_nodes reads them)."""
    return lambda tree: [element for path in paths for element in path(tree)]


# (theirs, ours): the three BODY_XPATH expressions, both OVERALL_DISCARD_XPATH ones, ...
PAIRS = [
    *((BODY_XPATH[i], content_paths.BODY_PATHS[i]) for i in (0, 2, 3)),
    # one walk for both, their elements in the order prune_unwanted_nodes reads them
    (_both(OVERALL_DISCARD_XPATH), _both(content_paths.OVERALL_DISCARD_PATHS)),
    (PRECISION_DISCARD_XPATH[1], content_paths.PRECISION_DISCARD_PATHS[1]),
    (RAW_TREE_PRUNE_XPATH[0], content_paths.RAW_PRUNE_PATHS[0]),
    (REMOVE_COMMENTS_XPATH[0], content_paths.COMMENT_PATHS[0]),
    (REMOVE_COMMENTS_AND_LISTS_XPATH[0], content_paths.COMMENT_AND_LIST_PATHS[0]),
    (DISCARD_IMAGE_ELEMENTS[0], content_paths.IMAGE_DISCARD_PATHS[0]),
    (TEASER_DISCARD_XPATH[0], content_paths.TEASER_DISCARD_PATHS[0]),
]
# Markup for each test the expressions make: attribute order (XPath's string(@id|@class) is
# the first of the two), case folds, empty and absent values.
EDGES = """<html><body>
<div class="x" id="cookie-notice">class first: no consent match</div>
<div id="cookie-notice" class="x">id first: a consent match</div>
<span style="color:red" id="hidden-note">style first</span>
<span id="hidden-note" style="color:red">id first</span>
<p style="display:none">hidden by style</p><p style="display: none">spaced</p>
<div id="a" class="reply-box">id first: no reply match</div>
<div class="reply-box" id="a">class first</div>
<section role="Navigation">role folded</section><section role="NAV">not folded</section>
<p data-lp-replacement-content="">empty but present</p>
<div aria-hidden="true">aria</div><div aria-hidden="false">shown</div>
<div data-component="MostPopularStories">popular</div>
<div class="comments-title">title</div><div class="Comments-title">case</div>
<div class="share-bar social">share</div><div id="navbar">nav</div><div class="ad-slot">ad</div>
<div class=" hidden">leading space</div><div class="hide-print">print</div>
<main class="Main-Content">main</main><div id="PAGE-content">page</div>
<div class="Page-Content">page class</div><div id="Content-Main">main id</div>
<div class="FullText">full text</div><div id="primary-column">primary</div>
<div class="article story">article first</div><section id="story">story</section>
<article class="post">post</article><div itemprop="articleBody">body</div>
<div id="articleContent">content</div><div class="entry-content x">entry</div>
<div><section class="text">nested text</section></div>
<div class="page-bottom">bottom</div><div class="Padding-bottom-lg">spacing</div>
<span class="link">a link</span><span class="permalink x">permalink</span>
<div id="bottom-bar" class="link">id first</div><p style="border: 1px">bordered</p>
<div class="infinite-scroll"><h1>next story</h1></div><section id="infiniteScroll">s</section>
<aside class="mvp-post-add-box"><h1>appended</h1></aside><div id="comments">c</div>
<ul id="comment-list"><li>a</li></ul><ol id="disqus_thread"><li>d</li></ol>
<ul class="Comments-x"><li>b</li></ul><details class="post-comments">p</details>
<div id="commentary">commentary</div><section id="dsq-comments">dsq</section>
<div class="wp-caption">caption</div><p id="Caption-1">case kept</p>
<span class="x captions">s</span><div class="Teaser">T folded</div><span id="Teaser-top">id</span>
<section id="TEASER">T only</section><p class="tEaser">e kept</p>
<li class="teaser-item">item</li><ul class="teasers"><li>list</li></ul><em class="teaser">em</em>
</body></html>"""

# Markup the parser keeps as written or folds: upper case, white space inside values,
# namespaced and valueless attributes, elements without attributes, comments and processing
# instructions between elements (kept by lxml's default parser), SVG.
ODD = """<HTML ID="hidden-root"><BODY>
<!-- a comment --><?php echo 1; ?>
<div class="MAIN-CONTENT">translate folds C and M only</div><p class="PAGE-CONTENT">C, P</p>
<DIV CLASS="COMMENTS-list" ID="Reply-To">upper case values</DIV>
<div class="a\tbottom">tab before</div><div class="link\n x">newline after</div>
<div class="x\tbottom-bar">tab, not a space</div><div class="x\thidden">no " hidden"</div>
<div class="  link  ">spaces around</div><p class="bottom\r">carriage return</p>
<div xml:lang="en" xlink:href="#x" id="infinite-scroll"><h1>namespaced</h1></div>
<div data-id="sidebar" data-class="share">data attributes only</div>
<div hidden class="x">valueless</div><div id>valueless id</div><div class>valueless class</div>
<div><p><span>no attributes</span></p></div>
<fb:comments class="comment-box">prefixed element</fb:comments>
<svg class="share-icon" viewBox="0 0 1 1"><g id="hidden-g"><a class="link">svg link</a></g>
<div class="bottom">div in svg</div></svg>
<section style="border:0" id="x"><!-- inside --><div class="Main-Content">main</div></section>
<div id="" class="cookie-bar">empty id first</div><div class="" id="cookie-bar">empty class</div>
</BODY></HTML>"""


def _first(path: object, tree: HtmlElement) -> list[HtmlElement]:
    assert callable(path)
    return [element for element in path(tree) if element is not None]


# the edge-case markup and sample pages of both sets
TEXTS = [EDGES, ODD] + [
    gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    for sample in ("devset", "modernset")
    for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:10]
]


def _trees() -> list[HtmlElement]:
    """Raw and cleaned trees of ``TEXTS``."""
    options = Extractor(output_format="txt", fast=True, precision=True)
    trees = []
    for text in TEXTS:
        tree = load_html(text)
        assert isinstance(tree, HtmlElement)
        trees += [tree, convert_tags(tree_cleaning(copy(tree), options), options)]
    # lxml's default parser keeps comments and processing instructions in the tree
    trees += [lxml.html.document_fromstring(markup) for markup in (EDGES, ODD)]
    return trees


TREES = _trees()


@pytest.mark.parametrize("index", range(len(PAIRS)))
def test_a_walk_selects_what_its_xpath_selects(index: int) -> None:
    theirs, ours = PAIRS[index]
    body = index < 3  # _extract takes a body expression's first element only
    for tree in TREES:
        expected = _first(theirs, tree)
        assert _first(ours, tree) == (expected[:1] if body else expected)


def test_the_edge_markup_is_selected_by_attribute_order() -> None:
    tree = load_html(EDGES)
    assert isinstance(tree, HtmlElement)
    discarded = {e.text for path in content_paths.OVERALL_DISCARD_PATHS for e in path(tree)}
    assert "id first: a consent match" in discarded
    assert "class first: no consent match" not in discarded
    assert "class first" in discarded and "id first: no reply match" not in discarded
    assert "role folded" in discarded and "not folded" not in discarded
    assert "empty but present" in discarded and "shown" not in discarded
    assert [e.text for e in content_paths.BODY_PATHS[3](tree)] == ["main"]


def test_the_pinned_trafilatura_runs_the_walks() -> None:
    # else every comparison above compares trafilatura's XPaths with themselves
    assert content_paths.WALKS
    assert fallback_paths.extract is not trafilatura.extract


@pytest.fixture
def reimport(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], tuple[Any, Any, Any]]]:
    """Imports content_paths, first_pass and fallback_paths again (after the test changed
    trafilatura), and again as they were after the test."""

    def again() -> tuple[Any, Any, Any]:
        return (
            importlib.reload(content_paths),
            importlib.reload(first_pass),
            importlib.reload(fallback_paths),
        )

    yield again
    monkeypatch.undo()
    again()
    assert content_paths.WALKS
    assert fallback_paths.FALLBACK_WALKS


def test_a_changed_expression_runs_trafilaturas_own_functions(
    monkeypatch: pytest.MonkeyPatch, reimport: Callable[[], tuple[Any, Any, Any]]
) -> None:
    walked = fallback_paths.extract
    # another trafilatura: its first content container expression names another class
    changed = [XPath(".//*[self::article or self::div][@class='story-text'][1]"), *BODY_XPATH[1:]]
    monkeypatch.setattr(trafilatura.xpaths, "BODY_XPATH", changed)
    monkeypatch.setattr(trafilatura.main_extractor, "BODY_XPATH", changed)
    paths, precision, fallback = reimport()
    assert not paths.WALKS
    assert not fallback.FALLBACK_WALKS
    assert fallback.extract is trafilatura.extract
    assert paths.BODY_PATHS is changed
    differ = 0
    for text in TEXTS:
        theirs = trafilatura.extract(load_html(text), include_comments=False, deduplicate=False)
        assert (
            fallback.extract(load_html(text), include_comments=False, deduplicate=False) == theirs
        )
        differ += walked(load_html(text), include_comments=False, deduplicate=False) != theirs
        assert precision.precision_text(load_html(text), None) == trafilatura.extract(
            load_html(text),
            favor_precision=True,
            fast=True,
            include_comments=False,
            deduplicate=False,
        )
    assert differ  # the walks written for the old expression would have given other text


def test_a_missing_token_list_is_no_import_error(
    monkeypatch: pytest.MonkeyPatch, reimport: Callable[[], tuple[Any, Any, Any]]
) -> None:
    monkeypatch.delattr(trafilatura.xpaths, "_STORY_CLASS_TOKENS")
    paths, _, _ = reimport()
    assert not paths.WALKS
    assert paths.extract_content is trafilatura.main_extractor.extract_content


def test_the_kept_answers_stay_within_their_bound() -> None:
    search = content_paths.ValueSearch("bottom")
    style = "color: red; " * (content_paths._KEPT_VALUE_CHARS // 10)  # longer than kept
    assert not search[style] and style not in search
    # values of 1000 characters: the characters bound them
    values = [f"block-{i} {'x' * 990}" for i in range(content_paths._KEPT_CHARS // 500)]
    for value in [*values, "page-bottom"]:
        assert search[value] == ("bottom" in value)
        assert sum(len(v or "") for v in search) <= content_paths._KEPT_CHARS
    assert "page-bottom" in search
    short = content_paths.ValueSearch("bottom")
    for i in range(2 * content_paths._KEPT_VALUES):  # short values: the count bounds them
        assert not short[str(i)]
        assert len(short) <= content_paths._KEPT_VALUES


def _one_by_one(search: content_paths.ValueSearch, values: list[str]) -> bool:
    """The reference `finds_in` answers as: the regex searched in each value alone."""
    return any(map(search._regex.search, values))


def test_finds_in_the_joined_values_whatever_one_by_one_finds() -> None:
    # the values as lines of one string: anchored and lookahead tokens at each line's edges
    values = [
        "omments-box",
        "Comment",
        "commentary",
        "site-commentary x",
        "post\ncomments",
        "x infinitescroll",
        "c\nomment",
    ]
    searches = (content_paths.SCROLL, content_paths.COMMENT_ID, content_paths.COMMENT_CLASS)
    found = 0
    for tree in TREES:
        page = list(dict.fromkeys(attribute_values(tree, "class") + attribute_values(tree, "id")))
        for search in searches:
            assert search.finds_in("\n".join(page)) == _one_by_one(search, page)
            found += _one_by_one(search, page)
    assert found  # some pages have comment sections or infinite scroll
    for n in range(1, len(values) + 1):
        for search in searches:
            for start in range(len(values)):
                part = values[start : start + n]
                if _one_by_one(search, part):
                    assert search.finds_in("\n".join(part))
    # the needles are the literal parts of the patterns they were read from
    assert content_paths.SCROLL._regex.pattern == "mvp-post-add-(?:box|wrap)|infinite-?scroll"
    assert content_paths.COMMENT_ID._regex.pattern == (
        "^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)"
    )
    assert content_paths.COMMENT_CLASS._regex.pattern == (
        "^[Cc]omment(?!ary)|(?:article|post)-comments"
    )
    for search in searches:
        for value in [*values, "dsq-comments", "comol", "mvp-post-add-wrap", "infinitescroll"]:
            if "\n" not in value:  # one line: found alike
                assert search.finds_in(value) == _one_by_one(search, [value])
            # a value looked up: the needles skip only values the regex cannot find
            plain = content_paths.ValueSearch(search._regex.pattern)
            assert search[value] == plain[value] == _one_by_one(search, [value])
    # a line break inside a value is a line start too: found there, never missed
    assert content_paths.COMMENT_ID.finds_in("x\ncomments")
    assert not _one_by_one(content_paths.COMMENT_ID, ["x\ncomments"])
    assert not content_paths.COMMENT_ID.finds_in("commentary\nomments-x")
    assert not content_paths.COMMENT_CLASS.finds_in("commentary\nsite-comments")


# Link-dense markup for delete_by_link_density: a menu, a link farm, one long linked line, a
# paragraph of a list item (kept, GH #788), nested divs where only the outer holds links, a
# heading and a quote made of a link, and divs and paragraphs without any link.
LINKS = """<html><body><div id="page">
<div class="menu"><a href="/a">Home</a> <a href="/b">World</a> <a href="/c">Sport</a></div>
<div><p>Harbor council of Eastmere votes to rebuild the old pier after the winter storms.</p>
<p>The vote was close, said the clerk, <a href="/v">seven to six</a>, late on Tuesday.</p></div>
<div><a href="/x">A long headline linked on its own to another story of the day</a></div>
<ul><li><p><a href="/1">First</a></p></li><li><p><a href="/2">Second</a></p></li></ul>
<div><div><div>Only text down here, no link at all in this block of the page.</div></div>
<a href="/m">more</a></div>
<div><p><a href="/r1">Read</a> <a href="/r2">this</a> <a href="/r3">and</a> <a href="/r4">that</a>
<a href="/r5">too</a> and some words around the links of this short farm.</p></div>
<h2><a href="/h">A linked heading that reads like a teaser for another page</a></h2>
<blockquote><a href="/q">A quoted line, all of it a link to its source page here</a></blockquote>
<p>A paragraph without links, long enough to be text of the article body itself.</p>
</div></body></html>"""


def test_delete_by_link_density_deletes_what_trafilaturas_deletes() -> None:
    delete = trafilatura.htmlprocessing.delete_by_link_density
    options = Extractor(output_format="txt", fast=True, precision=True)
    trees = []
    for text in [LINKS, *TEXTS]:  # cleaned and converted: links are "ref" elements
        for tree in (load_html(text), lxml.html.document_fromstring(text)):
            assert isinstance(tree, HtmlElement)
            trees.append(convert_tags(tree_cleaning(copy(tree), options), options))
    changed = 0
    for tree in trees:
        before = lxml.html.tostring(tree)
        # the subtree: the whole tree, or a div inside it holding links (as _extract passes
        # its content container, which can itself be deleted), by its index among the divs
        holders = [i for i, e in enumerate(tree.iter("div")) if e.find(".//ref") is not None]
        settings = product(("div", "list", "p", "head", "quote"), (False, True), (False, True))
        for at, (tag, backtracking, precision) in product([None, *holders[:3]], settings):
            theirs, ours = copy(tree), copy(tree)
            if at is None:
                sub_theirs, sub_ours = theirs, ours
            else:
                sub_theirs, sub_ours = list(theirs.iter("div"))[at], list(ours.iter("div"))[at]
            kept = content_paths.delete_by_link_density(sub_ours, tag, backtracking, precision)
            assert kept is sub_ours
            delete(sub_theirs, tag, backtracking, precision)
            expected = lxml.html.tostring(theirs)
            assert lxml.html.tostring(ours) == expected
            changed += expected != before
    assert changed > 100  # link-dense elements were deleted, on many pages and settings


# Empty elements for prune_html: with tails, nested (only the inner is empty), holding a
# comment, a space, a line break, or only an element outside CUT_EMPTY_ELEMS.
EMPTIES = """<html><body><div id="story"><p>Kept text.</p><p></p>tail after an empty p
<span><!-- a comment only --></span><b> </b><i></i>tail after an empty i<em><br></em>
<div><p></p></div><section></section><h2></h2><li></li><td></td><q></q>
<article><span></span></article><strong/>strong tail<main></main></div></body></html>"""


def test_tree_cleaning_leaves_the_tree_trafilatura_leaves() -> None:
    own = trafilatura.htmlprocessing.tree_cleaning
    trees = [*TREES, lxml.html.document_fromstring(EMPTIES), load_html(EMPTIES)]
    emptied = trees[-1].find(".//b")
    assert emptied is not None
    emptied.text = ""  # an empty text node: lxml's text is "", not None, so it is kept
    for tree, precision in product(trees, (True, False)):
        options = Extractor(output_format="txt", fast=True, precision=precision)
        theirs, ours = copy(tree), copy(tree)
        expected = lxml.html.tostring(own(theirs, options))
        assert lxml.html.tostring(content_paths.tree_cleaning(ours, options)) == expected
    # what prune_html does on the empties: gone, their tails with them in precision focus
    for precision in (True, False):
        options = Extractor(output_format="txt", fast=True, precision=precision)
        cleaned = content_paths.tree_cleaning(load_html(EMPTIES), options)
        assert [e.tag for e in cleaned.iter("i", "section", "h2", "q", "p")] == ["p"]
        assert [e.text for e in cleaned.iter("b")] == [" "]  # a space is text
        assert ("tail after an empty i" in cleaned.text_content()) is not precision


# Link-dense blocks whose test changes when the first round deletes something: a block whose
# next sibling goes (its length limit grows from 100 to 300), and a block whose one long
# linked child goes (its text shrinks under the limit).
SHRINKING = """<html><body><div id="page"><p>An article paragraph long enough to stay.</p>
<div><a href="/1">Harbor council news of the week</a> <a href="/2">River walk closed again today</a>
<a href="/3">Ferry timetable for the winter season</a> and some words.</div>
<div><a href="/4">A long headline linked on its own to another story of the day here</a></div>
</div><div id="side"><a href="/5">Markets open</a> <a href="/6">Weather: rain in the north</a>
<div><a href="/7">A long linked block that is longer than three hundred characters of text,
as one linked story summary can be on a page with teasers for other stories and a long one
that goes on and on about the harbor council and the river walk and the ferry timetable and
more of the same until it is long enough to make its parent long enough too, and then some
more words to be sure of it, many more words than the limit.</a></div></div></body></html>"""


def test_link_densities_delete_what_trafilaturas_passes_delete() -> None:
    delete = trafilatura.htmlprocessing.delete_by_link_density
    options = Extractor(output_format="txt", fast=True, precision=True)
    passes = [("div", True), ("list", False), ("p", False)] * 2 + [("head", 0), ("quote", 0)]
    reused = 0
    for text in [SHRINKING, LINKS, *TEXTS]:
        tree = convert_tags(tree_cleaning(load_html(text), options), options)
        for precision in (True, False):
            theirs, ours = copy(tree), copy(tree)
            densities = content_paths.LinkDensities()
            for tag, backtracking in passes:
                delete(theirs, tag, bool(backtracking), precision)
                kept = densities.delete_by_link_density(ours, tag, bool(backtracking), precision)
                assert kept is ours
                assert lxml.html.tostring(ours) == lxml.html.tostring(theirs)
            reused += len(densities._results)
    assert reused > 100
    # the first round changes the second's answers on the shrinking blocks
    cleaned = convert_tags(tree_cleaning(load_html(SHRINKING), options), options)
    once = copy(cleaned)
    for tag, backtracking in passes[:3]:
        delete(once, tag, bool(backtracking), True)
    assert lxml.html.tostring(once) != lxml.html.tostring(
        content_paths.LinkDensities().delete_by_link_density(copy(once), "div", True, True)
    )


def test_link_densities_forget_a_link_text_a_deletion_changed() -> None:
    # the parser nests links: a deletion inside the outer one changes its text
    nested = """<html><body><div id="side">Some plain words before the links, a few.
    <a href="/o">Outer link words <div><a href="/i">A long inner headline linked on its
    own to another story of the day</a></div></a></div></body></html>"""
    options = Extractor(output_format="txt", fast=True, precision=False)
    tree = convert_tags(tree_cleaning(load_html(nested), options), options)
    outer = tree.find(".//ref")
    assert outer is not None and outer.find(".//ref") is not None
    densities = content_paths.LinkDensities()
    content_paths._read_links(densities._texts, [outer])  # read, as a div holding it
    assert outer in densities._texts
    densities.delete_by_link_density(outer, "div", False, False)  # the inner div goes
    assert outer.find(".//ref") is None
    assert outer not in densities._texts
    assert content_paths._read_links(densities._texts, [outer])[0] == len("Outer link words")
