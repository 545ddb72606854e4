"""The story's container continued after an inline module: later siblings of its kind (pure).

News templates split a story's text container around an inline module: a sign-up box, a
"most popular" promo, a video or an ad slot closes the body's ``<div class="article-body">``
and the text goes on in a second one beside it (``<div class="article-body
article-body--continued">``). Trafilatura's body expressions take the first match;
recovery reads a part of exactly the same class as the container (``body._recover_container``'s
cousins), but one whose class adds a modifier only as a page builder's section
(``body._recover_sections``), which must stand before the story's last kept line. So the
rest of the story was dropped: on 3 of the 40 first invented pages (tests/fixtures/invented,
news and long-read pages) a quarter to a half of the story.
"""

from __future__ import annotations

from lxml.html import HtmlElement

__all__ = ["continuations"]

# Elements between two parts of a split story: a module, an ad slot and a spacer at most.
_MAX_BETWEEN = 3


def _classes(el: HtmlElement) -> frozenset[str]:
    return frozenset((el.get("class") or "").split())


def continuations(container: HtmlElement) -> list[HtmlElement]:
    """The later siblings of `container` that continue it, in the page's order: of its tag,
    carrying every class of its class value (the same value, or one with a modifier added:
    "article-body article-body--continued"), each within three elements of the part before
    it. A container without a class has none. The caller decides whether a part holds story
    (prose, not kept yet, no form controls, not links).

    ``container`` is the parent of the story's kept paragraphs. Siblings that share only a
    class with it are other blocks: a page builder's widgets ("elementor-element
    elementor-element-a64f0c6 ..." beside "elementor-element elementor-element-fe80 ...")
    or a call to action after the text ("text-copy" after "text-copy bodyCopy"). A second
    story further down an endless-scroll page sits in another ``<article>``, not beside the
    first one's text.
    """
    classes = _classes(container)
    if not classes:
        return []
    out: list[HtmlElement] = []
    between = 0
    for sibling in container.itersiblings():
        if not isinstance(sibling.tag, str):  # a comment or processing instruction
            continue
        if sibling.tag == container.tag and classes <= _classes(sibling):
            out.append(sibling)
            between = 0
            continue
        between += 1
        if between > _MAX_BETWEEN:
            break
    return out
