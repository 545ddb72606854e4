"""Per-host delay, 429/503 with Retry-After (both forms), and the limiter protocol."""

from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from support.loopback_site import ClientFactory, Reply, Site

from newsflow.fetch import InMemoryHostRateLimiter, parse_retry_after
from newsflow.models import FetchOutcome

HTML = {"Content-Type": "text/html"}
NOW = 1_714_800_000.0


class Clock:
    """Wall-clock stand-in; sleeping moves it forward."""

    def __init__(self) -> None:
        self.now = NOW
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def test_parse_retry_after_delta_seconds_and_http_date() -> None:
    assert parse_retry_after("120", NOW) == 120.0
    moment = datetime.fromtimestamp(NOW + 90, tz=UTC)
    assert parse_retry_after(format_datetime(moment, usegmt=True), NOW) == pytest.approx(90.0)
    past = datetime.fromtimestamp(NOW - 90, tz=UTC)
    assert parse_retry_after(format_datetime(past, usegmt=True), NOW) == 0.0
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None


def test_in_memory_limiter_spaces_slots_and_refuses_long_waits() -> None:
    limiter = InMemoryHostRateLimiter()
    assert limiter.reserve("a.example", 2.0, NOW, 5.0).wait == 0.0
    second = limiter.reserve("a.example", 2.0, NOW, 5.0)
    assert (second.granted, second.wait) == (True, 2.0)
    assert limiter.reserve("b.example", 2.0, NOW, 5.0).wait == 0.0  # hosts are independent
    limiter.defer("a.example", NOW + 60)
    refused = limiter.reserve("a.example", 2.0, NOW, 5.0)
    assert (refused.granted, refused.wait) == (False, 60.0)


@pytest.mark.parametrize("status", [429, 503])
def test_fetch_429_and_503_are_rate_limited_with_retry_after_seconds(
    site: Site, make_client: ClientFactory, status: int
) -> None:
    site.routes["/busy"] = Reply(status, b"slow down", {**HTML, "Retry-After": "120"})
    result = make_client().fetch(site.url("/busy"))
    assert result.outcome is FetchOutcome.RATE_LIMITED
    assert (result.status, result.retry_after_seconds) == (status, 120.0)


def test_fetch_429_with_http_date_retry_after(site: Site, make_client: ClientFactory) -> None:
    clock = Clock()
    when = format_datetime(datetime.fromtimestamp(NOW + 300, tz=UTC), usegmt=True)
    site.routes["/busy"] = Reply(429, b"", {**HTML, "Retry-After": when})
    result = make_client(clock=clock, sleep=clock.sleep).fetch(site.url("/busy"))
    assert result.retry_after_seconds == pytest.approx(300.0)


def test_fetch_after_retry_after_host_is_not_asked_again_until_then(
    site: Site, make_client: ClientFactory
) -> None:
    clock = Clock()
    site.routes["/busy"] = Reply(429, b"", {**HTML, "Retry-After": "30"})
    site.routes["/other"] = Reply(200, b"<html></html>", HTML)
    client = make_client(clock=clock, sleep=clock.sleep, max_wait_seconds=5)
    client.fetch(site.url("/busy"))
    result = client.fetch(site.url("/other"))
    assert result.outcome is FetchOutcome.RATE_LIMITED
    assert result.retry_after_seconds == pytest.approx(30.0)
    assert "/other" not in site.paths()  # refused locally, no request sent


def test_fetch_min_delay_sleeps_between_requests_to_one_host(
    site: Site, make_client: ClientFactory
) -> None:
    clock = Clock()
    site.routes["/a"] = Reply(200, b"<html></html>", HTML)
    client = make_client(clock=clock, sleep=clock.sleep, min_delay_seconds=1.5)
    for _ in range(3):
        assert client.fetch(site.url("/a")).outcome is FetchOutcome.OK
    # robots.txt, then three pages: each request waits for the previous one's slot
    assert clock.waits == [pytest.approx(1.5)] * 3


def test_fetch_source_min_delay_overrides_default(site: Site, make_client: ClientFactory) -> None:
    clock = Clock()
    site.routes["/a"] = Reply(200, b"<html></html>", HTML)
    client = make_client(clock=clock, sleep=clock.sleep, min_delay_seconds=0.0)
    client.fetch(site.url("/a"), min_delay=4.0)
    client.fetch(site.url("/a"), min_delay=4.0)
    assert clock.waits == [pytest.approx(4.0)]
