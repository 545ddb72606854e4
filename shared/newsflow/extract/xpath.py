"""Typed helpers over compiled XPath expressions (lxml returns a loose union)."""

from __future__ import annotations

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
