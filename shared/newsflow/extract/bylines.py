"""Bylines written as a label in one element and the name in the markup after it.

Pages set the byline's label apart from the name: "<p>By <a>Kimber Streams</a></p>",
"<span>by </span><p><a>Ana Li</a></p>", "<div>Written by</div><div>Edzel Tabing</div>",
"<h2>Article written by:</h2><div>…<h3>Name, MD</h3>". No text node holds "By Name", so a
search of whole text nodes (`metadata`'s "byline:text") misses them, and pages without a
byline class or author markup had no author at all (24 pages of the modern development
set gained their author by this rule; issue 9). The label is found by its own text, the
name is what follows it in the label's element or in the element after it;
`authors.split_names` cleans it. The rule is our own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import NamedTuple

from lxml import etree
from lxml.html import HtmlElement

from newsflow.extract.dateline import parse_dateline, without_non_dates
from newsflow.extract.xpath import elements, text_xpath

# A dateline before "by" ("Published March 3, 2024 by Ana Li", "Posted on 03/03/2024 by"):
# a publication label, then a date with a number; "Published by Penguin" is a publisher.
_DATED = r"(?:published|posted)\b[^|\d]{0,12}\d[^|]{0,40}?\s"
# A label opening its text node: "By", "by:", "Written by", "Article written by:",
# "Author:", "Authors:", "Words by", a dateline and "by"; alone, or before a capitalised
# name ("Written by Ana Li").
_LABEL = re.compile(
    rf"(?:{_DATED})?"
    r"(?:(?:article\s+|this\s+(?:post|article)\s+(?:was\s+)?)?(?:written|words|story|text)\s+)?"
    r"by\b\s*:?|authors?\s*:|author\(s\)\s*:?",
    re.IGNORECASE,
)
_DATED_START = re.compile(rf"{_DATED}(?=by\b)", re.IGNORECASE)
# The longest text a byline's label stands in (characters); metadata reads no longer text
# for one.
MAX_TEXT_CHARS = 80
# Cheap tests in C first: short text nodes holding "by" or "uthor" in a common case; the
# regex decides on the few elements they find.
_WORDS = ("by", "By", "BY", "uthor", "UTHOR")
_HOLDS = " or ".join(f"contains(., '{word}')" for word in _WORDS)
_LABELLED = text_xpath(f"//body//*[text()[string-length(.) <= {2 * MAX_TEXT_CHARS}][{_HOLDS}]]")
# A name with its roles and credentials fits here; a longer text is a bio or a paragraph.
_MAX_BYLINE_CHARS = 160
_MAX_LABELS = 20


class LabelledByline(NamedTuple):
    """A byline found by its label: `byline` its text up to a bar ("By Ana Li"), for
    `authors.split_names`; `line` the whole line it stands in ("By Ana Li | March 3, 2024",
    "Posted On: January 14 2026 By: Ana Li"), which may carry the story's date."""

    byline: str
    line: str


def labelled_byline(
    tree: HtmlElement, skip: Callable[[HtmlElement], bool], texts: Sequence[str] | None = None
) -> LabelledByline | None:
    """The first byline "<label> <name …>" of a label set apart from its name, in document
    order, leaving out labels in a link (`_in_link`) and those for which `skip` (a teaser,
    menu or comment test) is true; None when there is none. The byline keeps the label ("By
    Ana Li") for `authors.split_names`; its line is `_line`. `texts`: the body's text nodes
    (``//body//text()``), when the caller has read them: a page none of which opens with a
    label is answered without the element search."""
    if texts is not None and not _any_label(texts):
        return None
    found = _label_holders(tree, texts) if texts is not None else None
    labels = 0
    for element in elements(_LABELLED, tree) if found is None else found:
        label = next((m.group() for t in _own_texts(element) if (m := _label(t))), None)
        if label is None:
            continue
        labels += 1
        if labels > _MAX_LABELS:
            break
        if _in_link(element) or skip(element):
            continue
        # The bar ends the byline: "by Ana Li | Feb 6, 2025 | Business Tips | 0 comments".
        after = _name_after(element, label) or ""
        name = after.split("|")[0].strip()
        if name:  # the byline without the dateline before its label
            byline = f"{_DATED_START.sub('', label, count=1)} {name}"
            return LabelledByline(byline, _line(element, label, after))
    return None


# The first word of each of `_LABEL`'s alternatives opening a text node, as a label's text
# opens once collapsed: a necessary test for `_label`, unlike `_OPENING_LABEL` with its
# length bounds on the raw text ("Published  \n  on 3 March by"). The lookahead of the
# words' first letters: 3x faster.
_LABEL_WORD = re.compile(
    r"\0\s*(?=[abtswp])(?:published|posted|article|this|written|words|story|text|by|author)",
    re.IGNORECASE,
)
# Of the elements holding a node `_label` reads, those `_LABELLED` finds.
_HOLDS_LABELLED = etree.XPath(
    f"boolean(self::*[ancestor::body][text()[string-length(.) <= {2 * MAX_TEXT_CHARS}][{_HOLDS}]])"
)


def _label_holders(tree: HtmlElement, texts: Sequence[str]) -> list[HtmlElement] | None:
    """`_LABELLED`'s elements that hold a text node opening with a label (`_label`, spaces
    collapsed), in document order; the others `labelled_byline` skips. `texts` are the body's
    text nodes (``//body//text()``); the few labelled nodes are fetched by their positions
    among them (libxml2 stops a step with a number predicate at that node, copying none) and
    their parents kept by `_LABELLED`'s own test. None when the nodes at those positions are
    not those texts (a caller dropped some): the search is then run. On the modern
    development set's pages with a label it costs 0.32 ms a page, the search 1.03 ms: the
    search copies every text node six times."""
    joined = "\0" + "\0".join(texts)
    positions: list[int] = []
    index, last = 0, 0
    for match in _LABEL_WORD.finditer(joined):
        index += joined.count("\0", last, match.start() + 1)
        last = match.start() + 1
        end = joined.find("\0", last)
        if _label(" ".join(joined[last : None if end < 0 else end].split())):
            positions.append(index)
    if not positions:
        return []
    # a step's number predicate stops the walk at that node, testing none; one body (the
    # HTML parser keeps one): its text descendants are `//body//text()`
    steps = " | ".join(f"/descendant::body/descendant::text()[{k}]" for k in positions)
    nodes = tree.xpath(steps, smart_strings=True)
    if not isinstance(nodes, list) or [str(n) for n in nodes] != [texts[k - 1] for k in positions]:
        return None
    holders: dict[HtmlElement, tuple[int, ...]] = {}
    for node in nodes:
        parent = node.getparent()
        holder = parent.getparent() if node.is_tail else parent
        if isinstance(holder, HtmlElement) and holder not in holders:
            holders[holder] = _document_position(holder)
    return sorted((e for e in holders if _HOLDS_LABELLED(e)), key=holders.__getitem__)


def _document_position(element: HtmlElement) -> tuple[int, ...]:
    """The child indexes from the root to `element`: sorting by them is document order."""
    path: list[int] = []
    parent = element.getparent()
    while parent is not None:
        path.append(parent.index(element))
        element, parent = parent, parent.getparent()
    return tuple(reversed(path))


def _line(element: HtmlElement, label: str, after: str) -> str:
    """The line of a byline whose label is in `element` and `after` the text after it: the
    label and `after` when they hold a number ("by Ana Li on Jan 22, 2025"), else the text
    of the label's parent when it is a byline's length (`_MAX_BYLINE_CHARS`: "<div><span>By
    </span> <a>Ana Li</a> | March 3, 2024</div>", "<div><p>Written by <a>Ana Li</a></p><p>
    April 8, 2024</p></div>"), else the label and `after`."""
    own = f"{label} {after}"
    parent = element.getparent()
    if parent is None or any(ch.isdigit() for ch in own):
        return own
    line = _visible(parent)
    return line if label in line and len(line) <= _MAX_BYLINE_CHARS else own


# A text node opening with a label, in the text nodes joined by NUL (never in a node). The
# lookahead, the first letters of the label's words (article, this, written, words, story,
# text, by, author, published, posted), skips most nodes before the alternation is tried:
# 5x faster.
_OPENING_LABEL = re.compile(f"\0\\s*(?=[abtswp])(?:{_LABEL.pattern})", re.IGNORECASE)


def _any_label(texts: Sequence[str]) -> bool:
    """Whether one of `texts` opens with a label (`_label`, spaces collapsed). One search of
    the joined texts finds the few that may (the label's spaces are `\\s` runs, so a match in
    the collapsed text is one in the raw text); `_label` decides on those. Its XPath costs
    1 ms on a modern page; this an eighth of it."""
    joined = "\0" + "\0".join(texts)
    for match in _OPENING_LABEL.finditer(joined):
        end = joined.find("\0", match.end())
        if _label(" ".join(joined[match.start() + 1 : None if end < 0 else end].split())):
            return True
    return False


def _label(text: str) -> re.Match[str] | None:
    """The label opening `text` when the text is the label alone or a capitalised name
    follows it ("Written by Ana Li"; "By the way" and "by the river" are no bylines)."""
    match = _LABEL.match(text) if len(text) <= MAX_TEXT_CHARS else None
    if match is None:
        return None
    rest = text[match.end() :].lstrip()
    return match if not rest or rest[0].isupper() or not rest[0].islower() else None


# The path of a link to an author's page ("/author/ana-li", "/autoren/ana-li/"), or a
# member's handle as newsletter and blog platforms write it ("/@ana-li").
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor(?:en)?|auteurs?|writers?|contributors?|people|profiles?|staff)/"
    r"|/@[\w.-]+/?(?:[?#]|$)",
    re.I,
)


def is_author_page(href: str) -> bool:
    """Whether `href` (a link's address, absolute or relative) is an author's page by its
    path (`_AUTHOR_PAGE`: "/author/ana-li", "/profile/ana", "https://news.example/@ana")."""
    return _AUTHOR_PAGE.search(href) is not None


def _in_link(element: HtmlElement) -> bool:
    """Whether the label is a link's text to another page than an author's: a menu entry
    ("By Category") or the byline of the story a teaser card links to ("<a><h6>By Ana
    Li</h6><p>…</p></a>"), not this page's."""
    link = element if element.tag == "a" else next(element.iterancestors("a"), None)
    return link is not None and not is_author_page(link.get("href") or "")


def _own_texts(element: HtmlElement) -> list[str]:
    """The element's own text nodes (its text and its children's tails), spaces collapsed."""
    texts = [element.text or ""] + [child.tail or "" for child in element]
    return [" ".join(t.split()) for t in texts if t and t.strip()]


def _visible(element: HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _name_after(element: HtmlElement, label: str) -> str | None:
    """The text after `label`: the rest of its element ("By <a>Name</a>"), else the first
    text after the element among its next `_MAX_SIBLINGS` siblings, passing an avatar or a
    line break ("<span>by</span><img><p>Name</p>", "<b>By</b> Name"), else None. A
    sibling's text over `_MAX_BYLINE_CHARS` gives its first text node alone (the name above
    a bio)."""
    rest = _visible(element)
    rest = rest[rest.find(label) + len(label) :].strip()
    if rest:
        return rest if len(rest) <= _MAX_BYLINE_CHARS else None
    after: list[tuple[str, HtmlElement | None]] = [(element.tail or "", None)]
    for sibling in _siblings(element):
        after += [(_visible(sibling), sibling), (sibling.tail or "", None)]
    for raw, holder in after:
        text = " ".join(raw.split())
        if not text:
            continue
        if len(text) <= _MAX_BYLINE_CHARS:
            return text
        texts = holder.itertext() if holder is not None else iter(())
        first = next((t.strip() for t in texts if t.strip()), "")
        return first if 0 < len(first) <= _MAX_BYLINE_CHARS else None
    return None


_MAX_SIBLINGS = 3


def _siblings(element: HtmlElement) -> list[HtmlElement]:
    """The next `_MAX_SIBLINGS` element siblings (comments and processing instructions
    left out)."""
    found: list[HtmlElement] = []
    for sibling in element.itersiblings():
        if isinstance(sibling.tag, str):
            found.append(sibling)
            if len(found) == _MAX_SIBLINGS:
                break
    return found


def date_starts(words: list[str]) -> list[int]:
    """Where a date may start in a byline's `words` that run into it: at the first word with
    a digit, then at the word before ("Dec" in "Ana Li Dec 04, 2025"); [] when no word but
    the first holds a digit."""
    first = next((k for k, word in enumerate(words) if any(c.isdigit() for c in word)), 0)
    return [k for k in (first, first - 1) if k > 0]


def byline_date(
    text: str, language: str, fetched_at: datetime, region: str | None = None
) -> tuple[datetime, bool, bool] | None:
    """The date a byline's text carries ("By Ana Li | March 3, 2024", "ANA LI, EXAMPLE NEWS 18
    NOV 2019") as `dateline.parse_dateline` reads it (same arguments and result), or None.
    Its plain forms first, in the whole text and from where a date may start
    (`date_starts`), then the whole text in any form: dateparser (0.4 s of CPU and 7 MB to
    load) is loaded only for a date no plain form reads. A date a label says is not the
    story's ("Member since March 3, 2015") and numbers that are no date's parts (a price, a
    software version: "Version 2.10.25") are cut out first (`without_non_dates`)."""
    text = without_non_dates(text)
    words = text.split()
    for tried in (text, *(" ".join(words[k:]) for k in date_starts(words))):
        if reading := parse_dateline(tried, language, fetched_at, region, plain=True):
            return reading
    return parse_dateline(text, language, fetched_at, region)
