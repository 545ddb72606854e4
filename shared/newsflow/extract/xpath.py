"""Typed helpers over compiled XPath expressions (lxml returns a loose union)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

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
_WITH_ATTRIBUTE = {name: etree.XPath(f"//*[@{name}]") for name in _ATTRIBUTE_VALUES}


def attribute_values(tree: HtmlElement, attribute: str) -> list[str]:
    """Every value of one attribute (`class`, `id` or `style`) in the document."""
    return strings(_ATTRIBUTE_VALUES[attribute], tree)


def class_and_id_values(tree: HtmlElement) -> list[str]:
    """The page's distinct `class` and `id` values (classes first), in document order: read
    once per page for the metadata's byline and dateline searches and the page signals."""
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
    distinct = dict.fromkeys(attribute_values(tree, attribute)) if values is None else values
    matching = {
        value for value in distinct if pattern.search(value.lower() if fold_case else value)
    }
    return elements_with_values(tree, attribute, matching)


_MAX_LITERALS = 64  # past this many values one walk over every marked element is cheaper


def elements_with_values(
    tree: HtmlElement, attribute: str, values: Collection[str]
) -> list[HtmlElement]:
    """Elements whose `attribute` value is exactly one of `values`, in document order.

    Few values become one XPath of literals, so that only the matches get a Python object
    (creating one per marked element was the cost of this search).
    """
    if not values:
        return []
    literals = [_literal(value) for value in values]
    if len(literals) <= _MAX_LITERALS and all(literals):
        tests = " or ".join(f"@{attribute}={literal}" for literal in literals)
        return elements(etree.XPath(f"//*[{tests}]"), tree)
    return [e for e in elements(_WITH_ATTRIBUTE[attribute], tree) if e.get(attribute) in values]


_WITH_CLASS_OR_ID = etree.XPath("//body//*[@class = $value or @id = $value]")


def _literal(value: str) -> str | None:
    """`value` as an XPath 1.0 string literal, or None when it holds both kinds of quote."""
    if '"' not in value:
        return f'"{value}"'
    return f"'{value}'" if "'" not in value else None


def elements_by_marker(tree: HtmlElement, markers: Sequence[str]) -> dict[str, list[HtmlElement]]:
    """The body's elements whose `class` or `id` value is one of `markers`, per marker, in
    document order.

    One walk of the document for all markers (an XPath of their literals) instead of one per
    marker: a byline or dateline search has 3 markers on an average page and up to 20.
    """
    found: dict[str, list[HtmlElement]] = {marker: [] for marker in markers if marker}
    literals = {marker: _literal(marker) for marker in found}
    tests = " or ".join(f"@class={q} or @id={q}" for q in literals.values() if q)
    hits = elements(etree.XPath(f"//body//*[{tests}]"), tree) if tests else []
    for marker, literal in literals.items():
        if literal is None:  # rare: a value with both quotes, looked up on its own
            hits += elements(_WITH_CLASS_OR_ID, tree, value=marker)
    for element in hits:
        for value in {element.get("class"), element.get("id")}:
            if value in found:
                found[value].append(element)
    return found
