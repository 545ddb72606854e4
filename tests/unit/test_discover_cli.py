"""`newsflow discover` end to end against a local site: feeds, sitemaps, homepage."""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.loopback_site import Reply, Site

from newsflow.scrape_cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
XML = {"Content-Type": "application/xml"}


def _urlset(*paths: str, lastmod: str = "2024-05-04") -> bytes:
    rows = "".join(f"<url><loc>{p}</loc><lastmod>{lastmod}</lastmod></url>" for p in paths)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'.encode()


@pytest.fixture
def news_site(site: Site) -> Site:
    index = (FIXTURES / "sitemaps" / "index.xml").read_text().replace("{base}", site.base_url)
    site.routes["/sitemaps/index.xml"] = Reply(200, index.encode(), XML)
    site.routes["/sitemaps/2024-05.xml"] = Reply(200, _urlset(site.url("/news/may-1")), XML)
    site.routes["/sitemaps/2024-04.xml.gz"] = Reply(
        200,
        gzip.compress(_urlset(site.url("/news/april-1"), lastmod="2024-04-30")),
        {"Content-Type": "application/x-gzip"},
    )
    site.routes["/sitemaps/nested-index.xml"] = Reply(
        200,
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>'
        + site.url("/sitemaps/deep.xml").encode()
        + b"</loc></sitemap></sitemapindex>",
        XML,
    )
    site.routes["/sitemaps/deep.xml"] = Reply(200, _urlset(site.url("/news/deep")), XML)
    site.routes["/sitemaps/offset.xml"] = Reply(
        200, _urlset(site.url("/news/offset"), lastmod="2024-05-04T10:00:00+02:00"), XML
    )
    site.routes["/sitemaps/old-2019.xml"] = Reply(
        200, _urlset(site.url("/news/old"), lastmod="2019-12-31"), XML
    )
    site.routes["/feed.xml"] = Reply(
        200,
        (FIXTURES / "feeds" / "rss20.xml").read_bytes(),
        {"Content-Type": "application/rss+xml"},
    )
    site.routes["/"] = Reply(
        200,
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b"</head><body>Front page</body></html>",
        {"Content-Type": "text/html"},
    )
    site.routes["/robots.txt"] = Reply(
        200,
        b"User-agent: *\nDisallow: /private/\nSitemap: /sitemaps/2024-05.xml\n",
        {"Content-Type": "text/plain"},
    )
    return site


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, object]]]:
    status = main(["discover", *argv, "--allow-loopback", "--min-delay", "0"])
    lines = capsys.readouterr().out.splitlines()
    return status, [json.loads(line) for line in lines]


def test_discover_sitemap_index_follows_children_within_limits(
    news_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    status, records = _run(capsys, news_site.url("/sitemaps/index.xml"))
    assert status == 0
    urls = [r["url"] for r in records]
    assert urls == [
        news_site.url("/news/may-1"),
        news_site.url("/news/april-1"),  # from the .xml.gz child
        news_site.url("/news/old"),
        news_site.url("/news/deep"),
    ]
    assert records[0]["updated_at"] == "2024-05-04T00:00:00Z"
    assert records[0]["origin"] == "sitemap"


def test_discover_no_follow_lists_child_sitemaps(
    news_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    status, records = _run(capsys, news_site.url("/sitemaps/index.xml"), "--no-follow")
    assert status == 0
    assert [r["sitemap"] for r in records] == [
        news_site.url("/sitemaps/2024-05.xml"),
        news_site.url("/sitemaps/2024-04.xml.gz"),
        news_site.url("/sitemaps/nested-index.xml"),
        news_site.url("/sitemaps/old-2019.xml"),
    ]
    assert "/sitemaps/2024-05.xml" not in news_site.paths()


def test_discover_prints_every_time_in_utc_with_z(
    news_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN dates with an offset, in a sitemap and in an index naming its children
    index = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>'
        f"{news_site.url('/sitemaps/offset.xml')}</loc>"
        "<lastmod>2024-05-04T10:00:00+02:00</lastmod></sitemap></sitemapindex>"
    )
    news_site.routes["/sitemaps/offset-index.xml"] = Reply(200, index.encode(), XML)
    # WHEN discover reads them, THEN it prints the same instants in UTC, as the API does
    _, records = _run(capsys, news_site.url("/sitemaps/offset.xml"))
    assert records[0]["updated_at"] == "2024-05-04T08:00:00Z"
    _, records = _run(capsys, news_site.url("/sitemaps/offset-index.xml"), "--no-follow")
    assert records == [
        {"sitemap": news_site.url("/sitemaps/offset.xml"), "lastmod": "2024-05-04T08:00:00Z"}
    ]


def test_discover_since_and_max_sitemaps_limit_the_walk(
    news_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    _, records = _run(
        capsys, news_site.url("/sitemaps/index.xml"), "--since", "2024-05-01", "--max-sitemaps", "3"
    )
    urls = [r.get("url") for r in records]
    assert news_site.url("/news/may-1") in urls
    assert news_site.url("/news/april-1") not in urls  # child lastmod before --since
    assert "/sitemaps/old-2019.xml" not in news_site.paths()
    assert "/sitemaps/deep.xml" not in news_site.paths()  # beyond --max-sitemaps


def test_discover_feed_prints_entries_with_titles_and_dates(
    news_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    status, records = _run(capsys, news_site.url("/feed.xml"))
    assert status == 0
    first = records[0]
    assert first["url"] == "https://Courier.Example:443/news/storm-closes-harbour?id=17"
    assert first["key"] == "https://courier.example/news/storm-closes-harbour?id=17"
    assert first["title"] == "Storm closes the harbour"
    assert first["published_at"] == "2024-05-04T08:30:00Z"
    assert first["language"] == "en"
    assert records[1]["url"] == news_site.url("/news/relative-story")


def test_discover_homepage_uses_feed_links_and_robots_sitemaps(
    news_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    status, records = _run(capsys, news_site.url("/"))
    assert status == 0
    urls = [r["url"] for r in records]
    assert "https://Courier.Example:443/news/storm-closes-harbour?id=17" in urls  # the feed's
    assert news_site.url("/news/may-1") in urls  # from robots.txt's Sitemap line


def test_discover_unreachable_target_exits_1_with_reason(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["discover", "http://169.254.169.254/sitemap.xml", "--allow-loopback"])
    captured = capsys.readouterr()
    assert status == 1
    assert "ssrf_blocked" in captured.err
    assert captured.out == ""


def test_discover_of_a_loopback_server_names_the_option_that_allows_it(
    news_site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["discover", news_site.url("/sitemap.xml")])
    captured = capsys.readouterr()
    assert status == 1
    assert "ssrf_blocked" in captured.err
    assert "--allow-loopback" in captured.err
    assert "--allow-loopback" not in _metadata_hint(capsys)


def _metadata_hint(capsys: pytest.CaptureFixture[str]) -> str:
    """The metadata address is refused with no hint: the option would not (and must not) help."""
    main(["discover", "http://169.254.169.254/sitemap.xml"])
    return capsys.readouterr().err


def test_discover_bad_since_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discover", "https://x.example/", "--since", "yesterday-ish"]) == 2


def test_discover_runs_as_a_module(news_site: Site) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsflow.scrape_cli",
            "discover",
            news_site.url("/sitemaps/2024-05.xml"),
            "--allow-loopback",
            "--min-delay",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["url"] == news_site.url("/news/may-1")
