"""Streamed server rendering: each late part of a page put where the browser puts it (pure).

React (18 and later) renders a page on the server and streams it: a part that waits on data
(a Suspense boundary: Next.js's app router, Remix, Gatsby) is sent after the rest, at the end
of the body in a hidden ``div#S:n``, with a small script that the browser runs to move it into
its placeholder: ``template#B:n`` between the comments ``<!--$?-->`` and ``<!--/$-->``, the
nodes between them being the fallback (a skeleton, "Loading..."), or a bare ``template#P:n``.
Read without scripts, the story's later sections stand after the footer, hidden, outside the
container the extractor chooses. The rule and the names are React's server runtime's
(``react-dom``'s ``ReactDOMFizzInstructionSetInlineSource``: ``completeBoundary``, the ``$RC``
call, and ``completeSegment``, ``$RS``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from lxml import etree
from lxml.html import HtmlElement

__all__ = ["place_streamed_parts"]

_SEGMENT = "S:"
# the runtime's calls: $RC("B:0","S:0") completes a boundary, $RS("S:1","P:1") a segment
_CALL_RE = re.compile(r'\$R([CS])\(\s*"([BPS]:[0-9a-z]+)"\s*,\s*"([BPS]:[0-9a-z]+)"')
_OPEN = frozenset(("$", "$?", "$!"))  # a boundary's opening comment
_CLOSE = "/$"


def place_streamed_parts(tree: HtmlElement, marks: Collection[str] | None = None) -> int:
    """Move each streamed part (``div#S:n``) into its placeholder, in place, as the browser's
    script would, and drop a boundary's fallback when its closing comment shows where it ends:
    only in a tree that kept its comments, not the pipeline's (its parser, trafilatura's
    settings, drops them; there the fallback stays for the extractor's filters to meet).

    The parts are paired with their placeholders by the page's ``$RC``/``$RS`` calls, else
    by their number (``S:n`` to ``B:n`` or ``P:n``). ``marks``: the page's class and id values,
    if read (``xpath.class_and_id_values``); a page without an ``S:`` id is left at once.
    Returns how many parts moved; a part without its placeholder stays where it is.
    """
    if marks is not None and not any(mark.startswith(_SEGMENT) for mark in marks):
        return 0
    parts = {
        str(el.get("id")): el
        for el in tree.xpath("//div[starts-with(@id,'S:')]")
        if isinstance(el, HtmlElement)
    }
    if not parts:
        return 0
    holders = {str(el.get("id")): el for el in tree.iter("template") if el.get("id")}
    ends = _boundary_ends(tree)
    moved = 0
    for holder_id, part_id in _pairs(tree, parts):
        holder, part = holders.get(holder_id), parts.get(part_id)
        if holder is not None and part is not None and _move(part, holder, ends):
            moved += 1
    return moved


def _boundary_ends(tree: HtmlElement) -> dict[etree._Element, etree._Element]:
    """Each pending boundary's opening comment (``<!--$?-->``) and the sibling comment that
    closes it (``<!--/$-->``, nested boundaries counted), found in one pass over the tree's
    comments: a page of thousands of boundaries costs their number, not its square."""
    ends: dict[etree._Element, etree._Element] = {}
    open_at: dict[etree._Element | None, list[etree._Element]] = {}
    for comment in tree.iter(etree.Comment):  # document order: each parent's in sibling order
        stack = open_at.setdefault(comment.getparent(), [])
        if comment.text in _OPEN:
            stack.append(comment)
        elif comment.text == _CLOSE and stack:
            opening = stack.pop()
            if opening.text == "$?":
                ends[opening] = comment
    return ends


def _pairs(tree: HtmlElement, parts: dict[str, HtmlElement]) -> Iterator[tuple[str, str]]:
    """(placeholder id, part id) in the order the browser moves them: the page's calls, then
    each part no call names, by its number."""
    named: set[str] = set()
    for script in tree.iter("script"):
        text = script.text
        if not text or "$R" not in text:
            continue
        for kind, first, second in _CALL_RE.findall(text):
            holder, part = (first, second) if kind == "C" else (second, first)
            named.add(part)
            yield holder, part
    for part in parts:
        if part not in named:
            number = part.removeprefix(_SEGMENT)
            yield f"B:{number}", part
            yield f"P:{number}", part


def _move(
    part: HtmlElement, holder: HtmlElement, ends: dict[etree._Element, etree._Element]
) -> bool:
    """Put `part`'s content in place of `holder` (and of the fallback after it, up to the
    closing comment `ends` pairs with the opening one before it); False when the part is
    empty, moved already or holds its own placeholder."""
    parent = holder.getparent()
    if parent is None or (len(part) == 0 and not (part.text or "").strip()):
        return False
    if any(el is part for el in holder.iterancestors()):
        return False
    opening = holder.getprevious()
    end = ends.get(opening) if opening is not None else None
    if end is not None and end in parent:  # still a later sibling (a child): not moved
        for node in list(_between(holder, end)):
            parent.remove(node)
        holder.tail = None  # the fallback's text
    before = holder.getprevious()
    tail = holder.tail
    holder.tail = None
    _append_text(parent, before, part.text)
    part.text = None
    kids = list(part)
    for kid in kids:  # beside the holder: no walk to an index among thousands of siblings
        holder.addprevious(kid)
    parent.remove(holder)
    _append_text(parent, kids[-1] if kids else before, tail)
    return True


def _between(start: HtmlElement, end: HtmlElement) -> Iterator[HtmlElement]:
    for node in start.itersiblings():
        if node is end:
            return
        yield node


def _append_text(parent: HtmlElement, before: HtmlElement | None, text: str | None) -> None:
    """Add `text` after `before` (a child of `parent`), or at `parent`'s start when None."""
    if not text:
        return
    if before is None:
        parent.text = (parent.text or "") + text
    else:
        before.tail = (before.tail or "") + text
