"""Typed helpers over compiled XPath expressions (lxml returns a loose union)."""

from __future__ import annotations

import re

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


def elements_where(
    tree: HtmlElement, attribute: str, pattern: re.Pattern[str], *, fold_case: bool = False
) -> list[HtmlElement]:
    """Elements whose `class`, `id` or `style` value matches a regex, in document order.

    Matching the distinct attribute values first lets most pages skip the element walk,
    many times faster than testing every element of a large page in Python. With
    ``fold_case`` a lower-case pattern also finds camelCase values ("authorBio"): the
    distinct values are lower-cased, far cheaper than a case-insensitive pattern.
    """
    matching = {
        value
        for value in attribute_values(tree, attribute)
        if pattern.search(value.lower() if fold_case else value)
    }
    if not matching:
        return []
    return [e for e in elements(_WITH_ATTRIBUTE[attribute], tree) if e.get(attribute) in matching]
