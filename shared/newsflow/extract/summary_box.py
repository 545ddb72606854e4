"""A story's summary box above its text: "Key points", "Key takeaways", "TL;DR" (pure).

Live blogs and explainers open the story's text with a box of its main points under a
label, before the first entry or paragraph. Trafilatura drops it as a list before the text,
and recovery (``body._recover``) only puts back blocks between the story's kept parts: the
invented live blogs (tests/fixtures/invented 16, 18) lost their "Key points" and "What we
know so far" boxes, which are the story's (lists inside an article are article text).

Only a box inside the story's container counts. A box in the header area, beside the
headline and byline, is kept by some truths and not others: with it, 4 development pages
changed, 3 for the worse (a 2019 business page's "Key Points" 1.000 -> 0.938 F1, a modern
investing guide's 0.995 -> 0.980; one modern stock list 0.909 -> 0.916).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from lxml.html import HtmlElement

from newsflow.extract.blocks import HEADINGS, LIST_ITEM
from newsflow.extract.text import element_text, link_word_count, word_runs

__all__ = [
    "LABEL_MAX_CHARS",
    "LABEL_TAGS",
    "box_around",
    "common_ancestor",
    "kept_paragraphs",
    "with_summary_box",
]

# The box's label, alone on its line (a colon and a few words of topic may follow: "Key
# Takeaways on AI Pricing", "TL;DR for self-employed people").
_LABEL_RE = re.compile(
    r"^\s*(?:key\s+(?:points|takeaways|facts)|takeaways|tl;?\s?dr|at\s+a\s+glance|"
    r"in\s+brief|what\s+we\s+know(?:\s+so\s+far)?|what\s+you\s+need\s+to\s+know|"
    r"the\s+short\s+version|quick\s+summary|article\s+summary)\b[^.!?]{0,40}$",
    re.I,
)
LABEL_TAGS = (*sorted(HEADINGS), "strong", "b", "p", "dt", "div", "span")
LABEL_MAX_CHARS = 60
# A summary, not a section: the box holds 8 words or more besides its label and at most 200.
_BOX_MIN_WORDS = 8
_BOX_MAX_WORDS = 200
_SKIPPED = frozenset(("nav", "aside", "footer", "form", "button", "figure", "figcaption"))


def _label(container: HtmlElement, before: HtmlElement) -> HtmlElement | None:
    """The first summary label (``_LABEL_RE``) in `container` before the element `before`
    and after any ``<h1>`` there, outside navigation, asides and footers."""
    found = None
    for el in container.iter("h1", *LABEL_TAGS):
        if el is before:
            return found
        if el.tag == "h1":
            found = None  # what stands above the headline is the page's, not the story's
            continue
        text = el.text
        if found is not None or not text or len(text) > LABEL_MAX_CHARS or len(el) > 1:
            continue
        if _LABEL_RE.match(element_text(el)) and not any(
            a.tag in _SKIPPED for a in el.iterancestors()
        ):
            found = el
    return None


def box_around(label: HtmlElement) -> HtmlElement | None:
    """The smallest ancestor of `label` holding more than the label (8 words or more), when
    it holds 200 words at most, at most half of them in links (not a box of other stories)."""
    label_words = word_runs(element_text(label))
    for up in label.iterancestors():
        words = word_runs(up.text_content())
        if words - label_words >= _BOX_MIN_WORDS:
            links = link_word_count(up)
            return up if words <= _BOX_MAX_WORDS and 2 * links <= words else None
    return None


def _box_lines(box: HtmlElement, label: HtmlElement) -> list[str]:
    """The label, then the box's list items ("- item") and paragraphs, in order."""
    out = [element_text(label).rstrip(":").strip()]
    for el in box.iter("li", "p"):
        if el is label or label in el.iterancestors() or el in label.iterancestors():
            continue
        if el.tag == "p" and next(el.iterancestors("li"), None) is not None:
            continue  # a paragraph inside an item is the item's
        text = element_text(el)
        if text:
            out.append(f"{LIST_ITEM}{text}" if el.tag == "li" else text)
    return out


def common_ancestor(a: HtmlElement, b: HtmlElement) -> HtmlElement | None:
    """The closest element above both `a` and `b` (None when they share no tree)."""
    above_a = set(a.iterancestors())
    return next((up for up in b.iterancestors() if up in above_a), None)


def kept_paragraphs(
    lines: list[str], paragraph_keys: Mapping[HtmlElement, str], line_key: Callable[[str], str]
) -> list[HtmlElement]:
    """The page's ``<p>`` elements (`paragraph_keys`, to their word keys, in document order)
    that the body kept: their key is a line's (``line_key(line)``)."""
    kept = {line_key(line) for line in lines}
    return [p for p, key in paragraph_keys.items() if key in kept]


def with_summary_box(
    lines: list[str], held: list[HtmlElement], line_key: Callable[[str], str]
) -> list[str]:
    """The body's `lines` with the story's summary box set before them, when there is one.

    A box is the smallest block around a summary label (``_LABEL_RE``: "Key points", "Key
    takeaways", "TL;DR", "At a glance", "What we know so far", ...) inside the story's
    container (the common ancestor of the first and last kept paragraphs, `held`, from
    ``kept_paragraphs``), before the first kept paragraph and after any ``<h1>`` there; it
    holds 8 to 200 words besides its label, not mostly links, and no line the body kept
    (``line_key`` gives a line's word key). Its lines: the label without its colon, then its
    list items ("- item") and paragraphs in order.
    """
    if len(held) < 2:
        return lines
    container = common_ancestor(held[0], held[-1])
    label = _label(container, held[0]) if container is not None else None
    box = box_around(label) if label is not None else None
    if box is None or label is None or box is container or held[0] in box.iter():
        return lines
    found = _box_lines(box, label)
    kept = {line_key(line) for line in lines}
    if len(found) < 2 or any(line_key(line) in kept for line in found[1:]):
        return lines
    return [*found, *lines]
