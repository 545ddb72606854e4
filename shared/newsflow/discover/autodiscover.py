"""Where a site lists its articles: feed links in its HTML, sitemaps in its robots.txt."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html
from protego import Protego

from newsflow.urls import is_http_url, normalize_url, published_url

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
        "application/x.atom+xml",
    }
)
# WordPress and others also advertise comment feeds, which list comments, not articles.
_COMMENT_FEED = re.compile(r"comment", re.IGNORECASE)


def feeds_from_html(page: bytes | str, base_url: str) -> list[str]:
    """Feed URLs a page advertises with `<link rel="alternate" type="…">`, in page order,
    as published (published_url); two spellings of one URL are listed once."""
    if not page or not page.strip():
        return []
    try:
        root = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    base = base_url
    for element in root.iter("base"):
        href = element.get("href")
        if href:
            base = published_url(href, base=base_url)
            break
    found: dict[str, str] = {}  # key → URL as published, first spelling wins
    for link in root.iter("link"):
        rel = {token.lower() for token in (link.get("rel") or "").split()}
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            continue
        if _COMMENT_FEED.search(link.get("title") or "") or _COMMENT_FEED.search(href):
            continue
        url = published_url(href, base=base)
        if is_http_url(url):
            found.setdefault(normalize_url(url), url)
    return list(found.values())


def sitemaps_from_robots(robots_txt: str, robots_url: str) -> list[str]:
    """The `Sitemap:` URLs of a robots.txt, absolute, as written, without duplicates."""
    found: dict[str, str] = {}
    for raw in Protego.parse(robots_txt).sitemaps:
        url = published_url(raw, base=robots_url)
        if is_http_url(url):
            found.setdefault(normalize_url(url), url)
    return list(found.values())
