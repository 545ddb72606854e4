"""Sponsor blocks inside a story's text: "Together with ...", "Sponsored by ...", "Presented
by ..." (pure).

Newsletters set a paid segment between their own sections: a block that opens with a sponsor
label, a pitch and a link ("TOGETHER WITH NIMBUS / Your receipts, sorted in seconds ... /
Try Nimbus free"). Its markup is the newsletter's own, so the extractor kept it as text: on
the invented beehiiv-like pages (tests/fixtures/invented 03, 27) it was most of what they
added. No development page's body holds one. An ad slot's bare "Advertisement" label is not
one: its slot holds no text, and the nearest block with text around it can be the story's
(a paragraph wrapping a banner, on a metadata development page, lost its text with it).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsflow.extract.classify import leads_off_the_page
from newsflow.extract.summary_box import (
    LABEL_MAX_CHARS,
    LABEL_TAGS,
    box_around,
    common_ancestor,
)
from newsflow.extract.text import element_text, word_key

__all__ = ["without_sponsor_boxes"]

# A sponsor's label, alone on its line: a name may follow the phrases that take one.
_SPONSOR_RE = re.compile(
    r"^\W*(?:(?:together\s+with|sponsored\s+by|presented\s+by|brought\s+to\s+you\s+by|"
    r"in\s+partnership\s+with)\s+\S[^.!?]{0,40}|sponsored(?:\s+content)?|paid\s+(?:post|content)|"
    r"partner\s+content|from\s+our\s+(?:sponsors?|partners?))\W*$",
    re.I,
)


def _sponsor_boxes(container: HtmlElement, story: tuple[HtmlElement, ...]) -> list[HtmlElement]:
    """The boxes (``summary_box.box_around``) of the sponsor labels in `container` that
    hold none of the `story` elements (the first and last kept paragraphs)."""
    out: list[HtmlElement] = []
    for el in container.iter(*LABEL_TAGS):
        text = el.text
        if not text or len(text) > LABEL_MAX_CHARS or len(el) > 1:
            continue
        if not _SPONSOR_RE.match(element_text(el)):
            continue
        box = box_around(el)
        if (
            box is not None
            and box is not container
            and any(leads_off_the_page(a) for a in box.iter("a"))  # the pitch's link
            and not any(box is s or box in s.iterancestors() for s in story)
        ):
            out.append(box)
    return out


def without_sponsor_boxes(lines: list[str], held: list[HtmlElement]) -> list[str]:
    """The body's `lines` without the lines of sponsor blocks inside the story's container.

    A sponsor block is the smallest block around a sponsor label (``_SPONSOR_RE``:
    "Together with ...", "Sponsored by ...", "Presented by ...", "Advertisement", ...) in the
    common ancestor of the first and last kept paragraphs (`held`, from
    ``summary_box.kept_paragraphs``), that holds 8 to 200 words besides the label, not mostly
    links, a link with an address (the pitch's call to action: a story's section under
    "Together with Europe" may link nowhere), and neither of those two paragraphs. A line goes
    when its word key stands in a block's text.
    """
    if len(held) < 2:
        return lines
    container = common_ancestor(held[0], held[-1])
    boxes = _sponsor_boxes(container, (held[0], held[-1])) if container is not None else []
    if not boxes:
        return lines
    texts = [word_key(box.text_content()) for box in boxes]
    return [line for line in lines if not _in_any(word_key(line), texts)]


def _in_any(key: str, texts: list[str]) -> bool:
    return bool(key) and any(key in text for text in texts)
