"""Body lines from a fact box: the "Fakta om …", "What to know", "Bitte beachten" box.

A fact box stands beside the story: a panel of background facts, a reading list, a
disclaimer, an author's note, marked up as its own element whose class names it
(`infobox`, `info-box`, `factbox`, `fact-box`, `faktaboks`, `infokasten`). The extractor reads
it into the body as if it were the story's. Seen on the metadata development set (issue 9)
on six publishers in four languages (`amedia-factbox class="fact-box"`, `div.infobox`,
`div.factbox`, `div.Infobox`); the references never keep its lines. On the 2019 set no line
comes from such a box; on the modern set one page's reference keeps an "info-box" of book
and guide promotions.

A box is told by its markup, not its words, so the rule holds in every language. A box that
holds most of the body (a page whose story wrapper is named so) is no box beside the story:
its lines stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from lxml.html import HtmlElement

from newsflow.extract.xpath import elements_with_any, matching_values

# Class or id names of a fact box, any case: "infobox", "info-box", "fact-box", "faktaboks".
# Lower case, matched against lower-cased values: a case-insensitive pattern costs 4x more.
_BOX = re.compile(r"info-?box|fact-?box|fakta-?boks|infokasten")
# A box holding this share of the body's characters or more is the story's wrapper.
_MAX_SHARE = 0.5


def _boxes(tree: HtmlElement, marks: Collection[str] | None) -> set[HtmlElement]:
    """The page's elements named a fact box (by class or id), found from the page's distinct
    values: most pages have none, and then no line's ancestors are walked at all."""
    if marks is None:
        queries = [
            (name, matching_values(tree, name, _BOX, fold_case=True)) for name in ("class", "id")
        ]
    else:  # a superset of the values is fine: the elements are looked up in the tree as it is
        named = matching_values(tree, "class", _BOX, fold_case=True, values=marks)
        queries = [("class", named), ("id", named)]
    by_class, by_id = elements_with_any(tree, queries)
    return {*by_class, *by_id}


def _box_of(element: HtmlElement, boxes: set[HtmlElement]) -> HtmlElement | None:
    """The nearest element, `element` or an ancestor, that is named a fact box."""
    if element in boxes:
        return element
    return next((node for node in element.iterancestors() if node in boxes), None)


def drop_boxed(
    lines: list[str],
    shown: Callable[[str], HtmlElement | None],
    tree: HtmlElement,
    marks: Collection[str] | None = None,
) -> list[str]:
    """`lines` (the body's paragraphs, in order) without those shown inside a fact box.

    `shown(line)` is the page element showing that line whole, or None (such a line stays);
    `tree` is the page it reads, unchanged; `marks`, when given, the class and id values the
    page had before any element was removed (`xpath.class_and_id_values`), so they are not
    read again.
    Boxes whose lines make up `_MAX_SHARE` or more of the body's characters are kept whole.
    """
    named = _boxes(tree, marks)
    if not named:
        return lines
    boxes = [
        _box_of(element, named) if (element := shown(line)) is not None else None for line in lines
    ]
    total = sum(len(line) for line in lines) or 1
    share: dict[HtmlElement, int] = {}
    for line, box in zip(lines, boxes, strict=True):
        if box is not None:
            share[box] = share.get(box, 0) + len(line)
    return [
        line
        for line, box in zip(lines, boxes, strict=True)
        if box is None or share[box] >= _MAX_SHARE * total
    ]
