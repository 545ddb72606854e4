"""Text measures and clean-up that work for every script."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from newsflow.mojibake import fix_mojibake

_WORD_CHARS = re.compile(r"\w+")
# The ASCII characters \w leaves out, each made a space: in an ASCII text the runs of the
# others, [A-Za-z0-9_], are then str.split()'s fields (see `word_runs_of`).
_ASCII_NON_WORD = bytes(c for c in range(128) if not _WORD_CHARS.match(chr(c)))
_NON_WORD_TO_SPACE = bytes.maketrans(_ASCII_NON_WORD, b" " * len(_ASCII_NON_WORD))
# Scripts written without spaces count one word per character, as their readers count.
_SPACELESS_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f"
_SPACELESS_SCRIPT = re.compile(f"[{_SPACELESS_CHARS}]")
_TOKEN = re.compile(f"[{_SPACELESS_CHARS}]|[^\\s{_SPACELESS_CHARS}]+")
# Latin and typographic spaces (NBSP, en/em/thin spaces, narrow NBSP, line/paragraph
# separators). The ideographic space U+3000 is left alone: it is part of CJK text.
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]+")
# Invisible characters that only break words apart for search and comparison: soft hyphen,
# zero-width space, word joiner, BOM. ZWNJ/ZWJ (U+200C/D) stay: Persian, Indic scripts and
# emoji sequences need them.
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
# In a comparison key ZWNJ/ZWJ go too: the words they join are one word to a reader.
_INVISIBLE_IN_KEYS = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Only complete references: named ones with their ";" and numeric ones. A bare "&" or a
# legacy "&copy" without ";" in "R&D" or "AT&T" is text, not markup.
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_MAX_UNESCAPE_ROUNDS = 3  # "&amp;amp;quot;" is the worst seen: CMS double and triple escapes


# A page's body lines are measured many times over: each cleaning rule, recovery, the
# strategies' comparison, the foreign-block and repeat checks key or count the same lines
# again (modern development set, 200 pages: count_words 49,713 calls on 22,857 distinct texts
# per page, word_key 65,592 on 38,428, match_key 55,875 on 37,965). The measures below are
# pure functions of the text, so each is kept for the page (``forget_measures`` at its end).
# The bound keeps a caller that never forgets (a library user of ``extract_body``) to a few
# MB; a page has a few hundred distinct lines.
# Each caches plain strs (``text if type(text) is str else str(text)``, written out in each:
# they run 170,000 times for 150 modern pages, and a helper's call cost a seventh of their
# time): lxml's text results refer to their element, which a cache must not keep alive (it
# would hold the page's whole tree).
_MEASURED_TEXTS = 4096


def forget_measures() -> None:
    """Drop the texts measured for a page (see ``_MEASURED_TEXTS``): call when it is done."""
    for measure in (_count_words, _word_key, _match_key, _word_runs):
        measure.cache_clear()


def count_words(text: str) -> int:
    """Whitespace-separated words; Chinese, Japanese and Thai characters count one each."""
    return _count_words(text if type(text) is str else str(text))


def word_runs_of(text: str) -> list[str]:
    """The ``\\w+`` runs of `text`, in order (``re.findall(r"\\w+", text)``). An ASCII text's
    non-word characters are made spaces by ``bytes.translate`` and the runs split off, all in
    C without a match object per word: 3-5x faster on a line of prose (the body's measures
    key, count and shingle every line, 80% of them ASCII on the modern development set).
    So is a text that is ASCII but for typographic marks (``_plain_marks``)."""
    if not text.isascii():
        plain = _plain_marks(text)
        if not plain.isascii():
            return _WORD_CHARS.findall(text)
        text = plain
    return text.encode("ascii").translate(_NON_WORD_TO_SPACE).decode("ascii").split()


# Typographic marks of prose, none a word character: curly quotes, dashes, the ellipsis. Of
# the distinct lines the body steps measure on the three development sets (715 pages),
# 12,595 are not ASCII, and 9,685 of them hold no other character past ASCII.
_TYPOGRAPHIC_MARKS = (
    "\u2019",
    "\u201c",
    "\u201d",
    "\u2014",
    "\u2013",
    "\u2018",
    "\u2026",
    "\u201e",
)


def _plain_marks(text: str) -> str:
    """`text` with each typographic mark (``_TYPOGRAPHIC_MARKS``) made a space: the same
    ``\\w+`` runs, and ASCII when no other character is past it (a str.replace per mark,
    which returns the text itself when it holds none, costs less than a mapping's translate)."""
    for mark in _TYPOGRAPHIC_MARKS:
        text = text.replace(mark, " ")
    return text


def word_runs(text: str) -> int:
    """The number of ``\\w+`` runs in ``text`` (a count that ignores punctuation tokens)."""
    return _word_runs(text if type(text) is str else str(text))


@lru_cache(maxsize=_MEASURED_TEXTS)
def _word_runs(text: str) -> int:
    # An ASCII text's runs are its word key's words (no mark to drop; lower() keeps a word
    # character one and a non-word character one), and most texts counted are keyed too
    # (modern development set, 150 pages: 13,635 of 14,791): counted from the cached key,
    # the runs are found once, not once for each measure.
    if text.isascii():
        key = _word_key(text)
        return key.count(" ") + 1 if key else 0
    return len(word_runs_of(text))


def count_words_once(text: str) -> int:
    """``count_words`` of a text counted only once, such as a page's whole visible text
    (~25,000 characters, 50-100 kB in memory, on a modern page): not kept in the measures'
    cache, which would hash it and hold it until the page's end for no later reader."""
    text = text if type(text) is str else str(text)
    if text.isascii() or not _may_hold_spaceless(text):
        return len(text.split())
    return _words(text)


# The first bytes of the UTF-8 encodings of `_SPACELESS_CHARS`: E0 (U+0800-U+0FFF, Thai's
# block among them), E3-E9 (U+3000-U+9FFF) and EF (U+F000-U+FFFF).
_SPACELESS_LEADS = (b"\xe0", b"\xe3", b"\xe4", b"\xe5", b"\xe6", b"\xe7", b"\xe8", b"\xe9", b"\xef")


def _may_hold_spaceless(text: str) -> bool:
    """False when `text` holds none of `_SPACELESS_CHARS`: its UTF-8 encoding has none of
    their first bytes. On a long text the encoding and a byte search (C's memchr) per lead
    cost a quarter of the ``_SPACELESS_SCRIPT`` search (modern development set, 483 pages'
    visible texts: 7.6 against 29.7 ms); typographic quotes and dashes (E2) pass."""
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate (ED) is no lead here
    return any(lead in data for lead in _SPACELESS_LEADS)


def _words(text: str) -> int:
    # Text with none of those scripts (most pages) splits at whitespace alone, about 4x
    # faster: str.split's whitespace is the regex's \s, character for character. ASCII text
    # (every script above is not) skips the search: isascii() costs a twentieth of it.
    if text.isascii() or _SPACELESS_SCRIPT.search(text) is None:
        return len(text.split())
    return len(_TOKEN.findall(text))


_count_words = lru_cache(maxsize=_MEASURED_TEXTS)(_words)


# The characters str.split() splits at that _SPACES leaves alone: the information separators
# U+001C-U+001F, NEL and the ideographic space (every other str.isspace() character is in it).
_SPLIT_ONLY = re.compile("[\x1c-\x1f\x85\u3000]")


def squash_spaces(text: str) -> str:
    """Collapse runs of Latin whitespace; an ideographic space is part of CJK text."""
    if _SPLIT_ONLY.search(text) is None:  # then str.split cuts where _SPACES does: 2.5x faster
        return " ".join(text.split())
    return _SPACES.sub(" ", text).strip()


def unescape_references(text: str) -> str:
    """Decode HTML character references left in a value (`&ouml;`, `&#8216;`, `&amp;quot;`).

    JSON-LD is script text, which the HTML parser does not decode, and some CMSs escape
    attribute values twice; the references are decoded until none is left (at most three
    rounds). Unknown names such as `&foo;` stay as they are (`html.unescape`, WHATWG rules).
    """
    if "&" not in text:  # every reference starts with one: most values are read unscanned
        return text
    for _ in range(_MAX_UNESCAPE_ROUNDS):
        decoded = _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group(0)), text)
        if decoded == text:
            break
        text = decoded
    return text


def match_key(text: str) -> str:
    """``text``'s word characters only, casefolded: a body line and the page element showing
    it match whatever their spacing (a ``<br>`` between words, a space the extractor added
    around inline markup)."""
    return _match_key(text if type(text) is str else str(text))


@lru_cache(maxsize=_MEASURED_TEXTS)
def _match_key(text: str) -> str:
    if text.isascii():  # its word key without the spaces (ASCII casefold() is lower())
        return _word_key(text).replace(" ", "")
    return "".join(word_runs_of(text)).casefold()


def word_key(text: str) -> str:
    """``text``'s words (``\\w+`` runs) joined by one space and lowercased, with soft
    hyphens, zero-width marks and joiners dropped first (trafilatura drops them from what it
    returns): the key that matches a body line to the page paragraph it came from."""
    return _word_key(text if type(text) is str else str(text))


@lru_cache(maxsize=_MEASURED_TEXTS)
def _word_key(text: str) -> str:
    # a regex, not str.translate: translate with a mapping costs more than the word split;
    # ASCII text holds none of those marks and skips it (isascii() costs a twentieth), and
    # so does one ASCII but for typographic marks (``_plain_marks``: the same runs)
    plain = text if text.isascii() else _plain_marks(text)
    if plain.isascii():
        return " ".join(word_runs_of(plain)).lower()
    return " ".join(word_runs_of(_INVISIBLE_IN_KEYS.sub("", text))).lower()


# Elements whose own text the reader never sees; the text after them (their tail) is seen.
_UNSEEN = frozenset(("script", "style", "template", "noscript"))


def visible_texts(tree: HtmlElement, bodies: list[HtmlElement] | None = None) -> list[str]:
    """The text nodes of the page's `<body>`, in document order, but those directly inside
    `_UNSEEN` elements: what the XPath ``//body//text()[not(parent::script or parent::style
    or parent::template or parent::noscript)]`` returns, as plain strings. ``bodies``: the
    page's ``<body>`` elements in document order, when the caller found them already.

    One walk of the body's start and end events: on the modern development set it costs
    0.44 s CPU for 483 pages against 0.76-0.83 s for that XPath, whose four parent tests run
    on every text node (the results are the same on all 715 development pages). The unseen
    elements and their children are looked up in sets made first (libxml2 finds the few
    unseen elements in C), not read from each node's tag and parent: 8% less.
    """
    texts: list[str] = []
    add = texts.append
    if bodies is None:  # XPath's //body: lxml's parser makes one
        bodies = list(tree.iter("body"))
    for body in bodies:
        unseen = set(body.iter(*_UNSEEN))
        in_unseen = {child for element in unseen for child in element}
        # "start" gives an element's text; "end", "comment" and "pi" give a node's tail,
        # which is its parent's text node
        for event, node in etree.iterwalk(body, events=("start", "end", "comment", "pi")):
            if event == "start":
                text = node.text
                if text is not None and node not in unseen:
                    add(text)
            else:
                tail = node.tail
                if tail is not None and node not in in_unseen and node is not body:
                    add(tail)
    return texts


def text_content(el: HtmlElement) -> str:
    """``el.text_content()``: the text of `el` and its descendants. An element without child
    nodes (most links and many paragraphs) is read from its own text, not through lxml's
    XPath ``string()``, for a third of the cost; one with children is serialised as text by
    libxml2 (``etree.tostring(method="text")``): the content function that XPath's
    ``string()`` casts the element with, without an XPath evaluation per call (the same
    strings for all 334,310 elements with children of the 715 development pages, at 0.74x
    the CPU of ``text_content()`` on 20,000 modern-set paragraphs, items, links and divs)."""
    if len(el) == 0:
        return el.text or ""
    text: str = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
    return text


def element_text(el: HtmlElement) -> str:
    """The text of `el` and its descendants, whitespace runs collapsed to one space."""
    return " ".join(text_content(el).split())


def element_signature(el: HtmlElement) -> tuple[str, str]:
    """`el`'s tag and its class tokens sorted: ("div", "card news") for `<div class="news
    card">`. Siblings with one signature are repeats of one template (cards, blocks)."""
    return el.tag, " ".join(sorted((el.get("class") or "").split()))


def link_word_count(el: HtmlElement) -> int:
    """Words (``\\w+`` runs) inside the links (``<a>``) of `el`: with the element's own word
    count, its link density."""
    return sum(word_runs(text_content(a)) for a in el.iter("a"))  # keyed links: cached


def word_grams(text: str, n: int = 4) -> frozenset[tuple[str, ...]]:
    """The runs of `n` consecutive casefolded words of `text` (word shingles, as the
    near-duplicate measures of Broder 1997 use); empty when `text` has fewer than `n` words."""
    # an ASCII text's casefolded runs are its word key's words (see ``_word_runs``)
    words = word_key(text).split() if text.isascii() else word_runs_of(text.casefold())
    # zip of the n offset lists (the shortest ends it): the same tuples as slicing at each
    # word, built in C, for a third less CPU (drop_repeats and recovery shingle every line)
    return frozenset(zip(*(words[i:] for i in range(n)), strict=False))


def clean_text(text: str) -> str:
    """One line of text from markup: references decoded, text decoded twice repaired,
    invisible characters removed, every run of spaces (NBSP, thin spaces, tabs, newlines)
    one space, ends stripped.

    The page-level repair (`extract/decode.py`) sees JSON-LD's `\\u00c3\\u00a9` escapes and
    doubly escaped references (`&Atilde;&copy;`) as ASCII; decoded here they are "Ã©" and
    `fix_mojibake` (`newsflow.mojibake`) repairs them, before spaces are squashed (a pair's
    Latin-1 form can hold NBSP or NEL).
    """
    decoded = _decoded(text)
    # the invisible characters are all non-ASCII: an ASCII text is not scanned for them
    return squash_spaces(decoded if decoded.isascii() else _INVISIBLE.sub("", decoded))


def clean_multiline(text: str) -> str:
    """`clean_text` per line, blank lines dropped, lines joined by one newline."""
    # Repaired before splitting: str.splitlines cuts at NEL (U+0085), a continuation byte.
    lines = (clean_text(line) for line in _decoded(text).splitlines())
    return "\n".join(line for line in lines if line)


def _decoded(text: str) -> str:
    return fix_mojibake(unescape_references(text))
