"""One walk of the parsed page's elements, shared by the readers that run before the body
extractor changes the tree.

Each whole-page XPath or walk costs about as much as the next (every element is visited); the
page's `class` and `id` values (two XPaths), its `itemprop` elements and the metadata's
byline and dateline elements by class or id (a walk of the body each) were four to five of
them. One Python walk of the element list that the extraction holds anyway (for the
elements' proxies, `article.extract_article`) builds what they all read: on the first 150
modern development pages, twice on fresh trees, those reads with the proxies' list and the
element count cost 291 ms CPU before and 247 ms after. The walk also reads each element's
`style`: the body's pre-cleaning looks its pop-ups, hidden elements and boxes up here
instead of walking the page once more (``PageWalk.with_any``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from functools import cached_property
from itertools import chain, compress, islice

from lxml import etree
from lxml.html import HtmlElement

from newsflow.extract import xpath

# The attribute names the walk reads, as UTF-8 bytes: lxml's `get` encodes a `str` name
# on every call, a `bytes` one it only checks (the value is a `str` either way). Measured
# in the pipeline, page by page both ways: the walk 0.49 -> 0.43 ms a page (modern
# development set), 0.38 -> 0.34 (2019), 0.73 -> 0.67 (metadata).
_CLASS, _ID, _ITEMPROP, _STYLE = b"class", b"id", b"itemprop", b"style"


def document_elements(tree: HtmlElement, limit: int | None = None) -> list[HtmlElement]:
    """Every element of `tree`'s document in document order, what XPath's ``//*`` finds:
    those of the root and of any top-level element beside it (a repaired page can have two
    `<html>`). With `limit`, at most that many (a caller refusing larger pages reads no more).
    """
    found = chain.from_iterable(top.iter(etree.Element) for top in document_tops(tree))
    return list(found if limit is None else islice(found, limit))


def document_tops(tree: HtmlElement) -> list[HtmlElement]:
    """The top-level elements of `tree`'s document (the root and any beside it), in document
    order: a walk of each reads what XPath's ``//`` reads."""
    root = tree.getroottree().getroot()
    return [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]


class PageWalk:
    """The page's elements by `class`, `id` and `style` value and with an `itemprop`, from one
    walk of `elements` (``document_elements(tree)``, all of the unchanged page's elements).

    Read it only while the tree's elements are those walked, in their order: it does not see
    later removals, insertions or moves (a tag renamed in place is still read right).
    """

    def __init__(self, tree: HtmlElement, elements: list[HtmlElement]) -> None:
        self._tree = tree
        self._elements = elements
        # value -> the elements with it, in document order
        self.by_class: dict[str, list[HtmlElement]] = {}
        self.by_id: dict[str, list[HtmlElement]] = {}
        self.by_style: dict[str, list[HtmlElement]] = {}
        self._itemprops: list[HtmlElement] = []
        by_class, by_id, by_style = self.by_class, self.by_id, self.by_style
        itemprops = self._itemprops
        for element in elements:  # setdefault's spare list costs no more than a test
            value = element.get(_CLASS)
            if value is not None:
                by_class.setdefault(value, []).append(element)
            value = element.get(_ID)
            if value is not None:
                by_id.setdefault(value, []).append(element)
            if element.get(_ITEMPROP) is not None:
                itemprops.append(element)
            value = element.get(_STYLE)
            if value is not None:
                by_style.setdefault(value, []).append(element)
        self._positions: dict[HtmlElement, int] | None = None

    @cached_property
    def marks(self) -> list[str]:
        """The page's distinct `class` and `id` values (classes first), in document order:
        ``xpath.class_and_id_values``."""
        return list(dict.fromkeys([*self.by_class, *self.by_id]))

    @property
    def itemprops(self) -> list[HtmlElement]:
        """The elements of `tree` with an `itemprop` attribute (``tree.iter()``'s, not the
        elements beside it), in document order."""
        if self._walked_tree_only:
            return self._itemprops
        return [e for e in self._tree.iter(etree.Element) if e.get("itemprop") is not None]

    @property
    def _walked_tree_only(self) -> bool:
        """Whether the elements walked are those of `tree` (``tree.iter()``'s): the tree is
        the document's only top element."""
        return self._tree is self._elements[0] and self._tree.getnext() is None

    def with_any(
        self, queries: Sequence[tuple[str, Collection[str]]]
    ) -> list[list[HtmlElement]] | None:
        """``xpath.elements_with_any(tree, queries)`` looked up, not walked: for each
        (attribute, values) query, `attribute` being "class", "id" or "style", the elements
        of `tree` whose value is one of `values`, in document order. None when the walk read
        more than `tree` (elements beside its root): the caller walks the tree then.

        The pre-cleaning's one walk of the page (``body._preclean``: pop-ups, hidden styles,
        box classes and ids) cost as much as this walk's reading of the attributes; with the
        style read here too, it is a look-up of a few values.
        """
        if not self._walked_tree_only:
            return None
        tables = {"class": self.by_class, "id": self.by_id, "style": self.by_style}
        found: list[list[HtmlElement]] = []
        for attribute, values in queries:
            table = tables[attribute]
            lists = [table[value] for value in set(values) if value in table]
            found.append(self._in_order(lists))
        return found

    def in_body_by_marker(self, markers: Sequence[str]) -> dict[str, list[HtmlElement]]:
        """``xpath.elements_by_marker``: the body's elements whose `class` or `id` value is
        one of `markers`, per marker, in document order; looked up, not walked."""
        bodies = self._bodies
        if len(bodies) != 1:  # nested or no body: the walk that lets XPath dedupe
            return xpath.elements_by_marker(self._tree, markers)
        found: dict[str, list[HtmlElement]] = {}
        for marker in markers:
            if marker:
                marked = self._with_mark(marker)
                found[marker] = [e for e in marked if _in_body(e)]
        return found

    @cached_property
    def _bodies(self) -> list[HtmlElement]:
        """The document's `<body>` elements, in document order: walked for once, as the
        metadata asks `in_body_by_marker` once for bylines and once for datelines."""
        return [body for top in document_tops(self._tree) for body in top.iter("body")]

    def classed_after(self, element: HtmlElement, values: Collection[str]) -> Iterator[HtmlElement]:
        """The elements after `element` (XPath's ``descendant::*`` then ``following::*``: after
        it in document order) whose `class` value is one of `values`, in document order.

        Looked up, then filtered in C (``itertools.compress``) over the walk's elements after
        `element`: no Python step per element, as walking the rest of the page for a class
        took (modern development set: a standfirst's class looked for after the `<h1>`).
        """
        found = {e for value in values for e in self.by_class.get(value, ())}
        if not found:
            return iter(())
        start = self._elements.index(element) + 1  # ValueError: not an element walked
        return compress(
            islice(self._elements, start, None),
            map(found.__contains__, islice(self._elements, start, None)),
        )

    def forget_lookups(self) -> None:
        """Drop the lookups by class, id and itemprop, keeping the elements (and their
        proxies) held: call when their readers are done, so that they are not held beside
        the body extractor's copies of the tree (on a large page they are a megabyte)."""
        for found in (self._itemprops, self.by_class, self.by_id, self.by_style):
            found.clear()
        self._positions = None

    def release(self) -> None:
        """Drop the elements read (and their proxies, unless referred to elsewhere): call
        when the page's readers are done; the walk is empty after it."""
        self.forget_lookups()
        self._elements.clear()

    def _with_mark(self, marker: str) -> list[HtmlElement]:
        """The elements whose class or id is `marker`, in document order, each once."""
        return self._in_order([self.by_class.get(marker, []), self.by_id.get(marker, [])])

    def _in_order(self, lists: list[list[HtmlElement]]) -> list[HtmlElement]:
        """The elements of `lists` (each in document order), each once, in document order:
        sorted by their place in the walk only when two lists hold any."""
        held = [found for found in lists if found]
        if len(held) < 2:
            return list(held[0]) if held else []
        if self._positions is None:
            self._positions = {e: i for i, e in enumerate(self._elements)}
        return sorted({e for found in held for e in found}, key=self._positions.__getitem__)


def _in_body(element: HtmlElement) -> bool:
    """Whether `element` is inside a `<body>` (the page's one body)."""
    return next(element.iterancestors("body"), None) is not None
