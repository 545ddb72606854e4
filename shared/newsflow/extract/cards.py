"""A story told in cards: the run of prose cards after a short body (pure, no I/O).

Guides and lists ("the Michelin picks, bookable tonight", "where to eat in ...") give a short
introduction and then one card per entry: a name, a label line, a paragraph of prose. The
extractor keeps the introduction and leaves the cards out, as it would a grid of teasers, so
the body is short against the page's visible text. ``card_lines`` returns the cards' lines for
such a body.

A card list is told from a teaser grid by its prose: three or more sibling elements of one tag
and class, most of which hold a paragraph of 25 words or more that is a sentence and not mostly
link text. A teaser's excerpt is shorter, or is a link. The rule runs only on a body short
against its page (the caller's test), so a full story's teaser grid is never read.
On the modern development set it fires on 2 of 483 pages (a restaurant guide of 91 cards,
page F1 0.03 -> 0.91; a stock list where no card list follows the body, unchanged) and on none
of the 88 pages of the 2019 set.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from lxml.html import HtmlElement

from newsflow.extract.text import element_signature, element_text, link_word_count, word_key

__all__ = ["card_lines", "sibling_card_lines", "without_slide_counters"]

_WORD_RE = re.compile(r"\w+")
_MIN_CARDS = 3
# Share of the cards that hold a prose paragraph; the rest may be ads or promos in the run.
_PROSE_SHARE = 0.6
_PROSE_WORDS = 25
_SENTENCE_END = (".", "!", "?", "…", '"', "”")
_CARD_BLOCKS = ("h2", "h3", "h4", "p")
# Inside a card, these hold buttons, forms and pictures, not its text.
_SKIP_TAGS = frozenset(("figure", "figcaption", "form", "button", "nav", "aside", "noscript"))


def _is_prose(p: HtmlElement, min_words: int = _PROSE_WORDS) -> bool:
    """A paragraph of ``min_words`` words or more (25 unless told) that ends as a sentence and
    is not mostly links."""
    text = element_text(p)
    words = len(_WORD_RE.findall(text))
    return words >= min_words and text.endswith(_SENTENCE_END) and link_word_count(p) < words / 2


def _body_container(tree: HtmlElement, joined: str) -> HtmlElement | None:
    """The element whose paragraphs hold most of the body's text (``joined``, normalised)."""
    weights: Counter[HtmlElement] = Counter()
    for p in tree.iter("p"):
        n = word_key(p.text_content())
        parent = p.getparent()
        if len(n) >= 20 and n in joined and parent is not None:
            weights[parent] += len(n)
    return weights.most_common(1)[0][0] if weights else None


def _card_run(scope: HtmlElement, container: HtmlElement) -> list[HtmlElement]:
    """The first run of prose cards in ``scope`` after ``container``, or []."""
    after = False
    for el in scope.iter():
        if el is container:
            after = True
            continue
        if not after or not isinstance(el.tag, str) or container in el.iterancestors():
            continue
        kids = [c for c in el if isinstance(c.tag, str)]
        if len(kids) < _MIN_CARDS:
            continue
        signature, count = Counter(element_signature(c) for c in kids).most_common(1)[0]
        if count < _MIN_CARDS:
            continue
        cards = [c for c in kids if element_signature(c) == signature]
        prose = sum(1 for card in cards if any(_is_prose(p) for p in card.iter("p")))
        if prose >= _MIN_CARDS and prose >= _PROSE_SHARE * len(cards):
            return cards
    return []


def _skipped(el: HtmlElement, card: HtmlElement) -> bool:
    return any(a.tag in _SKIP_TAGS for a in el.iterancestors() if card in a.iterancestors())


def card_lines(tree: HtmlElement, lines: list[str]) -> list[str]:
    """The lines of the prose cards that follow a body's container, in page order.

    ``lines`` are the body's paragraphs, found in ``tree`` (a parsed page, not changed). Each
    card gives its subheadings and paragraphs; paragraphs that are only links ("Book now",
    "map") and lines the body already holds are left out. Returns [] when no card list
    follows the container within its parent.
    """
    norms = [word_key(line) for line in lines]
    kept, joined = set(norms), " ".join(norms)
    container = _body_container(tree, joined) if joined else None
    scope = container.getparent() if container is not None else None
    if container is None or scope is None:
        return []
    out: list[str] = []
    for card in _card_run(scope, container):
        for el in card.iter(_CARD_BLOCKS):
            text = element_text(el)
            words = len(_WORD_RE.findall(text))
            if not words or _skipped(el, card) or word_key(text) in kept:
                continue
            if el.tag == "p" and link_word_count(el) >= words:
                continue
            out.append(text)
    return out


# A slideshow's position line: "2 / 5", "2/5", "2 of 5".
_COUNTER_RE = re.compile(r"(\d{1,3}) ?(?:/|of) ?(\d{1,3})")


def _counter_total(line: str) -> str | None:
    """The total of a slide position line ("2 / 5" -> "5"), or None for any other line."""
    match = _COUNTER_RE.fullmatch(line.strip())
    return match[2] if match and 0 < int(match[1]) <= int(match[2]) else None


def without_slide_counters(lines: list[str]) -> list[str]:
    """``lines`` without a slideshow's position lines ("1 / 5", "2 of 5").

    A list article set as slides prints each card's place under its item ("3 / 7"): that
    is the slideshow's control, not the story's text. Lines of that form count as counters
    only when three or more of them share their total, so a lone fraction or score ("3/4")
    in a story stays.
    """
    totals = Counter(total for line in lines if (total := _counter_total(line)))
    runs = {total for total, count in totals.items() if count >= _MIN_CARDS}
    return [line for line in lines if _counter_total(line) not in runs] if runs else lines


# Levels a kept paragraph may stand below its item card (``sibling_card_lines``).
_ITEM_DEPTH = 3
# An item card's paragraph put back (``sibling_card_lines``): a sentence of this many words.
_ITEM_PROSE_WORDS = 12


def _item_card(
    p: HtmlElement, counts: dict[HtmlElement, Counter[tuple[str, str]]]
) -> HtmlElement | None:
    """The ancestor of paragraph ``p`` (at most ``_ITEM_DEPTH`` levels up) that is one of
    three or more siblings of one tag and class, or None."""
    node = p.getparent()
    for _ in range(_ITEM_DEPTH):
        parent = node.getparent() if node is not None else None
        if node is None or parent is None:
            return None
        if parent not in counts:
            counts[parent] = Counter(element_signature(c) for c in parent if isinstance(c.tag, str))
        if counts[parent][element_signature(node)] >= _MIN_CARDS:
            return node
        node = parent
    return None


def _is_item(card: HtmlElement) -> bool:
    """A list article's item card: a heading (h2-h4) and one paragraph of prose, no list or
    table (a guide's long section per product holds more)."""
    if next(card.iter("h2", "h3", "h4"), None) is None:
        return False
    if next(card.iter("ul", "ol", "table"), None) is not None:
        return False
    return sum(1 for p in card.iter("p") if _is_prose(p, _ITEM_PROSE_WORDS)) == 1


def sibling_card_lines(
    keys: dict[HtmlElement, str], lines: list[str], key_of: Callable[[str], str]
) -> list[str]:
    """``lines`` with the paragraphs of the item cards beside two or more kept ones put back.

    A list article sets each item as a card (a heading, a paragraph, a picture), one beside
    the other; the extractor keeps some cards' paragraphs and drops the rest (those near the
    end, or those whose card links out). Where two or more sibling cards of one tag and
    class have a kept paragraph and every card of the run is an item (``_is_item``: a
    heading and one paragraph of prose, no list or table), the prose paragraphs
    (``_ITEM_PROSE_WORDS`` words or more, a sentence, not mostly links) of every card of that
    run go back, in page order, after the kept line of the card before them. ``keys`` are the
    page's paragraphs and their word keys (document order), ``key_of`` the body lines' key
    function (``word_key``).
    """
    where: dict[str, int] = {}
    for i, line in enumerate(lines):
        where.setdefault(key_of(line), i)
    counts: dict[HtmlElement, Counter[tuple[str, str]]] = {}
    runs: dict[HtmlElement, dict[HtmlElement, int]] = {}  # card parent -> kept card -> last line
    card_of: dict[HtmlElement | None, HtmlElement | None] = {}  # a paragraph's parent -> card
    for p, key in keys.items():
        if key not in where:
            continue
        holder = p.getparent()
        if holder not in card_of:
            card_of[holder] = _item_card(p, counts)
        if (card := card_of[holder]) is not None:
            cards = runs.setdefault(card.getparent(), {})
            cards[card] = max(cards.get(card, -1), where[key])
    inserts: dict[int, list[str]] = {}  # line index -> lines to put after it
    for parent, kept in runs.items():
        if len(kept) < 2:
            continue
        signature = element_signature(next(iter(kept)))
        siblings = [
            c for c in parent if isinstance(c.tag, str) and element_signature(c) == signature
        ]
        if not all(_is_item(card) for card in siblings):
            continue
        anchor = min(kept.values()) - 1
        for card in siblings:
            if card in kept:
                anchor = kept[card]
                continue
            for p in card.iter("p"):
                if p in keys and keys[p] not in where and _is_prose(p, _ITEM_PROSE_WORDS):
                    inserts.setdefault(anchor, []).append(element_text(p))
    if not inserts:
        return lines
    out = list(inserts.get(-1, []))
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(i, []))
    return out
