"""Markup nested deeper than the HTML parser reads, flattened as a browser lays it out.

libxml2's HTML parser stops at 256 open elements (``xmlParserMaxDepth``; 2048 with its
"huge" option) with the fatal error "Excessive depth in document" and drops the rest of the
page: a story inside 5,000 wrappers (a template's unclosed ``<div>`` or ``<font>`` in a loop)
came out empty. Browsers show it: Blink gives an element past its depth limit (512) the
deepest allowed element's parent, so the deep elements become siblings and all text stays.
`flattened` does that in the markup, before the page is parsed again (issue 10).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

# Below libxml2's 256, with room for what its parser adds on its own (html, body, tbody, a
# <p> reopened by a stray </p>) beyond the tags the markup writes.
MAX_DEPTH = 200
# A comment, a declaration, or a start or end tag whose quoted attribute values (a quote
# right after "=") may hold ">". Each runs to the end of the markup when nothing closes it,
# as HTML's tokenizer reads it: so every "<" and a letter is matched where it stands, never
# searched past (a page of unclosed tags was quadratic: 19 s for 73 kB).
_TAG = re.compile(
    rb"<!--.*?(?:-->|\Z)|<[!?][^>]*(?:>|\Z)|<(/?)([A-Za-z][A-Za-z0-9:_-]*)"
    rb"(?:[^>\"'=]|=\s*\"[^\"]*(?:\"|\Z)|=\s*'[^']*(?:'|\Z)|[=\"'])*(?:>|\Z)",
    re.S,
)
# Elements whose content is text to their end tag, not markup (HTML's raw and escapable raw
# text elements, and the legacy ones parsers treat alike).
_RAW_TEXT = frozenset({b"script", b"style", b"textarea", b"title", b"xmp", b"noembed", b"noframes"})
# HTML's void elements: a start tag and no content.
_VOID = frozenset(
    {
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"source", b"track", b"wbr", b"param", b"keygen",
    }
)  # fmt: skip
# Elements a start tag of the same name closes (HTML's implied end tags, in part): counted
# as closed, the depth is not overrated on ``<li>a<li>b`` lists.
_SELF_CLOSING_RUNS = frozenset({b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option"})


def is_too_deep(log: etree._ListErrorLog) -> bool:
    """Whether a parse's error log holds libxml2's "Excessive depth in document" error."""
    return any("Excessive depth" in entry.message for entry in log)


def flattened(markup: bytes, max_depth: int = MAX_DEPTH) -> bytes:
    """`markup` (UTF-8 or another ASCII-compatible encoding) with no element more than
    `max_depth` deep: an element that would open deeper closes the deepest open one first
    and takes its place, as its sibling. Every text, attribute and comment stays, in order;
    a markup within the limit is returned unchanged."""
    out = _Flattener(max_depth)
    pos = 0
    while (match := _TAG.search(markup, pos)) is not None:
        out.text(markup[pos : match.start()])
        pos = match.end()
        closing, name = match.group(1), (match.group(2) or b"").lower()
        if not name:  # a comment or declaration
            out.text(match.group(0))
        elif closing:
            out.end(name, match.group(0))
        elif name in _VOID:
            out.text(match.group(0))
        elif name in _RAW_TEXT:  # its text runs to its end tag, copied whole
            end = re.compile(b"</" + re.escape(name) + rb"\s*>", re.I).search(markup, pos)
            stop = len(markup) if end is None else end.end()
            out.text(match.group(0) + markup[pos:stop])
            pos = stop
        else:
            out.start(name, match.group(0))
    out.text(markup[pos:])
    return b"".join(out.parts)


@dataclass
class _Element:
    """An element the rewritten markup opened: its name, and whether it is still open (False:
    closed early to make room for a deeper one, so its own end tag is dropped)."""

    name: bytes
    is_open: bool = True


class _Flattener:
    """The rewritten markup's parts, and the elements it has open as the parser will.

    Every step costs the same whatever the page's depth: `opened` holds the open elements
    (those of `stack` not closed early, in order) and `names` how many of each name `stack`
    holds, so an end tag that closes nothing is known without a search.
    """

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.parts: list[bytes] = []
        self.stack: list[_Element] = []
        self.opened: list[_Element] = []
        self.names: Counter[bytes] = Counter()

    def text(self, data: bytes) -> None:
        self.parts.append(data)

    def start(self, name: bytes, tag: bytes) -> None:
        if self.stack and self.stack[-1].name == name and name in _SELF_CLOSING_RUNS:
            self._pop(written=False)  # the parser closes it
        if len(self.opened) >= self.max_depth:
            deepest = self.opened.pop()
            deepest.is_open = False
            self.parts.append(b"</" + deepest.name + b">")
        element = _Element(name)
        self.stack.append(element)
        self.opened.append(element)
        self.names[name] += 1
        self.parts.append(tag)

    def end(self, name: bytes, tag: bytes) -> None:
        if not self.names[name]:  # closes nothing open: the parser decides, as it would have
            self.parts.append(tag)
            return
        # each element searched past is closed below: the search costs what the pops do
        at = next(i for i in range(len(self.stack) - 1, -1, -1) if self.stack[i].name == name)
        matched = self.stack[at]
        while len(self.stack) > at + 1:
            # the end tag closes what it holds; one dropped (its element closed early) does
            # not, so those are closed in the markup
            self._pop(written=not matched.is_open)
        self._pop(written=False)
        if matched.is_open:
            self.parts.append(tag)

    def _pop(self, *, written: bool) -> None:
        """Close the last element opened; `written`: with its end tag added to the markup
        (else the parser closes it on its own)."""
        element = self.stack.pop()
        self.names[element.name] -= 1
        if element.is_open:
            self.opened.pop()  # the last open one: `opened` follows `stack`'s order
            if written:
                self.parts.append(b"</" + element.name + b">")
