"""Sitemap parsing as a stream: urlsets, indexes, Google News, text, .xml.gz, limits."""

import gzip
import io
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from newsflow.discover import SitemapReport, iter_sitemap
from newsflow.models import DiscoveredUrl, DiscoveryOrigin, SitemapRef

SITEMAPS = Path(__file__).resolve().parents[1] / "fixtures" / "sitemaps"
BASE = "https://courier.example/sitemap.xml"


def _items(data: bytes, **kwargs: object) -> tuple[list[DiscoveredUrl | SitemapRef], SitemapReport]:
    report = SitemapReport()
    items = list(iter_sitemap(io.BytesIO(data), BASE, report=report, **kwargs))  # type: ignore[arg-type]
    return items, report


def _urlset(count: int) -> bytes:
    rows = "".join(
        f"<url><loc>https://big.example/story/{i}</loc><lastmod>2024-05-04</lastmod></url>"
        for i in range(count)
    )
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + rows
        + "</urlset>"
    ).encode()


def test_iter_sitemap_urlset_strips_whitespace_trackers_and_skips_bad_locs() -> None:
    items, report = _items((SITEMAPS / "urlset.xml").read_bytes())
    assert [i.url for i in items] == [
        "https://courier.example/news/storm-closes-harbour",
        "https://courier.example/news/whitespace-around-loc",
        "https://courier.example/news/a?b=1&c=2",
    ]
    first, second = items[0], items[1]
    assert isinstance(first, DiscoveredUrl)
    assert isinstance(second, DiscoveredUrl)
    assert first.updated_at == datetime(2024, 5, 4, 8, 30, tzinfo=UTC)
    assert second.updated_at == datetime(2024, 5, 2, tzinfo=UTC)  # date-only lastmod
    assert (report.kind, report.entries, report.problem) == ("urlset", 3, None)


def test_iter_sitemap_google_news_fields_come_from_news_block_only() -> None:
    items, _ = _items((SITEMAPS / "news.xml").read_bytes())
    first, second = items
    assert isinstance(first, DiscoveredUrl)
    assert first.origin is DiscoveryOrigin.NEWS_SITEMAP
    assert first.title == "Harbour reopens after the storm & the clean-up"  # not image:title
    assert first.published_at == datetime(2024, 5, 4, 9, 15, tzinfo=UTC)
    assert first.updated_at == datetime(2024, 5, 4, 12, 0, tzinfo=UTC)
    assert first.keywords == ["harbour", "storm", "weather"]
    assert (first.language, first.publication) == ("en", "Coast Courier")
    assert isinstance(second, DiscoveredUrl)
    assert second.language == "zh"
    assert second.published_at == datetime(2024, 5, 3, tzinfo=UTC)


def test_iter_sitemap_index_returns_child_sitemaps_with_lastmod() -> None:
    data = (SITEMAPS / "index.xml").read_text().replace("{base}", "https://courier.example")
    items, report = _items(data.encode())
    assert report.kind == "sitemapindex"
    assert all(isinstance(i, SitemapRef) for i in items)
    assert items[1].url == "https://courier.example/sitemaps/2024-04.xml.gz"
    assert isinstance(items[3], SitemapRef)
    assert items[3].lastmod == datetime(2019, 12, 31, tzinfo=UTC)


def test_iter_sitemap_gzip_file_is_decompressed() -> None:
    items, report = _items(gzip.compress((SITEMAPS / "news.xml").read_bytes()))
    assert len(items) == 2
    assert report.problem is None


def test_iter_sitemap_gzip_bomb_stops_at_limit_with_problem() -> None:
    bomb = gzip.compress(_urlset(2) + b" " * 20_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    items, report = _items(bomb, max_bytes=1_000_000)
    assert report.problem is not None
    assert "TooLargeError" in report.problem
    assert len(items) == 2  # what came before the limit is still yielded


def test_iter_sitemap_foreign_namespace_still_read() -> None:
    items, _ = _items((SITEMAPS / "wrong_namespace.xml").read_bytes())
    assert [i.url for i in items] == [
        "https://legacy.example/old-namespace",
        "https://legacy.example/second",
    ]


def test_iter_sitemap_ill_formed_xml_recovers_and_keeps_bare_ampersands() -> None:
    items, _ = _items((SITEMAPS / "broken.xml").read_bytes())
    urls = [i.url for i in items]
    assert urls[:2] == ["https://broken.example/one", "https://broken.example/two?a=1&b=2"]
    assert "https://broken.example/four" in urls


def test_iter_sitemap_text_format_takes_absolute_urls_only() -> None:
    items, report = _items((SITEMAPS / "text.txt").read_bytes())
    assert [i.url for i in items] == ["https://plain.example/one", "https://plain.example/two"]
    assert report.kind == "text"


def test_iter_sitemap_rss_document_is_not_a_sitemap() -> None:
    items, report = _items(b"<?xml version='1.0'?><rss><channel/></rss>")
    assert items == []
    assert report.problem == "not a sitemap: root element <rss>"


def test_iter_sitemap_max_urls_stops_reading() -> None:
    items, report = _items(_urlset(30), max_urls=10)
    assert len(items) == 10
    assert report.problem is not None


def test_iter_sitemap_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("https://leak.example/secret")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<urlset><url><loc>&x;</loc></url><url><loc>https://ok.example/</loc></url></urlset>"
    ).encode()
    items, _ = _items(data)
    urls = [i.url for i in items]
    assert "https://ok.example/" in urls
    assert not any("leak.example" in url for url in urls)


def _peak_while_parsing(count: int) -> int:
    data = gzip.compress(_urlset(count))
    tracemalloc.start()
    try:
        parsed = sum(1 for _ in iter_sitemap(io.BytesIO(data), BASE))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert parsed == count
    return peak


def test_iter_sitemap_memory_stays_flat_as_url_count_grows() -> None:
    small, large = _peak_while_parsing(2_000), _peak_while_parsing(20_000)
    # ten times the URLs (1.6 MB of XML) must not mean ten times the memory: the tree is
    # cleared as it is read (benchmarks/discover.py shows the same at 50,000 URLs)
    assert large < small * 1.5 + 200_000
    assert large < 1_500_000


def _news_urlset(title: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        "<url><loc>https://cafe.example/story</loc><news:news><news:publication>"
        "<news:name>Zürcher Blätter</news:name><news:language>de</news:language>"
        f"</news:publication><news:title>{title}</news:title></news:news></url></urlset>"
    ).encode()


def test_iter_sitemap_news_title_decoded_twice_is_repaired_and_clean_one_kept() -> None:
    title = "Café à Zürich – l’été des terrasses"  # "à": its cp1252 form ends in NBSP
    clean = "A bride and her fiancé—a « café» wedding"
    (repaired,), _ = _items(_news_urlset(title.encode().decode("cp1252")))
    (kept,), _ = _items(_news_urlset(clean))
    assert isinstance(repaired, DiscoveredUrl)
    assert isinstance(kept, DiscoveredUrl)
    assert (repaired.title, repaired.publication) == (title, "Zürcher Blätter")
    assert kept.title == clean
