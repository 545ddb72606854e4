"""A feed, sitemap or homepage link urllib cannot parse ("http://[::1/x": an IPv6 literal
without its "]") is skipped; the document's other URLs are still found."""

import io

from newsflow.discover.autodiscover import feeds_from_html
from newsflow.discover.feeds import parse_feed, parse_json_feed
from newsflow.discover.sitemaps import iter_sitemap

BROKEN = "http://[::1/x"
STORY = "https://lakeside-ledger.example/news/ferry-timetable"


def test_a_sitemap_skips_the_loc_it_cannot_parse() -> None:
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{BROKEN}</loc></url><url><loc>{STORY}</loc></url></urlset>"
    ).encode()
    found = list(iter_sitemap(io.BytesIO(sitemap), "https://lakeside-ledger.example/sm.xml"))
    assert [entry.url for entry in found] == [STORY]


def test_feeds_skip_the_link_they_cannot_parse() -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>'
        f"<item><title>Broken</title><link>{BROKEN}</link></item>"
        f"<item><title>Ferry timetable</title><link>{STORY}</link></item></channel></rss>"
    ).encode()
    feed_url = "https://lakeside-ledger.example/feed.xml"
    assert [e.url for e in parse_feed(rss, feed_url).entries] == [STORY]
    json_feed = (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Ledger", "items": ['
        f'{{"id": "1", "url": "{BROKEN}"}}, {{"id": "2", "url": "{STORY}"}}]}}'
    ).encode()
    assert [e.url for e in parse_json_feed(json_feed, feed_url).entries] == [STORY]


def test_a_homepage_skips_the_feed_link_it_cannot_parse() -> None:
    page = (
        "<html><head>"
        f"<link rel='alternate' type='application/rss+xml' href='{BROKEN}/feed.xml'>"
        "<link rel='alternate' type='application/rss+xml' href='/feed.xml'></head></html>"
    )
    assert feeds_from_html(page, "https://lakeside-ledger.example/") == [
        "https://lakeside-ledger.example/feed.xml"
    ]
