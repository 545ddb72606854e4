"""Autodiscovery (feed links, robots Sitemap lines), URL filters, recency, re-queue, sniffing."""

from datetime import UTC, datetime, timedelta

import pytest

from newsflow.discover import (
    DocumentKind,
    UrlFilter,
    feeds_from_html,
    needs_refetch,
    sitemaps_from_robots,
    sniff_document,
    within_window,
)
from newsflow.models import Source
from newsflow.services.sources import InvalidSourceError, check_source

HOME = b"""<!doctype html><html><head>
<link rel="alternate" type="application/rss+xml" title="Top stories" href="/rss/top.xml">
<link rel="ALTERNATE stylesheet" type="Application/Atom+XML" href="https://cdn.example/atom">
<link rel="alternate" type="application/feed+json" href="feed.json?utm_source=x">
<link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="javascript:void(0)">
<link rel="alternate" type="application/rss+xml" href="/rss/top.xml#dup">
</head><body></body></html>"""


def test_feeds_from_html_finds_rss_atom_json_links_in_order() -> None:
    assert feeds_from_html(HOME, "https://news.example/section/") == [
        "https://news.example/rss/top.xml",
        "https://cdn.example/atom",
        "https://news.example/section/feed.json",
    ]


def test_feeds_from_html_honours_base_href() -> None:
    page = '<head><base href="https://other.example/x/"><link rel=alternate '
    page += 'type=application/rss+xml href="feed"></head>'
    assert feeds_from_html(page, "https://news.example/") == ["https://other.example/x/feed"]


@pytest.mark.parametrize("page", [b"", b"   ", b"\x00\x01", b"<p>no head"])
def test_feeds_from_html_empty_or_junk_gives_nothing(page: bytes) -> None:
    assert feeds_from_html(page, "https://news.example/") == []


def test_sitemaps_from_robots_resolves_and_dedupes() -> None:
    robots = (
        "User-agent: *\nDisallow: /search\n"
        "Sitemap: https://news.example/sitemap_index.xml\n"
        "sitemap: /news-sitemap.xml\n"
        "SITEMAP: https://news.example/sitemap_index.xml\n"
    )
    assert sitemaps_from_robots(robots, "https://news.example/robots.txt") == [
        "https://news.example/sitemap_index.xml",
        "https://news.example/news-sitemap.xml",
    ]


def test_url_filter_for_source_allows_and_blocks_by_pattern() -> None:
    source = Source(
        id="courier",
        name="Coast Courier",
        homepage="https://courier.example/",
        allowed_url_patterns=[r"^https://courier\.example/news/"],
        blocked_url_patterns=[r"/live/", r"\?page="],
    )
    accepts = UrlFilter.for_source(source).accepts
    assert accepts("https://courier.example/news/storm")
    assert not accepts("https://courier.example/about")
    assert not accepts("https://courier.example/news/live/election")
    assert not accepts("https://courier.example/news/list?page=2")
    assert UrlFilter().accepts("https://anything.example/")


def test_source_pattern_re2_cannot_compile_is_refused_naming_the_field() -> None:
    source = Source(id="x", name="X", homepage="https://x.example/", blocked_url_patterns=["("])
    with pytest.raises(InvalidSourceError, match=r"blocked_url_patterns\.0: not an RE2 pattern"):
        check_source(source)
    with pytest.raises(ValueError, match="not an RE2 pattern"):
        UrlFilter.for_source(source)


def test_url_filter_catastrophic_pattern_answers_in_linear_time() -> None:
    # (a+)+$ against a's ending in b: exponential for Python's re, linear for RE2
    url_filter = UrlFilter.from_patterns(blocked=["(a+)+$"])
    assert url_filter.accepts("https://x.example/" + "a" * 50_000 + "b")
    assert not url_filter.accepts("https://x.example/aaa")


def test_within_window_keeps_recent_and_undated_drops_old() -> None:
    since = datetime(2024, 5, 1, tzinfo=UTC)
    assert within_window(datetime(2024, 5, 2, tzinfo=UTC), since)
    assert not within_window(datetime(2024, 4, 30, tzinfo=UTC), since)
    assert within_window(None, since)
    assert not within_window(None, since, keep_undated=False)
    assert within_window(datetime(2000, 1, 1, tzinfo=UTC), None)


def test_needs_refetch_only_when_updated_after_last_fetch() -> None:
    fetched = datetime(2024, 5, 4, 12, 0, tzinfo=UTC)
    assert needs_refetch(None, None)  # never fetched
    assert needs_refetch(datetime(2024, 5, 4, 12, 5, tzinfo=UTC), fetched)
    assert not needs_refetch(datetime(2024, 5, 4, 11, 0, tzinfo=UTC), fetched)
    assert not needs_refetch(None, fetched)  # no signal from the feed
    later = datetime(2024, 5, 4, 12, 0, 30, tzinfo=UTC)
    assert not needs_refetch(later, fetched, tolerance=timedelta(minutes=1))


def test_needs_refetch_naive_times_are_taken_as_utc() -> None:
    fetched = datetime(2024, 5, 4, 12, 0, tzinfo=UTC)
    assert needs_refetch(datetime(2024, 5, 4, 13, 0), fetched)  # noqa: DTZ001 - on purpose


@pytest.mark.parametrize(
    ("prefix", "content_type", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0">', None, DocumentKind.FEED),
        (b"\xef\xbb\xbf<?xml version='1.0'?><!-- c --><feed xmlns='x'>", None, DocumentKind.FEED),
        (b"<rdf:RDF xmlns:rdf='x'>", None, DocumentKind.FEED),
        (b'  {"version": "https://jsonfeed.org/version/1.1"', None, DocumentKind.FEED),
        (b"<?xml version='1.0'?><urlset xmlns='x'>", "text/html", DocumentKind.SITEMAP),
        (b"<sitemapindex>", None, DocumentKind.SITEMAP),
        (b"https://a.example/1\nhttps://a.example/2", "text/plain", DocumentKind.SITEMAP),
        (b"\x1f\x8b\x08\x00", None, DocumentKind.GZIP),
        (b"<!DOCTYPE html><html lang=en>", None, DocumentKind.HTML),
        (b"<div>fragment</div>", "text/html; charset=utf-8", DocumentKind.HTML),
        (b"%PDF-1.7", "application/pdf", DocumentKind.UNKNOWN),
    ],
)
def test_sniff_document_recognises_kind(
    prefix: bytes, content_type: str | None, kind: DocumentKind
) -> None:
    assert sniff_document(prefix, content_type) is kind
