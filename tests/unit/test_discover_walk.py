"""Following sitemap indexes: depth, count and recency limits, loops, failing children."""

import gzip
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import IO

from newsflow.discover import SitemapLimits, SitemapUnavailableError, WalkReport, walk_sitemaps
from newsflow.models import DiscoveredUrl, SitemapRef

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _index(*children: tuple[str, str | None]) -> bytes:
    rows = "".join(
        f"<sitemap><loc>{url}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</sitemap>"
        for url, mod in children
    )
    return f"<sitemapindex {NS}>{rows}</sitemapindex>".encode()


def _urlset(*urls: tuple[str, str | None]) -> bytes:
    rows = "".join(
        f"<url><loc>{url}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</url>"
        for url, mod in urls
    )
    return f"<urlset {NS}>{rows}</urlset>".encode()


class Files:
    """An opener over in-memory documents that records what was opened."""

    def __init__(self, documents: dict[str, bytes]) -> None:
        self.documents = documents
        self.opened: list[str] = []

    @contextmanager
    def __call__(self, url: str) -> Iterator[IO[bytes]]:
        self.opened.append(url)
        if url not in self.documents:
            raise SitemapUnavailableError("gone: HTTP 404")
        yield io.BytesIO(self.documents[url])


SITE = {
    "https://s.example/index.xml": _index(
        ("https://s.example/a.xml", "2024-05-04"),
        ("https://s.example/b.xml.gz", "2024-05-03"),
        ("https://s.example/nested.xml", None),
        ("https://s.example/old.xml", "2019-01-01"),
        ("https://s.example/missing.xml", None),
    ),
    "https://s.example/a.xml": _urlset(
        ("https://s.example/news/1", "2024-05-04"), ("https://s.example/news/2", "2020-01-01")
    ),
    "https://s.example/b.xml.gz": gzip.compress(_urlset(("https://s.example/news/3", None))),
    "https://s.example/nested.xml": _index(
        ("https://s.example/deep.xml", None), ("https://s.example/index.xml", None)
    ),
    "https://s.example/deep.xml": _urlset(("https://s.example/news/deep", None)),
    "https://s.example/old.xml": _urlset(("https://s.example/news/old", "2019-01-01")),
}


def _urls(items: list[DiscoveredUrl | SitemapRef]) -> list[str]:
    return [i.url for i in items if isinstance(i, DiscoveredUrl)]


def test_walk_sitemaps_follows_index_gz_and_nesting_without_looping() -> None:
    files = Files(SITE)
    report = WalkReport()
    items = list(walk_sitemaps("https://s.example/index.xml", files, report=report))
    assert _urls(items) == [
        "https://s.example/news/1",
        "https://s.example/news/2",
        "https://s.example/news/3",
        "https://s.example/news/old",
        "https://s.example/news/deep",
    ]
    assert files.opened.count("https://s.example/index.xml") == 1  # nested.xml links back
    assert report.problems == {"https://s.example/missing.xml": "gone: HTTP 404"}


def test_walk_sitemaps_since_skips_old_children_and_old_urls() -> None:
    files = Files(SITE)
    report = WalkReport()
    since = datetime(2024, 5, 1, tzinfo=UTC)
    items = list(walk_sitemaps("https://s.example/index.xml", files, since=since, report=report))
    assert "https://s.example/old.xml" not in files.opened  # its lastmod says nothing new
    assert "https://s.example/news/2" not in _urls(items)
    assert "https://s.example/news/3" in _urls(items)  # undated URLs are kept
    assert report.urls_outside_window == 1


def test_walk_sitemaps_depth_limit_lists_deeper_children_instead() -> None:
    files = Files(SITE)
    limits = SitemapLimits(max_depth=1)
    items = list(walk_sitemaps("https://s.example/index.xml", files, limits=limits))
    assert "https://s.example/deep.xml" not in files.opened
    refs = [i.url for i in items if isinstance(i, SitemapRef)]
    assert refs == ["https://s.example/deep.xml"]


def test_walk_sitemaps_count_limit_stops_opening_documents() -> None:
    files = Files(SITE)
    report = WalkReport()
    limits = SitemapLimits(max_sitemaps=2)
    list(walk_sitemaps("https://s.example/index.xml", files, limits=limits, report=report))
    assert files.opened == ["https://s.example/index.xml", "https://s.example/a.xml"]
    assert len(report.not_followed) == 4


def test_walk_sitemaps_no_follow_lists_children_only() -> None:
    files = Files(SITE)
    items = list(walk_sitemaps("https://s.example/index.xml", files, follow=False))
    assert files.opened == ["https://s.example/index.xml"]
    assert [i.url for i in items] == [
        "https://s.example/a.xml",
        "https://s.example/b.xml.gz",
        "https://s.example/nested.xml",
        "https://s.example/old.xml",
        "https://s.example/missing.xml",
    ]
