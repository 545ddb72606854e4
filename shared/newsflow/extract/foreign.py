"""Body lines that are not the story's own: the next story, story cards, teaser links.

Kinds of fault seen in the bodies of the metadata development set (issue 9), each told
apart by the page's markup, not by words of one language:

- **the next story**: pages that scroll on endlessly append the next article, an
  `<article>` with its own `<h1>`, after the story; the extractor reads on into it;
- **a paragraph twice, once in pieces**: a paragraph the extractor split where inline markup
  it does not know sits (`<ruby>` readings over Japanese words: "韓国の", "尹錫悦", "大統領は…")
  and the recovery step then also added whole: the pieces go;
- **story cards**: two or more lines in a row, each of eight words or more, that the page
  shows only inside a link wrapping blocks (a card's heading and summary) are a
  related-stories list;
- **labelled teaser links**: two or more lines in a row, each a short label and a link to
  another story ("- Demenz: Ab wann Gedächtnislücken …", "- Policejní dokumenty: …"), in
  whatever language, are a related-stories list. A single such line stays: "Pro tip: <a>Get
  more meal ideas here!</a>" is the story's own on the 2019 development set, unless
- **a lone teaser line** ("Les også: <a>Tone Damli ofret …</a>", "Read also: …"): its link's
  address names the story it leads to, a slug holding most of the link's words
  (".../tone-damli-ofret-musikkarrieren-for-barna-…"), as a link to another story's page
  does and a link to a plan, a shop or a search does not.

Each line is matched to the page element that shows it (paragraphs, headings, list items);
a line no element shows whole is kept. Embedded social posts were measured and left in:
the metadata set's reference bodies drop them, the 2019 set's keep them (6 pages there
lose 0.03-0.23 F1 each, one page here gains).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Mapping
from itertools import accumulate, islice
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsflow.extract.boxes import drop_boxed
from newsflow.extract.cited import spare_cited
from newsflow.extract.repeats import drop_repeats
from newsflow.extract.slug import fold
from newsflow.extract.text import word_key, word_runs, word_runs_of
from newsflow.extract.xpath import elements

_WORD = re.compile(r"\w+")
# Elements a body line comes from.
_LINE_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dd", "figcaption")
# The characters an element's text is first matched on to the lines' keys.
_HEAD_CHARS = 3
# "Les også: <link>": a label of at most three words before a colon, then a link holding
# most of the rest.
_LABEL = re.compile(r"^\W*(?:\w+\W+){0,2}\w+\s*:\s*\S")
_LABELLED_LINK_MAX_WORDS = 25
# A piece split off a paragraph is short (a word or name); runs are looked at up to this long.
_PIECE_CHARS = 20
_MAX_PIECES = 8
_PIECES_SHARE = 0.8
_LINK_SHARE = 0.6
_CARD_MIN_WORDS = 8
# A story card: at most this many levels above a teaser line, and this many words besides the
# line and the headline link (a label, a section name).
_CARD_LEVELS = 5
_CARD_EXTRA_WORDS = 12
_CARD_BLOCKS = ("p", "div", "h2", "h3", "h4", "figure", "img")
# Links wrapping any of those blocks, in document order: one walk in libxml2.
# ([*] first: a link without child elements, most of them, is passed over at once;
# /descendant::a, not //a, which makes libxml2 gather every node of the page first: the same
# links at 15% less CPU on the modern development set's pages)
_BLOCK_LINKS = etree.XPath(
    "/descendant::a[*][" + " or ".join(f"descendant::{tag}" for tag in _CARD_BLOCKS) + "]"
)
_ADDRESS = re.compile(r"://|\bwww\.|\.(?:com|org|net)\b")
# A slug names the story: at least this many of the link's words, and this share of them.
_SLUG_MIN_WORDS = 4
_SLUG_SHARE = 0.6
# The text before a lone teaser's link: the label and its colon only.
_LEAD = re.compile(r"^\W*(?:\w+\W+){0,2}\w+\s*:\W*$")
# An element's first <h1>: libxml2 stops there, where ElementPath's find(".//h1") walks on
# through the rest of the element (lxml's iterators look ahead for the next match).
_FIRST_HEADLINE = etree.XPath("descendant::h1[1]")


def drop_foreign(
    tree: HtmlElement,
    lines: list[str],
    marks: Collection[str] | None = None,
    url: str | None = None,
    paragraph_keys: Mapping[HtmlElement, str] | None = None,
) -> list[str]:
    """`lines` (the body's paragraphs, in order) without those that are not the story's.

    `tree` is the parsed page, only read; `marks`: its class and id values (see `drop_boxed`);
    `url`: its address (see `cited.spare_cited`); `paragraph_keys`: paragraphs of `tree` to
    the `text.word_key` of their text as it is now, when the caller read them already (the
    body steps key every body paragraph), so they are not read again.
    Never empties the body: when every line would go, `lines` is returned as it is.
    """
    if not lines:
        return lines
    shown = _Shown(tree, lines, paragraph_keys)
    kept = _without_pieces(_before_next_story(lines, tree, shown), shown)
    kept = drop_repeats(kept, lambda line: shown.get(line) is not None)
    kept = drop_boxed(kept, shown.get, tree, marks)
    # The element look-up is the cost: only lines that read "label: …" next to another.
    labelled = [bool(_LABEL.match(line)) for line in kept]
    linked = _linked_text(tree)
    teasers = [
        _is_link_card(line, linked, shown)
        or (_in_run(labelled, i) and _is_labelled_link(line, shown))
        for i, line in enumerate(kept)
    ]
    teasers = spare_cited(tree, kept, teasers, shown.get, url)  # a list the story's sentence cites
    lone = [
        labelled[i] and not teasers[i] and _is_slug_teaser(line, shown)
        for i, line in enumerate(kept)
    ]
    kept = [line for i, line in enumerate(kept) if not (_in_run(teasers, i) or lone[i])]
    kept = _without_cards(kept, shown)
    return kept or lines


def _without_cards(lines: list[str], shown: _Shown) -> list[str]:
    """`lines` without those shown inside a story card: a small block (`_CARD_LEVELS` levels
    up at most) that holds a line's element, a link to another story (its address's slug
    spells its words, and the body does not read it) outside that element, and little else
    (`_CARD_EXTRA_WORDS`): a teaser's
    summary beside its headline link ("Czytaj więcej · <a>Niemiecki parlament …</a> ·
    Niemiecki parlament przyjął …"). A card's other lines (its label) go with it."""
    cards: set[HtmlElement] = set()
    sizes = _BlockSizes("\n".join(shown.key(line) for line in lines))
    for line in lines:
        element = shown.get(line)
        if element is not None and next(element.iter("a"), None) is None:
            card = _card_of(element, sizes)
            if card is not None:
                cards.add(card)
    if not cards:
        return lines
    return [line for line in lines if not _in_card(shown.get(line), cards)]


class _BlockSizes:
    """Word counts and headline links of the blocks `_card_of` climbs through, each measured
    once per page: the lines of one container share its ancestors, and measuring a large
    container again for each of its lines cost a quarter of a page's extraction. Nested
    wrappers showing the same text share one count, and each link is tested once, against
    `body` (the keys of the body's lines, one a line)."""

    def __init__(self, body: str) -> None:
        self._body = body
        self._texts: dict[HtmlElement, str] = {}
        # per text: words counted so far, and whether that is all of them
        self._counts: dict[str, tuple[int, bool]] = {}
        self._headline: dict[HtmlElement, bool] = {}
        self._links: dict[HtmlElement, int] = {}
        self._headed: dict[HtmlElement | None, list[tuple[HtmlElement, int]]] = {}

    def words(self, element: HtmlElement) -> int:
        """The element's word count."""
        return self._count(self._text(element), None)

    def exceeds(self, element: HtmlElement, limit: int) -> bool:
        """Whether the element holds more than `limit` words, counting no further than that:
        a large container is no card, and counting all its words is most of the cost."""
        return self._count(self._text(element), limit) > limit

    def _text(self, element: HtmlElement) -> str:
        if element not in self._texts:
            self._texts[element] = _text_of(element)
        return self._texts[element]

    def _count(self, text: str, limit: int | None) -> int:
        counted, complete = self._counts.get(text, (0, False))
        if complete or (limit is not None and counted > limit):
            return counted
        if limit is None:
            # the page's shared count: the body steps count the same line texts
            counted, complete = word_runs(text), True
        else:
            # Twice as far as last time, at least: the next line of the same container
            # asks again with a slightly larger limit, and counting starts from the top.
            cap = max(limit + 1, 2 * counted)
            counted = sum(1 for _ in islice(_WORD.finditer(text), cap))
            complete = counted < cap
        self._counts[text] = (counted, complete)
        return counted

    def headline_words(self, element: HtmlElement) -> int:
        """The word count of the longest link in `element` that could head a story card, or
        -1 when it has none: story links (`_story_links`) that stand as a headline the body
        does not read (`_is_headline`) and whose address's slug spells their words
        (`_slug_names`). A block without them is no card, and its words are never counted:
        most links are inline links in the story's own sentences, which fail the headline
        test. The longest is the one a card's size is measured against."""
        if element not in self._links:
            headlines = (self.words(a) for a in element.iter("a") if self._is_headline(a))
            self._links[element] = max(headlines, default=-1)
        return self._links[element]

    def headed_blocks(self, parent: HtmlElement | None) -> list[tuple[HtmlElement, int]]:
        """The blocks a card is looked for in above a line's element, nearest first: `parent`
        (the element's parent) and its ancestors, `_CARD_LEVELS` in all at most, up to `body`,
        `article` or `main` (not included); only those with a headline link, each with its
        `headline_words`. Worked out once per parent: a body's lines share a few parents."""
        if parent not in self._headed:
            blocks: list[tuple[HtmlElement, int]] = []
            node = parent
            for _ in range(_CARD_LEVELS):
                if node is None or node.tag in ("body", "article", "main"):
                    break
                most = self.headline_words(node)
                if most >= 0:
                    blocks.append((node, most))
                node = node.getparent()
            self._headed[parent] = blocks
        return self._headed[parent]

    def _is_headline(self, link: HtmlElement) -> bool:
        if link not in self._headline:
            # the cheapest test first (most links have too few words for an address to name
            # them), the body search last: it reads the whole body for each link
            self._headline[link] = (
                _slug_names(link) and _is_story_link(link) and _is_headline(link, self._body)
            )
        return self._headline[link]


def _card_of(element: HtmlElement, sizes: _BlockSizes) -> HtmlElement | None:
    """The story card around `element`: a block with a headline link (`headline_words`) and
    at most `_CARD_EXTRA_WORDS` words besides the line and that link. A link the body shows
    is the story's own (a quote's source), not a card's headline."""
    words = -1  # counted when a block with a headline link asks for it: most lines never do
    for node, most in sizes.headed_blocks(element.getparent()):
        if words < 0:
            words = sizes.words(element)
        # with its longest headline link, the block holds the fewest words besides
        if not sizes.exceeds(node, words + most + _CARD_EXTRA_WORDS):
            return node
    return None


def _is_headline(link: HtmlElement, body: str) -> bool:
    """Whether the link stands as a card's headline: it fills the line (paragraph, heading,
    list item) it is in, if any (not "Also read <a>…</a>" inside a sentence), and the body
    does not read it (not a quote's source)."""
    key = _key(_text_of(link))
    if not key:
        return False
    line = next(link.iterancestors(*_LINE_TAGS), None)
    fills = line is None or _key(_text_of(line)) == key
    return fills and key not in body


def _in_card(element: HtmlElement | None, cards: set[HtmlElement]) -> bool:
    return element is not None and any(a in cards for a in element.iterancestors())


class _Shown:
    """The first element showing each of `lines` (the only lines ever looked up), by its
    key; built on the first look-up. `known`: elements whose `text.word_key` was read
    already (the body's paragraphs)."""

    def __init__(
        self, tree: HtmlElement, lines: list[str], known: Mapping[HtmlElement, str] | None = None
    ) -> None:
        self._tree = tree
        self._lines = lines
        self._known = known or {}
        self._by_key: dict[str, HtmlElement] | None = None
        self._keys: dict[str, str] = {}
        self._from_words: dict[str, str] = {}

    def key(self, line: str) -> str:
        """`_key(line)`, worked out once per line: every step below looks lines up."""
        if line not in self._keys:
            self._keys[line] = self._key_of_words(word_key(line))
        return self._keys[line]

    def _key_of_words(self, words: str) -> str:
        """`_from_word_key(words)`, worked out once per text: most lines' word keys are
        those of the paragraphs showing them (`known`), keyed again by `_index`."""
        key = self._from_words.get(words)
        if key is None:
            key = self._from_words[words] = _from_word_key(words)
        return key

    def get(self, line: str) -> HtmlElement | None:
        if self._by_key is None:
            self._by_key = self._index()
        return self._by_key.get(self.key(line))

    def _index(self) -> dict[str, HtmlElement]:
        """The first element showing each line's key. An element whose text opens with
        `_HEAD_CHARS` letters or digits no line's key opens with is passed over unkeyed (a
        key is its text's word characters casefolded one by one, so those letters casefolded
        open it): four in ten of the modern set's line elements, menus and teasers. The walk
        ends when every line is found (on 267 of the modern set's 483 pages, 13% of its line
        elements are left unread). A paragraph whose word key is known is keyed from it, not
        read again (most of a story's line elements)."""
        wanted = {self.key(line) for line in self._lines}
        heads = {key[:_HEAD_CHARS] for key in wanted}
        by_key: dict[str, HtmlElement] = {}
        known = self._known
        for element in self._tree.iter(*_LINE_TAGS):
            words = known.get(element)
            if words is not None:
                key = self._key_of_words(words)
            else:
                text = _text_of(element)
                head = text.lstrip()[:_HEAD_CHARS]
                if (
                    len(head) == _HEAD_CHARS
                    and head.isalnum()
                    and head.casefold()[:_HEAD_CHARS] not in heads
                ):
                    continue
                key = _key(text)
            if key in wanted and key not in by_key:
                by_key[key] = element
                if len(by_key) == len(wanted):  # every line found: the rest is furniture
                    break
        return by_key


def _key(text: str) -> str:
    """`match_key(text)` of text.py (its word characters, casefolded), made from
    `word_key(text)`: the same words, spaced and lower-cased, and the body steps have keyed
    most of the page's lines, paragraphs and links so for the page already (94% of the
    body's lines and 73% of its line elements' texts on the modern development set are in
    that cache, against 8% in match_key's). Equal because word_key's dropped marks are no
    word characters and the case folding of a lower-cased text is that of the text."""
    return _from_word_key(word_key(text))


def _from_word_key(words: str) -> str:
    """`_key` of a text from its `word_key`."""
    return words.replace(" ", "").casefold()


def _text_of(element: HtmlElement) -> str:
    """`element.text_content()`; for an element without children (most paragraphs, list
    items and links of a page's furniture) its own text, read about 10x faster, and for one
    with children its text serialised by libxml2: the same content function as the XPath
    `string()` that `text_content` evaluates, without an XPath context per call (a third of
    the CPU)."""
    # children, comments and processing instructions all count in len()
    if not len(element):
        return element.text or ""
    text: str = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return text


def _before_next_story(lines: list[str], tree: HtmlElement, shown: _Shown) -> list[str]:
    """`lines` up to the first one shown in another headed article (an `<article>` with an
    `<h1>` of its own) than the story's, when no later line returns to the story's."""
    articles = list(tree.iter("article"))
    if len(articles) < 2:  # most pages: no other article to read on into
        return lines
    headed = {article for article in articles if elements(_FIRST_HEADLINE, article)}
    if len(headed) < 2:
        return lines
    homes: list[HtmlElement | None] = []
    for line in lines:
        element = shown.get(line)
        ancestors = element.iterancestors("article") if element is not None else iter(())
        homes.append(next((a for a in ancestors if a in headed), None))
    story = next((home for home in homes if home is not None), None)
    for i, home in enumerate(homes):
        if home is not None and home is not story:
            return lines if story in homes[i:] else lines[:i]
    return lines


def _without_pieces(lines: list[str], shown: _Shown) -> list[str]:
    """`lines` without runs of two or more lines, one of them a short piece, that stand in
    order inside one other line, a paragraph (`<p>`), and make up most of it (it may hold
    more between them: the ruby's reading). Short list items that a longer sentence also
    names make up little of it and stay; rows of tables and code are no paragraph."""
    keys = [shown.key(line) for line in lines]
    longer: _LongerLines | None = None  # built at the first short pair: most pages have none
    doomed: set[int] = set()
    for start, key in enumerate(keys[:-1]):
        following = keys[start + 1]
        if not key or not following or min(len(key), len(following)) >= _PIECE_CHARS:
            continue
        if longer is None:
            # Only a paragraph's line is searched for a run: another line's key is left
            # empty there, so it holds none (modern development set: this step 0.15 -> 0.12 s
            # CPU for 483 pages; the page's line elements are indexed by then anyway).
            shown_as_p = [_is_paragraph(line, shown) for line in lines]
            longer = _LongerLines([k if p else "" for k, p in zip(keys, shown_as_p, strict=True)])
        # A line holding the run holds both: the longer is looked for, as fewer lines hold
        # it. A line no longer than it is the run's own or equal to one of them, and holds
        # no run of two (`_run_inside` stops at a line equal to the whole).
        probe = max(key, following, key=len)
        for k in longer.holding(probe):
            whole = keys[k]
            end = _run_inside(keys, start, whole)
            covered = sum(len(keys[i]) for i in range(start, end))
            enough = covered >= max(_PIECE_CHARS, _PIECES_SHARE * len(whole))
            if end > start + 1 and enough:
                doomed.update(range(start, end))
                break
    return [line for i, line in enumerate(lines) if i not in doomed]


def _is_paragraph(line: str, shown: _Shown) -> bool:
    """Whether the element showing `line` is a paragraph (`<p>`)."""
    return getattr(shown.get(line), "tag", "") == "p"


class _LongerLines:
    """The lines' keys, longest first, one a line in one string (keys hold no newline): the
    lines longer than a key are a prefix of it, searched at once for the key. Searching
    all the body for each piece read the page's text once per short line (180 MB for the
    modern set's 483 pages; the prefixes are 130 MB)."""

    def __init__(self, keys: list[str]) -> None:
        # sorted() is stable: lines of one length stay in body order
        self._order = sorted(range(len(keys)), key=lambda k: -len(keys[k]))
        self._lengths = [-len(keys[k]) for k in self._order]  # ascending, for bisect
        self._joined = "\n".join(keys[k] for k in self._order)
        self._starts = list(accumulate((len(keys[k]) + 1 for k in self._order), initial=0))

    def holding(self, key: str) -> list[int]:
        """The indexes, in body order, of the lines longer than `key` that hold it."""
        end = self._starts[bisect_left(self._lengths, -len(key))]  # those lines' prefix
        found: list[int] = []
        at = self._joined.find(key, 0, end)
        while at >= 0:
            line = bisect_right(self._starts, at) - 1
            found.append(self._order[line])
            at = self._joined.find(key, self._starts[line + 1], end)
        return sorted(found)


def _run_inside(keys: list[str], start: int, whole: str) -> int:
    """The end of the run of `keys` from `start` that stands in order inside `whole`."""
    at, end = 0, start
    while end < len(keys) and end - start < _MAX_PIECES and keys[end]:
        found = whole.find(keys[end], at)
        if found < 0 or keys[end] == whole:
            break
        at, end = found + len(keys[end]), end + 1
    return end


def _linked_text(tree: HtmlElement) -> str:
    """The keys of the text of every link that wraps blocks (a story card: a heading, a
    summary paragraph, a picture), one a line. Links inside a sentence or a list item, such
    as a list of sources, are not cards."""
    return "\n".join(_key(_text_of(a)) for a in elements(_BLOCK_LINKS, tree))


def _is_link_card(line: str, linked: str, shown: _Shown) -> bool:
    """A line of teaser length the page shows only inside a story card's link."""
    # most pages have no such links: test the (cached) key before counting the words
    return bool(linked) and shown.key(line) in linked and word_runs(line) >= _CARD_MIN_WORDS


def _in_run(flags: list[bool], i: int) -> bool:
    """Whether `flags[i]` is set and so is a neighbour's: a run of two or more."""
    return flags[i] and ((i > 0 and flags[i - 1]) or (i + 1 < len(flags) and flags[i + 1]))


def _is_labelled_link(line: str, shown: _Shown) -> bool:
    words = word_runs_of(line)
    if len(words) > _LABELLED_LINK_MAX_WORDS or not _LABEL.match(line):
        return False
    element = shown.get(line)
    if element is None:
        return False
    link_words = sum(word_runs(_text_of(a)) for a in _story_links(element))
    return link_words >= _LINK_SHARE * len(words)


def _is_slug_teaser(line: str, shown: _Shown) -> bool:
    """A labelled link line whose link follows the label at once ("Les også: <a>…</a>", not
    "Next steps: find out <a>…</a>") and whose address holds a slug of its own words."""
    if not _is_labelled_link(line, shown):
        return False
    element = shown.get(line)
    if element is None:
        return False
    text = _text_of(element)
    for link in _story_links(element):
        headline = _text_of(link).strip()
        at = text.find(headline) if headline else -1
        if at >= 0 and _LEAD.match(text[:at]) and _slug_names(link):
            return True
    return False


def _slug_names(link: HtmlElement) -> bool:
    """Whether the link's path (its slug, words split at "-", "_" or "/"; not the host, a
    query or a "#fragment"; only web addresses) holds at least `_SLUG_MIN_WORDS` and
    `_SLUG_SHARE` of the link text's words, accents folded. False for an address urllib
    cannot parse ("http://[::1/x": ValueError)."""
    found = word_runs_of(_text_of(link))
    if len(found) < _SLUG_MIN_WORDS:  # too few to be named, whatever the address
        return False
    words = {fold(w) for w in found if not w.isdigit()}
    try:
        address = urlsplit(link.get("href") or "")
    except ValueError:
        return False
    if address.scheme not in ("", "http", "https"):
        return False
    slug = set(re.split(r"[\W_]+", fold(address.path)))
    named = len(words & slug)
    return named >= _SLUG_MIN_WORDS and named >= _SLUG_SHARE * len(words)


def _story_links(element: HtmlElement) -> list[HtmlElement]:
    """The links in `element` to another page whose text reads as a headline: not a jump
    within the page ("#section") and not a shown address ("Website: https://…")."""
    return [a for a in element.iter("a") if _is_story_link(a)]


def _is_story_link(link: HtmlElement) -> bool:
    return not (link.get("href") or "#").startswith("#") and not _ADDRESS.search(_text_of(link))
