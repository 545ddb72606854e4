"""Collect metadata candidates from the parsed page: JSON-LD, OpenGraph, twitter, <meta>,
<link>, <time>, itemprops, bylines and headings, each tagged with its source."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from typing import Any, cast

from lxml import etree
from lxml.html import HtmlElement

from newsflow.extract.authors import ends_with_label, split_names
from newsflow.extract.bylines import MAX_TEXT_CHARS as LABEL_MAX_CHARS
from newsflow.extract.bylines import is_author_page, labelled_byline
from newsflow.extract.candidates import AuthorRef, Candidates
from newsflow.extract.dateline import writes_year
from newsflow.extract.dates import parse_date
from newsflow.extract.jsonld import collect_jsonld
from newsflow.extract.page_tags import PageTags
from newsflow.extract.walk import PageWalk, document_elements
from newsflow.extract.xpath import elements, may_match, strings, text_xpath

# <meta> keys per field, in the order we trust them.
_META_FIELDS: dict[str, tuple[str, ...]] = {
    # "headline": schema.org's headline as microdata (`<meta itemprop="headline">`) or under
    # its bare name; title.py trusts it like any other <meta> title.
    "title": (
        "headline",
        "og:title",
        "twitter:title",
        "dc.title",
        "sailthru.title",
        "parsely-title",
    ),
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "site_name": ("og:site_name", "application-name", "apple-mobile-web-app-title"),
    "published": (
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dcterms.created",
        "dc.date",
        "dcterms.date",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "publication_date",
        "article.published",
        "date",
        "og:published_time",
        "article:published",
    ),
    "modified": (
        "article:modified_time",
        "datemodified",
        "og:updated_time",
        "dcterms.modified",
        "article.updated",
        "last-modified",
        "article:modified",
    ),
    "language": ("content-language", "dc.language", "language", "og:locale", "inlanguage"),
    "section": ("article:section", "parsely-section", "section", "category", "dc.subject"),
    "canonical": ("og:url", "twitter:url"),
    "image": (
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "twitter:image",
        "twitter:image:src",
    ),
}
_META_AUTHORS = (
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "twitter:creator",
)
_META_TAGS = ("article:tag", "news_keywords", "parsely-tags", "keywords")
_BYLINE_CLASS = re.compile(
    r"(?i:(?:^|[\s_-])(?:byline|author|autor|auteur|writer)(?:$|[\s_-]|name))"
    r"|[a-z](?:Byline|Author|Autor|Writer)(?:$|[\s_-]|[A-Z])"  # camelCase: metaInfoAuthorList
)
_LISTING_PATH = re.compile(r"/(?:categor(?:y|ies)|sections?|tags?|topics?)/", re.I)
_BYLINE_SKIP = re.compile(r"bio|about|avatar|image|photo|img|description|box", re.I)
_NAME_PART = re.compile(r"(?:author|byline|writer|autor|auteur)\w*[_-]+(?:\w+[_-]+)*name", re.I)
_TEASER = re.compile(
    r"related|teaser|recommend|more-?(?:stories|articles|news)|sidebar|widget|promo|"
    r"read-?next|also-?read|trending|popular|comment|"
    # the links to the previous and next posts, each with its own date ("div.post-nav")
    r"post-?nav|nav-(?:previous|next)|(?:prev|previous|next)-?(?:post|article|story|link)",
    re.I,
)
_DATE_CLASS = re.compile(
    r"(?i:(?:^|[\s_-])(?:date|dateline|datum|fecha|data|time|timestamp|published|pubdate|"
    r"posted|tarih|datetime|meta[_-]?date)(?:$|[\s_-]))|[a-z](?:Date|Time|Datum)(?:$|[\s_-]|[A-Z])"
)
# A post's meta block ("post-meta", "entry-meta", "article-meta", "meta"), where blogs and
# newsletters set the author and the date side by side ("<p class=entry-meta>Ann Lee
# Published: 03/13/2026</p>", "<div class=post-meta><a>Ann Lee</a><div>Mar 3, 2026 ∙
# Paid</div></div>"): its whole text is a dateline candidate after the others (fresh-user
# trial), and a link in it to an author's page names the author.
_META_BLOCK_CLASS = re.compile(r"(?i:(?:^|[\s_-])(?:meta|postmeta|entrymeta)(?:$|[\s_-]))")
# A meta block whose own class or id names another thing than the post, a teaser's word
# (`_TEASER`: "comment-meta", "related-meta") or a product's, an event's or a card's
# ("product-meta", "event-meta", "card-meta"): its date and link are that thing's.
_OTHER_META = re.compile(rf"{_TEASER.pattern}|product|event|card", re.I)
# Words one of which every match of _BYLINE_CLASS / _DATE_CLASS holds, in lower case: a
# substring test first (xpath.may_match), since a case-insensitive alternation cannot skip
# ahead and these run on every class and id value of the page.
_BYLINE_WORDS = ("byline", "author", "autor", "auteur", "writer")
_DATE_WORDS = ("dat", "fecha", "time", "published", "posted", "tarih")
_DATELINE_LABEL = re.compile(
    r"(?i:published|updated|posted|veröffentlicht|erschienen|aktualisiert|erstellt|publié|"
    r"mis à jour|publicado|actualizado|pubblicato|aggiornato|입력|수정|公開|更新|发布|發佈)"
)
# "Last updated" and "Upd:" too (fresh-user trial); "Upd" only with its colon or full stop, so
# a text opening with a word that only begins with the letters ("Updike 2026 tour") is none.
# "Modified" and "Last modified" label an update as "Updated" does (dateline.py's _UPDATED).
_DATELINE_WORDS = (
    "Published",
    "Updated",
    "Last updated",
    "Last Updated",
    "Modified",
    "Last modified",
    "Last Modified",
    "Upd:",
    "Upd.",
    "Posted",
    "Veröffentlicht",
    "Erschienen",
    "Aktualisiert",
    "Publié",
    "Publicado",
    "Pubblicato",
    "입력",
    "기사입력",
    "수정",
)
# XPath's whitespace (normalize-space strips only these), so the texts are those an XPath
# `starts-with(normalize-space(), …)` found; the regexes on the one list of the body's text
# nodes cost a quarter of one XPath per search, which normalised every text node per word.
_XML_SPACE_CHARS = " \t\r\n"
_XML_SPACE = f"[{_XML_SPACE_CHARS}]"
_DATELINE_START = re.compile(f"{_XML_SPACE}*(?:{'|'.join(map(re.escape, _DATELINE_WORDS))})")
_BODY_TEXTS = text_xpath("//body//text()")
_MAX_DATELINE_CHARS = 120
# The elements holding a text node of the body equal to $text (a `_BodyTexts` string).
_TEXT_HOLDERS = etree.XPath("//body//text()[. = $text]/..")
_MAX_DATE_ATTRIBUTES = 8
# //body//*[@*[...]] as the elements of the matching attributes (the same node-set, in
# document order): libxml2 runs no predicate per element, 10% faster.
_WITH_DATE_ATTRIBUTE = etree.XPath(
    "/descendant::body/descendant::*/@*[starts-with(name(), 'data-') and (contains(name(), "
    "'date') or contains(name(), 'publish') or substring(name(), string-length(name()) - 2) = "
    "'-dt')]/parent::*"
)
_DATE_ATTRIBUTE = re.compile(r"^data-(?:.*date|.*publish|.*-dt$)")
_MODIFIED_ATTRIBUTE = re.compile(r"modif|updat|re-?deploy|edit|change", re.I)
_ITEMPROP_DATES = ("datePublished", "dateModified")
# The source name of the authors the page links with rel="author".
REL_AUTHOR = "byline:rel-author"
# The visible bylines whose whole text is kept, which may carry the story's date ("By Ana
# Li | March 3, 2024", "Von Max Muster | 03.03.2024"): a dateline when no other is read.
BYLINE_DATELINES = frozenset({"byline", "byline:text", "byline:label"})
# The source of a post meta block's whole text (`_MetaBlocks`): a dateline read only when
# neither the other datelines nor the bylines give the publication.
META_DATELINE = "dateline:meta"
# XPath's whitespace, which separates the tokens of a `rel` value.
_REL_SPACES = str.maketrans("\t\r\n", "   ")
_MAX_BYLINE_CHARS = 160
_MAX_BYLINE_ELEMENTS = 20
# A text node that may be a byline text (`_is_byline_text` of it stripped): it opens with a
# role word and a space, whitespace before them, and holds a role word and " " somewhere
# (the search it replaced, scanning every node, scripts' included, to its end; here a node
# that does not open so is refused at its first letter).
_BYLINE_ROLES = "(?:By|BY|Von|VON|Par|PAR|Por|POR|Door|Di)"
_BYLINE_OPENING = re.compile(f"(?=\\s*{_BYLINE_ROLES}\\s)(?s:.*?){_BYLINE_ROLES} ")
# A byline text's length: as long as a dateline's, as one may follow the name ("Von Lena
# Fuchs · Aktualisiert am 14.03.2026, 16:20 Uhr · Erstellt am 13.03.2026, 09:05 Uhr", 90).
_MAX_BYLINE_TEXT_CHARS = _MAX_DATELINE_CHARS
# The longest text node a body-text search keeps, whitespace collapsed: a dateline, a byline
# text, a byline label's node (bylines.labelled_byline: 80). A longer one is left out of the
# list on pages with a node over `_LONG_TEXT_CHARS` (a script's state; one pass in C finds them).
_MAX_SEARCHED_CHARS = max(_MAX_DATELINE_CHARS, _MAX_BYLINE_TEXT_CHARS, LABEL_MAX_CHARS)
_LONG_TEXT_CHARS = 65536
_ELEMENT_WITH_TEXT = etree.XPath("//body//*[text()[normalize-space(.) = $text]]")
_MENU = re.compile(r"menu|(?:^|[\s_-])nav|dropdown", re.I)
_BYLINE_TEXT = re.compile(f"^{_BYLINE_ROLES}\\s+(\\w)", re.UNICODE)


def _is_byline_text(text: str) -> bool:
    """ "By Karen Sobczak", "Por Ana Lima": a role word, then a name that starts with a capital
    (or a letter of a script without case). "Por sua causa, Carlos." is a line of an
    interview, not a byline (fresh-user trial)."""
    match = _BYLINE_TEXT.match(text)
    return match is not None and not match.group(1).islower() and not match.group(1).isdigit()


def collect(
    tree: HtmlElement,
    jsonld: list[dict[str, Any]] | None = None,
    walk: PageWalk | None = None,
    tags: PageTags | None = None,
) -> Candidates:
    """Every metadata candidate of the page, most trusted source first within each field.

    `jsonld`: the page's JSON-LD objects (`jsonld.jsonld_nodes`), `walk` its elements by
    class, id and itemprop (`walk.PageWalk` of the unchanged tree) and `tags` its elements by
    tag (`page_tags.PageTags` of the unchanged tree), when the caller has read them already.
    """
    out = Candidates()
    tags = tags or PageTags(tree)
    collect_jsonld(tree, out, jsonld)
    _collect_meta(tags, out)
    _collect_markup(tree, walk or PageWalk(tree, document_elements(tree)), tags, out)
    return out


def _collect_meta(tags: PageTags, out: Candidates) -> None:
    metas: dict[str, list[str]] = {}
    for meta in tags("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        key = key or meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), []).append(content.strip())
    for name, keys in _META_FIELDS.items():
        for key in keys:
            for value in metas.get(key, [])[:1]:
                out.add(name, value, f"meta:{key}" if ":" not in key else key)
    for key in _META_AUTHORS:
        values = metas.get(key, [])
        refs = [AuthorRef(v, None) for v in values if not v.startswith(("http://", "https://"))]
        source = f"meta:{key}" if ":" not in key else key
        out.add_authors(refs, source)
    for key in _META_TAGS:
        values = metas.get(key, [])
        words = [t.strip() for v in values for t in (v.split(",") if key != "article:tag" else [v])]
        out.add_list("tags", [t for t in words if t], f"meta:{key}" if ":" not in key else key)


def _collect_markup(tree: HtmlElement, walk: PageWalk, tags: PageTags, out: Candidates) -> None:
    for link in tags("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel:
            out.add("canonical", link.get("href"), "link:canonical")
    html_lang = tree.get("lang") or tree.get("xml:lang")
    out.add("language", html_lang, "html:lang")

    itemprops = walk.itemprops
    for element in [e for e in itemprops if e.get("itemprop") in _ITEMPROP_DATES][:4]:
        field = "published" if element.get("itemprop") == "datePublished" else "modified"
        value = element.get("datetime") or element.get("content") or element.text_content()
        out.add(field, value, f"itemprop:{element.get('itemprop')}")
    for time in tags("time"):
        value = time.get("datetime") or time.get("data-datetime")
        if value:
            out.add("published", value, "time")
            break

    texts, teasers = _BodyTexts(tree), _Teasers()
    meta_blocks = _MetaBlocks(walk, teasers)
    authors = [e for e in itemprops if e.get("itemprop") == "author"]
    _collect_bylines(tree, walk, authors, texts, out, tags=tags, in_teaser=teasers)
    # "<span>By</span> <a>Name</a>" (issue 9), outside teasers and menus ("By Industry"),
    # only where no source names anyone: it reads every text node.
    if not any(split_names(ref.name) for refs, _ in out.authors for ref in refs):
        labelled = labelled_byline(tree, lambda element: _off_story(element, teasers), texts.nodes)
        out.add_authors([AuthorRef(labelled.byline, None)] if labelled else [], "byline:label")
        if labelled and any(ch.isdigit() for ch in labelled.line):  # read with the datelines
            out.add("dateline", labelled.line, "byline:label")
        if not labelled:  # a post meta block's link to an author's page ("/@ana", "/profile/")
            out.add_authors(_meta_block_authors(meta_blocks.found), "byline:meta-link")
    if not any(parse_date(c.value) for c in out.get("published")):
        # only where no markup date: it reads every element
        _collect_datelines(tree, walk, texts, teasers, out, tags=tags, meta_blocks=meta_blocks)
        # The whole texts of the bylines found by class or text (byline:label's line is in).
        whole = BYLINE_DATELINES - {"byline:label"}
        bylines = ((r.name, s) for refs, s in out.authors if s in whole for r in refs)
        for text, source in bylines:  # resolve reads them where no other dateline is read
            if any(ch.isdigit() for ch in text):
                out.add("dateline", text, source)
    # The first <h1>, or on pages without one the first <h2> (old layouts use it for the
    # headline); resolve trusts it only when the metadata title contains it.
    for tag in ("h1", "h2"):
        heading = next((h for h in tags(tag) if h.text_content().strip()), None)
        if heading is not None:
            out.add("title", heading.text_content(), tag)
            break
    title = next(iter(tags.below("title")), None)
    if title is not None and title.text:
        out.add("title", title.text, "title")


def _collect_bylines(
    tree: HtmlElement,
    walk: PageWalk,
    itemprop_authors: list[HtmlElement],
    texts: _BodyTexts,
    out: Candidates,
    *,
    tags: PageTags,
    in_teaser: _Teasers,
) -> None:
    refs: list[AuthorRef] = []
    for anchor in _rel_authors(tags.rel_links)[:_MAX_BYLINE_ELEMENTS]:
        text = anchor.text_content().strip()
        if text and len(text) <= _MAX_BYLINE_CHARS and not in_teaser(anchor):
            refs.append(AuthorRef(text, anchor.get("href")))
    out.add_authors(refs[:10], REL_AUTHOR)

    for element in itemprop_authors[:10]:
        name = element.xpath(".//*[@itemprop='name']")
        text = (name[0].get("content") or name[0].text_content()) if name else None
        text = text or element.get("content") or _visible_text(element)
        if text and len(text.strip()) <= _MAX_BYLINE_CHARS and not in_teaser(element):
            out.add_authors([AuthorRef(text.strip(), None)], "itemprop:author")

    _collect_byline_classes(walk, in_teaser, out)
    if out.authors:
        return
    # Old and hand-made pages carry the byline only as text: "By Karen Sobczak<br>Staff Writer".
    for text in texts.short(_BYLINE_OPENING.match, _MAX_BYLINE_TEXT_CHARS):
        if _is_byline_text(text.strip()) and not _is_menu_entry(tree, text.strip()):
            out.add_authors([AuthorRef(text.strip(), None)], "byline:text")
            break


def _rel_authors(links: list[HtmlElement]) -> list[HtmlElement]:
    """The `<a>` elements of `links` (the page's links with a `rel`, `PageTags.rel_links`,
    in document order) whose `rel` holds the token "author" (XPath's `//a[contains(concat('
    ', normalize-space(@rel), ' '), ' author ')]`: tokens split at XML whitespace); a test
    of the links costs half the XPath."""
    return [
        a
        for a in links
        if a.tag == "a" and " author " in f" {(a.get('rel') or '').translate(_REL_SPACES)} "
    ]


def _off_story(element: HtmlElement, in_teaser: _Teasers) -> bool:
    """In a teaser (`in_teaser`, the page's `_Teasers`) or a menu that does not hold the
    story ("By Industry")."""
    menus = (a for a in element.iterancestors() if _in_menu(a) and not _holds_story(a))
    return in_teaser(element) or next(menus, None) is not None


def _is_menu_entry(tree: HtmlElement, text: str) -> bool:
    """Whether `text` ("By Category", "By Industry") is an entry or a heading of a menu: held
    by an element inside navigation (`<nav>`, a class or id naming a menu, nav or dropdown),
    or the whole text of a link beside another link that also reads "By …" ("By
    Manufacturer"). A byline's name may be a link, but its siblings are not more "By" links
    and it is not in the site's menu."""
    for element in elements(_ELEMENT_WITH_TEXT, tree, text=text):
        if any(_in_menu(ancestor) for ancestor in element.iterancestors()):
            return True
        parent = element.getparent()
        if element.tag != "a" or parent is None:
            continue
        if any(_is_byline_text(_visible_text(a)) for a in parent.iter("a") if a is not element):
            return True
    return False


def _in_menu(element: HtmlElement) -> bool:
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    return element.tag == "nav" or _MENU.search(marks) is not None


def _collect_byline_classes(walk: PageWalk, in_teaser: _Teasers, out: Candidates) -> None:
    """Elements whose class or id says byline/author; their name parts when marked."""
    markers = [
        v
        for v in may_match(walk.marks, _BYLINE_WORDS)
        if _BYLINE_CLASS.search(v) and not _BYLINE_SKIP.search(v)
    ]
    matches: list[str] = []
    names: list[str] = []
    for marker, found in walk.in_body_by_marker(markers[:_MAX_BYLINE_ELEMENTS]).items():
        for element in found[:_MAX_BYLINE_ELEMENTS]:
            text = _visible_text(element)
            if not text or len(text) > _MAX_BYLINE_CHARS or in_teaser(element):
                continue
            if _is_listing_link(element, text):
                continue
            matches.append(text)
            # "author-card__name", "byline__name": the name itself, without title or date.
            if _NAME_PART.search(marker) and text not in names:
                names.append(text)
    if names:
        out.add_authors([AuthorRef(n, None) for n in names[:10]], "byline:name")
    # The innermost "By …" element beats a wrapper that adds dates and icons to the names.
    marked = [t for t in matches if _is_byline_text(t)]
    if marked or matches:
        out.add_authors([AuthorRef(min(marked or matches[:1], key=len), None)], "byline")


def _collect_datelines(
    tree: HtmlElement,
    walk: PageWalk,
    body_texts: _BodyTexts,
    in_teaser: _Teasers,
    out: Candidates,
    *,
    tags: PageTags,
    meta_blocks: _MetaBlocks,
) -> None:
    """Visible dateline texts, read by `dateline.parse_dateline` when no markup date exists:
    elements whose class or id says date/time, `<time>` without `datetime`, short texts
    that start with a label ("Published", "Updated", "Veröffentlicht", "입력"), data
    attributes, and last the whole texts of the post meta blocks (`meta_blocks`)."""
    markers = [v for v in may_match(walk.marks, _DATE_WORDS) if _DATE_CLASS.search(v)]
    found: list[HtmlElement] = [t for t in tags("time") if not t.get("datetime")][:4]
    for marked in walk.in_body_by_marker(markers[:_MAX_BYLINE_ELEMENTS]).values():
        found.extend(marked[:4])
    texts = [_visible_text(e) for e in found if not in_teaser(e)]
    for text in body_texts.short(_DATELINE_START.match, _MAX_DATELINE_CHARS)[:10]:
        holder = _story_holder(tree, text, in_teaser)
        if holder is not None:
            texts.append(_labelled_line(text, holder))
    for text in dict.fromkeys(t for t in texts if t and len(t) <= _MAX_DATELINE_CHARS):
        if _DATELINE_LABEL.match(text) or any(ch.isdigit() for ch in text):
            out.add("dateline", text, "dateline")
    # Pages rendered by JavaScript keep the dateline in data attributes of the article's
    # element: data-published="…", data-deploy-dt="2026.01.29 18:40".
    for element in elements(_WITH_DATE_ATTRIBUTE, tree)[:_MAX_DATE_ATTRIBUTES]:
        for name, value in element.attrib.items():
            dated = _DATE_ATTRIBUTE.search(name) and not _MODIFIED_ATTRIBUTE.search(name)
            if dated and len(value) <= _MAX_DATELINE_CHARS:
                out.add("dateline", value, f"attribute:{name}")
    for element in meta_blocks.found:  # a block's ratings and counts are no date
        text = _visible_text(element)
        if len(text) <= _MAX_DATELINE_CHARS and writes_year(text):
            out.add("dateline", text, META_DATELINE)


def _meta_block_authors(blocks: list[HtmlElement]) -> list[AuthorRef]:
    """The first link to an author's page (`bylines.is_author_page`) in the page's post
    meta `blocks` (`_MetaBlocks`) that opens its block or follows a byline's label
    (`_credits_link`), but for one opening another window (a share or follow button), as an
    author with its address: "<div class=post-meta><a href=/@ana>Ana Li</a><div>Mar 3,
    2026</div></div>"; [] when there is none."""
    for block in blocks:
        for link in block.iter("a"):
            if link.get("target") == "_blank":
                continue  # a share or follow button opening another site ("x.com/@paper")
            text, href = _visible_text(link), link.get("href") or ""
            credits = text and len(text) <= _MAX_BYLINE_CHARS and is_author_page(href)
            if credits and _credits_link(block, link):
                return [AuthorRef(text, href)]
    return []


def _credits_link(block: HtmlElement, link: HtmlElement) -> bool:
    """Whether `link` in the meta `block` credits the story: no text before it in the block
    (its first element; an avatar has none), or the text before it ends in a byline's label
    (`authors.ends_with_label`: "Posted on March 3, 2026 by"). A tag's or a topic's link
    after other words ("Filed under <a href=/people/jo-marsh>Jo Marsh</a>") names whom the
    story is about, not its author."""
    before: list[str] = []
    for event, element in etree.iterwalk(block, events=("start", "end")):
        if element is link:
            break
        if event == "start" and isinstance(element.tag, str):  # a comment's text is none
            before.append(element.text or "")
        elif event == "end" and element is not block:
            before.append(element.tail or "")
    text = " ".join(" ".join(before).split())
    return not text or ends_with_label(text)


# The story's meta block comes first: a few blocks are read, as teaser cards repeat theirs.
_MAX_META_BLOCKS = 4


class _MetaBlocks:
    """The page's post meta blocks (`_META_BLOCK_CLASS`, not `_OTHER_META`) outside teasers,
    comments and menus (`in_teaser`): the first `_MAX_META_BLOCKS` elements of the body
    holding one of the first `_MAX_BYLINE_ELEMENTS` such class or id values, in the order
    of those values; found when first asked for, once for the datelines and the authors."""

    def __init__(self, walk: PageWalk, in_teaser: _Teasers) -> None:
        self._walk, self._in_teaser = walk, in_teaser

    @cached_property
    def found(self) -> list[HtmlElement]:
        marks = may_match(self._walk.marks, ("meta",))
        markers = [v for v in marks if _META_BLOCK_CLASS.search(v) and not _OTHER_META.search(v)]
        markers = markers[:_MAX_BYLINE_ELEMENTS]
        blocks: list[HtmlElement] = []
        for marked in self._walk.in_body_by_marker(markers).values():
            for element in marked:
                if not self._in_teaser(element) and not _in_card(element):
                    blocks.append(element)
                    if len(blocks) == _MAX_META_BLOCKS:
                        return blocks
        return blocks


def _in_card(element: HtmlElement) -> bool:
    """Whether `element` lies in a `<figure>` (a picture's caption) or in another `<article>`
    than the story's: the one holding the page's `<h1>`, else the page's first (another
    story's card in a list: "<div class=grid><article><h3>…<div class=entry-meta>Feb 1")."""
    if next(element.iterancestors("figure"), None) is not None:
        return True
    holder = next(element.iterancestors("article"), None)
    if holder is None or _holds_story(holder):
        return False
    root = element.getroottree().getroot()
    title = next(root.iter("h1"), None)
    if title is not None and next(title.iterancestors("article"), None) is not None:
        return True  # the story's article is the one with the title
    return next(root.iter("article"), None) is not holder


def _story_holder(tree: HtmlElement, text: str, in_teaser: _Teasers) -> HtmlElement | None:
    """The first element holding a text node of the body that reads `text` (a string of
    `_BodyTexts`) outside teasers and comments (`_teaser_verdict` on the element, else
    `in_teaser`), or None: a comment's "Posted March 9 by Bob" or another story's "Updated …"
    is not the story's date. One XPath per text; only the few labelled short texts are
    looked up."""
    for element in elements(_TEXT_HOLDERS, tree, text=text):
        verdict = _teaser_verdict(element)
        if not (in_teaser(element) if verdict is None else verdict):
            return element
    return None


def _labelled_line(text: str, holder: HtmlElement) -> str:
    """The dateline a labelled text node (`text`, held by `holder`) stands for: the node,
    whitespace collapsed, or, for a label without a number whose name or date is in the
    markup after it ("Posted by <a rel=author>Ann Lee</a> on 12 January 2026"), the
    holder's whole text when it is a dateline's length (`_MAX_DATELINE_CHARS`) and holds a
    number outside links: a link's text is another page's ("Posted on <a>the forum on
    2025-07-09</a>" dates the forum's post)."""
    own = " ".join(text.split())
    if any(ch.isdigit() for ch in own):
        return own
    line = _visible_text(holder)
    if len(line) > _MAX_DATELINE_CHARS:
        return own
    dated = any(ch.isdigit() for t in strings(_UNLINKED_TEXTS, holder) for ch in t)
    return line if dated else own


# The text of an element's descendants outside links.
_UNLINKED_TEXTS = text_xpath(".//text()[not(ancestor::a)]")


class _BodyTexts:
    """The text nodes of the page's body, read in one walk when a search first needs them."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree

    @cached_property
    def nodes(self) -> list[str]:
        """The nodes any search can keep, in document order: a script's state, megabytes of
        JSON on some pages, is dropped, not held through the searches and joined."""
        found = _BODY_TEXTS(self._tree)  # plain strings (`text_xpath`): none copied
        texts = cast(list[str], found) if isinstance(found, list) else []
        if max(map(len, texts), default=0) > _LONG_TEXT_CHARS:
            texts = [t for t in texts if len(t) <= _LONG_TEXT_CHARS or _searchable(t)]
        return texts

    def short(self, test: Callable[[str], object], max_chars: int) -> list[str]:
        """The nodes that pass `test` and, whitespace collapsed as XPath's normalize-space
        does, are under `max_chars` characters; in document order."""
        # filter runs `test` (a regex method) on every node in C; few nodes pass it
        return [t for t in filter(test, self.nodes) if _xml_normalized_under(t, max_chars)]


def _searchable(text: str) -> bool:
    """False for a text none of the body-text searches keeps: one with more than
    `_MAX_SEARCHED_CHARS` characters that are not whitespace in its head. Python's whitespace
    holds XML's, so such a text is as long once normalised either way (`_xml_normalized_under`,
    the label's collapsed text)."""
    head = text[: 2 * _MAX_SEARCHED_CHARS]
    return len("".join(head.split())) <= _MAX_SEARCHED_CHARS


def _xml_normalized_under(text: str, max_chars: int) -> bool:
    """Whether `text`, whitespace collapsed as XPath's normalize-space does, has fewer than
    `max_chars` characters. Normalising never lengthens a text and keeps every character but
    XML whitespace, so a shorter text is, and one whose first `2 * max_chars` characters hold
    `max_chars` others is not; only a text of mostly whitespace is normalised. A body's text
    nodes include its scripts' (a megabyte of state on some pages)."""
    if len(text) < max_chars:
        return True
    head = text[: 2 * max_chars]
    if len(head) - sum(map(head.count, _XML_SPACE_CHARS)) >= max_chars:
        return False
    return len(" ".join(re.split(f"{_XML_SPACE}+", text.strip(_XML_SPACE_CHARS)))) < max_chars


def _visible_text(element: HtmlElement) -> str:
    """Text with a space between elements: "Dana Whitlock</span><span>Senior Reporter"."""
    return " ".join(" ".join(element.itertext()).split())


class _Teasers:
    """Whether an element is inside a related-stories teaser, a sidebar, the navigation, the
    comments or a form (a comment form's "Name" field is marked as an author), or the page's
    footer (an article's own `<footer>` often holds its byline): the nearest ancestor that
    `_teaser_verdict` decides on tells. One per page: each ancestor is weighed once, as the
    page's byline and dateline candidates share most of theirs."""

    def __init__(self) -> None:
        # element -> the answer for its descendants: its own verdict, else its ancestors'
        self._from: dict[HtmlElement, bool] = {}

    def __call__(self, element: HtmlElement) -> bool:
        undecided: list[HtmlElement] = []
        answer = False
        for ancestor in element.iterancestors():
            known = self._from.get(ancestor)
            if known is None:
                known = _teaser_verdict(ancestor)
            if known is not None:
                answer = self._from[ancestor] = known
                break
            undecided.append(ancestor)
        for ancestor in undecided:
            self._from[ancestor] = answer
        return answer


def _teaser_verdict(element: HtmlElement) -> bool | None:
    """True for a footer outside any `<article>`; for an `<aside>`, `<nav>`, `<form>` or a
    class or id naming a teaser, whether it is one: a container that holds the page's `<h1>`
    or `<article>` is its layout, whatever its class says ("elementor-widget-container",
    "content-area … x-sidebar", a whole page in one `<form>`); None for any other element."""
    if element.tag == "footer" and not any(a.tag == "article" for a in element.iterancestors()):
        return True
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    if element.tag in {"aside", "nav", "form"} or _TEASER.search(marks):
        return not _holds_story(element)
    return None


def _is_listing_link(element: HtmlElement, text: str) -> bool:
    """Whether `element` shows only a link to a category, section or tag listing: the
    article's section beside the byline ("<a href="/news/category/29/…">Lifestyle</a>")."""
    return any(
        _LISTING_PATH.search(a.get("href") or "") and _visible_text(a) == text
        for a in element.iter("a")
    )


def _holds_story(element: HtmlElement) -> bool:
    return next(element.iterdescendants("h1", "article"), None) is not None
