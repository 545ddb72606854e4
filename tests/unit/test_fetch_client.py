"""The polite client against a real server on 127.0.0.1: one outcome per URL."""

import gzip
import time
import tracemalloc
import zlib
from collections.abc import Iterator

import pytest
from support.loopback_site import ClientFactory, Reply, Site

from newsflow.fetch import InMemoryRobotsCache, PoliteClient
from newsflow.models import FetchOutcome, RobotsVerdict

HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<html><head><title>Story</title></head><body><p>Text.</p></body></html>"


def test_fetch_ok_returns_body_headers_and_identifies_itself(
    site: Site, client: PoliteClient
) -> None:
    site.routes["/story"] = Reply(
        200, PAGE, {**HTML, "ETag": '"v1"', "Last-Modified": "Sat, 04 May 2024 08:00:00 GMT"}
    )
    result = client.fetch(site.url("/story"))
    assert result.outcome is FetchOutcome.OK
    assert (result.status, result.body, result.final_url) == (200, PAGE, site.url("/story"))
    assert (result.etag, result.last_modified) == ('"v1"', "Sat, 04 May 2024 08:00:00 GMT")
    assert result.robots is not None
    assert result.robots.verdict is RobotsVerdict.ALLOW_ALL  # robots.txt answered 404
    assert result.fetched_at.tzinfo is not None
    agent = site.requests[-1].headers["user-agent"]
    assert agent.startswith("newsflow/")
    assert "+https://" in agent  # a contact URL
    assert "gzip" in site.requests[-1].headers["accept-encoding"]


def test_fetch_follows_redirects_and_rechecks_each_hop(site: Site, client: PoliteClient) -> None:
    site.routes["/old"] = Reply(301, b"", {"Location": "/middle"})
    site.routes["/middle"] = Reply(302, b"", {"Location": site.url("/story")})
    site.routes["/story"] = Reply(200, PAGE, HTML)
    result = client.fetch(site.url("/old"))
    assert result.outcome is FetchOutcome.OK
    assert result.final_url == site.url("/story")
    assert result.redirects == [site.url("/middle"), site.url("/story")]


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/",
        "http://2852039166/",  # 169.254.169.254 as one number
        "http://10.0.0.1/admin",
        "http://127.0.0.2/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_fetch_redirect_to_internal_address_is_ssrf_blocked_even_with_loopback(
    site: Site, client: PoliteClient, target: str
) -> None:
    site.routes["/jump"] = Reply(302, b"", {"Location": target})
    result = client.fetch(site.url("/jump"))
    assert result.outcome is FetchOutcome.SSRF_BLOCKED
    assert result.final_url == target
    assert site.paths().count("/jump") == 1


def test_fetch_redirect_to_file_scheme_is_refused(site: Site, client: PoliteClient) -> None:
    site.routes["/jump"] = Reply(302, b"", {"Location": "file:///etc/passwd"})
    result = client.fetch(site.url("/jump"))
    assert result.outcome is FetchOutcome.SSRF_BLOCKED
    assert "scheme" in result.reason


def test_fetch_redirect_loop_stops_at_max_redirects(site: Site, make_client: ClientFactory) -> None:
    site.routes["/a"] = Reply(302, b"", {"Location": "/b"})
    site.routes["/b"] = Reply(302, b"", {"Location": "/a"})
    result = make_client(max_redirects=3).fetch(site.url("/a"))
    assert result.outcome is FetchOutcome.TOO_MANY_REDIRECTS
    assert len(result.redirects) == 4
    assert len([p for p in site.paths() if p in {"/a", "/b"}]) == 4


def test_fetch_conditional_get_sends_validators_and_maps_304(
    site: Site, client: PoliteClient
) -> None:
    site.routes["/story"] = lambda seen: (
        Reply(304, b"", {"ETag": '"v1"'})
        if seen.headers.get("if-none-match") == '"v1"'
        else Reply(200, PAGE, {**HTML, "ETag": '"v1"'})
    )
    first = client.fetch(site.url("/story"))
    second = client.fetch(
        site.url("/story"), etag=first.etag, last_modified="Sat, 04 May 2024 08:00:00 GMT"
    )
    assert first.outcome is FetchOutcome.OK
    assert second.outcome is FetchOutcome.NOT_MODIFIED
    assert (second.status, second.body, second.etag) == (304, None, '"v1"')
    assert site.requests[-1].headers["if-modified-since"] == "Sat, 04 May 2024 08:00:00 GMT"


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (401, FetchOutcome.BLOCKED),
        (403, FetchOutcome.BLOCKED),
        (451, FetchOutcome.BLOCKED),
        (404, FetchOutcome.GONE),
        (410, FetchOutcome.GONE),
        (400, FetchOutcome.CLIENT_ERROR),
        (500, FetchOutcome.SERVER_ERROR),
        (502, FetchOutcome.SERVER_ERROR),
    ],
)
def test_fetch_error_statuses_map_to_outcomes(
    site: Site, client: PoliteClient, status: int, outcome: FetchOutcome
) -> None:
    site.routes["/x"] = Reply(status, b"<html>error page</html>", HTML)
    result = client.fetch(site.url("/x"))
    assert (result.outcome, result.status, result.body) == (outcome, status, None)


def test_fetch_wrong_content_type_is_not_html_without_reading_body(
    site: Site, client: PoliteClient
) -> None:
    site.routes["/doc.pdf"] = Reply(
        200, b"%PDF-1.7" + b"0" * 1000, {"Content-Type": "application/pdf"}
    )
    result = client.fetch(site.url("/doc.pdf"))
    assert result.outcome is FetchOutcome.NOT_HTML
    assert result.content_type == "application/pdf"
    assert client.fetch(site.url("/doc.pdf"), accept=None).outcome is FetchOutcome.OK


def test_fetch_declared_length_above_limit_is_too_large(
    site: Site, make_client: ClientFactory
) -> None:
    site.routes["/big"] = Reply(200, b"x" * 5000, HTML)
    result = make_client(max_body_bytes=1000).fetch(site.url("/big"))
    assert result.outcome is FetchOutcome.TOO_LARGE
    assert "content-length" in result.reason


def test_fetch_streamed_body_without_length_aborts_at_limit(
    site: Site, make_client: ClientFactory
) -> None:
    def endless() -> Iterator[bytes]:
        for _ in range(10_000):
            yield b"<p>" + b"x" * 4093

    site.routes["/stream"] = Reply(200, endless(), HTML)
    result = make_client(max_body_bytes=100_000).fetch(site.url("/stream"))
    assert result.outcome is FetchOutcome.TOO_LARGE
    assert result.body is None


def test_fetch_gzip_bomb_is_too_large_with_bounded_memory(
    site: Site, make_client: ClientFactory
) -> None:
    bomb = gzip.compress(b"<html>" + b"\0" * 200_000_000, compresslevel=9)
    assert len(bomb) < 300_000
    site.routes["/bomb"] = Reply(200, bomb, {**HTML, "Content-Encoding": "gzip"})
    client = make_client(max_body_bytes=1_000_000)
    tracemalloc.start()
    try:
        result = client.fetch(site.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.outcome is FetchOutcome.TOO_LARGE
    assert peak < 8_000_000  # the limit plus buffers, never the 200 MB it expands to


@pytest.mark.parametrize(
    ("encoding", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),  # zlib-wrapped, as the RFC says
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw, as servers send
    ],
    ids=["gzip", "deflate-zlib", "deflate-raw"],
)
def test_fetch_compressed_body_is_decoded(
    site: Site, client: PoliteClient, encoding: str, encode: object
) -> None:
    assert callable(encode)
    site.routes["/z"] = Reply(200, encode(PAGE), {**HTML, "Content-Encoding": encoding})
    assert client.fetch(site.url("/z")).body == PAGE


def test_fetch_brotli_body_is_decoded(site: Site, client: PoliteClient) -> None:
    brotli = pytest.importorskip("brotli")
    site.routes["/br"] = Reply(200, brotli.compress(PAGE), {**HTML, "Content-Encoding": "br"})
    assert client.fetch(site.url("/br")).body == PAGE
    assert "br" in site.requests[-1].headers["accept-encoding"]


def test_fetch_corrupt_gzip_is_a_network_error(site: Site, client: PoliteClient) -> None:
    site.routes["/bad"] = Reply(
        200, b"\x1f\x8b\x08\x00garbage-not-deflate", {**HTML, "Content-Encoding": "gzip"}
    )
    result = client.fetch(site.url("/bad"))
    assert result.outcome is FetchOutcome.NETWORK_ERROR


def impatient_client(site: Site, make_client: ClientFactory, **timeouts: float) -> PoliteClient:
    """A client with these short timeouts whose robots.txt decision a patient client (the
    loopback timeouts) has already cached: on a loaded machine the short timeout must hit the
    page under test, not robots.txt ("unreachable: disallow everything")."""
    robots = InMemoryRobotsCache()
    make_client(robots_cache=robots).fetch(site.url("/"))
    return make_client(robots_cache=robots, **timeouts)


def test_fetch_slow_headers_time_out(site: Site, make_client: ClientFactory) -> None:
    site.routes["/slow"] = Reply(200, PAGE, HTML, delay=2.0)
    client = impatient_client(site, make_client, read_timeout=0.5)
    started = time.monotonic()
    result = client.fetch(site.url("/slow"))
    assert result.outcome is FetchOutcome.TIMEOUT
    assert time.monotonic() - started < 1.5  # read timeout 0.5 s


def test_fetch_slow_drip_body_hits_total_timeout(site: Site, make_client: ClientFactory) -> None:
    site.routes["/drip"] = Reply(200, (b"<p>x</p>" for _ in range(100)), HTML, chunk_delay=0.1)
    client = impatient_client(site, make_client, total_timeout=0.6)
    started = time.monotonic()
    result = client.fetch(site.url("/drip"))
    assert result.outcome is FetchOutcome.TIMEOUT
    assert time.monotonic() - started < 2.0


def test_fetch_connection_refused_is_network_error(make_client: ClientFactory) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = make_client().fetch(f"http://127.0.0.1:{port}/")
    assert result.outcome in {FetchOutcome.NETWORK_ERROR, FetchOutcome.ROBOTS_DISALLOWED}


@pytest.mark.parametrize(
    ("status", "headers", "body"),
    [
        (403, {"cf-mitigated": "challenge", "Server": "cloudflare"}, b"<html></html>"),
        (503, {"Server": "cloudflare"}, b"<html><head><title>Just a moment...</title></head>"),
        (403, {}, b"<title>Attention Required! | Cloudflare</title>"),
        (200, {"cf-mitigated": "challenge"}, b"<html>interstitial</html>"),
    ],
    ids=["cf-mitigated-403", "just-a-moment-503", "attention-required-403", "cf-mitigated-200"],
)
def test_fetch_challenge_interstitials_are_recognised(
    site: Site, client: PoliteClient, status: int, headers: dict[str, str], body: bytes
) -> None:
    site.routes["/c"] = Reply(status, body, {**HTML, **headers})
    result = client.fetch(site.url("/c"))
    assert result.outcome is FetchOutcome.CHALLENGE_PAGE


def test_fetch_article_quoting_challenge_text_stays_ok(site: Site, client: PoliteClient) -> None:
    body = b"<html><title>Just a moment...</title><p>A poem called Just a moment...</p></html>"
    site.routes["/poem"] = Reply(200, body, HTML)
    assert client.fetch(site.url("/poem")).outcome is FetchOutcome.OK


def test_fetch_routes_name_to_vetted_ip_keeping_host_header(
    site: Site, make_client: ClientFactory
) -> None:
    # The name resolves (once) to loopback; the request goes there with the name as Host.
    port = site.base_url.rsplit(":", 1)[1]
    site.routes["/story"] = Reply(200, PAGE, HTML)
    client = make_client(resolver=lambda host, _port: ["127.0.0.1"])
    result = client.fetch(f"http://news.example:{port}/story")
    assert result.outcome is FetchOutcome.OK
    assert site.requests[-1].headers["host"] == f"news.example:{port}"


def test_fetch_rebinding_name_with_private_answer_is_ssrf_blocked(
    site: Site, make_client: ClientFactory
) -> None:
    port = site.base_url.rsplit(":", 1)[1]
    client = make_client(resolver=lambda host, _port: ["127.0.0.1", "192.168.1.20"])
    result = client.fetch(f"http://rebind.example:{port}/story")
    assert result.outcome is FetchOutcome.SSRF_BLOCKED
    assert site.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://017700000001/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1%25eth0]/",
        "http://0.0.0.0/",
        "http://100.100.100.200/",  # shared address space (cloud metadata on some providers)
        "http://localhost/",
        "ftp://127.0.0.1/",
        "gopher://example.com/",
        "file:///etc/passwd",
        "//no-scheme.example/",
    ],
)
def test_fetch_default_client_refuses_internal_targets_before_connecting(url: str) -> None:
    with PoliteClient() as client:
        result = client.fetch(url)
    assert result.outcome is FetchOutcome.SSRF_BLOCKED, result.reason
