"""Trafilatura's precision pass, from its building blocks: the first strategy's body text.

``precision_text(tree, url)`` returns what ``trafilatura.extract(tree, url=url,
favor_precision=True, fast=True, include_comments=False, deduplicate=False)`` returns, as the
same string (or None), at less cost. It runs the same steps of trafilatura 2.3.1's
``bare_extraction`` and ``trafilatura_sequence`` for that mode, minus costs that mode
never needs (measured on the 2019 and modern development sets, where this pass runs on every
page):

* the two raw-tree prunes (infinite-scroll containers, comment sections) are XPaths whose
  every match needs an ``id`` or ``class`` value matching a regex; libxml2 calls back into
  Python for each element that has one. When none of the page's distinct values can match,
  the XPath matches nothing, so it is skipped. The same holds for the comment prune after tag
  conversion. When the comment prune does run, it tests the same regexes on the same
  elements in one walk of its own (``_prune_comment_sections``), not through the XPath's
  callbacks.
* ``_prepare_tree`` copies the pruned tree before cleaning it and keeps a second copy for the
  readability/jusText comparison; the precision pass (``fast``) never compares and never reads
  the pruned tree again, so it cleans the one copy it owns, with trafilatura's
  ``tree_cleaning`` whose empty-element prune is one XPath (``content_paths.tree_cleaning``).
  That copy leaves out the menus, footers, asides, icons and embeds the cleaning deletes
  whole (``copy_cleaned_out``), when no prune before it reads inside them.
  ``extract_content`` copies that tree again for its recovery of wild text, which runs on
  one page of eight: the pass builds it again there instead (``extract_content_remade``).
* the main-content step (``extract_content``) is trafilatura's own code with its regex and
  per-element XPaths (content container, boilerplate, caption and teaser prunes) answered by
  walks that select the same elements at a third of the cost, and its link-density passes
  keeping what they read from one pass to the next (``content_paths``).

The tree passed in is not changed (the pass works on one copy, as ``extract`` does).
``tests/unit/test_first_pass.py`` checks the equality with ``trafilatura.extract`` on pages
with and without comment sections, so an upgrade of trafilatura that moves these steps fails
there, not silently in the benchmark; at run time, a trafilatura other than 2.3.1
(``content_paths.WALKS`` False) gets ``trafilatura.extract`` itself, unmodified.
"""

from __future__ import annotations

from collections.abc import Collection
from copy import copy

import trafilatura
from lxml.etree import Element, strip_tags
from lxml.html import HtmlElement
from trafilatura import htmlprocessing
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes
from trafilatura.settings import Extractor
from trafilatura.utils import normalize_unicode
from trafilatura.xml import xmltotxt

from newsflow.extract.content_paths import (
    COMMENT_AND_LIST_PATHS,
    COMMENT_CLASS,
    COMMENT_ID,
    COMMENT_PATHS,
    RAW_PRUNE_PATHS,
    SCROLL,
    WALKS,
    extract_content_remade,
    forum_thread_page,
    tree_cleaning,
)
from newsflow.extract.xpath import attribute_values

__all__ = ["mode_options", "page_options", "precision_text", "prunes_matching"]

# The regexes of those XPaths' re:test() on @id and @class are content_paths' COMMENT_ID,
# COMMENT_CLASS and SCROLL; their contains() on @class:
_SHARE_BUTTONS_CLASS = "elementor-share-buttons"


def prunes_matching(tree: HtmlElement, marks: Collection[str] | None) -> tuple[bool, bool]:
    """Whether the raw-tree prune (infinite-scroll containers, share buttons) and the comment
    prune can match in ``tree``: whether one of its class or id values (``marks`` when given:
    a superset is fine, see ``precision_text``) matches one of their regexes or tokens. A prune
    that cannot match is skipped: it would delete nothing."""
    # each list of values as lines of one string (ValueSearch.finds_in: a prune it lets run
    # finds only what the tree holds)
    if marks is None:
        # distinct values: a page repeats most of its classes many times
        ids = "\n".join(dict.fromkeys(attribute_values(tree, "id")))
        classes = "\n".join(dict.fromkeys(attribute_values(tree, "class")))
        values = f"{ids}\n{classes}"
    else:  # a superset of both
        ids = classes = values = "\n".join(marks)
    comments = COMMENT_ID.finds_in(ids) or COMMENT_CLASS.finds_in(classes)
    # the class token has no line break: found in the joined values iff in one of them
    raw = SCROLL.finds_in(values) or _SHARE_BUTTONS_CLASS in classes
    return raw, comments


def _prune_comment_sections(tree: HtmlElement) -> None:
    """What ``prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)`` does, in one walk
    (``content_paths``): the XPath's ``re:test()`` calls back into Python for every candidate
    element; testing the same regexes on the same elements costs a quarter of that (2019
    development set: 0.15 -> 0.035 s CPU for 88 pages, the same 202 elements)."""
    prune_unwanted_nodes(tree, COMMENT_AND_LIST_PATHS)


# Tags of trafilatura's MANUALLY_CLEANED whose elements tree_cleaning deletes whole, that no
# step of the pass before it renames or reads into but the raw prune's test for an <h1>
# (``copy_cleaned_out``): the page's menus, footer, asides, icons, buttons and embeds. Not
# "figure" (renamed when it holds a table), "form" (kept when it holds most of the text) nor
# "math" (its formula is written into its tail first).
_LEFT_OUT = (
    "head", "nav", "footer", "aside", "svg", "button", "picture", "iframe", "video", "audio",
    "canvas", "dialog", "menu", "object", "embed",
)  # fmt: skip


def copy_cleaned_out(tree: HtmlElement) -> HtmlElement:
    """``copy(tree)`` less the elements of ``_LEFT_OUT`` that ``tree_cleaning`` would delete
    from it, deleted as it does (``delete_element``: an element's tail joins its previous
    sibling's or its parent's text), so that ``tree_cleaning`` of either copy gives the same
    tree; the copy's other steps must not read inside them (the raw prune does: its copy is
    whole). A fifth to a third of a modern page's elements, never copied nor walked again:
    the outermost ones are taken out of `tree` while it is copied and put back, text and tails
    as they were (`tree` is left as it was, even on an error). One inside a figure stays: the
    figure is renamed if it holds a table anywhere, and is then no longer deleted with it.

    The cleaning deletes the elements of each tag of its list in turn, while lxml walks them;
    where one holds another of its tag (``<nav>`` in a ``<nav>``; libxml2 nests a run of
    ``<source>`` elements), the walk goes on inside the deleted element, ends there, and the
    later elements of that tag stay in the page. So a tag nested so is never left out, and no
    element is left out that holds an element of a tag nested so whose turn comes before its
    own (its absence could move where that walk ends).
    """
    cleaned_out = vars(htmlprocessing)["MANUALLY_CLEANED"]  # read at each call, as it is
    turn = {tag: i for i, tag in enumerate(cleaned_out)}
    last = max((turn[tag] for tag in _LEFT_OUT if tag in turn), default=-1)
    # a tag whose turn comes after every left-out tag's walks a tree where none is left
    nested = _nested_tags(tree, cleaned_out[: last + 1])
    listed = [tag for tag in _LEFT_OUT if tag in turn and tag not in nested]
    undo: list[tuple[HtmlElement, int, HtmlElement, HtmlElement, str | None]] = []
    try:
        for element in list(tree.iter(listed)) if listed else ():
            parent = element.getparent()
            if parent is None or not _in_tree_outside_figures(parent, tree):
                continue  # inside one taken out already, or in a figure
            earlier = [tag for tag in nested if turn[tag] < turn[element.tag]]
            if earlier and next(element.iterdescendants(earlier), None) is not None:
                continue
            previous = element.getprevious()
            holder = parent if previous is None else previous
            held = holder.text if previous is None else holder.tail
            undo.append((parent, parent.index(element), element, holder, held))
            if element.tail:  # moves with the element: added where delete_element adds it
                joined = (held or "") + element.tail
                if previous is None:
                    parent.text = joined
                else:
                    previous.tail = joined
            parent.remove(element)
        return copy(tree)
    finally:
        for parent, index, element, holder, held in reversed(undo):
            if holder is parent:
                holder.text = held
            else:
                holder.tail = held
            parent.insert(index, element)  # with its tail


def _nested_tags(tree: HtmlElement, tags: Collection[str]) -> set[str]:
    """The `tags` of which an element in `tree` holds another element of its tag."""
    return {
        element.tag
        for element in tree.iter(*tags)
        if next(element.iterdescendants(element.tag), None) is not None
    }


def _in_tree_outside_figures(node: HtmlElement, tree: HtmlElement) -> bool:
    """Whether `node` is in `tree` (not in an element taken out of it) and neither it nor an
    ancestor is a figure."""
    while True:
        if node.tag == "figure":
            return False
        parent = node.getparent()
        if parent is None:
            return node is tree
        node = parent


def mode_options(*, fast: bool, precision: bool, recall: bool) -> Extractor:
    """What ``extract(include_comments=False, with_metadata=False, deduplicate=False)``
    builds for one mode, without the URL and language; built once per mode and copied for
    each page (``page_options``): reading its ten settings from trafilatura's ConfigParser
    costs more than copying it."""
    return Extractor(
        output_format="txt",
        fast=fast,
        precision=precision,
        recall=recall,
        comments=False,
        formatting=None,
        links=False,
        images=False,
        tables=True,
        dedup=False,
        url=None,
        with_metadata=False,
    )


def page_options(mode: Extractor, url: str | None) -> Extractor:
    """A mode's settings (``mode_options``) for one page: ``url`` and ``source`` set as
    ``Extractor.__init__`` sets them."""
    options = copy(mode)
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


_PRECISION_OPTIONS = mode_options(fast=True, precision=True, recall=False)


def _options(url: str | None) -> Extractor:
    """The precision pass's settings for one page (no step of the pass changes them)."""
    return page_options(_PRECISION_OPTIONS, url)


def precision_text(
    tree: HtmlElement, url: str | None, marks: Collection[str] | None = None
) -> str | None:
    """The main text of a parsed page in trafilatura's precision mode, or None when too short.

    Shapes: lines of text separated by "\\n", as ``trafilatura.extract`` gives them.
    ``marks``: the page's distinct class and id values when read already
    (``xpath.class_and_id_values``; read before elements were removed is fine): they only
    decide whether the raw and comment prunes run, and a prune that runs matches in the tree
    as it is, so extra values change no result (they are not read again).
    """
    if not WALKS:  # these steps are 2.3.1's: another version runs its own
        return trafilatura.extract(
            copy(tree),
            url=url,
            favor_precision=True,
            fast=True,
            include_comments=False,
            deduplicate=False,
        )
    options = _options(url)
    is_forum = forum_thread_page(tree)  # before the prunes, as trafilatura_sequence
    raw_prunes, comments = prunes_matching(tree, marks)

    def cleaned() -> HtmlElement:
        """A copy of `tree`, pruned, cleaned and converted (the same tree at each call)."""
        # the raw prune's test for an <h1> reads inside the elements left out of the copy
        work = copy(tree) if raw_prunes else copy_cleaned_out(tree)
        if raw_prunes:
            work = prune_unwanted_nodes(work, RAW_PRUNE_PATHS)
        if comments:
            _prune_comment_sections(work)
        converted = convert_tags(tree_cleaning(work, options), options, url)
        if comments and not is_forum:
            converted = prune_unwanted_nodes(converted, COMMENT_PATHS)
        return converted

    try:
        # built again only for the recovery of wild text, not copied (content_paths)
        body, text = extract_content_remade(cleaned, options)
        if options.max_tree_size and len(body) > options.max_tree_size:
            strip_tags(body, "hi")  # as bare_extraction (the default settings set no limit)
            if len(body) > options.max_tree_size:
                return None
    except (TypeError, ValueError):
        return None  # as bare_extraction: "discarding data"
    if len(text) < options.min_output_size and options.min_output_comm_size > 0:
        return None
    comments_text = xmltotxt(Element("body"), options.formatting)  # no comments: empty
    return normalize_unicode(f"{xmltotxt(body, options.formatting)}\n{comments_text}".strip())
