"""JSON-LD blocks to metadata candidates, tolerant of broken and hostile markup."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from newsflow.extract.candidates import AuthorRef, Candidates

# schema.org types whose fields describe the article itself (Article and its subtypes).
ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "SatiricalArticle",
        "Article",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "TechArticle",
        "SocialMediaPosting",
        "DiscussionForumPosting",
        "VideoObject",
    }
)
# schema.org types of a thing a page offers or announces, no story about it: its name and
# date (an event's start, a product's release) look like a dated brief's headline and credit.
# Any type ending in "Event" (schema.org's Event subtypes: SportsEvent, MusicEvent, ...) too,
# but for those that describe a story's own publication (a live blog's BroadcastEvent).
NON_STORY_TYPES = frozenset(
    {
        "Event",
        "Product",
        "ProductGroup",
        "IndividualProduct",
        "Offer",
        "AggregateOffer",
        "Recipe",
        "JobPosting",
        "Course",
        "SoftwareApplication",
    }
)
_PUBLICATION_EVENTS = frozenset({"PublicationEvent", "BroadcastEvent", "OnDemandEvent"})
_PUBLISHER_TYPES = frozenset({"NewsMediaOrganization", "Organization", "WebSite", "Corporation"})
_MAX_SCRIPT_CHARS = 2_000_000
_MAX_DEPTH = 8
# Comment and CDATA wrappers, also behind "//" as in XHTML-safe templates.
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
# Every match holds one of these: a block without any (most) skips the pattern, which tries
# its closing half at every character (5x the cost of json.loads on the metadata dev set).
_WRAPPER_MARKS = ("<!--", "<![CDATA[", "-->", "]]>")
_FALSE = {"false", "no", "0"}


def _types(node: dict[str, Any]) -> list[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [v.rsplit("/", 1)[-1].removeprefix("schema:") for v in values if isinstance(v, str)]


def is_non_story_type(kind: str) -> bool:
    """Whether the schema.org type `kind` is a thing a page offers or announces, not a story
    (`NON_STORY_TYPES`, or an Event subtype: its name ends in "Event", but for a story's
    own publication event)."""
    return kind in NON_STORY_TYPES or (kind.endswith("Event") and kind not in _PUBLICATION_EVENTS)


def _nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data[:200]:
            yield from _nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _nodes(data[key], depth + 1)


def _documents(tree: HtmlElement, scripts: list[HtmlElement] | None) -> Iterator[Any]:
    for script in tree.iter("script") if scripts is None else scripts:
        kind = (script.get("type") or "").strip().lower()
        if kind != "application/ld+json" or not script.text:
            continue
        text = script.text
        if len(text) > _MAX_SCRIPT_CHARS:
            continue
        try:
            yield json.loads(_unwrapped(text), strict=False)
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; the other sources still count


def _unwrapped(text: str) -> str:
    """`text` without a comment or CDATA wrapper around it."""
    return _WRAPPER.sub("", text) if any(m in text for m in _WRAPPER_MARKS) else text


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or value.get("alternateName"))
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, int | float) and not isinstance(value, bool):
        # json reads NaN, Infinity and 1e400 (no JSON numbers) as floats: no value, not "nan"
        return str(value) if not isinstance(value, float) or math.isfinite(value) else None
    return None


def _texts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [t for t in (_text(v) for v in value[:50]) if t]
    text = _text(value)
    return [text] if text else []


def _url(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _url(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, list) and value:
        return _url(value[0])
    return None


def _authors(value: Any) -> list[AuthorRef]:
    found: list[AuthorRef] = []
    for item in value[:30] if isinstance(value, list) else [value]:
        if isinstance(item, str):
            found.append(AuthorRef(item, None))
        elif isinstance(item, dict):
            name = _text(item.get("name"))
            if not name and (item.get("givenName") or item.get("familyName")):
                name = " ".join(_texts([item.get("givenName"), item.get("familyName")]))
            if name:
                url = _url(item.get("url")) or _url(item.get("sameAs"))
                kinds = _types(item)
                is_org = any(t.endswith("Organization") or t in _PUBLISHER_TYPES for t in kinds)
                found.append(AuthorRef(name, url, is_organization=is_org))
    return found


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() not in _FALSE
    return None


def jsonld_nodes(
    tree: HtmlElement, scripts: list[HtmlElement] | None = None
) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, in document order: each block's top object, then
    those under its `@graph`, `mainEntity` and `itemListElement` (at most 8 levels deep, 200
    items a list); broken blocks are skipped. Parsed once per page and shared by its
    readers (the metadata's candidates, the rights' licence); none of them changes a node.
    `scripts`: the tree's `<script>` elements in document order (``tree.iter("script")``,
    `page_tags.PageTags`), when the caller has them."""
    return [node for doc in _documents(tree, scripts) for node in _nodes(doc)]


def collect_jsonld(
    tree: HtmlElement, out: Candidates, nodes: list[dict[str, Any]] | None = None
) -> None:
    """Add the candidates of every JSON-LD block to `out`, article nodes first, and as
    "entity_type" the type of each node that is no story (`is_non_story_type`).

    `nodes`: the page's `jsonld_nodes`, when the caller has read them already.
    """
    if nodes is None:
        nodes = jsonld_nodes(tree)
    articles = [(node, t) for node in nodes for t in _types(node)[:1] if t in ARTICLE_TYPES]
    # Prefer the most specific type: a NewsArticle beats the WebPage's generic Article.
    articles.sort(key=lambda pair: pair[1] in {"Article", "VideoObject", "SocialMediaPosting"})
    for node, kind in articles:
        _collect_article(node, f"jsonld:{kind}", out)
    for kind in (t for node in nodes for t in _types(node)[:1] if is_non_story_type(t)):
        out.add("entity_type", kind, "jsonld:@type")
    for node in nodes:
        types = _types(node)
        if any(t in _PUBLISHER_TYPES for t in types):
            out.add("site_name", _text(node.get("name")), f"jsonld:{types[0]}.name")


def _collect_article(node: dict[str, Any], tag: str, out: Candidates) -> None:
    out.add("title", _text(node.get("headline")) or _text(node.get("name")), f"{tag}.headline")
    out.add("description", _text(node.get("description")), f"{tag}.description")
    out.add("published", _text(node.get("datePublished")), f"{tag}.datePublished")
    out.add("published", _text(node.get("dateCreated")), f"{tag}.dateCreated")
    out.add("modified", _text(node.get("dateModified")), f"{tag}.dateModified")
    out.add("language", _text(node.get("inLanguage")), f"{tag}.inLanguage")
    for section in _texts(node.get("articleSection"))[:1]:
        out.add("section", section, f"{tag}.articleSection")
    keywords = node.get("keywords")
    tags = keywords.split(",") if isinstance(keywords, str) else _texts(keywords)
    out.add_list("tags", [t.strip() for t in tags if t.strip()], f"{tag}.keywords")
    out.add("image", _url(node.get("image")) or _url(node.get("thumbnailUrl")), f"{tag}.image")
    out.add("canonical", _url(node.get("mainEntityOfPage")) or _url(node.get("url")), f"{tag}.url")
    out.add("article_body", _text(node.get("articleBody")), f"{tag}.articleBody", multiline=True)
    out.add_authors(_authors(node.get("author") or node.get("creator")), f"{tag}.author")
    publisher = node.get("publisher")
    out.add("publisher", _text(publisher), f"{tag}.publisher")
    free = _flag(node.get("isAccessibleForFree"))
    if free is None and isinstance(node.get("hasPart"), dict | list):
        parts = node["hasPart"] if isinstance(node["hasPart"], list) else [node["hasPart"]]
        free = next(
            (
                f
                for p in parts
                if isinstance(p, dict)
                if (f := _flag(p.get("isAccessibleForFree"))) is not None
            ),
            None,
        )
    if free is not None:
        out.add_flag("is_free", free, f"{tag}.isAccessibleForFree")
