"""Article images with their captions and credits, kept out of the body text."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsflow.extract.xpath import elements
from newsflow.models import Image
from newsflow.urls import page_http_url

_CREDIT_CLASS = re.compile(r"credit|copyright|byline|source|photographer|author", re.I)
# "(AP Photo/Jane Doe)", "Photo: Reuters", "Foto: dpa", "Getty Images" at the end of a caption.
_CREDIT_TAIL = re.compile(
    r"[\s(\[]*((?:[\w&-]+\s+){0,3}?"
    r"(?:Photo|Foto|Photograph|Picture|Image|Bild|Crédit|Credit)s?\s*(?:[:/]|by)\s*[^()\[\]]+"
    r"|(?:AP|AFP|Reuters|EPA|dpa|Getty Images|Shutterstock|iStock)(?:/[^()\[\]]+)?)[)\]\s.]*$",
    re.I,
)
_MAX_IMAGES = 30
# A figure in the site's menu (a mega-menu's featured story) is not the article's picture.
_IN_MENU = etree.XPath("ancestor::nav|ancestor::*[@role='navigation']")  # compiled once
_SRC_ATTRS = ("src", "data-src", "data-original", "data-lazy-src")


def _image_url(img: HtmlElement, base: str) -> str | None:
    for attr in _SRC_ATTRS:
        value = img.get(attr)
        if value and not value.startswith("data:"):
            url = page_http_url(value, base, normalized=True)
            if url:
                return url
    return None


def split_credit(caption: str) -> tuple[str | None, str | None]:
    """A caption's own text and its photo credit, told apart."""
    text = " ".join(caption.split())
    match = _CREDIT_TAIL.search(text)
    if not match:
        return text or None, None
    credit = match.group(1).strip(" .")
    rest = text[: match.start()].strip(" .,;–—-")
    return (rest or None), (credit or None)


def collect_images(
    tree: HtmlElement, base: str, figures: list[HtmlElement] | None = None
) -> list[Image]:
    """Images inside <figure> elements, with caption and credit; must run on the untouched tree.

    Figures inside the site's navigation (``<nav>``, ``role="navigation"``) are left out: a
    mega-menu's featured stories are teasers, and their captions would otherwise count as a
    photo gallery's text (on the modern development set one page's menu teasers, 180 words,
    were added to a 120-word story). `figures`: the tree's `<figure>` elements in document
    order (``tree.iter("figure")``, `page_tags.PageTags`), when the caller has them.
    """
    images: list[Image] = []
    seen: set[str] = set()
    for figure in tree.iter("figure") if figures is None else figures:
        if elements(_IN_MENU, figure):
            continue
        img = next(figure.iter("img", "amp-img"), None)
        url = _image_url(img, base) if img is not None else None
        if url is None or url in seen:
            continue
        seen.add(url)
        credit_parts = [
            " ".join(el.text_content().split())
            for el in figure.iter()
            if isinstance(el.tag, str) and _CREDIT_CLASS.search(el.get("class", ""))
        ]
        caption_el = next(figure.iter("figcaption"), None)
        caption_text = caption_el.text_content() if caption_el is not None else ""
        for part in credit_parts:
            caption_text = caption_text.replace(part, " ")
        caption, credit = split_credit(caption_text)
        credit = next((p for p in credit_parts if p), None) or credit
        images.append(Image(url=url, caption=caption, credit=credit))
        if len(images) >= _MAX_IMAGES:
            break
    return images
