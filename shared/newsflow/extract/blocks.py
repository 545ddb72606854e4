"""Structured blocks of an article container as text lines: subheadings, lists, tables (pure).

Trafilatura's precision mode drops structure that modern article pages carry in their body:
a subheading wrapped in an anchor link fails its link-density test, lists and tables that
sit between paragraphs fail its list and table tests. ``body`` recovers them from the
container that holds the kept paragraphs; this module says which blocks are structure and
renders them in trafilatura's own text conventions ("- " list items, " | " between cells).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from newsflow.extract.text import element_text, word_key, word_runs

__all__ = [
    "HEADINGS",
    "LIST_ITEM",
    "has_header",
    "is_lead_in",
    "is_structure",
    "kept_structure_weight",
    "structure_lines",
]

HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
# How a list item's line begins in trafilatura's text output, and so in a body's lines.
LIST_ITEM = "- "
_LISTS = frozenset(("ul", "ol"))
_STRUCTURE = HEADINGS | _LISTS | {"table", "dl"}
# A subheading is a line, not a paragraph: longer "headings" are styled prose or teasers.
_HEADING_MAX_WORDS = 20
# A sentence introducing a list: labels ("Related:", "More from us:") are shorter.
_LEAD_IN_WORDS = 5


def is_lead_in(line: str) -> bool:
    """A body line that is a sentence of the story introducing the list after it ("... help
    improve:"): it ends with ":", is no list item, and has `_LEAD_IN_WORDS` words or more.

    Its list is article text even when every item links to a page of its own (`body`'s link
    lists, `cited`'s link runs); lines that are boilerplate never get here."""
    return (
        line.endswith(":") and not line.startswith(LIST_ITEM) and word_runs(line) >= _LEAD_IN_WORDS
    )


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


def has_header(table: HtmlElement) -> bool:
    """The table names its columns: header cells (``th``), a ``thead``, or a first row that
    names two or more columns in bold, its other cells empty (a block editor's header row,
    ``<td><p><strong>Plan</strong></p></td>``, maybe with a blank corner cell). A first row
    of empty cells (a layout table's spacer row) or of a logo and one bold title names none.

    ``table`` is a ``<table>`` element. Flattened as layout (``tables.is_data_table``), such a
    table's rows become short paragraphs the extractor drops. On the modern development set
    the bold first row and the bare ``thead`` keep 15 price and comparison tables on 10
    pages: 5 pages better (a cloud-storage guide's plan tables 0.84 -> 0.93 recall, a
    company list's comparison table 0.86 -> 0.94), none worse; neither occurs among the
    tables the 2019 and metadata sets flatten (issue 10).
    """
    if table.find(".//th") is not None or table.find("thead") is not None:
        return True
    first = next(table.iter("tr"), None)
    names = [_bold_text(cell) for cell in first.findall("td")] if first is not None else []
    return None not in names and sum(1 for name in names if name) >= 2


def _bold_text(cell: HtmlElement) -> str | None:
    """The cell's text without spaces when all of it is inside ``strong``/``b`` elements
    ("" for an empty cell); None when some of it is not bold."""
    text = "".join(cell.text_content().split())
    bold = "".join(
        "".join(el.text_content().split())
        for el in cell.iter("strong", "b")
        if next(el.iterancestors("strong", "b"), None) is None
    )
    return text if bold == text else None


# A kept line counts toward a container's weight from this many characters of word key: the
# threshold recovery uses for paragraphs.
_KEPT_KEY_CHARS = 20


def kept_structure_weight(container: HtmlElement, covered: Callable[[str], bool]) -> int:
    """How much of the body the container's lists, tables and subheadings (h2-h4) hold: the
    word-key characters of their lines (``structure_lines``, each of 20 characters or more)
    that ``covered`` says the body kept. A list or table inside a list item or a cell is
    its item's or row's.

    Recovery weighs a container by the kept paragraphs it holds; a guide whose kept text is
    mostly its lists, tables and subheadings holds a share of paragraphs too small to count
    as the story's container, and nothing it dropped was put back (issue 10).
    """
    total = 0
    for el in container.iter("ul", "ol", "table", "h2", "h3", "h4"):
        if next(el.iterancestors("li", "td", "th"), None) is not None:
            continue
        for line in structure_lines(el):
            key = word_key(line)
            if len(key) >= _KEPT_KEY_CHARS and covered(key):
                total += len(key)
    return total
