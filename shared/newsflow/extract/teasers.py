"""Teaser grids the extractor took for the story (pure, no I/O).

A short article page ends with a grid of other stories ("More stories", "Latest"): each
card a headline linking to another page and an excerpt of a sentence or two. When the story
itself is short, the extractor weighs the grid's excerpts as article text and keeps them.
``drop_teasers`` takes such cards' lines back out.

A teaser card is one of three or more siblings of one tag and class whose headline is a
link (three words or more, outside its paragraphs) and whose paragraphs hold 40 words or
fewer in all. A guide's or list's card (``cards``) is told apart by its prose: a longer
paragraph, or several. A card whose headline links to another site (a list article's item
heading linked to a shop or a venue) is no teaser of the site's own stories.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree
from lxml.html import HtmlElement

from newsflow.extract.text import (
    count_words,
    element_signature,
    element_text,
    text_content,
    word_key,
)
from newsflow.extract.xpath import elements
from newsflow.urls import site_domain

__all__ = ["drop_teasers"]

_MIN_CARDS = 3
_EXCERPT_MAX_WORDS = 40
_EXCERPT_MIN_WORDS = 8
# Words of a card besides its excerpt: the headline, a date, a section label, "Read more".
_CARD_EXTRA_WORDS = 25
_HEADLINE_MIN_WORDS = 3
# A list article's introduction right before its item cards (``_after_prose``).
_INTRO_MIN_WORDS = 20
# Headline links; their card is at most this many levels above the link.
# (descendant::, not //: libxml2 builds no set of every node under the body first)
_HEADLINE_LINKS = etree.XPath(
    "//body/descendant::a[@href][not(starts-with(@href, '#'))][not(ancestor::p)]"
)
_CARD_DEPTH = 4


class _Grids:
    """The signatures (``element_signature``) of the children of the elements a page's
    headline links climb through, counted once per parent. Siblings of one template share
    their tag and class value, so each distinct pair is put in order once, not once per
    element: a page's menus and grids repeat a few class values hundreds of times."""

    def __init__(self) -> None:
        self.counts: dict[HtmlElement, Counter[tuple[str, str]]] = {}
        self._signatures: dict[tuple[str, str | None], tuple[str, str]] = {}

    def signature(self, element: HtmlElement) -> tuple[str, str]:
        """``element_signature(element)``, worked out once per tag and class value."""
        raw = (element.tag, element.get("class"))
        if raw not in self._signatures:
            self._signatures[raw] = element_signature(element)
        return self._signatures[raw]

    def is_repeated(self, node: HtmlElement, parent: HtmlElement) -> bool:
        """Whether `parent` has `_MIN_CARDS` or more child elements of `node`'s signature."""
        if parent not in self.counts:
            self.counts[parent] = Counter(
                self.signature(c) for c in parent if isinstance(c.tag, str)
            )
        return self.counts[parent][self.signature(node)] >= _MIN_CARDS


def _card_of(link: HtmlElement, grids: _Grids) -> HtmlElement | None:
    """The ancestor of ``link`` that is one card of a grid of like siblings, if any."""
    node = link
    for _ in range(_CARD_DEPTH):
        parent = node.getparent()
        if parent is None:
            return None
        # fewer children than cards: no grid
        if node is not link and len(parent) >= _MIN_CARDS and grids.is_repeated(node, parent):
            return node
        node = parent
    return None


def _teaser_lines(card: HtmlElement, link: HtmlElement) -> list[str] | None:
    """The headline and excerpt of a teaser card, or None when the card holds prose."""
    if next(card.iterdescendants("ul", "ol"), None) is not None:
        return None  # a course's or product's card: its list is the guide's text
    paragraphs = [element_text(p) for p in card.iter("p")]
    words = sum(count_words(p) for p in paragraphs)
    if not _EXCERPT_MIN_WORDS <= words <= _EXCERPT_MAX_WORDS:
        return None
    if count_words(element_text(card)) > words + _CARD_EXTRA_WORDS:
        return None  # more than a headline, a date and a label beside the excerpt
    return [element_text(link), *paragraphs]


def _after_prose(card: HtmlElement) -> bool:
    """Whether the element before the grid's first card, or before the grid when the card
    opens it, is a paragraph of prose (``_INTRO_MIN_WORDS`` words or more, ending as a
    sentence): a list article's introduction runs into its item cards, where a teaser grid
    stands under its own heading ("More stories") or apart from the story."""
    first = card
    while (before := first.getprevious()) is not None and before.tag == card.tag:
        first = before
    parent = first.getparent()
    if before is None and parent is not None:
        before = parent.getprevious()
    if before is None or before.tag != "p":
        return False
    text = element_text(before)
    return count_words(text) >= _INTRO_MIN_WORDS and text.endswith((".", "!", "?", "…"))


def teaser_keys(tree: HtmlElement, url: str | None = None) -> set[str]:
    """The comparison keys (``word_key``) of the headlines and excerpts of teaser grids.

    A grid is a teaser grid when three or more of its cards, and at least half of them, are
    teaser cards: a guide's one short entry among long ones is not a teaser. With the page's
    ``url``, a headline link to another site (``urls.site_domain``) heads no teaser.
    """
    site = site_domain(url or "")
    grids = _Grids()
    found: dict[HtmlElement, dict[HtmlElement, list[str] | None]] = {}
    for link in elements(_HEADLINE_LINKS, tree):
        # a link without children (most menu links) shows its own text: read at once
        # (text_content), one with children is serialised as text
        if count_words(text_content(link)) < _HEADLINE_MIN_WORDS:
            continue
        card = _card_of(link, grids)
        parent = card.getparent() if card is not None else None
        if card is None or parent is None or card in found.get(parent, {}):
            continue
        if site and site_domain(link.get("href") or "") not in ("", site):
            continue  # a shop's or venue's page: the card is an item of a list article
        found.setdefault(parent, {})[card] = _teaser_lines(card, link)
    keys: set[str] = set()
    for parent, cards in found.items():
        teasers = [lines for lines in cards.values() if lines]
        siblings = max(grids.counts[parent].values())
        if _after_prose(next(iter(cards))):
            continue  # the story's introduction leads into them: a list article's items
        if len(teasers) >= _MIN_CARDS and 2 * len(teasers) >= siblings:
            keys.update(word_key(line) for lines in teasers for line in lines)
    keys.discard("")
    return keys


def drop_teasers(tree: HtmlElement, lines: list[str], url: str | None = None) -> list[str]:
    """``lines`` without those that are a teaser card's headline or excerpt.

    ``tree`` is the parsed page the lines came from (not changed), ``url`` its address. The
    body is never emptied: when every line is a teaser, ``lines`` is returned as it is.
    """
    keys = teaser_keys(tree, url)
    if not keys:
        return lines
    kept = [line for line in lines if word_key(line) not in keys]
    return kept if kept else lines
