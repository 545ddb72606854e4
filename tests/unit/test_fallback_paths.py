"""The later strategies' trafilatura run gives trafilatura's text; its walk selects what
trafilatura's BASIC_CLEAN_XPATH selects, in order."""

from __future__ import annotations

import gzip
import importlib
from collections.abc import Callable, Iterator
from copy import copy
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import trafilatura
import trafilatura.external
from justext.core import ParagraphMaker, classify_paragraphs, revise_paragraph_classification
from justext.utils import get_stoplist
from lxml.html import HtmlElement
from trafilatura.settings import BASIC_CLEAN_XPATH
from trafilatura.utils import load_html

from newsflow.extract import fallback_paths

SETS = Path(__file__).resolve().parents[1]

# Markup for each test BASIC_CLEAN_XPATH makes: its tags, a div's "footer" in whichever of
# class and id comes first (case-sensitive), the cookie-banner regex on class and on id (case
# folded), nesting, comments and processing instructions, elements without attributes.
EDGES = """<html><head><style>p {}</style><script>var a;</script></head><body>
<!-- a comment --><?php echo 1; ?>
<div class="site-footer" id="x">class first: footer</div>
<div id="x" class="site-footer">id first: no footer</div>
<div id="page-footer">id only: footer</div><div class="Footer">upper case: no match</div>
<section class="footer">a section named footer is no div</section>
<div class="CookieBanner">class, folded</div><p id="onetrust-consent-sdk">id</p>
<span class="x" id="cmplz-cookiebanner">second attribute</span><div class="cookies">plain</div>
<div class="notice__cookie">two underscores</div><div class="notice___cookie">three</div>
<footer><aside><div class="cookie-bar">nested in a removed block</div></aside></footer>
<svg><g class="icon"></g></svg><template><p>later</p></template><fencedframe></fencedframe>
<div><p><span>no attributes</span></p></div><div class class="">valueless</div>
<article><h1>Harbour dredging starts next week</h1><p>The port authority said on Monday that
dredging of the inner harbour will begin next week, after a year of delays.</p></article>
</body></html>"""

# A short story on a page of boilerplate, a cookie banner and a footer: trafilatura's default
# mode escalates to recall (measuring the page with html2txt), and jusText reads it.
SHORT_STORY = """<html lang="en"><head><title>Ferry timetable changes</title></head><body>
<div id="cookie-notice" class="consent-banner">We use cookies to improve your experience on
this site. By continuing to browse you agree to our use of cookies and our privacy policy.</div>
<nav><ul>{links}</ul></nav>
<div class="layout"><div class="col"><p>The island ferry will run an hour later on Sundays
from May, the operator said, after residents asked for a later return crossing.</p></div>
<div class="col"><ul>{teasers}</ul></div></div>
<div class="site-footer"><p>Copyright the Island Courier. All rights reserved. Contact the
newsroom, advertise with us, read our terms of use and subscribe to the print edition.</p></div>
</body></html>""".format(
    links="".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(30)),
    teasers="".join(
        f"<li><a href='/c/{i}'>Council story {i}: the council met again on Tuesday evening to "
        f"discuss item {i} of the agenda, and members agreed to meet next month</a></li>"
        for i in range(12)
    ),
)

TEXTS = [EDGES, SHORT_STORY] + [
    gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    for sample in ("devset", "modernset")
    for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:12]
]


def _trees() -> Iterator[HtmlElement]:
    """Each text's tree, its body (html2txt cleans the body) and the tree as lxml's default
    parser gives it (comments and processing instructions kept)."""
    for text in TEXTS:
        tree = load_html(text)
        assert isinstance(tree, HtmlElement)
        yield tree
        body = tree.find(".//body")
        if body is not None:
            yield body
        yield lxml.html.document_fromstring(text)


def test_the_walk_selects_what_basic_clean_xpath_selects() -> None:
    for tree in _trees():
        assert fallback_paths._basic_clean(tree) == BASIC_CLEAN_XPATH(tree)


def test_the_edge_markup_is_selected_by_attribute_order_and_case() -> None:
    tree = load_html(EDGES)
    assert isinstance(tree, HtmlElement)
    cleaned = {e.text for e in fallback_paths._basic_clean(tree)}
    assert {"class first: footer", "id only: footer", "class, folded", "id"} <= cleaned
    assert {"second attribute", "two underscores"} <= cleaned
    assert not {"id first: no footer", "upper case: no match", "plain", "three"} & cleaned
    assert "a section named footer is no div" not in cleaned


# Where html2txt's clean-up of non-printable characters (here U+200B, a zero-width space)
# applies: in a block element's text and tail, and in a removed element's tail as far as the
# text it joins is one (the tail after a block element, after an inline one, after a comment,
# a block's own text), nested removed elements, a document without a body.
CONTROLS = """<html><body>\u200blead<p>a\u200bb</p>\u200bc<span>\u200bd</span>\u200be
<p>f</p><aside>gone</aside>\u200bg<span>h</span><script>x</script>\u200bi
<p>s</p><!-- c --><footer>gone</footer>\u200bj<div><style>y</style>\u200bk<b>l</b></div>
<div class="cookie-banner"><aside>inner</aside>\u200bm</div>\u200bn<?pi x?>\u200bo
<br>\u200bp<em>q<aside>gone</aside>\u200br</em></body></html>"""


def test_the_page_length_is_html2txts_and_the_page_is_only_read() -> None:
    checked = set()
    # lxml's default parser keeps the comments and processing instructions
    bodiless, tailed = lxml.html.document_fromstring(CONTROLS), load_html(CONTROLS)
    assert isinstance(tailed, HtmlElement) and isinstance(bodiless, HtmlElement)
    bodiless.body.tag = "div"  # html2txt reads the whole document then
    tailed.body.tail = "after the body"
    for tree in [*_trees(), lxml.html.document_fromstring(CONTROLS), tailed, bodiless]:
        before = lxml.html.tostring(tree)
        expected = len(trafilatura.html2txt(tree))
        assert fallback_paths._page_length(tree) == expected
        assert lxml.html.tostring(tree) == before
        checked.add(expected)
    assert len(checked) > 10 and 0 not in checked


def _paragraphs(maker: Any, tree: HtmlElement) -> list[tuple[object, ...]]:
    """Each paragraph jusText keeps of `tree` as `maker` makes them, with all it reads of one,
    classified as trafilatura's ``try_justext`` classifies them."""
    paragraphs = maker.make_paragraphs(tree)
    classify_paragraphs(paragraphs, get_stoplist("English"), 50, 150, 0.1, 0.2, 0.25, True)
    revise_paragraph_classification(paragraphs, 150)
    return [
        (
            *(p.dom_path, p.xpath, p.text, p.text_nodes, p.chars_count_in_links, p.tags_count),
            *(p.heading, p.is_heading, p.cf_class, p.class_type, p.is_boilerplate, len(p)),
        )
        for p in paragraphs
    ]


def test_the_paragraphs_are_justexts() -> None:
    classes = set()
    for text in TEXTS:
        tree = fallback_paths._basic_cleaning(load_html(text))
        ours = _paragraphs(fallback_paths._ParagraphMaker, copy(tree))
        assert ours == _paragraphs(ParagraphMaker, tree)
        classes |= {paragraph[8] for paragraph in ours}
    assert classes == {"good", "bad", "neargood", "short"}  # context-free classes: all kinds


def test_a_paragraphs_text_follows_what_is_appended() -> None:
    paragraph = fallback_paths._ParagraphMaker.make_paragraphs(load_html(EDGES))[0]
    first = paragraph.text
    assert paragraph.append_text(" more\n\n  text ") == " more\ntext "
    assert paragraph.text == first + " more\ntext"


@pytest.fixture
def cleanings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of elements each of the walk's runs selected, while the test runs."""
    counts: list[int] = []
    globals_ = fallback_paths._basic_cleaning.__globals__
    walk: Callable[[HtmlElement], list[Any]] = globals_["BASIC_CLEAN_XPATH"]

    def counted(tree: HtmlElement) -> list[Any]:
        found = walk(tree)
        counts.append(len(found))
        return found

    monkeypatch.setitem(globals_, "BASIC_CLEAN_XPATH", counted)
    return counts


@pytest.mark.parametrize("recall", [False, True])
def test_extract_gives_trafilaturas_text(recall: bool, cleanings: list[int]) -> None:
    # the later strategies' runs: trafilatura.extract in its default and recall modes
    for text in TEXTS:
        tree = load_html(text)
        ours, theirs = (
            extract(copy(tree), include_comments=False, deduplicate=False, favor_recall=recall)
            for extract in (fallback_paths.extract, trafilatura.extract)
        )
        assert ours == theirs
    assert sum(cleanings) > 0  # the walk ran and removed elements on these pages


def test_the_short_story_runs_the_fallback_steps(cleanings: list[int]) -> None:
    text = fallback_paths.extract(load_html(SHORT_STORY), include_comments=False)
    assert text == trafilatura.extract(load_html(SHORT_STORY), include_comments=False)
    assert text is not None and "ferry" in text
    # jusText's input (twice), the baseline rescue's and the recall escalation's page measure
    # (html2txt): each without the cookie banner and the footer
    assert len(cleanings) == 4 and all(count >= 2 for count in cleanings)


def test_justext_reads_newsflows_all_language_list(monkeypatch: pytest.MonkeyPatch) -> None:
    # imported before newsflow set trafilatura's list (stoplists.ALL_STOPWORDS): jusText
    # still reads newsflow's, and trafilatura builds no list of its own (13 MB, at each call)
    monkeypatch.setattr(trafilatura.external, "JT_STOPLIST", None)
    importlib.reload(fallback_paths)
    try:
        page = SHORT_STORY.replace(' lang="en"', "")  # no language: every language's words
        text = fallback_paths.extract(load_html(page), include_comments=False)
        assert trafilatura.external.JT_STOPLIST is None
    finally:
        monkeypatch.undo()
        importlib.reload(fallback_paths)
    assert text == trafilatura.extract(load_html(page), include_comments=False)


def test_the_pinned_trafilatura_runs_the_walk() -> None:
    assert fallback_paths.FALLBACK_WALKS
    assert fallback_paths.extract is not trafilatura.extract


def test_another_justext_gets_its_own_functions_not_an_import_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a jusText whose sources differ (the fingerprint) and that lacks the method the
    # paragraph maker is rebound from: the module still imports, with jusText's own code
    import justext.core

    from newsflow.extract import content_paths

    monkeypatch.setattr(content_paths, "source_digest", lambda modules: "another version")
    monkeypatch.delattr(justext.core.ParagraphMaker, "_start_new_pragraph")
    try:
        importlib.reload(fallback_paths)
        assert not fallback_paths.FALLBACK_WALKS
        assert fallback_paths._justext_rescue is trafilatura.external.justext_rescue
    finally:
        monkeypatch.undo()
        importlib.reload(fallback_paths)
    assert fallback_paths.FALLBACK_WALKS


# Markup for each verdict of readability's remove_unlikely_candidates: an unlikely class or id
# (any case), one the "maybe a candidate" words rescue in either value, the frame tags, a value
# of one character, elements without attributes, nesting, and pairs whose values are the same
# but in the other attribute or order.
UNLIKELY = """<html class="sidebar"><body class="comment">
<div class="Sidebar">class, upper case</div><div id="disqus_thread">id</div>
<div class="sidebar" id="main">rescued by the id</div><div class="menu article">rescued</div>
<div class="x">one character</div><div class="a" id="b">two values, three characters</div>
<div><p>no attributes<span class="footnote-ref">nested in a kept block</span></p></div>
<section class="header"><div class="content"><p>inside a dropped block</p></div></section>
<p class="footer" id="">empty id</p><p id="footer">id, not class</p>
<p class="main" id="pager">the class rescues the id</p><p class="pager main">joined</p>
<article><p>The port authority said on Monday that dredging starts next week.</p></article>
</body></html>"""


def test_readability_drops_the_unlikely_candidates_readabilitys_document_drops() -> None:
    import trafilatura.readability_lxml as readability

    ours_type = fallback_paths._ReadabilityDocument
    assert ours_type is not readability.Document  # the pinned trafilatura: ours runs
    ours, theirs = (
        kind(lxml.html.document_fromstring(UNLIKELY)) for kind in (ours_type, readability.Document)
    )
    ours.remove_unlikely_candidates()
    theirs.remove_unlikely_candidates()
    assert lxml.html.tostring(ours.doc) == lxml.html.tostring(theirs.doc)
    kept = ours.doc.text_content()
    assert "rescued by the id" in kept and "class, upper case" not in kept  # both verdicts met
