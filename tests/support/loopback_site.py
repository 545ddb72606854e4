"""Shared test support: a real HTTP server on 127.0.0.1 with scripted replies; clients."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from newsflow.fetch import FetchSettings, PoliteClient


@dataclass
class Reply:
    """What the server answers on one path."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    delay: float = 0.0  # before the status line: a slow server
    chunk_delay: float = 0.0  # between body chunks: a slow drip


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]


Route = Reply | Callable[[Seen], Reply]


class Site:
    """The routes a test scripts and the requests that came in."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.base_url = ""

    def url(self, path: str) -> str:
        """Absolute URL of a path on this server."""
        return self.base_url + path

    def paths(self) -> list[str]:
        """Paths requested so far, in order."""
        return [seen.path for seen in self.requests]


def _handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: one response per connection, a body without length ends at close.
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
            site.requests.append(seen)
            route = site.routes.get(self.path)
            if route is None:
                reply = Reply(404, b"not found", {"Content-Type": "text/plain"})
            else:
                reply = route(seen) if callable(route) else route
            # The client may hang up early: that is a limit or a timeout under test.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(reply)

        def _send(self, reply: Reply) -> None:
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if isinstance(reply.body, bytes):
                if "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                return
            self.end_headers()
            for chunk in reply.body:
                self.wfile.write(chunk)
                self.wfile.flush()
                if reply.chunk_delay:
                    time.sleep(reply.chunk_delay)

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping must not hold up the teardown

    def handle_error(self, request: object, client_address: object) -> None:
        return  # clients that hang up early are part of the tests


@contextlib.contextmanager
def serving(scripted: Site) -> Iterator[Site]:
    """Serve a scripted site on 127.0.0.1 (port chosen by the OS) while the block runs."""
    server = _Server(("127.0.0.1", 0), _handler_for(scripted))
    scripted.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield scripted
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    """A scripted site on 127.0.0.1 (port chosen by the OS)."""
    with serving(Site()) as scripted:
        yield scripted


# The timeouts of every loopback client in the tests. A loopback server answers in
# milliseconds, but make test runs six workers on two shared cores: with a 0.5 s read timeout a
# robots.txt reply could come too late, and an unreachable robots.txt means "disallow
# everything", so a test of a 429 or a 404 saw robots_disallowed. Long enough never to fire on
# a loaded machine; a test of a timeout passes its own short one.
LOOPBACK_TIMEOUTS: dict[str, float] = {
    "connect_timeout": 10.0,
    "read_timeout": 10.0,
    "total_timeout": 30.0,
}


def loopback_settings(**overrides: object) -> FetchSettings:
    """Fetch settings for loopback tests: loopback allowed, no politeness delay, 1 MiB pages,
    LOOPBACK_TIMEOUTS (seconds); `overrides` replace any field."""
    values: dict[str, object] = {
        "allow_loopback": True,
        "min_delay_seconds": 0.0,
        **LOOPBACK_TIMEOUTS,
        "max_body_bytes": 1024 * 1024,
    }
    values.update(overrides)
    return FetchSettings.model_validate(values)


ClientFactory = Callable[..., PoliteClient]
# Keyword arguments of make_client that go to the client, not into its settings.
_INJECTED = ("robots_cache", "rate_limiter", "resolver", "clock", "sleep")


@pytest.fixture
def make_client() -> Iterator[ClientFactory]:
    """Builds clients with loopback settings plus overrides; closes them afterwards."""
    made: list[PoliteClient] = []

    def make(**overrides: Any) -> PoliteClient:
        injected = {key: overrides.pop(key) for key in _INJECTED if key in overrides}
        polite = PoliteClient(loopback_settings(**overrides), **injected)
        made.append(polite)
        return polite

    yield make
    for polite in made:
        polite.close()


@pytest.fixture
def client(make_client: ClientFactory) -> PoliteClient:
    """The polite client as the local runner configures it (loopback allowed)."""
    return make_client()
