"""Body lines that are not the story's own: the next story, lists of labelled teaser links.

Kinds of fault seen in the bodies of the metadata development set (issue 9), each told
apart by the page's markup, not by words of one language:

- **the next story**: pages that scroll on endlessly append the next article, an
  `<article>` with its own `<h1>`, after the story; the extractor reads on into it;
- **labelled teaser links**: two or more lines in a row, each a short label and a link to
  another story ("- Demenz: Ab wann Gedächtnislücken …", "- Policejní dokumenty: …"), in
  whatever language, are a related-stories list. A single such line stays: "Pro tip: <a>Get
  more meal ideas here!</a>" is the story's own on the 2019 development set.

Each line is matched to the page element that shows it (paragraphs, headings, list items);
a line no element shows whole is kept. Embedded social posts were measured and left in:
the metadata set's reference bodies drop them, the 2019 set's keep them (6 pages there
lose 0.03-0.23 F1 each, one page here gains).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_WORD = re.compile(r"\w+")
# Elements a body line comes from.
_LINE_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dd", "figcaption")
# "Les også: <link>": a label of at most three words before a colon, then a link holding
# most of the rest.
_LABEL = re.compile(r"^\W*(?:\w+\W+){0,2}\w+\s*:\s*\S")
_LABELLED_LINK_MAX_WORDS = 25
_LINK_SHARE = 0.6


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text)).casefold()


def drop_foreign(tree: HtmlElement, lines: list[str]) -> list[str]:
    """`lines` (the body's paragraphs, in order) without those that are not the story's.

    `tree` is the parsed page, only read. Never empties the body: when every line would go,
    `lines` is returned as it is.
    """
    if not lines:
        return lines
    shown = _elements_by_key(tree)
    kept = _before_next_story(lines, shown)
    teasers = [_is_labelled_link(line, shown) for line in kept]
    kept = [line for i, line in enumerate(kept) if not _in_run(teasers, i)]
    return kept or lines


def _elements_by_key(tree: HtmlElement) -> dict[str, HtmlElement]:
    """The first element showing each text, by its key."""
    out: dict[str, HtmlElement] = {}
    for element in tree.iter(*_LINE_TAGS):
        out.setdefault(_key(element.text_content()), element)
    return out


def _headed_article(element: HtmlElement) -> HtmlElement | None:
    """The nearest `<article>` around `element` that has a headline (`<h1>`) of its own."""
    for ancestor in element.iterancestors("article"):
        if ancestor.find(".//h1") is not None:
            return ancestor
    return None


def _before_next_story(lines: list[str], shown: dict[str, HtmlElement]) -> list[str]:
    """`lines` up to the first one shown in another headed article than the story's, when
    no later line returns to the story's."""
    homes: list[HtmlElement | None] = []
    for line in lines:
        element = shown.get(_key(line))
        homes.append(_headed_article(element) if element is not None else None)
    story = next((home for home in homes if home is not None), None)
    if story is None:
        return lines
    for i, home in enumerate(homes):
        if home is not None and home is not story:
            later = homes[i:]
            return lines if story in later else lines[:i]
    return lines


def _in_run(flags: list[bool], i: int) -> bool:
    """Whether `flags[i]` is set and so is a neighbour's: a run of two or more."""
    return flags[i] and ((i > 0 and flags[i - 1]) or (i + 1 < len(flags) and flags[i + 1]))


def _is_labelled_link(line: str, shown: dict[str, HtmlElement]) -> bool:
    words = _WORD.findall(line)
    if len(words) > _LABELLED_LINK_MAX_WORDS or not _LABEL.match(line):
        return False
    element = shown.get(_key(line))
    if element is None:
        return False
    link_words = sum(len(_WORD.findall(a.text_content())) for a in element.iter("a"))
    return link_words >= _LINK_SHARE * len(words)
