"""Is it an article? Page-level signals to an outcome with a reason a human can act on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from newsflow.extract.text import count_words, count_words_once, element_text, visible_texts
from newsflow.extract.xpath import class_and_id_values, elements, strings, text_xpath
from newsflow.models import Outcome, OutcomeKind

# parent:: rather than ancestor:: axes: script and style hold only text, and the
# ancestor test on every text node doubled the cost of this hot-path query.
_LINKS = etree.XPath("//body//a")
_SCRIPTS = etree.XPath("//script")
_NOSCRIPTS = etree.XPath("//noscript")
_DIV_IDS = text_xpath("//body//div/@id")
_ARTICLES = etree.XPath("//article")
_APP_ROOT_IDS = frozenset({"root", "app", "__next", "__nuxt", "___gatsby", "main-app"})
# Both run on lower-cased text without re.I: a case-insensitive alternation cannot skip
# ahead on a literal prefix, and on a long page it was the slowest step of the signals.
_PAYWALL = re.compile(r"paywall|subscriber-only|premium-(?:content|wall)|meter(?:ed)?-wall")
_PAYWALL_TEXT = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|to continue reading,? (?:please )?"
    r"(?:subscribe|log in|sign in)|this (?:article|story|content) is (?:only )?(?:(?:available|"
    r"reserved) (?:to|for)|for) (?:subscribers|members)|already a subscriber\?|"
    r"jetzt (?:weiterlesen|abonnieren)|réservé aux abonnés|exclusivo para suscriptores",
)
_PAYWALL_HINTS = ("subscri", "continue reading", "weiterlesen", "abonn", "suscript", "members")
JS_PROMPT = re.compile(r"enable javascript|javascript (?:is )?(?:required|disabled)", re.I)
_MIN_ARTICLE_WORDS = 60
_SHELL_MAX_WORDS = 40
_TEASER_MAX_WORDS = 300
_INDEX_LINK_DENSITY = 0.45
_INDEX_MIN_ITEMS = 4
# A story of this length is an article even on a page heavy with links (a development-set
# page of 308 words sits in a link-dense layout without article markup).
_INDEX_MAX_BODY_WORDS = 200
_INDEX_HEADLINE_SHARE = 0.5
_HEADLINE_MIN_WORDS = 3
_INDEX_MAX_BODY_RATIO = 0.35
# A news brief runs 40-60 words: a body from this many words up to `_MIN_ARTICLE_WORDS` is
# a story when the page shows one around it (`StoryMarks.is_story`). Fewer are a stub, an
# error notice or a caption, whatever the page declares.
_SHORT_STORY_MIN_WORDS = 20
# A story's header (headline, byline, date) is read up to this many elements after the
# headline, and ends at the first text of `_BODY_START_WORDS` words (the body's start).
_HEADER_MAX_ELEMENTS = 40
_BODY_START_WORDS = 12
# Where another item's header or the page's furniture starts: no longer the story's header.
_HEADER_ENDS = frozenset({"h1", "article", "aside", "nav", "footer"})
_SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"ul", "ol"})
_MAX_HEADLINES = 3
# class, id, itemprop or rel values of a byline or dateline (hAtom's "author"/"published",
# schema.org's itemprop "author"/"datePublished", rel="author"; "autor" in many languages)
_CREDIT_VALUE = re.compile(r"author|autor|byline|date|publish|\btime\b")
# a byline's or dateline's opening word or label: "By", "Written by:", "Published", "Updated"
# in English, and "by" in German, French, Spanish/Portuguese, Italian, Dutch, Scandinavian
_BYLINE_WORD = re.compile(
    r"(?:(?:written|posted|published|reported|words) )?by[\s:]|(?:published|updated|posted)\b|"
    r"(?:von|par|por|di|door|av|af)\s",
    re.I,
)
# a page that says it is an error, a search or a sign-in page (its <title> or headline)
_NOT_A_STORY_TITLE = re.compile(
    r"^404\b(?!\s+\w)|\b404 error|error 404|page not found|^not found|page (?:does not|doesn't|no "
    r"longer) exists?|(?:can't|cannot|could not) be found|^search results|^(?:log|sign) ?in\b",
    re.I,
)
# the credit sources (`Resolved.provenance`) that declare the page's own article: its
# JSON-LD article node, its Open Graph article:* properties, a named <meta> (a date, a
# "byl"), not the generic <meta name="author"> many sites set site-wide, nor a <time> or a
# byline found anywhere on the page (a sidebar's, a result card's)
_DECLARED_CREDIT = re.compile(
    r"jsonld:\w+\.(?:author|datePublished)|(?:og:)?article:|meta:(?!author$)"
)


@dataclass(frozen=True)
class PageSignals:
    """What the whole page looks like, measured before boilerplate removal."""

    words: int
    link_words: int
    scripts: int
    app_root: bool
    js_prompt: bool
    paywall_marker: bool
    # JSON-LD article or an <article> element (not og:type "article": Yoast SEO gives it to
    # WordPress's category, tag and search archives too)
    article_markup: bool
    # texts of links of 3+ words to other pages (headlines)
    link_texts: frozenset[str] = frozenset()
    declared_article: bool = False  # a JSON-LD article type
    lone_headed_article: bool = False  # one <article> element, and it holds an <h1>
    # an author or date element in the headline's header (`story_header`)
    header_credit: bool = False
    # a password field in the headline's <article> or <main> (the body if none): a login wall
    login_form: bool = False
    # the <noscript> elements holding elements (a script page's fallback), in document order
    noscripts: tuple[HtmlElement, ...] = ()

    @property
    def link_density(self) -> float:
        return self.link_words / self.words if self.words else 0.0


# Every match of _PAYWALL_TEXT holds one of _PAYWALL_HINTS and is at most this long (46).
_PAYWALL_SPAN = 60
_PAYWALL_MAX_WINDOWS = 64


@dataclass(frozen=True)
class StoryMarks:
    """What the page shows of one story around its body: read for a short body only.

    `marked`: the page declares or frames one story (a JSON-LD article type, a single
    ``<article>`` element holding an ``<h1>``, or a headline that its ``<title>`` repeats;
    not og:type "article", which Yoast SEO gives WordPress's category, tag and search
    archives, nor an archive's one post card, headed by an ``<h2>`` under the archive's
    ``<h1>``);
    `credited`: it credits the story: its metadata declares the article's author or
    publication date (`_DECLARED_CREDIT`), or a byline or date stands in the headline's header
    (`PageSignals.header_credit`); a site-wide ``<meta name="author">``, a ``<time>`` in a
    sidebar or a result card's byline credit no story. An index, tag, error or empty page may
    frame its text (many ``<article>`` cards, a "Page not found" heading) but credits no one
    story; a short story shows both. A page whose title or headline says it is an error, a
    search or a sign-in page, or with a password field around its headline, is no story.
    """

    marked: bool
    credited: bool

    @property
    def is_story(self) -> bool:
        return self.marked and self.credited


def story_marks(
    signals: PageSignals,
    titles: list[tuple[str, str]],
    credit_sources: list[str],
    entity_types: tuple[str, ...] = (),
) -> StoryMarks:
    """The `StoryMarks` of a page from its `signals`, its title candidates as (value, source)
    pairs (``metadata.collect``'s "title": sources "h1", "h2" and "title" are read), the
    sources (``Resolved.provenance`` values) of the author and publication date it resolved,
    and the schema.org types of its JSON-LD entities that are no story (``jsonld``'s
    "entity_type" candidates: an Event, a Product). A page declaring such an entity and no
    article type is about that thing: its name and date are no headline and dateline."""
    not_a_story = (
        signals.login_form
        or any(map(_NOT_A_STORY_TITLE.search, _heads(titles)))
        or (bool(entity_types) and not signals.declared_article)
    )
    return StoryMarks(
        marked=not not_a_story
        and (signals.declared_article or signals.lone_headed_article or _headline_in_title(titles)),
        credited=signals.header_credit
        or any(_DECLARED_CREDIT.match(source) for source in credit_sources),
    )


def story_header(headlines: list[HtmlElement], passwords: list[HtmlElement]) -> tuple[bool, bool]:
    """Whether one of the page's `headlines` (its first `_MAX_HEADLINES` ``<h1>`` elements, else
    its first ``<h2>``: a site's logo may be the first ``<h1>``) has a credit in its header
    (`_header_credit`), and whether one of its `passwords` (``<input type="password">``
    elements) stands in a headline's closest ``<article>`` or ``<main>`` (anywhere on the page
    for a headline in neither): (credit, login form)."""
    sections = [next(h.iterancestors("article", "main"), None) for h in headlines]
    login = any(s is None or s in i.iterancestors() for s in sections for i in passwords)
    return any(map(_header_credit, headlines)), login


def _header_credit(headline: HtmlElement) -> bool:
    """Whether a credit stands in the header of `headline`: the elements after it in document
    order, up to `_HEADER_MAX_ELEMENTS`. The first heading or text of `_BODY_START_WORDS`
    words after it may be its standfirst; the next, or a list after it, ends the header (the
    body's start, another item), as an ``<h1>``, ``<article>``, ``<aside>``, ``<nav>``,
    ``<footer>`` or a heading holding a link to another page (a card's) does. A credit
    is a ``<time>``, a text opening with a byline's word ("By ", `_BYLINE_WORD`), or a short
    element whose class, id, itemprop or rel names an author or date (`_CREDIT_VALUE`)."""
    standfirst = False
    for el in islice(_following(headline), _HEADER_MAX_ELEMENTS):
        tag = el.tag
        if not isinstance(tag, str):  # a comment or a processing instruction
            continue
        if tag in _HEADER_ENDS:
            return False
        text = (el.text or "").strip()
        if tag == "time" or _BYLINE_WORD.match(text):
            return True
        values = " ".join(el.get(a, "") for a in ("class", "id", "itemprop", "rel")).lower()
        if _CREDIT_VALUE.search(values) and not _has_body_words(element_text(el)):
            return True
        if tag in _SUBHEADINGS and any(map(leads_off_the_page, el.iter("a"))):
            return False  # another item's headline: a card's, a list's
        if tag in _SUBHEADINGS or _has_body_words(text) or (standfirst and tag in _LISTS):
            if standfirst:
                return False
            standfirst = True
    return False


def _has_body_words(text: str) -> bool:
    """Whether `text` is as long as a body's first text (`_BODY_START_WORDS`), not a byline."""
    return count_words_once(text) >= _BODY_START_WORDS


def _following(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after `element` in document order (XPath's ``following::``), lazily."""
    node: HtmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings():
            yield from sibling.iter()
        node = node.getparent()


def _headline_in_title(titles: list[tuple[str, str]]) -> bool:
    """Whether the page's first heading (``metadata.collect``'s: the first ``<h1>``, or the
    first ``<h2>`` on a page without one) is in its ``<title>``: the page's headline, not a
    site's logo or a section's name over a list (at least `_HEADLINE_MIN_WORDS` words)."""
    heading, title = (v.casefold() for v in _heads(titles))
    return count_words(heading) >= _HEADLINE_MIN_WORDS and heading in title


def _heads(titles: list[tuple[str, str]]) -> tuple[str, str]:
    """The page's first heading (source "h1" or "h2") and its ``<title>`` (source "title")
    among its title candidates, each "" when it has none."""
    heading = next((v for v, source in titles if source in {"h1", "h2"}), "")
    return heading, next((v for v, source in titles if source == "title"), "")


def _has_paywall_text(text: str) -> bool:
    """``_PAYWALL_TEXT`` found in the lower-cased text, searched only around the hints.

    A match holds a hint and is at most ``_PAYWALL_SPAN`` long, so it lies within that many
    characters of one; the pattern has no anchors or lookarounds, so a match in such a window
    is a match in the text. Searching the windows, not the whole page text (~100 kB on a
    modern page), costs a tenth; a page with more hints than windows is searched whole.
    """
    lowered = text.lower()
    windows: list[tuple[int, int]] = []
    for hint in _PAYWALL_HINTS:
        start = lowered.find(hint)
        while start >= 0 and len(windows) <= _PAYWALL_MAX_WINDOWS:
            windows.append((max(0, start - _PAYWALL_SPAN), start + len(hint) + _PAYWALL_SPAN))
            start = lowered.find(hint, start + 1)
    if len(windows) > _PAYWALL_MAX_WINDOWS:
        return _PAYWALL_TEXT.search(lowered) is not None
    return any(_PAYWALL_TEXT.search(lowered, start, end) for start, end in windows)


def page_signals(
    tree: HtmlElement,
    article_markup: bool,
    marks: list[str] | None = None,
    texts: list[str] | None = None,
) -> PageSignals:
    """Measure the page; must run before the main-text extractor changes the tree.

    `marks`: the page's distinct class and id values (`xpath.class_and_id_values`), and
    `texts` its visible text nodes (`text.visible_texts`), when the caller has read them.
    """
    # this runs on every page, the hot path of extraction: one walk finds what it reads
    found = _PageElements(tree)
    header_credit, login_form = story_header(found.headlines, found.passwords)
    text = " ".join(visible_texts(tree, found.bodies) if texts is None else texts)
    link_texts = [element_text(a) for a in found.links]
    markers = " ".join(class_and_id_values(tree) if marks is None else marks)
    return PageSignals(
        words=count_words_once(text),
        link_words=count_words_once(" ".join(link_texts)),  # one pass, not one per link
        scripts=found.scripts,
        app_root=any(i.strip().lower() in _APP_ROOT_IDS for i in found.div_ids),
        js_prompt=any(JS_PROMPT.search(n.text_content()) for n in found.noscripts),
        paywall_marker=bool(_PAYWALL.search(markers.lower()) or _has_paywall_text(text)),
        article_markup=article_markup or bool(found.articles),
        link_texts=frozenset(
            t.casefold()
            for a, t in zip(found.links, link_texts, strict=True)
            if _is_headline_long(t) and leads_off_the_page(a)
        ),
        declared_article=article_markup,
        lone_headed_article=len(found.articles) == 1
        and next(found.articles[0].iter("h1"), None) is not None,
        noscripts=tuple(n for n in found.noscripts if len(n)),
        header_credit=header_credit,
        login_form=login_form,
    )


def leads_off_the_page(link: HtmlElement) -> bool:
    """Whether `link` has an address beyond a place on the page (``href`` set and not only a
    fragment): a table of contents' entries (``#section``, or no ``href`` where a script
    scrolls) repeat the page's own subheadings, not other pages' headlines."""
    href = (link.get("href") or "").strip()
    return bool(href) and not href.startswith("#")


def _is_headline_long(text: str) -> bool:
    """Whether `text`, spaces collapsed to one (``element_text``), has at least
    `_HEADLINE_MIN_WORDS` words (``count_words``): an ASCII text's spaces count them."""
    if text.isascii():
        return text.count(" ") >= _HEADLINE_MIN_WORDS - 1
    return count_words(text) >= _HEADLINE_MIN_WORDS


class _PageElements:
    """The elements the page signals read, found in one walk of the page: its ``<body>``
    elements (``//body``), the links and div ids in the body (``//body//a``,
    ``//body//div/@id``), its ``<noscript>`` and ``<article>`` elements, and how many
    ``<script>`` elements it has, each in document order.

    Each whole-page XPath or tag walk costs about the same, 0.15 ms on a modern page: the
    six the signals made (five XPaths and the bodies' walk) are one here, with the visible
    text 0.28 -> 0.24 s CPU for the 483 modern development pages. The body's elements are
    those after its start tag when the page has one body and nothing follows it (lxml's
    parser puts everything there); otherwise XPath reads them.
    """

    def __init__(self, tree: HtmlElement) -> None:
        self.bodies: list[HtmlElement] = []
        self.links: list[HtmlElement] = []
        self.div_ids: list[str] = []
        self.noscripts: list[HtmlElement] = []
        self.scripts = 0
        self.articles: list[HtmlElement] = []
        # the first <h1> elements, else the first <h2>: the page's headline and a logo's
        self.headlines: list[HtmlElement] = []
        in_body = False
        self.passwords: list[HtmlElement] = []  # <input type="password">
        h2: HtmlElement | None = None
        walked = ("body", "a", "div", "script", "noscript", "article", "h1", "h2", "input")
        for el in tree.iter(walked):
            tag = el.tag
            if tag == "input":
                if el.get("type", "").lower() == "password":
                    self.passwords.append(el)
            elif tag == "h1":
                self.headlines.append(el)
            elif tag == "h2":
                h2 = h2 if h2 is not None else el
            elif tag == "body":
                self.bodies.append(el)
                in_body = True
            elif tag == "a":
                if in_body:
                    self.links.append(el)
            elif tag == "div":
                if in_body and (value := el.get("id")) is not None:
                    self.div_ids.append(value)
            elif tag == "script":
                self.scripts += 1
            elif tag == "noscript":
                self.noscripts.append(el)
            else:
                self.articles.append(el)
        self.headlines = self.headlines[:_MAX_HEADLINES] or ([] if h2 is None else [h2])
        if not self._walked_all(tree):
            self.links = elements(_LINKS, tree)
            self.div_ids = strings(_DIV_IDS, tree)
            self.noscripts = elements(_NOSCRIPTS, tree)
            self.scripts = len(elements(_SCRIPTS, tree))
            self.articles = elements(_ARTICLES, tree)

    def _walked_all(self, tree: HtmlElement) -> bool:
        """Whether the walk read what the XPaths read: `tree` is the document's only top
        node (XPath's ``//`` also reads nodes beside the root) and its one ``<body>`` is its
        last node, so that every element after the body's start is inside it."""
        if len(self.bodies) != 1 or tree.getparent() is not None or tree.getprevious() is not None:
            return False
        body = self.bodies[0]
        return body.getnext() is None and all(a.getnext() is None for a in body.iterancestors())


def _headline_share(paragraphs: list[str], link_texts: frozenset[str]) -> float:
    """Share of paragraphs that open with a link's text: the shape of an index page."""
    if not paragraphs or not link_texts:
        return 0.0
    starts = {_opening_words(t) for t in link_texts}
    hits = sum(1 for p in paragraphs if _opening_words(p.lstrip("-•* ")).casefold() in starts)
    return hits / len(paragraphs)


def _opening_words(text: str) -> str:
    """The first `_HEADLINE_MIN_WORDS` words of `text`, joined by one space; the rest of a
    long paragraph is not split. (Case folding never makes or removes a space: folding these
    words is folding the text's start.)"""
    return " ".join(text.split(maxsplit=_HEADLINE_MIN_WORDS)[:_HEADLINE_MIN_WORDS])


def classify(
    signals: PageSignals,
    paragraphs: list[str],
    is_free: bool | None,
    marks: StoryMarks | None = None,
) -> Outcome:
    """The outcome of a page from its signals and the extracted body; `marks`, what the page
    shows of a story around the body (`story_marks`), makes a short body an article."""
    # the body as the Article's text joins it: one count for both (text.py keeps it)
    body_words = count_words("\n\n".join(paragraphs))
    shell = signals.scripts and (signals.app_root or signals.js_prompt)
    if shell and body_words < _SHELL_MAX_WORDS and signals.words < _SHELL_MAX_WORDS * 2:
        return Outcome(
            kind=OutcomeKind.NEEDS_RENDER,
            reason=f"{signals.words} words of page text and {signals.scripts} scripts: "
            "the content is rendered by JavaScript",
        )
    if (is_free is False or signals.paywall_marker) and body_words < _TEASER_MAX_WORDS:
        declared = "isAccessibleForFree=false" if is_free is False else "a paywall marker"
        return Outcome(
            kind=OutcomeKind.PAYWALLED_PARTIAL,
            reason=f"{declared} and only {body_words} words of body: a teaser",
        )
    short_story = (
        _SHORT_STORY_MIN_WORDS <= body_words < _MIN_ARTICLE_WORDS
        and marks is not None
        and marks.is_story
    )
    if body_words < _MIN_ARTICLE_WORDS and not short_story:
        return Outcome(
            kind=OutcomeKind.NOT_ARTICLE,
            reason=f"only {body_words} words of main text",
        )
    share = _headline_share(paragraphs, signals.link_texts)
    if len(paragraphs) >= _INDEX_MIN_ITEMS and share > _INDEX_HEADLINE_SHARE:
        return Outcome(
            kind=OutcomeKind.NOT_ARTICLE,
            reason=f"{share:.0%} of {len(paragraphs)} paragraphs open with a link's text: "
            "an index or link-list page",
        )
    if (
        not (signals.article_markup or (marks is not None and marks.is_story))
        and signals.link_density > _INDEX_LINK_DENSITY
        and body_words < signals.words * _INDEX_MAX_BODY_RATIO
        and body_words < _INDEX_MAX_BODY_WORDS
    ):
        return Outcome(
            kind=OutcomeKind.NOT_ARTICLE,
            reason=f"link density {signals.link_density:.2f} and no article markup: "
            "an index or link-list page",
        )
    reason = f"{body_words} words of main text"
    if short_story:
        reason += ", a short story its page frames and credits (author or date)"
    return Outcome(kind=OutcomeKind.ARTICLE, reason=reason)
