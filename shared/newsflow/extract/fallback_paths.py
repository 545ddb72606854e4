"""trafilatura's default and recall modes (the later strategies' run) with their regex XPaths
answered in Python: the same text.

``fallback_text(tree, url, ...)``, the later strategies' pass, runs ``bare_extraction`` and
``trafilatura_sequence`` for those modes from the functions below, reusing what the first pass
reads (the page's class and id values decide whether the raw-tree and comment prunes run) and
without a copy nothing needs (see there); ``extract`` is the whole ``trafilatura.extract``.

``extract(tree, ...)`` is ``trafilatura.extract``: its own functions (``extract``,
``_internal_extraction``, ``bare_extraction``, ``trafilatura_sequence``, ``_recall_retry``,
``_extract_and_compare``, and for the fallback comparison ``compare_extraction``,
``justext_rescue``, ``try_justext``, ``html2txt``, ``baseline`` and ``basic_cleaning``), not
copied: the same functions, given other globals (``content_paths.rebound``). What they read
instead:

* the main-content step and the raw-tree prunes: ``content_paths``' walks;
* ``BASIC_CLEAN_XPATH``, the clean-up before the jusText fallback and the baseline rescue:
  ``_basic_clean``, a walk that selects the same elements in the same order. Its XPath tests
  a cookie-banner regex on every element's ``class`` and ``id`` through libxml2's callbacks
  into Python; the walk tests each distinct value it meets once. On the 83 development pages
  where a later strategy runs, the XPath was a sixth of their CPU (0.34 of 2.0 s);
* the recall escalation's page measure, the length of ``html2txt`` (which copies the page,
  cleans it so and writes spaces into it): ``_page_length``, one walk reading the same text
  without a copy, 0.73x html2txt's CPU (paired, on the 2,857 trees of the three development
  sets' pages and their first three divs);
* jusText's ``ParagraphMaker`` (in ``try_justext``): ``_ParagraphMaker``, which starts
  ``_Paragraph``s, jusText's paragraphs that build their path strings at their first text
  (most get none) and keep their normalised text: the same paragraphs, the same classes, at
  half of jusText's cost; it reads the tree through ``_saxify``, a walk giving it the SAX
  events lxml's ``saxify`` gives it, without the namespace maps, attribute objects and
  qualified names saxify builds for every element (jusText reads the local name only);
* readability's ``Document`` (in ``try_readability``): ``_ReadabilityDocument``, whose
  ``remove_unlikely_candidates`` keeps its verdicts per pair of ``class`` and ``id`` values,
  not per joined string: the same elements dropped, without joining and filtering the two
  values of each element of the page first.

Those walks are right only for trafilatura 2.3.1. ``FALLBACK_WALKS`` says whether the running
trafilatura is that one (``content_paths.WALKS``, and the same ``BASIC_CLEAN_XPATH`` expression
and source of ``baseline``, ``external`` and ``readability_lxml``, the modules whose functions
are rebound or extended here, and of jusText 3.0.2's ``core`` and ``paragraph``); when
anything differs, the functions of those modules are trafilatura's and jusText's own (the same
text, only slower).
``tests/unit/test_fallback_paths.py`` checks the walk against the XPath, the paragraphs
against jusText's and ``extract`` against ``trafilatura.extract`` on pages.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Collection
from copy import copy
from typing import Any

import justext.core as _justext
import justext.paragraph as _justext_paragraph
import trafilatura.core as _core
import trafilatura.external as _external
import trafilatura.readability_lxml as _readability
from justext.paragraph import Paragraph
from lxml.etree import Element, ProcessingInstruction, iterwalk, strip_tags
from lxml.html import HtmlElement
from trafilatura import settings
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import Document
from trafilatura.utils import (
    LANGID_FLAG,
    check_html_lang,
    language_filter,
    normalize_unicode,
    remove_control_characters,
)
from trafilatura.xml import xmltotxt

from newsflow.extract.content_paths import (
    COMMENT_AND_LIST_PATHS,
    COMMENT_PATHS,
    RAW_PRUNE_PATHS,
    WALKS,
    differing,
    digest,
    extract_content,
    first_of,
    forum_thread_page,
    rebound,
    source_digest,
    tree_cleaning,
)
from newsflow.extract.first_pass import (
    copy_cleaned_out,
    mode_options,
    page_options,
    prunes_matching,
)
from newsflow.extract.stoplists import ALL_STOPWORDS

__all__ = ["FALLBACK_WALKS", "extract", "fallback_text"]

_LOG = logging.getLogger(__name__)

# trafilatura/__init__ binds the name "baseline" to the function: the module is read from
# sys.modules (imported by trafilatura.core)
_baseline = sys.modules["trafilatura.baseline"]

# The modules whose functions are rebound below or whose classes are extended: trafilatura
# 2.3.1's and jusText 3.0.2's (``constraints.txt``).
_CODE = (_baseline, _external, _justext, _justext_paragraph, _readability)
# sha256 (hex) of BASIC_CLEAN_XPATH's expression and of the sources of ``_CODE``, which the
# walk and the rebinding below were written against
_WRITTEN_AGAINST = {
    "expression": "3b071bbec4cf7a6c90483227b462418c8ab428125ae6e8308929a94033b1314d",
    "code": "c8999e272002fb7690690cfba88da8bbe49da862110eda7e2a7a7e27c6d0a135",
}


def _fingerprint() -> dict[str, str]:
    """The digests of ``_WRITTEN_AGAINST`` in the running trafilatura ("" where unreadable)."""
    expression = getattr(getattr(settings, "BASIC_CLEAN_XPATH", None), "path", "")
    return {"expression": digest(expression), "code": source_digest(_CODE)}


_FOUND = _fingerprint()
# Whether the walk of this module stands in for BASIC_CLEAN_XPATH (else trafilatura's own)
FALLBACK_WALKS = WALKS and _FOUND == _WRITTEN_AGAINST
if WALKS and not FALLBACK_WALKS:
    _LOG.debug(
        "trafilatura's fallback differs from 2.3.1 in %s: its own XPath runs (slower, same text)",
        differing(_FOUND, _WRITTEN_AGAINST),
    )

# BASIC_CLEAN_XPATH: these tags, divs named "footer", and any element whose class or id names
# a cookie banner (trafilatura.settings._COOKIE_CONSENT_RE, tested case-insensitively)
_CLEANED_TAGS = frozenset(("aside", "fencedframe", "footer", "script", "style", "svg", "template"))
_COOKIE_BANNER = re.compile(getattr(settings, "_COOKIE_CONSENT_RE", ""), re.UNICODE | re.IGNORECASE)


def _names_banner(value: str | None, answers: dict[str, bool]) -> bool:
    """Whether a class or id value names a cookie banner, each distinct value searched once
    (`answers`: one walk's)."""
    if value is None:
        return False
    found = answers.get(value)
    if found is None:
        found = answers[value] = _COOKIE_BANNER.search(value) is not None
    return found


def _basic_clean(tree: HtmlElement) -> list[HtmlElement]:
    """``BASIC_CLEAN_XPATH(tree)``: the elements below `tree` trafilatura's ``basic_cleaning``
    deletes, in document order.

    The answers of the cookie-banner regex are kept for one walk, not across pages: kept, a
    page with thousands of distinct classes raised the modern set's peak RSS by 0.3-0.5 MB."""
    answers: dict[str, bool] = {}
    return [el for el in tree.iterdescendants(Element) if _cleaned(el, answers)]


def _cleaned(el: HtmlElement, answers: dict[str, bool]) -> bool:
    """Whether ``BASIC_CLEAN_XPATH`` selects the element `el` (`answers`: one walk's)."""
    tag = el.tag
    if tag in _CLEANED_TAGS:
        return True
    return bool(el.attrib) and (
        (tag == "div" and "footer" in first_of(el, "class", "id"))
        or _names_banner(el.get("class"), answers)
        or _names_banner(el.get("id"), answers)
    )


# the elements trafilatura's html2txt spaces apart (trafilatura.baseline._BLOCK_ELEMS)
_SPACED_TAGS = frozenset(getattr(_baseline, "_BLOCK_ELEMS", ()))


def _page_length(tree: HtmlElement) -> int:
    """``len(html2txt(tree))`` (trafilatura 2.3.1's, its clean-up ``_basic_clean``): the
    length in characters of the text of the page's ``body`` (or of `tree` without one), the
    elements ``BASIC_CLEAN_XPATH`` selects left out but their tails kept, white space runs made
    one space, with a space before each block element's text and before its tail, whose
    non-printable characters other than white space are removed. `tree` is only read.

    html2txt copies the page, deletes those elements (a tail joining the text before it, so
    the clean-up of the text it joins) and writes the spaces into the copy before reading its
    text: the same text, read here in one walk. The escalation reads only this length."""
    body = tree.find(".//body")
    root = tree if body is None else body
    answers: dict[str, bool] = {}
    pieces: list[str] = []
    add = pieces.append
    # per open element, whether the text last read below it (its text or a child's tail) is
    # a block element's: a removed element's tail joins that text, and its clean-up
    spaced = [False]
    walk = iterwalk(root, events=_SAX_EVENTS)
    removed: Any = None  # the element whose subtree is being left out
    for event, node in walk:
        if event == "start":
            if node is not root and _cleaned(node, answers):
                walk.skip_subtree()
                removed = node
                continue
            block = node.tag in _SPACED_TAGS
            if block:
                add(" ")
            if node.text:
                add(remove_control_characters(node.text) if block else node.text)
            spaced.append(block)
            continue
        if node is removed:  # its end: the tail only, joining the text before it
            removed = None
            if node.tail:
                add(remove_control_characters(node.tail) if spaced[-1] else node.tail)
            continue
        if event == "end":
            spaced.pop()
            if node is root:
                break
            block = spaced[-1] = node.tag in _SPACED_TAGS
            if block:
                add(" ")
        else:  # a comment or processing instruction: its tail as it is
            spaced[-1] = block = False
        if node.tail:
            add(remove_control_characters(node.tail) if block else node.tail)
    return len(" ".join("".join(pieces).split()))


class _Paragraph(Paragraph):  # type: ignore[misc]  # jusText has no type hints
    """jusText's ``Paragraph``, its DOM path and XPath built when first read, its text kept
    until more text is appended.

    jusText's ``ParagraphMaker`` starts a paragraph at every block tag's start and end and
    keeps only those that get text (35,000 started, 8,600 kept on the 34 pages of the
    development sets where trafilatura calls jusText); each built both path strings at its
    start, and ``classify_paragraphs`` normalises a paragraph's text up to eight times. A
    paragraph holds the path's entries at its start (``_steps``: the same tuples of tag,
    position and children; only tag and position are read) and builds each string from them
    when it is read: as trafilatura runs jusText (headings off), the classification reads
    the DOM path of most kept paragraphs ("select" in it) and the XPath of none.
    """

    def __init__(self, path: Any) -> None:  # Paragraph's fields, the two paths to come
        self._steps: tuple[tuple[str, int, object], ...] = tuple(path._elements)
        self._dom_path: str | None = None
        self._xpath: str | None = None
        self._text: str | None = None
        self.text_nodes: list[str] = []
        self.chars_count_in_links = 0
        self.tags_count = 0
        self.class_type = ""

    @property
    def dom_path(self) -> str:
        """``PathInfo.dom`` ("html.body.div.p") as it was at the paragraph's start."""
        if self._dom_path is None:
            self._dom_path = ".".join(tag for tag, _, _ in self._steps)
        return self._dom_path

    @property
    def xpath(self) -> str:
        """``PathInfo.xpath`` ("/html[1]/body[1]/div[2]/p[1]") as it was at the start."""
        if self._xpath is None:
            self._xpath = "/" + "/".join(f"{tag}[{position}]" for tag, position, _ in self._steps)
        return self._xpath

    @property
    def text(self) -> str:
        """``Paragraph.text``: the text nodes joined, white space normalised."""
        if self._text is None:
            self._text = _PARAGRAPH_TEXT(self)
        return self._text

    def append_text(self, text: str) -> str:
        """``Paragraph.append_text``: adds a text node (normalised) and returns it."""
        self._text = None
        return _APPEND_TEXT(self, text)


# jusText's own code the two classes reuse, read only where FALLBACK_WALKS says it is the
# jusText they were written against: another one may lack these names, and its own
# functions run instead (an import error here would fail every page)
_PARAGRAPH_TEXT: Callable[[Paragraph], str]
_APPEND_TEXT: Callable[[Paragraph, str], str]


# the events of a walk that stand for lxml's SAX events: an element's start (then its text),
# its end (then its tail), a comment's or processing instruction's tail
_SAX_EVENTS = ("start", "end", "comment", "pi")


def _local_name(tag: str) -> str:
    """The local name SAX gives an element: "p", or "x" for "{uri}x" (lxml's ``_getNsTag``)."""
    return tag.split("}", 1)[1] if tag[:1] == "{" else tag


def _saxify(root: HtmlElement, handler: Any) -> None:
    """What ``lxml.sax.saxify(root, handler)`` (lxml 6.1.3) calls on jusText's paragraph
    maker, without what it builds for other handlers (the elements' namespace maps, attribute
    objects and qualified names: jusText reads only the local name): the document's start and
    end, each element's start and end as (namespace, local name), and each text and tail
    that is not empty as characters, in document order, with the processing instructions
    beside the root (their tails). Profiled on the 18 modern development pages that reach
    jusText, saxify's own code was 30 % of ``make_paragraphs``; on the cleaned trees of the 53
    where a later strategy runs, the paragraphs cost 13 % less (1.58 -> 1.38 s CPU, five
    rounds, paired in one process)."""
    start, end, characters = handler.startElementNS, handler.endElementNS, handler.characters
    handler.startDocument()
    before = []
    sibling = root.getprevious()
    while sibling is not None and sibling.tag is ProcessingInstruction:
        before.append(sibling)
        sibling = sibling.getprevious()
    after = []
    sibling = root.getnext()
    while sibling is not None and sibling.tag is ProcessingInstruction:
        after.append(sibling)
        sibling = sibling.getnext()
    for sibling in reversed(before):
        if sibling.tail:
            characters(sibling.tail)
    for event, node in iterwalk(root, events=_SAX_EVENTS):
        if event == "start":
            start((None, _local_name(node.tag)), None, None)
            if node.text:
                characters(node.text)
            continue
        if event == "end":
            end((None, _local_name(node.tag)), None)
        if node.tail:
            characters(node.tail)
    for sibling in after:
        if sibling.tail:
            characters(sibling.tail)
    handler.endDocument()


def _paragraph_maker() -> type:
    """jusText's ``ParagraphMaker``, starting ``_Paragraph``s and reading the tree through
    ``_saxify`` (jusText 3.0.2's only)."""

    class _ParagraphMaker(_justext.ParagraphMaker):  # type: ignore[misc]  # no type hints
        _start_new_pragraph = rebound(
            _justext.ParagraphMaker._start_new_pragraph, Paragraph=_Paragraph
        )

        @classmethod
        def make_paragraphs(cls, root: HtmlElement) -> list[Paragraph]:
            """jusText's: the paragraphs of the tree below ``root`` (``_saxify``)."""
            handler = cls()
            _saxify(root, handler)
            return handler.paragraphs  # type: ignore[no-any-return]

    return _ParagraphMaker


def _readability_document() -> type:
    """trafilatura 2.3.1's readability ``Document``, deciding its unlikely candidates once per
    pair of values (that version's only)."""
    unlikely = _readability.REGEXES["unlikelyCandidatesRe"]
    maybe = _readability.REGEXES["okMaybeItsACandidateRe"]
    frames = _readability.FRAME_TAGS

    class _ReadabilityDocument(_readability.Document):
        __slots__ = ()

        def remove_unlikely_candidates(self) -> None:
            """readability's: every element (but ``body`` and ``html``) whose class and id
            values, joined by a space and lower-cased, match ``unlikelyCandidatesRe`` and not
            ``okMaybeItsACandidateRe`` is dropped, in document order. The verdict depends on
            the two values only, so it is worked out once per pair."""
            verdicts: dict[tuple[str | None, str | None], bool] = {}
            for elem in self.doc.findall(".//*"):
                pair = (elem.get("class"), elem.get("id"))
                verdict = verdicts.get(pair)
                if verdict is None:
                    attrs = " ".join(filter(None, pair))
                    low = attrs.lower()
                    verdict = verdicts[pair] = (
                        len(attrs) >= 2 and bool(unlikely.search(low)) and not maybe.search(low)
                    )
                if verdict and elem.tag not in frames:
                    elem.drop_tree()

    return _ReadabilityDocument


extract: Callable[..., str | None]
# trafilatura's steps of its default and recall modes as this module runs them (WALKS only)
_prepare_tree: Callable[..., tuple[HtmlElement, HtmlElement]]
_prepare_cleaned_out: Callable[..., tuple[HtmlElement, HtmlElement]]
_extract_and_compare: Callable[..., tuple[Any, str]]
_recall_retry: Callable[..., tuple[Any, str]]
_ReadabilityDocument: type  # readability's Document as try_readability makes it here
_READABILITY_DOCUMENT: type  # the Document try_readability makes (ours or its own)
_try_readability: Callable[[HtmlElement], HtmlElement]
if FALLBACK_WALKS:
    _PARAGRAPH_TEXT = Paragraph.text.fget
    _APPEND_TEXT = Paragraph.append_text
    _ParagraphMaker = _paragraph_maker()
    _ReadabilityDocument = _readability_document()
    _basic_cleaning = rebound(_baseline.basic_cleaning, BASIC_CLEAN_XPATH=_basic_clean)
    _html2txt = rebound(_baseline.html2txt, basic_cleaning=_basic_cleaning)
    _baseline_rescue = rebound(_baseline.baseline, basic_cleaning=_basic_cleaning)
    _justext_rescue = rebound(
        _external.justext_rescue,
        basic_cleaning=_basic_cleaning,
        # JT_STOPLIST as newsflow sets it in trafilatura.external (a rebound function reads
        # the globals its module had when rebound: it would build trafilatura's own list)
        try_justext=rebound(
            _external.try_justext, ParagraphMaker=_ParagraphMaker, JT_STOPLIST=ALL_STOPWORDS
        ),
    )
    _READABILITY_DOCUMENT = _ReadabilityDocument
    _try_readability = rebound(_external.try_readability, ReadabilityDocument=_ReadabilityDocument)
    _compare_extraction = rebound(
        _external.compare_extraction,
        justext_rescue=_justext_rescue,
        try_readability=_try_readability,
    )
else:
    _html2txt = _baseline.html2txt
    _baseline_rescue = _baseline.baseline
    _justext_rescue = _external.justext_rescue
    _READABILITY_DOCUMENT = _readability.Document
    _try_readability = _external.try_readability
    _compare_extraction = _external.compare_extraction

if WALKS:
    # trafilatura.extract itself, its main-content step (run once, or twice with its recall
    # retry) and raw-tree prunes being content_paths' walks, its fallback steps the above
    _extract_and_compare = rebound(
        _core._extract_and_compare,
        extract_content=extract_content,
        compare_extraction=_compare_extraction,
    )
    # trafilatura's cleaning of the pruned tree and its copy for jusText, with content_paths'
    # tree_cleaning (its empty-element prune one XPath)
    _prepare_tree = rebound(_core._prepare_tree, tree_cleaning=tree_cleaning)
    # The same in the default (balanced) focus, whose cleaning never goes back to the tree as
    # it was (the recall focus does when it deletes every paragraph): its copy of the page
    # leaves out what the cleaning deletes whole (first_pass.copy_cleaned_out; the copy of
    # the cleaned tree has none of it left to leave out).
    _prepare_cleaned_out = rebound(
        _core._prepare_tree, tree_cleaning=tree_cleaning, copy=copy_cleaned_out
    )
    _recall_retry = rebound(
        _core._recall_retry,
        _extract_and_compare=_extract_and_compare,
        _prepare_tree=_prepare_tree,
    )
    extract = rebound(
        _core.extract,
        _internal_extraction=rebound(
            _core._internal_extraction,
            bare_extraction=rebound(
                _core.bare_extraction,
                trafilatura_sequence=rebound(
                    _core.trafilatura_sequence,
                    RAW_TREE_PRUNE_XPATH=RAW_PRUNE_PATHS,
                    REMOVE_COMMENTS_AND_LISTS_XPATH=COMMENT_AND_LIST_PATHS,
                    REMOVE_COMMENTS_XPATH=COMMENT_PATHS,
                    _extract_and_compare=_extract_and_compare,
                    _recall_retry=_recall_retry,
                    html2txt=_html2txt,
                    baseline=_baseline_rescue,
                    justext_rescue=_justext_rescue,
                ),
            ),
        ),
    )
else:
    extract = _core.extract


# the settings extract() builds in the default and recall modes (see first_pass)
_BALANCED_OPTIONS = mode_options(fast=False, precision=False, recall=False)
_RECALL_OPTIONS = mode_options(fast=False, precision=False, recall=True)


def fallback_text(
    tree: HtmlElement,
    url: str | None,
    *,
    recall: bool = False,
    target_language: str | None = None,
    marks: Collection[str] | None = None,
) -> str | None:
    """The main text of a parsed page in trafilatura's default mode (``recall``: its recall
    mode), or None: what ``trafilatura.extract(tree, url=url, favor_recall=recall,
    target_language=target_language, include_comments=False, with_metadata=False,
    deduplicate=False)`` returns, as the same string.

    Shapes: lines of text separated by "\\n". ``marks``: the page's class and id values, as
    ``first_pass.precision_text`` takes them (they decide only whether the raw-tree and
    comment prunes run). The tree passed in is not changed.

    It runs trafilatura 2.3.1's ``bare_extraction`` and ``trafilatura_sequence`` for these
    settings (comments off, no metadata), their steps being this module's (see ``extract``),
    minus costs that change no text: the raw-tree and comment prunes are skipped where no
    class or id value of the page can match (``first_pass.prunes_matching``); then no copy of
    the page is made for them (``_sequence``); the settings are a copy of one built once; and
    the recall escalation's jusText candidate reads the pruned tree itself, not a copy, when
    it is ours: nothing reads that tree after it. A trafilatura other than 2.3.1
    (``content_paths.WALKS`` False) runs ``trafilatura.extract`` itself.
    """
    if not WALKS:
        return extract(
            tree,
            url=url,
            include_comments=False,
            favor_recall=recall,
            with_metadata=False,
            deduplicate=False,
            target_language=target_language,
        )
    options = page_options(_RECALL_OPTIONS if recall else _BALANCED_OPTIONS, url)
    options.lang = target_language
    try:
        # bare_extraction's checks of the language in the markup (fast is off)
        if options.lang and not LANGID_FLAG and check_html_lang(tree, options.lang) is False:
            return None
        body, text = _sequence(tree, options, url or None, marks)
        if options.max_tree_size and len(body) > options.max_tree_size:
            strip_tags(body, "hi")  # as bare_extraction (the default settings set no limit)
            if len(body) > options.max_tree_size:
                return None
        if len(text) < options.min_output_size and options.min_output_comm_size > 0:
            return None  # no comments: their length is 0
        if options.lang and language_filter(text, "", options.lang, Document())[0]:
            return None
    except (TypeError, ValueError):
        return None  # as bare_extraction: "discarding data"
    comments_text = xmltotxt(Element("body"), options.formatting)  # no comments: empty
    return normalize_unicode(f"{xmltotxt(body, options.formatting)}\n{comments_text}".strip())


class _SummaryOnce:
    """Stands in for readability's ``Document`` in ``try_readability`` for the steps of one
    page: the first ``summary()`` is readability's, later ones give the same string again.

    Within one ``_sequence``, readability reads the pruned page twice: for the default
    mode's comparison and for the recall retry's, each time on a fresh copy of the same
    unchanged tree, and in neither focus does ``compare_extraction`` prune that copy first
    (it does in precision focus only): the same input, so the same summary. The retry
    (7 of the 53 modern calls) need not work it out again. A summary that raised is not
    kept: the next call raises again, as readability would.

    It is given the pruned tree itself, not trafilatura's copy for readability (which
    changes its input): the copy is made when a summary is worked out, not for the retry's
    comparison nor for one that does not ask for a summary (recall focus, a long text)."""

    __slots__ = ("_min_text_length", "_summary", "_tree")

    def __init__(self) -> None:
        self._summary: str | None = None
        self._tree: HtmlElement | None = None
        self._min_text_length = 25

    def __call__(self, tree: HtmlElement, min_text_length: int = 25) -> _SummaryOnce:
        """``ReadabilityDocument(tree, min_text_length=...)``, as try_readability calls it
        (`tree` is only read)."""
        self._tree, self._min_text_length = tree, min_text_length
        return self

    def summary(self) -> str:
        """readability's summary of the tree, worked out once (on a copy)."""
        if self._summary is None:
            work = copy(self._tree)
            document = _READABILITY_DOCUMENT(work, min_text_length=self._min_text_length)
            self._summary = document.summary()
        self._tree = None
        return self._summary


def _itself(tree: HtmlElement) -> HtmlElement:
    """`tree`: for ``copy`` in ``_extract_and_compare``, whose copy only readability reads
    (``_SummaryOnce`` copies it when it needs one)."""
    return tree


def _escalation_page_length(tree: HtmlElement) -> int:
    """``len(html2txt(tree))``: ``_page_length``, or trafilatura's own (see the module)."""
    return _page_length(tree) if FALLBACK_WALKS else len(_html2txt(tree))


def _sequence(
    page: HtmlElement, options: settings.Extractor, url: str | None, marks: Collection[str] | None
) -> tuple[Any, str]:
    """``trafilatura_sequence(copy(page), options, url)`` with comments off, in the default
    or recall focus: the body and its text. ``page`` is only read.

    trafilatura prunes a copy of the page, and every later step reads that pruned tree
    (those that change a tree, on copies of their own). When no prune runs, the page itself
    is that tree: its copy is left out, and readability, which changes its input, gets the
    copy it gets anyway."""
    is_forum = forum_thread_page(page)  # trafilatura's test, its regex only where it can match
    raw, comments = prunes_matching(page, marks)
    pruned = None  # the pruned copy, ours to change, when a prune runs
    if raw or (comments and not is_forum):
        pruned = copy(page)
        if raw:
            pruned = prune_unwanted_nodes(pruned, RAW_PRUNE_PATHS)
        if comments and not is_forum:
            pruned = prune_unwanted_nodes(pruned, COMMENT_AND_LIST_PATHS)
    tree = page if pruned is None else pruned  # read, not changed, by the steps below
    prepare = _prepare_tree if options.focus == "recall" else _prepare_cleaned_out
    cleaned, backup = prepare(tree, options, url)
    # _extract_and_compare (fast is off), readability's summary kept for the recall retry
    compare = rebound(
        _compare_extraction,
        try_readability=rebound(_try_readability, ReadabilityDocument=_SummaryOnce()),
    )
    body, text = extract_content(cleaned, options)
    body, text = compare(backup, tree, body, text, options)  # readability copies (above)
    # 3. rescue: baseline on the pruned tree, accepted only if it adds text
    if len(text) < options.min_extracted_size:
        rescued, rescued_text, rescued_length = _baseline_rescue(tree)
        if rescued_length > len(text):
            body, text = rescued, rescued_text
    # 4. recall escalation
    if (
        options.focus == "balanced"
        and 0 < len(text) < _core.ESCALATION_MAX_LENGTH
        and len(text) < _core.ESCALATION_PAGE_SHARE * _escalation_page_length(tree)
    ):
        r_options = copy(options)
        r_options.focus = "recall"
        r_text = j_text = ""
        try:
            retry = rebound(
                _recall_retry,
                _extract_and_compare=rebound(
                    _extract_and_compare, compare_extraction=compare, copy=_itself
                ),
            )
            r_body, r_text = retry(tree, r_options, url)
        except Exception as err:  # as trafilatura_sequence  # noqa: BLE001
            _core.LOGGER.warning("recall retry failed: %s %s", err, url)
        try:
            # it cleans its input; the pruned copy has no later reader
            j_body, j_text = _justext_rescue(copy(page) if pruned is None else pruned, options)
        except Exception as err:  # as trafilatura_sequence  # noqa: BLE001
            _core.LOGGER.warning("justext candidate failed: %s %s", err, url)
        length, r_length, j_length = len(text), len(r_text), len(j_text)
        if j_length > r_length and j_length > _core.ESCALATION_JUSTEXT_RATIO * length:
            body, text = j_body, j_text
        elif (
            r_length >= options.min_extracted_size
            and r_length > _core.ESCALATION_ACCEPT_RATIO * length
        ):
            body, text = r_body, r_text
    return body, text
