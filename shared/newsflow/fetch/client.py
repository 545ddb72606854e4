"""The polite HTTP client: robots.txt, per-host delay, SSRF guard and limits, one outcome a URL.

This is the only HTTP code of newsflow besides boto3. Every hop of a redirect chain is checked
again (scheme, address, robots.txt), and each connection goes to the address that was vetted,
so DNS rebinding cannot swap it between the check and the connect.
"""

from __future__ import annotations

import io
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import IO
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationParseError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.util import parse_url

from newsflow.decompress import (
    PIECE,
    DecodedStream,
    DecodingError,
    StreamError,
    TooLargeError,
    brotli_available,
    decoder_for,
)
from newsflow.fetch.addresses import (
    IPAddress,
    ResolutionError,
    Resolver,
    SsrfBlockedError,
    system_resolver,
    vet_host,
)
from newsflow.fetch.challenge import BODY_SNIFF_BYTES, challenge_reason
from newsflow.fetch.ratelimit import HostRateLimiter, InMemoryHostRateLimiter
from newsflow.fetch.robots import (
    InMemoryRobotsCache,
    RobotsCache,
    RobotsRecord,
    decide,
    origin_of,
    verdict_for_status,
)
from newsflow.fetch.settings import HTML_TYPES, FetchSettings
from newsflow.fetch.tdmrep import (
    InMemoryTdmrepCache,
    TdmrepCache,
    TdmrepRecord,
    record_from,
    tdmrep_url_for,
)
from newsflow.models.source import FetchOutcome, FetchResult, RobotsDecision, RobotsVerdict

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MAX_POOLS = 32
# A robots.txt fetch that fails with these never reached the origin: RFC 9309 2.3.1.4 still
# means "fetch nothing there now", but the outcome is the network's, retried, and not cached.
_UNREACHABLE = frozenset({FetchOutcome.NETWORK_ERROR, FetchOutcome.TIMEOUT})


class StreamInterruptedError(StreamError):
    """The connection timed out or broke while the body was being read."""

    def __init__(self, outcome: FetchOutcome, reason: str) -> None:
        super().__init__(reason)
        self.outcome = outcome


class _Stop(Exception):  # noqa: N818 - control flow inside the client, never escapes it
    """Ends a fetch early with an outcome."""

    def __init__(
        self,
        outcome: FetchOutcome,
        reason: str,
        *,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(reason)
        self.outcome = outcome
        self.reason = reason
        self.status = status
        self.headers = dict(headers or {})
        self.retry_after = retry_after


@dataclass
class OpenedResponse:
    """An exchange in progress: the outcome so far and, when it is ok, the decoded body."""

    result: FetchResult
    stream: IO[bytes] | None = None


@dataclass
class _Trail:
    """Where a fetch went: the URL asked for, the hops, and the last robots decision."""

    url: str
    final_url: str
    redirects: list[str]
    robots: RobotsDecision | None


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(int(text))
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - now)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


class PoliteClient:
    """Fetches one URL at a time, politely and safely. Not shared between threads."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        robots_cache: RobotsCache | None = None,
        tdmrep_cache: TdmrepCache | None = None,
        rate_limiter: HostRateLimiter | None = None,
        resolver: Resolver = system_resolver,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._robots = robots_cache if robots_cache is not None else InMemoryRobotsCache()
        self._tdmrep = tdmrep_cache if tdmrep_cache is not None else InMemoryTdmrepCache()
        self._limiter = rate_limiter if rate_limiter is not None else InMemoryHostRateLimiter()
        self._resolver = resolver
        self._clock = clock
        self._sleep = sleep
        self._pools: OrderedDict[tuple[str, str, int, str], urllib3.HTTPConnectionPool] = (
            OrderedDict()
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection."""
        for pool in self._pools.values():
            pool.close()
        self._pools.clear()

    # -- public API -------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        accept: frozenset[str] | None = HTML_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
        min_delay: float | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """Fetch `url` and read its body (within max_bytes) into the result when ok.

        `accept` lists the media types wanted (None: any); a missing Content-Type passes, so
        the caller's own sniffing decides.
        """
        with self.open(
            url,
            accept=accept,
            etag=etag,
            last_modified=last_modified,
            min_delay=min_delay,
            max_bytes=max_bytes,
        ) as opened:
            if opened.stream is None:
                return opened.result
            try:
                body = opened.stream.read()
            except TooLargeError as exc:
                return self._downgrade(opened.result, FetchOutcome.TOO_LARGE, str(exc))
            except StreamInterruptedError as exc:
                return self._downgrade(opened.result, exc.outcome, str(exc))
            except DecodingError as exc:
                reason = f"bad content-encoding: {exc}"
                return self._downgrade(opened.result, FetchOutcome.NETWORK_ERROR, reason)
            return opened.result.model_copy(update={"body": body})

    @contextmanager
    def open(
        self,
        url: str,
        *,
        accept: frozenset[str] | None = HTML_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
        min_delay: float | None = None,
        max_bytes: int | None = None,
    ) -> Iterator[OpenedResponse]:
        """Like fetch, but the body is a stream to read (decoded, bounded) before exit.

        Reading may raise TooLargeError, DecodingError or StreamInterruptedError (all
        StreamError); the sitemap parser consumes it without holding the document in memory.
        """
        limit = max_bytes if max_bytes is not None else self.settings.max_body_bytes
        delay = self.settings.min_delay_seconds if min_delay is None else min_delay
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        redirects: list[str] = []
        robots: RobotsDecision | None = None
        stopped: FetchResult | None = None
        current = url
        try:
            while True:
                robots = None  # the decision reported is the one for the final hop
                address = self._vet(current)
                robots = self._robots_decision(current)
                if not robots.allowed:
                    raise _Stop(FetchOutcome.ROBOTS_DISALLOWED, self._robots_reason(robots))
                crawl_delay = min(robots.crawl_delay or 0.0, self.settings.max_crawl_delay_seconds)
                # Validators belong to the URL they came from, not to a redirect target.
                extra = conditional if not redirects else {}
                response, deadline = self._send(
                    current, address, accept, extra, max(delay, crawl_delay)
                )
                location = response.headers.get("location")
                if response.status in REDIRECT_STATUSES and location:
                    response.release_conn()
                    response.close()
                    current = urljoin(current, location.strip())
                    redirects.append(current)
                    if len(redirects) > self.settings.max_redirects:
                        raise _Stop(
                            FetchOutcome.TOO_MANY_REDIRECTS,
                            f"more than {self.settings.max_redirects} redirects",
                            status=response.status,
                        )
                    continue
                break
        except _Stop as stop:
            stopped = self._stopped(_Trail(url, current, redirects, robots), stop)
        if stopped is not None:
            yield OpenedResponse(stopped)
            return
        trail = _Trail(url, current, redirects, robots)
        yield from self._conclude(trail, response, deadline, accept=accept, limit=limit)

    def robots_record(self, url: str) -> RobotsRecord:
        """The robots.txt record governing `url` (its text gives the Sitemap lines)."""
        try:
            return self._robots_record_for(url)[0]
        except _Stop:
            return self._robots_record(origin_of(url), RobotsVerdict.UNAVAILABLE, self._now())

    def tdmrep_record(self, url: str) -> TdmrepRecord:
        """The TDMRep file record of `url`'s origin, fetched like any page (robots.txt, SSRF
        guard, host delay, size limit) unless a fresh one is cached. A fetch our own host
        limiter refused is returned UNAVAILABLE and not cached, so the next page asks again."""
        origin = origin_of(url)
        record = self._tdmrep.get(origin)
        if record is not None and record.expires_at > self._now():
            return record
        result = self.fetch(
            tdmrep_url_for(origin), accept=None, max_bytes=self.settings.tdmrep_max_bytes
        )
        record = record_from(
            origin,
            result,
            self._now(),
            ttl=timedelta(seconds=self.settings.tdmrep_ttl_seconds),
            error_ttl=timedelta(seconds=self.settings.robots_error_ttl_seconds),
        )
        if not (result.outcome is FetchOutcome.RATE_LIMITED and result.status is None):
            self._tdmrep.put(record)
        return record

    def _robots_decision(self, url: str) -> RobotsDecision:
        record, cached = self._robots_record_for(url)
        return decide(record, url, self.settings.agent_name, cached=cached)

    def _robots_record_for(self, url: str) -> tuple[RobotsRecord, bool]:
        origin = origin_of(url)
        record = self._robots.get(origin)
        if record is not None and record.expires_at > self._now():
            return record, True
        try:
            record = self._fetch_robots(origin)
        except _Stop as stop:
            # Our own rate limiter ("not now") or an origin that cannot be reached: the page
            # would fail the same way, so that is the outcome, and nothing is cached.
            raise _Stop(
                stop.outcome, f"robots.txt: {stop.reason}", retry_after=stop.retry_after
            ) from None
        self._robots.put(record)
        return record, False

    # -- one exchange -----------------------------------------------------------------------

    def _vet(self, url: str) -> IPAddress:
        """Scheme and address checks of one hop; raises _Stop."""
        try:
            parts = parse_url(url)
        except LocationParseError as exc:
            raise _Stop(FetchOutcome.SSRF_BLOCKED, f"unparsable URL: {exc}") from exc
        scheme = (parts.scheme or "").lower()
        if scheme not in _DEFAULT_PORTS:
            raise _Stop(FetchOutcome.SSRF_BLOCKED, f"scheme {scheme or '(none)'!r} not allowed")
        if not parts.host:
            raise _Stop(FetchOutcome.SSRF_BLOCKED, "URL without a host")
        host = parts.host.strip("[]")
        try:
            return vet_host(
                host,
                parts.port or _DEFAULT_PORTS[scheme],
                allow_loopback=self.settings.allow_loopback,
                resolver=self._resolver,
            )
        except SsrfBlockedError as exc:
            raise _Stop(FetchOutcome.SSRF_BLOCKED, str(exc)) from exc
        except ResolutionError as exc:
            raise _Stop(FetchOutcome.NETWORK_ERROR, str(exc)) from exc

    def _send(
        self,
        url: str,
        address: IPAddress,
        accept: frozenset[str] | None,
        extra_headers: Mapping[str, str],
        min_delay: float,
    ) -> tuple[urllib3.BaseHTTPResponse, float]:
        """One GET to the vetted address, after the host's rate-limit slot; raises _Stop."""
        parts = parse_url(url)
        scheme = (parts.scheme or "").lower()
        host = (parts.host or "").strip("[]")
        port = parts.port or _DEFAULT_PORTS[scheme]
        reservation = self._limiter.reserve(
            host, min_delay, self._clock(), self.settings.max_wait_seconds
        )
        if not reservation.granted:
            raise _Stop(
                FetchOutcome.RATE_LIMITED,
                f"next slot for {host} in {reservation.wait:.1f}s (per-host delay)",
                retry_after=reservation.wait,
            )
        if reservation.wait > 0:
            self._sleep(reservation.wait)
        netloc = parts.netloc.rpartition("@")[2] if parts.netloc else host
        encodings = "gzip, deflate, br" if brotli_available() else "gzip, deflate"
        headers = {
            "Host": netloc,
            "User-Agent": self.settings.user_agent,
            "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1" if accept else "*/*",
            "Accept-Encoding": encodings,
            **extra_headers,
        }
        pool = self._pool(scheme, address, port, host)
        timeout = urllib3.Timeout(
            connect=self.settings.connect_timeout, read=self.settings.read_timeout
        )
        deadline = time.monotonic() + self.settings.total_timeout
        try:
            response = pool.urlopen(
                "GET",
                parts.request_uri,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=False,
                timeout=timeout,
                assert_same_host=False,
            )
        except NewConnectionError as exc:
            # Before ConnectTimeoutError, its base class in urllib3: a refused connection is
            # not a timeout (it was reported as one).
            cause = exc.__context__
            why = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(exc)
            reason = f"cannot connect to {netloc}: {why}"
            raise _Stop(FetchOutcome.NETWORK_ERROR, reason) from exc
        except (ConnectTimeoutError, ReadTimeoutError) as exc:
            raise _Stop(FetchOutcome.TIMEOUT, f"{type(exc).__name__}: {exc}") from exc
        except (HTTPError, OSError) as exc:
            raise _Stop(FetchOutcome.NETWORK_ERROR, f"{type(exc).__name__}: {exc}") from exc
        return response, deadline

    def _pool(
        self, scheme: str, address: IPAddress, port: int, host: str
    ) -> urllib3.HTTPConnectionPool:
        key = (scheme, str(address), port, host)
        pool = self._pools.get(key)
        if pool is not None:
            self._pools.move_to_end(key)
            return pool
        if scheme == "https":
            # Connect to the vetted IP, but verify the certificate for (and send SNI of) the name.
            pool = urllib3.HTTPSConnectionPool(
                str(address),
                port,
                maxsize=1,
                server_hostname=host,
                assert_hostname=host,
                cert_reqs="CERT_REQUIRED",
            )
        else:
            pool = urllib3.HTTPConnectionPool(str(address), port, maxsize=1)
        self._pools[key] = pool
        if len(self._pools) > _MAX_POOLS:
            _, oldest = self._pools.popitem(last=False)
            oldest.close()
        return pool

    def _chunks(self, response: urllib3.BaseHTTPResponse, deadline: float) -> Iterator[bytes]:
        """Raw body chunks, stopping at the exchange's total deadline."""
        try:
            while True:
                # read1 returns what has arrived; read(n) would wait for n bytes and let a
                # slow drip run past the deadline between two checks.
                chunk = response.read1(PIECE, decode_content=False)
                if not chunk:
                    return
                if time.monotonic() > deadline:
                    reason = f"body not complete after {self.settings.total_timeout}s"
                    raise StreamInterruptedError(FetchOutcome.TIMEOUT, reason)
                yield chunk
        except ReadTimeoutError as exc:
            raise StreamInterruptedError(FetchOutcome.TIMEOUT, str(exc)) from exc
        except (HTTPError, OSError) as exc:
            raise StreamInterruptedError(
                FetchOutcome.NETWORK_ERROR, f"{type(exc).__name__}: {exc}"
            ) from exc

    def _conclude(
        self,
        trail: _Trail,
        response: urllib3.BaseHTTPResponse,
        deadline: float,
        *,
        accept: frozenset[str] | None,
        limit: int,
    ) -> Iterator[OpenedResponse]:
        """Map the final response to its outcome; stream the body when ok."""
        status = response.status
        headers = {name.lower(): value for name, value in response.headers.items()}

        def stop(outcome: FetchOutcome, reason: str, retry_after: float | None = None) -> _Stop:
            return _Stop(outcome, reason, status=status, headers=headers, retry_after=retry_after)

        def close() -> None:
            response.close()
            response.release_conn()

        host = (parse_url(trail.final_url).host or "").strip("[]")
        outcome = self._classify(response, headers, deadline, accept=accept, limit=limit, host=host)
        if outcome is not None:
            close()
            yield OpenedResponse(self._stopped(trail, stop(*outcome)))
            return
        try:
            decoder = decoder_for(headers.get("content-encoding"))
        except DecodingError as exc:
            close()
            yield OpenedResponse(self._stopped(trail, stop(FetchOutcome.NETWORK_ERROR, str(exc))))
            return
        raw = DecodedStream(self._chunks(response, deadline), decoder, limit, on_close=close)
        stream = io.BufferedReader(raw, buffer_size=PIECE)
        result = self._result(trail, FetchOutcome.OK, "", status=status, headers=headers)
        try:
            yield OpenedResponse(result, stream)
        finally:
            stream.close()

    def _classify(
        self,
        response: urllib3.BaseHTTPResponse,
        headers: dict[str, str],
        deadline: float,
        *,
        accept: frozenset[str] | None,
        limit: int,
        host: str,
    ) -> tuple[FetchOutcome, str] | tuple[FetchOutcome, str, float | None] | None:
        """The outcome of a final (non-redirect) response; None means ok, read the body."""
        status = response.status
        if 200 <= status < 300:
            challenge = challenge_reason(status, headers, b"")
            if challenge:
                return FetchOutcome.CHALLENGE_PAGE, challenge
            media = _media_type(headers.get("content-type"))
            if accept is not None and media and media not in accept:
                return FetchOutcome.NOT_HTML, f"content-type {media}"
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                return FetchOutcome.TOO_LARGE, f"content-length {declared} > {limit}"
            return None
        if status == 304:
            return FetchOutcome.NOT_MODIFIED, "304 Not Modified"
        challenge = challenge_reason(status, headers, self._prefix(response, headers, deadline))
        if challenge:
            return FetchOutcome.CHALLENGE_PAGE, challenge
        if status in {401, 403, 451}:
            return FetchOutcome.BLOCKED, f"HTTP {status}"
        if status in {404, 410}:
            return FetchOutcome.GONE, f"HTTP {status}"
        if status in {429, 503}:
            retry_after = parse_retry_after(headers.get("retry-after"), self._clock())
            if retry_after is not None:
                self._limiter.defer(host, self._clock() + retry_after)
            return FetchOutcome.RATE_LIMITED, f"HTTP {status}", retry_after
        if 400 <= status < 500:
            return FetchOutcome.CLIENT_ERROR, f"HTTP {status}"
        if status >= 500:
            return FetchOutcome.SERVER_ERROR, f"HTTP {status}"
        return FetchOutcome.CLIENT_ERROR, f"unexpected HTTP {status}"

    def _prefix(
        self, response: urllib3.BaseHTTPResponse, headers: dict[str, str], deadline: float
    ) -> bytes:
        """The start of an error page, enough to recognise a challenge; never fails."""
        try:
            stream = DecodedStream(
                self._chunks(response, deadline),
                decoder_for(headers.get("content-encoding")),
                BODY_SNIFF_BYTES * 4,
            )
            return stream.read(BODY_SNIFF_BYTES) or b""
        except StreamError:
            return b""

    # -- robots.txt -------------------------------------------------------------------------

    def _fetch_robots(self, origin: str) -> RobotsRecord:
        robots_url = f"{origin}/robots.txt"
        now = self._now()
        current = robots_url
        for _ in range(self.settings.robots_max_redirects + 1):
            try:
                address = self._vet(current)
                response, deadline = self._send(
                    current, address, None, {}, self.settings.min_delay_seconds
                )
            except _Stop as stop:
                if stop.outcome is FetchOutcome.RATE_LIMITED:
                    raise  # our own limiter said "not now": nothing to learn or cache
                if current == robots_url and stop.outcome in _UNREACHABLE:
                    # The origin itself cannot be reached (refused, DNS, timeout): not a
                    # robots.txt verdict to cache, but the fetch's own network outcome.
                    raise
                return self._robots_record(origin, RobotsVerdict.UNAVAILABLE, now)
            location = response.headers.get("location")
            if response.status in REDIRECT_STATUSES and location:
                response.close()
                response.release_conn()
                current = urljoin(current, location.strip())
                continue
            verdict = verdict_for_status(response.status)
            body: str | None = ""
            if verdict is RobotsVerdict.ALLOWED:
                body = self._robots_body(response, deadline)
            response.close()
            response.release_conn()
            if body is None:
                verdict, body = RobotsVerdict.UNAVAILABLE, ""
            return self._robots_record(origin, verdict, now, status=response.status, body=body)
        # RFC 9309: past five redirects a crawler may take robots.txt as unavailable.
        return self._robots_record(origin, RobotsVerdict.UNAVAILABLE, now)

    def _robots_body(self, response: urllib3.BaseHTTPResponse, deadline: float) -> str | None:
        """robots.txt text, cut at robots_max_bytes (RFC 9309 parses a prefix; no failure)."""
        limit = self.settings.robots_max_bytes
        headers = {name.lower(): value for name, value in response.headers.items()}
        try:
            stream = DecodedStream(
                self._chunks(response, deadline),
                decoder_for(headers.get("content-encoding")),
                limit + PIECE,
            )
            parts: list[bytes] = []
            total = 0
            while total < limit:
                chunk = stream.read(limit - total)
                if not chunk:
                    break
                parts.append(chunk)
                total += len(chunk)
        except TooLargeError:
            pass
        except StreamError:
            return None
        return b"".join(parts).decode("utf-8", errors="replace")

    def _robots_record(
        self,
        origin: str,
        verdict: RobotsVerdict,
        now: datetime,
        *,
        status: int | None = None,
        body: str = "",
    ) -> RobotsRecord:
        ttl = (
            self.settings.robots_error_ttl_seconds
            if verdict is RobotsVerdict.UNAVAILABLE
            else self.settings.robots_ttl_seconds
        )
        return RobotsRecord(
            origin=origin,
            robots_url=f"{origin}/robots.txt",
            verdict=verdict,
            status=status,
            body=body,
            fetched_at=now,
            expires_at=now + timedelta(seconds=ttl),
        )

    @staticmethod
    def _robots_reason(robots: RobotsDecision) -> str:
        status = f" (HTTP {robots.status})" if robots.status is not None else ""
        return {
            RobotsVerdict.DISALLOWED: "disallowed by robots.txt",
            RobotsVerdict.DISALLOW_ALL: f"robots.txt refused{status}: disallow all",
            RobotsVerdict.UNAVAILABLE: f"robots.txt unavailable{status}: disallow for now",
        }.get(robots.verdict, robots.verdict.value)

    # -- results ----------------------------------------------------------------------------

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), tz=UTC)

    def _result(
        self,
        trail: _Trail,
        outcome: FetchOutcome,
        reason: str,
        *,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
    ) -> FetchResult:
        headers = dict(headers or {})
        return FetchResult(
            url=trail.url,
            outcome=outcome,
            reason=reason,
            final_url=trail.final_url,
            status=status,
            headers=headers,
            content_type=headers.get("content-type"),
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            retry_after_seconds=retry_after,
            redirects=list(trail.redirects),
            robots=trail.robots,
            fetched_at=self._now(),
        )

    def _stopped(self, trail: _Trail, stop: _Stop) -> FetchResult:
        return self._result(
            trail,
            stop.outcome,
            stop.reason,
            status=stop.status,
            headers=stop.headers,
            retry_after=stop.retry_after,
        )

    @staticmethod
    def _downgrade(result: FetchResult, outcome: FetchOutcome, reason: str) -> FetchResult:
        return result.model_copy(update={"outcome": outcome, "reason": reason, "body": None})


__all__ = ["OpenedResponse", "PoliteClient", "StreamInterruptedError", "parse_retry_after"]
