"""robots.txt: rules, status semantics, the per-origin cache with its TTL, crawl-delay."""

import socket

import pytest
from support.loopback_site import ClientFactory, Reply, Site

from newsflow.fetch import InMemoryRobotsCache, PoliteClient
from newsflow.models import FetchOutcome, RobotsVerdict

HTML = {"Content-Type": "text/html"}
TEXT = {"Content-Type": "text/plain"}


class Clock:
    """Wall-clock stand-in the tests move forward."""

    def __init__(self) -> None:
        self.now = 1_714_800_000.0

    def __call__(self) -> float:
        return self.now


def test_fetch_robots_disallow_for_our_agent_is_respected(site: Site, client: PoliteClient) -> None:
    site.routes["/robots.txt"] = Reply(
        200, b"User-agent: *\nAllow: /\n\nUser-agent: newsflow\nDisallow: /private/\n", TEXT
    )
    site.routes["/private/story"] = Reply(200, b"<html></html>", HTML)
    site.routes["/public/story"] = Reply(200, b"<html></html>", HTML)
    blocked = client.fetch(site.url("/private/story"))
    assert blocked.outcome is FetchOutcome.ROBOTS_DISALLOWED
    assert blocked.robots is not None
    assert blocked.robots.verdict is RobotsVerdict.DISALLOWED
    assert client.fetch(site.url("/public/story")).outcome is FetchOutcome.OK
    assert "/private/story" not in site.paths()


@pytest.mark.parametrize(
    ("status", "verdict", "outcome"),
    [
        (401, RobotsVerdict.DISALLOW_ALL, FetchOutcome.ROBOTS_DISALLOWED),
        (403, RobotsVerdict.DISALLOW_ALL, FetchOutcome.ROBOTS_DISALLOWED),
        (404, RobotsVerdict.ALLOW_ALL, FetchOutcome.OK),
        (410, RobotsVerdict.ALLOW_ALL, FetchOutcome.OK),
        (500, RobotsVerdict.UNAVAILABLE, FetchOutcome.ROBOTS_DISALLOWED),
        (503, RobotsVerdict.UNAVAILABLE, FetchOutcome.ROBOTS_DISALLOWED),
        (429, RobotsVerdict.UNAVAILABLE, FetchOutcome.ROBOTS_DISALLOWED),
    ],
)
def test_fetch_robots_status_decides_for_the_whole_site(
    site: Site,
    client: PoliteClient,
    status: int,
    verdict: RobotsVerdict,
    outcome: FetchOutcome,
) -> None:
    site.routes["/robots.txt"] = Reply(status, b"Disallow: /", TEXT)
    site.routes["/story"] = Reply(200, b"<html></html>", HTML)
    result = client.fetch(site.url("/story"))
    assert result.outcome is outcome
    assert result.robots is not None
    assert (result.robots.verdict, result.robots.status) == (verdict, status)


def test_fetch_robots_is_cached_per_origin_until_ttl(
    site: Site, make_client: ClientFactory
) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /no\n", TEXT)
    site.routes["/a"] = Reply(200, b"<html></html>", HTML)
    clock = Clock()
    client = make_client(clock=clock, robots_ttl_seconds=3600)
    first = client.fetch(site.url("/a"))
    second = client.fetch(site.url("/a"))
    assert site.paths().count("/robots.txt") == 1
    assert first.robots is not None
    assert second.robots is not None
    assert (first.robots.cached, second.robots.cached) == (False, True)
    clock.now += 3601
    client.fetch(site.url("/a"))
    assert site.paths().count("/robots.txt") == 2


def test_fetch_robots_unavailable_is_retried_after_short_ttl(
    site: Site, make_client: ClientFactory
) -> None:
    site.routes["/robots.txt"] = Reply(503, b"", TEXT)
    site.routes["/a"] = Reply(200, b"<html></html>", HTML)
    clock = Clock()
    client = make_client(clock=clock, robots_error_ttl_seconds=60)
    assert client.fetch(site.url("/a")).outcome is FetchOutcome.ROBOTS_DISALLOWED
    site.routes["/robots.txt"] = Reply(404, b"", TEXT)
    clock.now += 61
    assert client.fetch(site.url("/a")).outcome is FetchOutcome.OK


def test_fetch_robots_cache_is_injected_and_shared(site: Site, make_client: ClientFactory) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /\n", TEXT)
    cache = InMemoryRobotsCache()
    make_client(robots_cache=cache).fetch(site.url("/a"))
    other = make_client(robots_cache=cache).fetch(site.url("/b"))
    assert other.outcome is FetchOutcome.ROBOTS_DISALLOWED
    assert site.paths() == ["/robots.txt"]


def test_fetch_robots_redirect_is_followed(site: Site, client: PoliteClient) -> None:
    site.routes["/robots.txt"] = Reply(301, b"", {"Location": "/real-robots.txt"})
    site.routes["/real-robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /x\n", TEXT)
    assert client.fetch(site.url("/x")).outcome is FetchOutcome.ROBOTS_DISALLOWED


def test_fetch_robots_crawl_delay_spaces_requests(site: Site, make_client: ClientFactory) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nCrawl-delay: 3\n", TEXT)
    site.routes["/a"] = Reply(200, b"<html></html>", HTML)
    clock = Clock()
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock.now += seconds

    client = make_client(clock=clock, sleep=sleep)
    first = client.fetch(site.url("/a"))
    client.fetch(site.url("/a"))
    assert first.robots is not None
    assert first.robots.crawl_delay == 3.0
    assert waits == [pytest.approx(3.0)]


def test_robots_record_exposes_sitemap_lines(site: Site, client: PoliteClient) -> None:
    site.routes["/robots.txt"] = Reply(200, b"Sitemap: /news.xml\n", TEXT)
    record = client.robots_record(site.url("/"))
    assert record.verdict is RobotsVerdict.ALLOWED
    assert "Sitemap: /news.xml" in record.body


def test_an_origin_that_refuses_connections_is_a_network_error_not_a_cached_disallow(
    make_client: ClientFactory,
) -> None:
    # A port bound but not listening: every connection to it is refused, and no other process
    # can take it while the test holds it.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        origin = f"http://127.0.0.1:{closed.getsockname()[1]}"
        cache = InMemoryRobotsCache()
        result = make_client(robots_cache=cache).fetch(f"{origin}/story")

    assert result.outcome is FetchOutcome.NETWORK_ERROR  # transient: the fetcher retries it
    assert result.reason.startswith("robots.txt: ")
    assert "cannot connect to 127.0.0.1:" in result.reason and "refused" in result.reason
    assert "unavailable" not in result.reason
    assert cache.get(origin) is None  # nothing to keep the site out once it answers


def test_robots_txt_of_a_reachable_origin_redirected_to_a_closed_port_stays_unavailable(
    site: Site, client: PoliteClient
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        elsewhere = f"http://127.0.0.1:{closed.getsockname()[1]}/robots.txt"
        site.routes["/robots.txt"] = Reply(302, b"", {"Location": elsewhere})
        result = client.fetch(site.url("/story"))
    assert result.outcome is FetchOutcome.ROBOTS_DISALLOWED
    assert result.robots is not None
    assert result.robots.verdict is RobotsVerdict.UNAVAILABLE
