"""Feeds and sitemaps → candidate article URLs, canonicalized and filtered (pure, no I/O)."""

from newsflow.discover.autodiscover import feeds_from_html, sitemaps_from_robots
from newsflow.discover.dates import parse_w3c_datetime
from newsflow.discover.feeds import ParsedFeed, parse_feed, parse_json_feed
from newsflow.discover.filters import UrlFilter, needs_refetch, within_window
from newsflow.discover.sitemaps import (
    MAX_SITEMAP_BYTES,
    MAX_SITEMAP_URLS,
    SitemapReport,
    iter_sitemap,
    open_sitemap,
)
from newsflow.discover.sniff import DocumentKind, sniff_document
from newsflow.discover.walk import (
    SitemapLimits,
    SitemapOpener,
    SitemapUnavailableError,
    WalkReport,
    walk_sitemaps,
)

__all__ = [
    "MAX_SITEMAP_BYTES",
    "MAX_SITEMAP_URLS",
    "DocumentKind",
    "ParsedFeed",
    "SitemapLimits",
    "SitemapOpener",
    "SitemapReport",
    "SitemapUnavailableError",
    "UrlFilter",
    "WalkReport",
    "feeds_from_html",
    "iter_sitemap",
    "needs_refetch",
    "open_sitemap",
    "parse_feed",
    "parse_json_feed",
    "parse_w3c_datetime",
    "sitemaps_from_robots",
    "sniff_document",
    "walk_sitemaps",
    "within_window",
]
