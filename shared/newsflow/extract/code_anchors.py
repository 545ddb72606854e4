"""Kept code blocks as anchors for recovered blocks' reading order (pure).

Recovery (``body._recover_container``, ``body._recover_sections``) slots each block it puts
back after the kept paragraph (``<p>``) that precedes it in the page. A tutorial's kept code
block (``<pre>``) between that paragraph and the recovered subheading was not an anchor, so
the subheading went in above the code it follows: on the invented Forem-like post
(tests/fixtures/invented 51) each section's heading stood over the previous section's code.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from lxml.html import HtmlElement

from newsflow.extract.text import word_key

__all__ = ["code_anchors"]


def code_anchors(
    tree: HtmlElement,
    placed: Collection[str],
    order: Mapping[HtmlElement, int],
    line_of: Mapping[str, int],
) -> list[tuple[int, int]]:
    """(document position, line index) of each ``<pre>`` block whose last line with a word
    the body kept: `line_of` maps the body lines' word keys to their index. A block's
    position is one more than the placed element's before it (`order`, even numbers for the
    elements of the `placed` tags), so it sorts between that element and the next.
    """
    out: list[tuple[int, int]] = []
    last = 0
    for el in tree.iter("pre", *placed):
        if el.tag != "pre":
            last = order.get(el, last)
            continue
        # its last line with a word: a closing "}" or "});" line has none, and every block
        # of a C-like language shares it (it keyed the first such line of the body)
        keys = [key for line in el.text_content().splitlines() if (key := word_key(line))]
        if keys and (i := line_of.get(keys[-1])) is not None:
            out.append((last + 1, i))
    return out
