"""Typed helpers over compiled XPath expressions (lxml returns a loose union)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterator, Sequence
from itertools import accumulate, compress, count
from operator import add

from lxml import etree
from lxml.html import HtmlElement


def strings(path: etree.XPath, tree: HtmlElement, **variables: str) -> list[str]:
    """The string results (text nodes, attribute values) of an XPath."""
    result = path(tree, **variables)
    return [str(item) for item in result] if isinstance(result, list) else []


def elements(path: etree.XPath, tree: HtmlElement, **variables: str) -> list[HtmlElement]:
    """The element results of an XPath."""
    result = path(tree, **variables)
    return [e for e in result if isinstance(e, HtmlElement)] if isinstance(result, list) else []


def text_xpath(expression: str) -> etree.XPath:
    """An XPath returning plain strings: lxml's default "smart" strings cost 10x more."""
    return etree.XPath(expression, smart_strings=False)


_ATTRIBUTE_VALUES = {name: text_xpath(f"//@{name}") for name in ("class", "id", "style")}


def attribute_values(tree: HtmlElement, attribute: str) -> list[str]:
    """Every value of one attribute (`class`, `id` or `style`) in the document."""
    return strings(_ATTRIBUTE_VALUES[attribute], tree)


def class_and_id_values(tree: HtmlElement) -> list[str]:
    """The page's distinct `class` and `id` values (classes first), in document order. The
    pipeline reads them once per page from its walk (`walk.PageWalk.marks`, the same list);
    this is for a reader called on a tree alone."""
    return list(dict.fromkeys(attribute_values(tree, "class") + attribute_values(tree, "id")))


def elements_where(
    tree: HtmlElement,
    attribute: str,
    pattern: re.Pattern[str],
    *,
    fold_case: bool = False,
    values: Collection[str] | None = None,
) -> list[HtmlElement]:
    """Elements whose `class`, `id` or `style` value matches a regex, in document order.

    Matching the distinct attribute values first lets most pages skip the element walk,
    many times faster than testing every element of a large page in Python. With
    ``fold_case`` a lower-case pattern also finds camelCase values ("authorBio"): the
    distinct values are lower-cased, far cheaper than a case-insensitive pattern.
    ``values``: the attribute's distinct values when the caller has read them already (a
    superset is fine: the elements are looked up in the tree as it is now).
    """
    matching = matching_values(tree, attribute, pattern, fold_case=fold_case, values=values)
    return elements_with_values(tree, attribute, matching)


def matching_values(
    tree: HtmlElement,
    attribute: str,
    pattern: re.Pattern[str],
    *,
    fold_case: bool = False,
    values: Collection[str] | None = None,
) -> set[str]:
    """The distinct values of `attribute` in the page that `pattern` matches (see
    ``elements_where`` for ``fold_case`` and ``values``); no element is visited."""
    distinct = dict.fromkeys(attribute_values(tree, attribute)) if values is None else values
    # map and compress run the loop in C: no bytecode per value (a page has hundreds)
    searched = map(str.lower, distinct) if fold_case else distinct
    return set(compress(distinct, map(pattern.search, searched)))


def may_match(values: Sequence[str], words: tuple[str, ...]) -> list[str]:
    """`values` without those that cannot match a pattern whose matches all hold one of
    `words` (lower-case literals without a line break), in order: the values whose
    lower-cased form holds a word. Values with non-ASCII characters always may: re.I also
    folds "İ", "ı", "ſ" and "K" (Kelvin) onto ASCII letters, str.lower() does not.

    A page has hundreds of class and id values, a few of which hold a word: each word is
    found in all the values joined (str.find), not searched for in each value; a non-ASCII
    value is joined as "" (it is kept whatever it holds)."""
    joined = "\n".join(values)
    if joined.isascii():
        return [values[k] for k in sorted(_holding(values, joined, words))]
    wide = {k for k, ascii in enumerate(map(str.isascii, values)) if not ascii}
    narrow = ["" if k in wide else v for k, v in enumerate(values)]
    return [values[k] for k in sorted(wide | _holding(narrow, "\n".join(narrow), words))]


def _holding(values: Sequence[str], joined: str, words: tuple[str, ...]) -> set[int]:
    """The indexes of `values` (ASCII, `joined` by line breaks) whose lower-cased form holds
    one of `words`."""
    lowered = joined.lower()  # ASCII: the same length
    # where each value starts: the lengths before it and a line break after each (in C)
    starts = list(map(add, accumulate(map(len, values), initial=0), count()))
    holding: set[int] = set()
    for word in words:
        at = lowered.find(word)
        while at != -1:  # no word holds "\n": each find lies in one value
            holding.add(bisect_right(starts, at) - 1)
            at = lowered.find(word, at + 1)
    return holding


def elements_with_values(
    tree: HtmlElement, attribute: str, values: Collection[str]
) -> list[HtmlElement]:
    """Elements whose `attribute` value is exactly one of `values`, in document order.

    One walk of the elements reading the attribute: measured on the modern development set
    it costs a third of an XPath of the values' literals (libxml2 compares every literal on
    every element) and a little less than an XPath of every element with the attribute.
    """
    if not values:
        return []
    name = attribute.encode()  # lxml's `get` encodes a `str` name at each call (walk.py)
    return [e for e in tree.iter(etree.Element) if e.get(name) in values]


def elements_with_any(
    tree: HtmlElement, queries: Sequence[tuple[str, Collection[str]]]
) -> list[list[HtmlElement]]:
    """For each (attribute, values) query, the elements whose `attribute` value is exactly one
    of `values`, in document order: one walk of the elements for every query.

    A page's pre-cleaning asks four such questions (pop-up classes, hidden styles, box
    classes and ids); the walk, not the test, is their cost, so one walk answers them all.
    Queries without values cost nothing.
    """
    found: list[list[HtmlElement]] = [[] for _ in queries]
    # attribute -> value -> the queries asking for it
    asked: dict[str, dict[str, list[list[HtmlElement]]]] = {}
    for (attribute, values), out in zip(queries, found, strict=True):
        for value in set(values):
            asked.setdefault(attribute, {}).setdefault(value, []).append(out)
    if not asked:
        return found
    # the names as bytes: lxml's `get` encodes a `str` name at each call (walk.py)
    tables = [(attribute.encode(), table) for attribute, table in asked.items()]
    for element in tree.iter(etree.Element):
        for name, table in tables:
            value = element.get(name)
            if value is not None and value in table:
                for out in table[value]:
                    out.append(element)
    return found


def elements_by_marker(tree: HtmlElement, markers: Sequence[str]) -> dict[str, list[HtmlElement]]:
    """The body's elements whose `class` or `id` value is one of `markers`, per marker, in
    document order.

    One walk of the body's elements for all markers (a byline or dateline search has 3 markers
    on an average page and up to 20), reading each element's class and id: a third of the
    cost of one XPath comparing every marker's literal on every element.
    """
    found: dict[str, list[HtmlElement]] = {marker: [] for marker in markers if marker}
    if not found:
        return found
    for element in _body_descendants(tree):
        class_value, id_value = element.get(b"class"), element.get(b"id")  # bytes: walk.py
        if class_value in found:
            found[class_value].append(element)
        if id_value in found and id_value != class_value:  # once when both say the marker
            found[id_value].append(element)
    return found


_BODIES = etree.XPath("//body")


def _body_descendants(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The elements under the page's `<body>` (XPath's `//body//*`), in document order."""
    bodies = elements(_BODIES, tree)
    if len(bodies) == 1:
        yield from bodies[0].iterdescendants(etree.Element)
    else:
        yield from elements(_BODY_ELEMENTS, tree)  # nested or no body: let XPath dedupe


_BODY_ELEMENTS = etree.XPath("//body//*")
