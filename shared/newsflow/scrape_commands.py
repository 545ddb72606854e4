"""The bodies of `newsflow discover` and `newsflow fetch`, and the polite fetch of `extract URL`.

`newsflow.scrape_cli` declares their arguments and imports this module only to run one of
them: its feed, sitemap and HTTP code is not loaded for `newsflow --help` or another command.
"""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Any, TextIO

from newsflow.cli_lines import say
from newsflow.config import fetch_settings
from newsflow.decompress import read_limited
from newsflow.discover import (
    DocumentKind,
    SitemapLimits,
    SitemapUnavailableError,
    WalkReport,
    feeds_from_html,
    open_sitemap,
    parse_feed,
    parse_w3c_datetime,
    sitemaps_from_robots,
    sniff_document,
    walk_sitemaps,
    within_window,
)
from newsflow.fetch import HTML_TYPES, PoliteClient, StreamError
from newsflow.fetch.robots import robots_url_for
from newsflow.models import DiscoveredUrl, FetchOutcome, FetchResult, SitemapRef
from newsflow.models.raw_page import RawPage
from newsflow.services.fetch_url import raw_page

_SNIFF_BYTES = 4096


def polite_client(args: argparse.Namespace) -> PoliteClient:
    """The polite client with the `NEWSFLOW_FETCH_*` settings the fetch functions read
    (`config.fetch_settings`), and the options `add_fetch_options` registered on `args`.
    Raises config.SettingsError for a setting it refuses (the CLI names it). An option
    not given leaves the setting's value: `--allow-loopback` absent is not "false"."""
    given: dict[str, Any] = {}
    if args.allow_loopback:
        given["allow_loopback"] = True
    if args.min_delay is not None:
        given["min_delay_seconds"] = args.min_delay
    return PoliteClient(fetch_settings(**given))


def _warn(url: str, message: str) -> None:
    say(f"{url}: {message}")


def _warn_refused(url: str, result: FetchResult) -> None:
    """A fetch that gave no body; an address refused by the SSRF guard gets the way round it
    for a server of one's own on this machine."""
    hint = ""
    if result.outcome is FetchOutcome.SSRF_BLOCKED and "loopback" in (result.reason or ""):
        hint = " (a server on this machine? add --allow-loopback)"
    _warn(url, f"{result.outcome.value}: {result.reason}{hint}")


def fetch_page(client: PoliteClient, url: str) -> RawPage | None:
    """`url` fetched as an HTML page, for extraction: its bytes, final URL, Content-Type and
    fetch time. None, with one line on stderr naming the outcome (and `--allow-loopback`
    for a server on this machine), when the fetch gave no page (robots.txt, SSRF guard,
    HTTP error, not HTML, too large)."""
    result = client.fetch(url, accept=HTML_TYPES)
    if result.body is None:
        _warn_refused(url, result)
        return None
    return raw_page(result, result.body, url=url, source_id=None)


# -- fetch ------------------------------------------------------------------------------------


def run_fetch(args: argparse.Namespace, out: TextIO) -> int:
    """`newsflow fetch URL`: the outcome as JSON; exit 0 for ok or not_modified."""
    with polite_client(args) as client:
        result = client.fetch(
            args.url,
            accept=None if args.any_type else HTML_TYPES,
            etag=args.etag,
            last_modified=args.if_modified_since,
        )
    record = result.model_dump(mode="json", exclude={"body"})
    record["body_bytes"] = len(result.body) if result.body is not None else None
    out.write(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    if result.body is not None and args.output:
        try:
            Path(args.output).write_bytes(result.body)
        except OSError as exc:
            _warn(args.output, f"cannot write the body: {exc.strerror}")
            return 1
    return 0 if result.outcome in {FetchOutcome.OK, FetchOutcome.NOT_MODIFIED} else 1


# -- discover ---------------------------------------------------------------------------------


class _Chain(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, target: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(target), len(self._head))
            target[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(target))
        target[: len(data)] = data
        return len(data)


def run_discover(args: argparse.Namespace, out: TextIO) -> int:
    """`newsflow discover URL`: one JSON line per article URL (or child sitemap)."""
    since = None
    if args.since:
        since = parse_w3c_datetime(args.since)
        if since is None:
            say(f"--since {args.since!r} is not a date")
            return 2
    limits = SitemapLimits(max_depth=args.max_depth, max_sitemaps=args.max_sitemaps)
    printer = _Printer(out)
    with polite_client(args) as client:
        discovery = _Discovery(client, limits, since, follow=not args.no_follow, printer=printer)
        ok = discovery.run(args.url)
    return 0 if ok else 1


class _Printer:
    """Writes each URL once: several feeds and sitemaps of one site overlap."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._seen: set[str] = set()

    def item(self, item: DiscoveredUrl | SitemapRef) -> None:
        key = item.key if isinstance(item, DiscoveredUrl) else item.url
        if key in self._seen:
            return
        self._seen.add(key)
        if isinstance(item, SitemapRef):
            record: dict[str, Any] = {"sitemap": item.url}
            if item.lastmod:  # in UTC with Z, as every time newsflow prints
                record["lastmod"] = item.model_dump(mode="json", include={"lastmod"})["lastmod"]
        else:
            record = item.model_dump(mode="json", exclude_none=True)
            if not record.get("keywords"):
                record.pop("keywords", None)
        self._out.write(json.dumps(record, ensure_ascii=False) + "\n")


class _Discovery:
    """Fetch, sniff and parse one URL (and what a homepage points to)."""

    def __init__(
        self,
        client: PoliteClient,
        limits: SitemapLimits,
        since: datetime | None,
        *,
        follow: bool,
        printer: _Printer,
    ) -> None:
        self.client = client
        self.limits = limits
        self.since = since
        self.follow = follow
        self.printer = printer

    def run(self, url: str) -> bool:
        with self.client.open(url, accept=None, max_bytes=self.limits.max_bytes) as opened:
            if opened.stream is None:
                _warn_refused(url, opened.result)
                return False
            final_url = opened.result.final_url
            head = opened.stream.read(_SNIFF_BYTES)
            kind = sniff_document(head, opened.result.content_type)
            stream: io.BufferedReader[Any] = io.BufferedReader(_Chain(head, opened.stream))
            if kind is DocumentKind.GZIP:
                # sitemap.xml.gz mostly, a gzipped feed at times: gunzip (within the sitemap
                # limit) and sniff what is inside.
                stream = open_sitemap(stream, max_bytes=self.limits.max_bytes)
                try:
                    kind = sniff_document(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
                except StreamError as exc:
                    _warn(url, f"{type(exc).__name__}: {exc}")
                    return False
            if kind is DocumentKind.SITEMAP:
                self._sitemap(final_url, stream)
                return True
            try:
                body = read_limited(stream, self.client.settings.max_body_bytes)
            except StreamError as exc:
                _warn(url, f"{type(exc).__name__}: {exc}")
                return False
        if kind is DocumentKind.FEED:
            self._feed_document(final_url, body, opened.result.content_type)
            return True
        if kind is DocumentKind.HTML:
            self._homepage(final_url, body)
            return True
        _warn(url, "neither a feed, a sitemap nor an HTML page")
        return False

    def _emit(self, item: DiscoveredUrl | SitemapRef) -> None:
        self.printer.item(item)

    def _feed_document(self, feed_url: str, body: bytes, content_type: str | None) -> None:
        parsed = parse_feed(body, feed_url, content_type=content_type)
        if parsed.problem:
            _warn(feed_url, f"tolerated: {parsed.problem}")
        for entry in parsed.entries:
            if within_window(entry.updated_at or entry.published_at, self.since):
                self._emit(entry)

    def _sitemap(self, root_url: str, root_stream: IO[bytes]) -> None:
        preopened = {root_url: root_stream}

        @contextmanager
        def opener(url: str) -> Iterator[IO[bytes]]:
            if url in preopened:
                yield preopened.pop(url)
                return
            with self.client.open(url, accept=None, max_bytes=self.limits.max_bytes) as opened:
                if opened.stream is None:
                    raise SitemapUnavailableError(
                        f"{opened.result.outcome.value}: {opened.result.reason}"
                    )
                yield opened.stream

        report = WalkReport()
        for item in walk_sitemaps(
            root_url,
            opener,
            limits=self.limits,
            since=self.since,
            follow=self.follow,
            report=report,
        ):
            self._emit(item)
        for messages in (report.warnings, report.problems):
            for url, message in messages.items():
                _warn(url, message)

    def _homepage(self, page_url: str, page: bytes) -> None:
        feeds = feeds_from_html(page, page_url)
        record = self.client.robots_record(page_url)
        sitemaps = sitemaps_from_robots(record.body, robots_url_for(page_url))
        if not feeds and not sitemaps:
            _warn(page_url, "no feed links and no Sitemap lines in robots.txt")
        for feed_url in feeds:
            result = self.client.fetch(feed_url, accept=None)
            if result.body is None:
                _warn_refused(feed_url, result)
                continue
            self._feed_document(result.final_url, result.body, result.content_type)
        for sitemap_url in sitemaps:
            with self.client.open(
                sitemap_url, accept=None, max_bytes=self.limits.max_bytes
            ) as opened:
                if opened.stream is None:
                    _warn_refused(sitemap_url, opened.result)
                    continue
                self._sitemap(opened.result.final_url, opened.stream)
