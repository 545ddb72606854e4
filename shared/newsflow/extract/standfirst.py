"""The standfirst: the summary a publisher sets between the headline and the story.

Standfirst (also dek, subheadline, lead, "Vorspann", "chapeau") is the newsroom's term for the
one or two sentences in larger type under the headline that sum the story up. It is the
article's own text, but not the story's first paragraph: the 2019 article-extraction gold
leaves it out of the main text, and the metadata development set's reference (issue 9) puts it
before the body (its `summary` field, on 111 of 144 pages). newsflow keeps it in its own field,
`Article.standfirst`, and never in `body_text`.

The page says which element it is: the element whose whole text is the summary the page
declares for itself (`og:description`, `<meta name=description>`, `twitter:description`,
JSON-LD `description`), when that element stands before the story's first paragraph and
outside a link (a teaser of another story), a caption, navigation or a form. A description
that only opens the story (many CMSs copy the first paragraph into it) is the story's lede,
not a standfirst, and stays in the body: the element showing it is one of a run of blocks of
the same tag and class (the story's `<p>`s), where a standfirst differs from what follows it
(a byline, the story's container). On the 2019 development set this tells 5 ledes from
standfirsts that the description alone took for one.

Where no description is shown whole (it was written for search engines and differs from the
dek), the first element after the page's `<h1>` whose class names a standfirst in the
newsroom's terms ("article__lead", "hero__excerpt", "post-subtitle", "intro-text"; the last
part of the class), of 6 to 120 words, under the same conditions, is the standfirst. Measured
on the metadata development set: 62 -> 68 pages whose standfirst equals the reference's
summary, none worse; no change on the 2019 set.

Two steps, as the body extractor consumes the parsed tree: `find_standfirst` reads the tree
before it, `separate_standfirst` then checks the candidate against the body's lines.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import re2
from lxml import etree
from lxml.html import HtmlElement

from newsflow.extract.text import match_key
from newsflow.extract.walk import PageWalk
from newsflow.extract.xpath import attribute_values, elements

# A standfirst is a sentence or more; shorter descriptions are slogans or section names.
_MIN_WORDS = 6
# Where a standfirst never stands: inside a link (a teaser of another story), a caption,
# navigation or a form.
_NOT_STANDFIRST = frozenset(("a", "figure", "figcaption", "nav", "footer", "form", "button"))
# The words that recognise a paragraph's start in the page.
_START_WORDS = 4
_CODE = frozenset(("script", "style", "template", "noscript"))
# Class names newsrooms give the standfirst, as the last part of a class ("article__lead",
# "hero__excerpt", "post-subtitle"), or before a last "text" part ("intro-text").
_MARK_WORDS = frozenset(
    (
        *("standfirst", "dek", "deck", "subtitle", "subline", "subhead", "subheadline"),
        *("excerpt", "lead", "intro", "summary", "chapeau", "chapo", "sapo", "spot"),
        *("vorspann", "abstract"),
    )
)
_CLASS_PARTS = re.compile(r"[-_]+")
# A cheap first test of a class (the exact one is `_is_marked`); RE2's automaton finds them
# all in one pass over a page's class values (`_marked_classes`).
_MARK_HINT = re.compile("|".join(sorted(_MARK_WORDS)))
_MARK_HINTS = re2.compile(_MARK_HINT.pattern.encode())
# descendant::, not .//: libxml2 builds no set of every node first
_CONTAINING = etree.XPath("descendant::text()[contains(., $word)]")
_PRECEDING = etree.XPath("count(preceding::*)")  # document order, for two or three elements
# ... and at most a paragraph: a longer "description" is the story itself (JSON-LD
# descriptions that copy the whole text; a "summary" class on the story's container).
_MAX_WORDS = 120
# Figures and captions: their text is never a standfirst's.
_FIGURES = frozenset(("figure", "figcaption"))
# Tags that start a line of a standfirst's text.
_BLOCKS = frozenset(("br", "p", "li", "div", "h2", "h3", "h4", "h5", "h6"))
_WORD = re.compile(r"\w+")
# Joins attribute values: never in one (libxml2's strings end at the first NUL).
_SEPARATOR = "\0"
# Tags of a subheadline set right under the headline.
_SUBHEADINGS = frozenset(("h2", "h3", "h4"))
# The first <body> of the page and the first <h1> in it, as ElementPath's find(".//body")
# gives them. lxml's iterators, which find() walks, look ahead for the next match before
# they return one: each find walked on to the end of the page (or the next <h1>); libxml2's
# XPath stops at the first match of a step with [1] (modern development set, the page's
# tree as the pipeline has it: about 0.02 ms of CPU a page saved for the <body>).
_FIRST_BODY = etree.XPath("descendant::body[1]")
_FIRST_HEADLINE = etree.XPath("descendant::h1[1]")


# The first `_START_WORDS` words: each `\w+` run whole, as a run can only end before `\W`.
_FIRST_WORDS = re.compile(r"\W*" + r"\W+".join([r"(\w+)"] * _START_WORDS))


def _start(text: str) -> str | None:
    """The key of the text's first four words; None for a shorter text."""
    words = _FIRST_WORDS.match(text)
    return "".join(words.groups()).casefold() if words else None


@dataclass(frozen=True)
class Standfirst:
    """A standfirst the page shows, before the body extractor has run.

    `lines`: its text, one line per `<br>`-separated part; `before`: the starts (first four
    words, casefolded) of the texts the page shows before it, to tell whether the story began
    earlier.
    """

    lines: list[str]
    before: frozenset[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def find_standfirst(
    tree: HtmlElement,
    descriptions: Iterable[str],
    marks: Collection[str] | None = None,
    texts: Sequence[str] | None = None,
    walk: PageWalk | None = None,
) -> Standfirst | None:
    """The element of `tree` that shows one of the page's `descriptions` whole, else the one
    after the `<h1>` whose class names a standfirst; None when neither is found.

    `tree` is the parsed page, only read (run it before the body extractor consumes it).
    `descriptions`: the page's declared summaries in order of trust, already unescaped (those
    under six or over 120 words are ignored). Elements inside links, captions, navigation and
    forms, and the first of a run of like blocks (the lede), are never the standfirst.
    `marks`: the page's distinct class values (`xpath.class_and_id_values`; a superset is
    fine), and `texts` its visible text nodes (`text.visible_texts`), when the caller has
    read them already; `walk`, the page's elements (`walk.PageWalk` of the unchanged tree),
    whose class look-ups then stand for `marks` and for a walk of the page after the `<h1>`.
    """
    body = _first(_FIRST_BODY, tree)
    if body is None:
        return None
    sized = [t for t in descriptions if _MIN_WORDS <= len(_WORD.findall(t)) <= _MAX_WORDS]
    element = _described(body, sized, texts)
    if element is None:
        headline = _first(_FIRST_HEADLINE, body)
        if headline is None:
            return None
        element = _marked(body, headline, marks, walk)
        if element is None:
            element = _subheadline(headline)
    return None if element is None else Standfirst(_lines(element), _starts_before(body, element))


def _first(path: etree.XPath, element: HtmlElement) -> HtmlElement | None:
    """The first element `path` finds from `element`, or None."""
    found = elements(path, element)
    return found[0] if found else None


def _described(
    body: HtmlElement, descriptions: list[str], texts: Sequence[str] | None
) -> HtmlElement | None:
    """The first element in the page showing a description whole, looked for from the texts
    holding its first word (an XPath search: walking every text of the page costs more)."""
    found = (_showing_description(body, d, texts) for d in dict.fromkeys(descriptions))
    shown = [element for element in found if element is not None]
    if len(shown) > 1:
        shown.sort(key=_PRECEDING)
    return shown[0] if shown else None


def _showing_description(
    body: HtmlElement, description: str, texts: Sequence[str] | None
) -> HtmlElement | None:
    """The element showing `description` whole, found from a text node that opens it.
    `texts`, the page's visible text nodes (a superset of those the search may take: no
    text directly in a script, style, template or noscript), answer most descriptions
    without the search when none holds the first word and may open it (modern development
    set: 121 of 167; a fifth of the search's cost)."""
    key, first = match_key(description), _WORD.search(description)
    if first is None:
        return None
    word = first.group()
    if texts is not None and not any(_may_open(t, key) for t in texts if word in t):
        return None
    for text in _smart_strings(_CONTAINING, body, word=word):
        holder = text.getparent()
        holder = holder.getparent() if text.is_tail else holder
        if holder is None or holder.tag in _CODE:
            continue
        if _may_open(text, key):
            element = _showing(holder, key)
            if element is not None and not _excluded(element) and not _in_run(element):
                return element
    return None


def _may_open(text: str, key: str) -> bool:
    """Whether a text node may open the description whose `match_key` is `key`: its own
    word characters start it."""
    node_key = match_key(text)
    return bool(node_key) and key.startswith(node_key)


def _marked(
    body: HtmlElement,
    headline: HtmlElement,
    marks: Collection[str] | None,
    walk: PageWalk | None = None,
) -> HtmlElement | None:
    """The first element after `headline`, the page's `<h1>`, whose class names it a
    standfirst."""
    # The page's distinct class values are tested, not every element's: three pages in five
    # of the modern set have none that names a standfirst, and no element is visited.
    if walk is not None:
        values: Collection[str] = walk.by_class  # its class values only: the ids name none
    else:
        values = attribute_values(body, "class") if marks is None else marks
    named = _marked_classes(values)
    if not named:
        return None
    # The elements after it with such a class, in document order; those past the end of
    # `body` are not in it, nor is anything after them.
    if walk is None:
        after: Iterator[HtmlElement] = (e for e in _after(headline) if e.get("class") in named)
    else:
        after = walk.classed_after(headline, named)
    for element in after:
        if not any(ancestor is body for ancestor in element.iterancestors()):
            return None
        if _may_stand_first(element):
            return element
    return None


def _marked_classes(values: Collection[str]) -> set[str]:
    """The class values among `values` that name a standfirst (`_is_marked`). The cheap
    first test (`_MARK_HINT`'s words) runs as one search over all the values, lower-cased
    and joined: testing each value alone cost twice as much as a substring search per word,
    and RE2's one pass a third of those (modern development set). A value holding a word
    holds a match (no match spans a separator), so the values hinted are the same."""
    ordered = list(values)
    # searched as UTF-8, where RE2 gives byte offsets without converting them to characters
    # (the separator's byte, 0, is in no other character's encoding)
    lowered = _SEPARATOR.join(ordered).lower().encode("utf-8", "surrogatepass")
    separator = _SEPARATOR.encode()
    hinted: set[int] = set()
    index = counted = 0  # the index of the value holding offset `counted`
    for found in _MARK_HINTS.finditer(lowered):
        index += lowered.count(separator, counted, found.start())
        counted = found.start()
        hinted.add(index)
    candidates = (ordered[i] for i in hinted)
    return {value for value in candidates if _MARK_HINT.search(value.lower()) and _is_marked(value)}


def _after(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after `element` in document order: XPath's `descendant::*` and then
    `following::*`."""
    yield from element.iterdescendants(etree.Element)
    node: HtmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings(etree.Element):
            yield from sibling.iter(etree.Element)
        node = node.getparent()


def _subheadline(headline: HtmlElement) -> HtmlElement | None:
    """The heading (`<h2>`-`<h4>`) that follows `headline`, the page's `<h1>`, as its next
    element, or as the next one in the `<h1>`'s container: a subheadline set under it."""
    node: HtmlElement | None = headline
    while node is not None and node.tag != "body":
        following = node.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()
        if following is not None:
            if following.tag in _SUBHEADINGS and _may_stand_first(following):
                return following
            return None
        node = node.getparent()
    return None


def _smart_strings(path: etree.XPath, tree: HtmlElement, **variables: str) -> list[Any]:
    """Text results that know their element (`getparent()`, `is_tail`): lxml's smart strings."""
    result = path(tree, **variables)
    return [item for item in result if isinstance(item, str)] if isinstance(result, list) else []


def _starts_before(body: HtmlElement, element: HtmlElement) -> frozenset[str]:
    """The starts of the texts the page shows before `element`."""
    ancestors = set(element.iterancestors())
    starts: set[str] = set()
    for node in body.iter():
        if node is element:
            break
        # This walks most of the page: no list or generator per node, and no match of the
        # indentation between tags (half the texts; no word in it, so no start).
        text = node.text if isinstance(node.tag, str) and node.tag not in _CODE else None
        if text and not text.isspace() and (start := _start(text)):
            starts.add(start)
        tail = None if node in ancestors else node.tail
        if tail and not tail.isspace() and (start := _start(tail)):
            starts.add(start)
    return frozenset(starts)


def _may_stand_first(element: HtmlElement) -> bool:
    # Its words outside figures: a "lead" that holds only the lead image and its caption
    # ("ArticlePage-lead") is no standfirst.
    words = len(_WORD.findall(" ".join(_lines(element))))
    fits = _MIN_WORDS <= words <= _MAX_WORDS
    return fits and element.tag not in _CODE and not _excluded(element) and not _in_run(element)


def _is_marked(classes: str | None) -> bool:
    for name in (classes or "").casefold().split():
        parts = [part for part in _CLASS_PARTS.split(name) if part]
        if parts and parts[-1] in ("text", "txt") and len(parts) > 1:
            parts.pop()
        if parts and parts[-1] in _MARK_WORDS:
            return True
    return False


def separate_standfirst(
    standfirst: Standfirst | None, paragraphs: list[str]
) -> tuple[str | None, list[str]]:
    """The standfirst's text (or None) and the body's paragraphs without it.

    The body extractor may have kept the standfirst as its first lines: they move out of the
    body, unless they are all of it. When the body's first paragraph stands before the
    candidate in the page, or the candidate is a later paragraph of the body, it is the
    story's own text and stays there.
    """
    if standfirst is None or not paragraphs:
        return (standfirst.text if standfirst else None), paragraphs
    key = match_key(" ".join(standfirst.lines))
    joined = ""
    for count, line in enumerate(paragraphs, start=1):
        joined += match_key(line)
        if joined == key:
            # All the body: the "standfirst" is the story (a short page), it stays the body.
            rest = paragraphs[count:]
            return (standfirst.text, rest) if rest else (None, paragraphs)
        if not key.startswith(joined):
            break
    if key in match_key(" ".join(paragraphs)) or _start(paragraphs[0]) in standfirst.before:
        return None, paragraphs
    return standfirst.text, paragraphs


def _showing(holder: HtmlElement, key: str) -> HtmlElement | None:
    """The element from `holder` up whose whole text is `key`, or None."""
    element: HtmlElement | None = holder
    while element is not None:
        element_key = match_key(element.text_content())
        if element_key == key:
            return element
        if not key.startswith(element_key):
            return None
        element = element.getparent()
    return None


def _in_run(element: HtmlElement) -> bool:
    """Whether the element (or the wrapper it alone fills) is one of a run of blocks of the
    same tag and class: the story's paragraphs, of which it is the first (the lede)."""
    node: HtmlElement | None = element
    while node is not None and node.tag != "body":
        signature = (node.tag, node.get("class"))
        for other in (node.getnext(), node.getprevious()):
            if other is not None and (other.tag, other.get("class")) == signature:
                return True
        parent = node.getparent()
        if parent is None or len(parent) != 1 or (parent.text or "").strip():
            return False
        node = parent
    return False


def _lines(element: HtmlElement) -> list[str]:
    """The element's visible text, one line per block or `<br>`-separated part (bullets);
    figures and their captions left out."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if isinstance(node.tag, str) and node.tag not in _FIGURES:  # nor a comment
            breaks = node.tag in _BLOCKS
            parts.append("\n" if breaks else "")
            parts.append(node.text or "")
            for child in node:
                walk(child)
                parts.append(child.tail or "")
            parts.append("\n" if breaks else "")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _excluded(element: HtmlElement) -> bool:
    node: HtmlElement | None = element
    while node is not None:
        if node.tag in _NOT_STANDFIRST:
            return True
        node = node.getparent()
    return False
