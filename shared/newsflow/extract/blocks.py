"""Structured blocks of an article container as text lines: subheadings, lists, tables (pure).

Trafilatura's precision mode drops structure that modern article pages carry in their body:
a subheading wrapped in an anchor link fails its link-density test, lists and tables that
sit between paragraphs fail its list and table tests. ``body`` recovers them from the
container that holds the kept paragraphs; this module says which blocks are structure and
renders them in trafilatura's own text conventions ("- " list items, " | " between cells).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsflow.extract.text import element_text

__all__ = ["HEADINGS", "LIST_ITEM", "is_structure", "structure_lines"]

HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
# How a list item's line begins in trafilatura's text output, and so in a body's lines.
LIST_ITEM = "- "
_LISTS = frozenset(("ul", "ol"))
_STRUCTURE = HEADINGS | _LISTS | {"table", "dl"}
# A subheading is a line, not a paragraph: longer "headings" are styled prose or teasers.
_HEADING_MAX_WORDS = 20


def is_structure(el: HtmlElement) -> bool:
    """A subheading (h2-h6), list (ul, ol, dl) or table element."""
    return el.tag in _STRUCTURE


def _list_items(el: HtmlElement) -> list[str]:
    return [f"{LIST_ITEM}{text}" for li in el.iterchildren("li") if (text := element_text(li))]


def _table_rows(el: HtmlElement) -> list[str]:
    rows = []
    for tr in el.iter("tr"):
        cells = [element_text(cell) for cell in tr.iterchildren("td", "th")]
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _definitions(el: HtmlElement) -> list[str]:
    return [text for child in el.iterchildren("dt", "dd") if (text := element_text(child))]


def structure_lines(el: HtmlElement) -> list[str]:
    """The text lines of a structure element, in trafilatura's text conventions.

    A heading gives one line (none when over 20 words), a list one "- item" line per
    ``li``, a table one "cell | cell" line per row, a ``dl`` one line per term and per
    definition. Nested lists stay inside their item's line.
    """
    if el.tag in HEADINGS:
        text = element_text(el)
        return [text] if text and len(text.split()) <= _HEADING_MAX_WORDS else []
    if el.tag in _LISTS:
        return _list_items(el)
    if el.tag == "table":
        return _table_rows(el)
    if el.tag == "dl":
        return _definitions(el)
    return []
