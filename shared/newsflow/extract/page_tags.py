"""The page's elements of the few tags its metadata readers look for, from one walk.

lxml's ``tree.iter(tag)`` visits every node of the tree whatever it finds: its iterator
looks for the next match before it hands out the current one, so even the first `<title>`
costs a walk of the whole page (30 µs on a page of 1,400 elements with the tree in the
cache, five times that once the walks of other steps have pushed it out). The metadata's
readers took a dozen such walks a page (`<meta>` twice, `<link>`, `<a>` twice, `<time>`
twice, `<script>`, `<figure>`, `<h1>`, `<h2>`, `<title>`, `<base>`); one walk for all the
tags at once costs about one of them.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsflow.extract.walk import document_tops

# The tags read: <meta>, <link>, <script> (JSON-LD), <time>, <figure> (images), <title>,
# <base>, <body> (the visible text) and the first headings; and the links (<link>, <a>) with
# a `rel`.
TAGS = ("meta", "link", "script", "time", "figure", "title", "base", "body", "h1", "h2")
_REL_TAGS = frozenset({"link", "a"})


class PageTags:
    """The elements of `tree` (``tree.iter(tag)``'s: the tree and its descendants, not the
    elements beside its root) with one of `TAGS`, by tag, in document order; and
    `rel_links`, its `<link>` and `<a>` elements with a `rel` attribute, in document order
    (a page has a hundred `<a>`, a few of which have a `rel`: its readers want those).

    Read it only while the tree is unchanged: it does not see later changes.
    """

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._by_tag: dict[str, list[HtmlElement]] = {tag: [] for tag in TAGS}
        self.rel_links: list[HtmlElement] = []
        for element in tree.iter(*TAGS, "a"):
            tag = element.tag
            if tag in _REL_TAGS and element.get("rel") is not None:
                self.rel_links.append(element)
            if tag != "a":
                self._by_tag[tag].append(element)  # a key of each of TAGS

    def __call__(self, tag: str) -> list[HtmlElement]:
        """``list(tree.iter(tag))`` for a tag of `TAGS` (KeyError for another)."""
        return self._by_tag[tag]

    def below(self, tag: str) -> list[HtmlElement]:
        """``tree.findall(f".//{tag}")``: the descendants of the tree (not the tree itself)
        with the tag, in document order."""
        return [e for e in self._by_tag[tag] if e is not self.tree]

    def whole_document(self) -> bool:
        """Whether the tree is the document's only top-level element, so that its elements
        are all that a walk of the document (`walk.document_tops`) finds."""
        return document_tops(self.tree) == [self.tree]
