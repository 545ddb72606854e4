"""What a fetched document is (feed, sitemap, HTML page) from its first bytes."""

from __future__ import annotations

import re
from enum import StrEnum

from newsflow.decompress import GZIP_MAGIC

_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
# A DOCTYPE may carry an internal subset in brackets, whose declarations contain `>`.
_PROLOG = re.compile(
    rb"\s*(<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>)", re.DOTALL | re.IGNORECASE
)


class DocumentKind(StrEnum):
    """The kinds of document `newsflow discover` knows what to do with."""

    FEED = "feed"
    SITEMAP = "sitemap"
    HTML = "html"
    GZIP = "gzip"  # decompress, then sniff again
    UNKNOWN = "unknown"


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _utf8_head(prefix: bytes) -> bytes:
    """The prefix without leading whitespace and byte-order mark (in either order), UTF-16
    recoded to UTF-8 so that the markup can be matched byte-wise."""
    head = prefix.lstrip()
    if head.startswith(_UTF16_BOMS):
        head = head[: len(head) - len(head) % 2].decode("utf-16", "replace").encode("utf-8")
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()


def sniff_document(prefix: bytes, content_type: str | None = None) -> DocumentKind:
    """The document's kind from its first kilobytes, the Content-Type only breaking ties."""
    if prefix.startswith(GZIP_MAGIC):
        return DocumentKind.GZIP
    head = _utf8_head(prefix)
    if head.startswith(b"{"):
        return DocumentKind.FEED  # JSON Feed
    if head.lower().startswith((b"http://", b"https://")):
        return DocumentKind.SITEMAP  # the plain-text sitemap format
    while True:
        prolog = _PROLOG.match(head)
        if not prolog:
            break
        head = head[prolog.end() :]
    root = _ROOT.match(head.lstrip())
    name = root.group(2).decode("ascii").lower() if root else ""
    if name in {"rss", "rdf", "feed", "channel"}:
        return DocumentKind.FEED
    if name in {"urlset", "sitemapindex"}:
        return DocumentKind.SITEMAP
    media = (content_type or "").split(";")[0].strip().lower()
    if name in {"html", "head", "body"} or media in {"text/html", "application/xhtml+xml"}:
        return DocumentKind.HTML
    return DocumentKind.UNKNOWN
