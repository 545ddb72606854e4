"""Discovery with a real loopback site: each URL queued once, across runs and workers.

On moto where AWS behaviour is in question (concurrent runs, the handlers, the registry as
fetching leaves it); on the in-memory adapters of tests/fakes (`discovery`, held to the same
contract) where only what discovery decides is."""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scraping.helpers import (
    HTML,
    ROBOTS_ALLOW,
    XML,
    Discovery,
    Reply,
    Scrape,
    Site,
    discovery,
    rss,
    scrape,
    site,
    urlset,
)
from support.aws_stack import Stack, template
from support.lambda_context import LambdaContext

from newsflow.config import get_scrape_settings
from newsflow.models import FetchReason
from newsflow.services.discover_source import (
    UPDATE_TOLERANCE,
    discover_source,
    dispatch_due_sources,
    load_sources,
)
from newsflow.services.fetch_url import fetch_url
from newsflow.services.ports import FetchRecord, KnownUrl
from newsflow.storage.template import functions, load_handler
from newsflow.storage.url_registry import DynamoUrlRegistry
from newsflow.wiring import discover_ports, forget_scrape_wiring

__all__ = ["discovery", "scrape", "site"]  # fixtures, imported so pytest finds them here

ROOT = Path(__file__).resolve().parents[2]


def _serve_feed_and_sitemap(site: Site, feed_paths: list[str], sitemap_paths: list[str]) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", ROBOTS_ALLOW)
    site.routes["/feed.xml"] = Reply(200, rss(site.base_url, feed_paths), XML)
    site.routes["/sitemap.xml"] = Reply(200, urlset(site.base_url, sitemap_paths), XML)


class _RaceRegistry:
    """The real registry, but both workers look their first chunk up before either registers:
    the interleaving where a check-then-put registry would queue every URL twice."""

    def __init__(self, registry: DynamoUrlRegistry, barrier: threading.Barrier) -> None:
        self._registry = registry
        self._barrier = barrier
        self._first = True

    def lookup(self, urls: Sequence[str]) -> dict[str, KnownUrl]:
        found = self._registry.lookup(urls)
        if self._first:
            self._first = False
            self._barrier.wait(timeout=10)
        return found

    def __getattr__(self, name: str) -> object:
        return getattr(self._registry, name)


def test_discover_two_concurrent_runs_queue_each_url_once(scrape: Scrape, site: Site) -> None:
    # GIVEN a feed of 30 stories and a sitemap of 150, overlapping by 20
    feed = [f"/news/story-{i}" for i in range(30)]
    sitemap = [f"/news/story-{i}" for i in range(10, 160)]
    _serve_feed_and_sitemap(site, feed, sitemap)
    scrape.add_source(
        feeds=[site.url("/feed.xml")],
        sitemaps=[site.url("/sitemap.xml")],
        max_new_articles_per_run=1000,
    )
    barrier = threading.Barrier(2)
    reports = []

    def worker() -> None:
        ports = scrape.discover_ports(registry=_RaceRegistry(scrape.registry, barrier))
        reports.append(discover_source("example", ports))

    # WHEN two workers discover the same source at the same time
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # THEN every URL is on the FetchQueue exactly once, and the workers split the work
    messages = scrape.fetch_messages()
    counts = Counter(m.url for m in messages)
    assert len(counts) == 160
    assert set(counts.values()) == {1}
    assert sum(r.counts.get("new", 0) for r in reports) == 160
    assert all(m.reason is FetchReason.NEW and m.source_id == "example" for m in messages)
    assert all(m.min_delay_seconds == 0.0 for m in messages)


def test_discover_second_run_queues_only_new_urls_and_records_runs(
    discovery: Discovery, site: Site
) -> None:
    _serve_feed_and_sitemap(site, ["/a", "/b"], ["/b", "/c"])
    discovery.add_source(feeds=[site.url("/feed.xml")], sitemaps=[site.url("/sitemap.xml")])
    first = discover_source("example", discovery.discover_ports())
    discovery.fetch_messages()
    site.routes["/sitemap.xml"] = Reply(200, urlset(site.base_url, ["/b", "/c", "/d"]), XML)

    second = discover_source("example", discovery.discover_ports())

    assert [m.url for m in discovery.fetch_messages()] == [site.url("/d")]
    assert first.counts["new"] == 3
    assert (second.counts["new"], second.counts["known"]) == (1, 4)
    stats = discovery.sources.get_run_stats("example")
    assert stats is not None and stats.last_run is not None
    assert stats.last_run.counts["new"] == 1
    assert stats.totals["new"] == 4


def test_discover_feed_and_sitemap_with_validators_get_conditional_requests(
    discovery: Discovery, site: Site
) -> None:
    # GIVEN documents that answer 304 to their own validators
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", ROBOTS_ALLOW)
    feed_body = rss(site.base_url, ["/a"])
    sitemap_body = urlset(site.base_url, ["/b"])

    def conditional(body: bytes, etag: str):  # type: ignore[no-untyped-def]
        def reply(seen):  # type: ignore[no-untyped-def]
            if seen.headers.get("if-none-match") == etag:
                return Reply(304, b"", {"ETag": etag})
            return Reply(200, body, {**XML, "ETag": etag})

        return reply

    site.routes["/feed.xml"] = conditional(feed_body, '"f1"')
    site.routes["/sitemap.xml"] = conditional(sitemap_body, '"s1"')
    discovery.add_source(feeds=[site.url("/feed.xml")], sitemaps=[site.url("/sitemap.xml")])
    discover_source("example", discovery.discover_ports())
    discovery.fetch_messages()

    # WHEN the source is discovered again
    second = discover_source("example", discovery.discover_ports())

    # THEN both documents were asked for conditionally and nothing was queued
    feed_requests = [s for s in site.requests if s.path == "/feed.xml"]
    assert feed_requests[-1].headers.get("if-none-match") == '"f1"'
    assert second.counts["not_modified"] == 2
    assert second.problems == {}
    assert discovery.fetch_messages() == []


def _discovered_and_fetched(discovery: Discovery, site: Site, fetched_at: datetime) -> None:
    """A story discovered from a feed, and recorded as fetched at `fetched_at`."""
    site.routes["/robots.txt"] = Reply(200, b"", ROBOTS_ALLOW)
    site.routes["/feed.xml"] = Reply(200, rss(site.base_url, ["/story"]), XML)
    discovery.add_source(feeds=[site.url("/feed.xml")])
    discover_source("example", discovery.discover_ports())
    [message] = discovery.fetch_messages()
    discovery.registry.record_fetch(
        FetchRecord(
            url=message.url,
            source_id="example",
            outcome="ok",
            reason="",
            fetched_at=fetched_at,
            final_url=message.url,
            status=200,
            robots_verdict="allowed",
            robots_allowed=True,
            etag='"v1"',
            last_modified=None,
            raw_key="raw/example/x.html.gz",
            attempt=1,
        )
    )


def _feed_updated(site: Site, updated: datetime) -> None:
    stamp = updated.strftime("%Y-%m-%dT%H:%M:%SZ")
    site.routes["/feed.xml"] = Reply(
        200, rss(site.base_url, ["/story"], updated={"/story": stamp}), XML
    )


def test_discover_entry_updated_after_fetch_is_queued_again_once(
    discovery: Discovery, site: Site
) -> None:
    # GIVEN a story that was discovered and fetched
    fetched_at = datetime.now(UTC) - timedelta(hours=2)
    _discovered_and_fetched(discovery, site, fetched_at)
    # WHEN the feed says the story was updated after that fetch
    _feed_updated(site, fetched_at + timedelta(hours=1))
    second = discover_source("example", discovery.discover_ports())
    third = discover_source("example", discovery.discover_ports())

    # THEN it is queued again once, as an update, with the validators of the last fetch
    [again] = discovery.fetch_messages()
    assert again.reason is FetchReason.UPDATED
    assert again.etag == '"v1"'
    assert (second.counts.get("updated"), third.counts.get("updated")) == (1, None)


def test_discover_update_tolerance_is_the_ports_setting(discovery: Discovery, site: Site) -> None:
    # GIVEN a story fetched, and a feed stamping an edit 30 s after that fetch
    fetched_at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    _discovered_and_fetched(discovery, site, fetched_at)
    _feed_updated(site, fetched_at + timedelta(seconds=30))
    # WHEN discovery runs with the default minute of tolerance, then with 10 s
    within = discover_source("example", discovery.discover_ports())
    assert discovery.fetch_messages() == []
    past = discover_source(
        "example", discovery.discover_ports(update_tolerance=timedelta(seconds=10))
    )
    # THEN the stamp is within the minute (nothing queued), and past the shorter tolerance
    [again] = discovery.fetch_messages()
    assert again.reason is FetchReason.UPDATED
    assert (within.counts.get("updated"), past.counts.get("updated")) == (None, 1)


def test_discover_wiring_reads_the_update_tolerance_setting(
    scrape: Scrape, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN no setting: the deployed minute
    assert discover_ports().update_tolerance == UPDATE_TOLERANCE == timedelta(minutes=1)
    # WHEN the environment sets 6 s (as `newsflow local --speed 10` does)
    monkeypatch.setenv("NEWSFLOW_DISCOVER_UPDATE_TOLERANCE_SECONDS", "6")
    get_scrape_settings.cache_clear()
    forget_scrape_wiring()
    # THEN discovery's ports carry it
    assert discover_ports().update_tolerance == timedelta(seconds=6)


def test_discover_stops_at_max_new_articles_and_next_run_continues(
    discovery: Discovery, site: Site
) -> None:
    _serve_feed_and_sitemap(site, [], [f"/s/{i}" for i in range(12)])
    discovery.add_source(sitemaps=[site.url("/sitemap.xml")], max_new_articles_per_run=5)

    first = discover_source("example", discovery.discover_ports())
    second = discover_source("example", discovery.discover_ports())
    third = discover_source("example", discovery.discover_ports())

    assert [r.status for r in (first, second, third)] == ["capped", "capped", "ok"]
    urls = [m.url for m in discovery.fetch_messages()]
    assert len(urls) == len(set(urls)) == 12


def test_discover_respects_url_patterns(discovery: Discovery, site: Site) -> None:
    _serve_feed_and_sitemap(site, ["/news/1", "/video/2", "/news/3?page=2"], [])
    discovery.add_source(
        feeds=[site.url("/feed.xml")],
        allowed_url_patterns=["/news/"],
        blocked_url_patterns=[r"page=\d"],
    )

    report = discover_source("example", discovery.discover_ports())

    assert [m.url for m in discovery.fetch_messages()] == [site.url("/news/1")]
    assert report.counts["filtered"] == 2


def test_discover_records_unreachable_documents_as_problems(
    discovery: Discovery, site: Site
) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private\n", ROBOTS_ALLOW)
    discovery.add_source(feeds=[site.url("/private/feed.xml")], sitemaps=[site.url("/gone.xml")])

    report = discover_source("example", discovery.discover_ports())

    assert report.problems[site.url("/private/feed.xml")].startswith("robots_disallowed")
    assert report.problems[site.url("/gone.xml")].startswith("gone")
    assert discovery.fetch_messages() == []


def test_dispatch_sends_each_due_enabled_source_once_per_interval(discovery: Discovery) -> None:
    discovery.add_source("alpha")
    discovery.add_source("beta", poll_interval_seconds=3600)
    discovery.add_source("off", enabled=False)

    first = dispatch_due_sources(discovery.discover_ports())
    again = dispatch_due_sources(discovery.discover_ports())

    sent = discovery.source_queue.source_ids()
    assert sorted(first.dispatched) == ["alpha", "beta"]
    assert sorted(sent) == ["alpha", "beta"]
    assert (again.dispatched, again.not_due, again.disabled) == ([], 2, 1)


def test_dispatch_after_the_interval_sends_the_source_again(discovery: Discovery) -> None:
    discovery.add_source("alpha", poll_interval_seconds=600)
    dispatch_due_sources(discovery.discover_ports())
    later = discovery.discover_ports(clock=lambda: datetime.now(UTC) + timedelta(seconds=600))

    assert dispatch_due_sources(later).dispatched == ["alpha"]


def _handler() -> object:
    resources = template()
    return load_handler(ROOT, functions(resources)["DiscoverFunction"])


def test_discover_handler_schedule_tick_then_source_message(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    _serve_feed_and_sitemap(site, ["/a", "/b"], [])
    scrape.add_source(feeds=[site.url("/feed.xml")])
    handler = _handler()
    tick = json.loads((ROOT / "events" / "discover" / "schedule.json").read_text())

    dispatched = handler(tick, LambdaContext(function_name="discover"))  # type: ignore[operator]
    [message] = scrape.stack.receive(scrape.discover_queue_url)
    event = scrape.sqs_event(scrape.discover_queue_arn, [message["Body"]])
    result = handler(event, LambdaContext(function_name="discover"))  # type: ignore[operator]

    assert dispatched == {"dispatched": ["example"]}
    assert result == {"batchItemFailures": []}
    assert sorted(m.url for m in scrape.fetch_messages()) == [site.url("/a"), site.url("/b")]


def test_discover_handler_reports_a_bad_message_as_a_batch_failure(scrape: Scrape) -> None:
    event = scrape.sqs_event(scrape.discover_queue_arn, ['{"source_id": "nope"}', "not json"])

    result = _handler()(event, LambdaContext())  # type: ignore[operator]

    assert result == {"batchItemFailures": [{"itemIdentifier": "m-1"}]}


def test_seed_file_loads_and_ids_are_unique() -> None:
    sources = load_sources(ROOT / "sources.yaml")

    assert sources
    assert len({s.id for s in sources}) == len(sources)


@pytest.mark.parametrize(
    ("text", "message"),
    [("sources: {a: 1}", "sources"), ("sources:\n- {id: a, name: A, homepage: h}\n" * 1, "")],
)
def test_seed_loader_rejects_bad_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text + ("- {id: a, name: A, homepage: h}\n" if not message else ""))

    with pytest.raises(ValueError, match=message or "duplicate"):
        load_sources(path)


@pytest.mark.parametrize("text", ["", "sources: []\n", "# no sources yet\n"])
def test_seed_file_with_no_sources_is_refused_by_name(tmp_path: Path, text: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text)

    with pytest.raises(ValueError, match=f"^{re.escape(str(path))}: lists no sources"):
        load_sources(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"sources: [valid", "not valid YAML at line 1"), (b"\xff\xfe\x00s", "not UTF-8 text")],
)
def test_seed_file_that_is_not_utf8_yaml_is_one_value_error_naming_it(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(data)

    with pytest.raises(ValueError, match=f"^{re.escape(str(path))}: {message}") as raised:
        load_sources(path)
    assert "\n" not in str(raised.value)  # one line for the CLI (`newsflow sources add --file`)


@pytest.mark.parametrize(
    ("entry", "named"),
    [
        ("{id: second, name: Second}", "sources[1] (id 'second'): homepage: Field required"),
        ("{name: No Id, homepage: 'https://b.example/'}", "sources[1]: id: Field required"),
        ("just-a-string", "sources[1]: source: Input should be a valid dictionary"),
    ],
)
def test_seed_entry_with_a_missing_field_is_named_by_file_and_index(
    tmp_path: Path, entry: str, named: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        f"sources:\n- {{id: first, name: First, homepage: 'https://a.example/'}}\n- {entry}\n"
    )

    with pytest.raises(ValueError, match=f"^{re.escape(str(path))}: ") as raised:
        load_sources(path)
    assert str(raised.value).startswith(f"{path}: {named}")
    assert "\n" not in str(raised.value)


def test_discover_queues_url_as_published_and_dedupes_spellings_by_key(
    scrape: Scrape, site: Site
) -> None:
    # GIVEN a feed listing an order-sensitive query, a sitemap listing it reordered and tagged
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", ROBOTS_ALLOW)
    site.routes["/feed.xml"] = Reply(200, rss(site.base_url, ["/story?q=a&amp;l=en"]), XML)
    site.routes["/sitemap.xml"] = Reply(
        200, urlset(site.base_url, ["/story?l=en&amp;q=a&amp;utm_source=x", "/flag?item"]), XML
    )
    site.routes["/story?q=a&l=en"] = Reply(200, b"<html><p>story</p></html>", HTML)
    scrape.add_source(feeds=[site.url("/feed.xml")], sitemaps=[site.url("/sitemap.xml")])

    # WHEN discovery runs twice and the queued URL is fetched
    first = discover_source("example", scrape.discover_ports())
    messages = scrape.fetch_messages()
    second = discover_source("example", scrape.discover_ports())
    fetch_url(messages[0], scrape.fetch_ports())

    # THEN the publisher's spelling is queued once and requested byte for byte
    assert [m.url for m in messages] == [site.url("/story?q=a&l=en"), site.url("/flag?item")]
    # the sitemap's spelling is known from the feed's, in both runs
    assert (first.counts["new"], first.counts["known"]) == (2, 1)
    assert (second.counts.get("new", 0), second.counts["known"]) == (0, 3)
    assert "/story?q=a&l=en" in site.paths()
    entry = scrape.registry.get(site.url("/story?l=en&q=a"))  # any spelling finds the item
    assert entry is not None and entry["url"] == site.url("/story?q=a&l=en")
    assert entry["fetch_outcome"] == "ok"


def test_discover_source_stored_with_a_non_re2_pattern_is_recorded_invalid(
    scrape: Scrape, site: Site
) -> None:
    # GIVEN a source stored before patterns had to be RE2 (the repository takes it as is)
    _serve_feed_and_sitemap(site, ["/news/a"], [])
    scrape.add_source(feeds=[site.url("/feed.xml")], blocked_url_patterns=["/news/(?!a)"])

    report = discover_source("example", scrape.discover_ports())

    assert report.status == "invalid"
    assert "not an RE2 pattern" in report.problems["url_patterns"]
    assert scrape.fetch_messages() == []
    assert "/feed.xml" not in site.paths()
    stats = scrape.sources.get_run_stats("example")
    assert stats is not None and stats.last_run is not None
    assert stats.last_run.counts["problems"] == 1
