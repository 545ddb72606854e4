"""The story a page carries only in its scripts' data, for pages whose visible body is empty.

Pages rendered by a JavaScript framework may ship an empty shell and the story as data for the
framework to render: Next.js `__NEXT_DATA__` or streamed chunks, a React Query or Apollo
cache pushed from an inline `<script>` (`"contentHtml": "\\u003cp\\u003e…"`). The browser
shows that story; the HTML extractor sees nothing (one page of the metadata development set,
issue 9, whose story exists only there). JSON-LD `articleBody` is the declared form of the
same idea and is handled by `article._is_rescue`; this is the undeclared one.

The rule: among the JSON string literals of the inline scripts, the HTML fragment with the most
words in three or more paragraphs (`<p>`, captions left out) of at least 80 words in all is the
story. It is read only when the body extractor found no text at all, so it never competes with
a visible body; a data blob of teasers holds no such fragment (teasers are not paragraphs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import lxml.etree
from lxml.html import HtmlElement, fragment_fromstring

from newsflow.extract.classify import JS_PROMPT

# A JSON string literal long enough to hold a story (the cost: only scripts this long are read).
_LITERAL = re.compile(r'"((?:[^"\\]|\\.){400,})"')
_PARAGRAPH_MARK = re.compile(r"<p[\s>]|\\u003cp[\s>\\]", re.I)
_MIN_PARAGRAPHS = 3
_MIN_WORDS = 80  # as for a declared articleBody (article._DECLARED_BODY_MIN_WORDS)
_MIN_SCRIPT_CHARS = 400
_LINE_TAGS = ("p", "h2", "h3")
_CAPTION = re.compile(r"caption|credit", re.I)


class EmbeddedStory:
    """The long inline scripts of a page, and its `<noscript>` elements, kept before the body
    extractor strips them.

    Construct it on the parsed page (only reads it; cheap: it keeps references to the texts of
    scripts of 400 characters or more); call `paragraphs()`, then `noscript_paragraphs()`,
    only when the body is empty.
    """

    def __init__(
        self,
        tree: HtmlElement,
        scripts: Sequence[HtmlElement] | None = None,
        noscripts: Sequence[HtmlElement] = (),
    ) -> None:
        """`scripts`: the tree's `<script>` elements in document order (``tree.iter("script")``,
        `page_tags.PageTags`), when the caller has them: no walk of the page then.
        `noscripts`: its `<noscript>` elements (`PageSignals.noscripts`)."""
        self._scripts = [
            text
            for script in (tree.iter("script") if scripts is None else scripts)
            if (text := script.text) and len(text) >= _MIN_SCRIPT_CHARS
        ]
        # The page's text for readers without scripts (its <noscript> elements, which the
        # caller has found: libxml2 runs no script, so it parses their content as elements,
        # which the body extractor removes with the tag).
        self._noscripts = noscripts

    def paragraphs(self) -> list[str]:
        """The story's paragraphs and subheadings from the scripts' data, or [] when none
        holds three paragraphs of 80 words or more."""
        best: list[str] = []
        best_words = _MIN_WORDS - 1
        for text in self._scripts:
            if not _PARAGRAPH_MARK.search(text):
                continue
            for match in _LITERAL.finditer(text):
                lines = _fragment_lines(match.group(1))
                words = sum(len(line.split()) for line in lines)
                if words > best_words:
                    best, best_words = lines, words
        return best

    def noscript_paragraphs(self) -> list[str]:
        """The story's paragraphs and subheadings from the page's ``<noscript>`` elements (a
        script-rendered page's fallback), by the same rule as `paragraphs`, or []. A line
        asking for JavaScript (``classify.JS_PROMPT``) is the fallback's prompt, not the
        story's: the other lines must make a story (`_MIN_PARAGRAPHS` lines, `_MIN_WORDS`),
        so a fallback of browser help ("Please enable JavaScript ... update your browser
        ... contact support") is none."""
        best: list[str] = []
        best_words = _MIN_WORDS - 1
        for element in self._noscripts:
            lines = [line for line in _lines(element) if not JS_PROMPT.search(line)]
            if len(lines) < _MIN_PARAGRAPHS:
                continue
            if (words := sum(len(line.split()) for line in lines)) > best_words:
                best, best_words = lines, words
        return best


def _fragment_lines(literal: str) -> list[str]:
    """The paragraph texts of an HTML fragment written as a JSON string literal's body."""
    if not _PARAGRAPH_MARK.search(literal):
        return []
    try:
        html = json.loads(f'"{literal}"')
        fragment = fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return []
    return _lines(fragment)


def _lines(fragment: HtmlElement) -> list[str]:
    """The texts of the paragraphs and subheadings under `fragment` (captions left out), or
    [] when it holds fewer than `_MIN_PARAGRAPHS` paragraphs."""
    lines = [
        " ".join(element.text_content().split())
        for element in fragment.iter(*_LINE_TAGS)
        if not _in_caption(element, fragment)
    ]
    lines = [line for line in lines if line]
    paragraphs = sum(1 for element in fragment.iter("p") if not _in_caption(element, fragment))
    return lines if paragraphs >= _MIN_PARAGRAPHS else []


def _in_caption(element: HtmlElement, root: HtmlElement) -> bool:
    node: HtmlElement | None = element
    while node is not None and node is not root:
        if node.tag in ("figure", "figcaption") or _CAPTION.search(node.get("class") or ""):
            return True
        node = node.getparent()
    return False
