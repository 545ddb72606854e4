"""Sitemap discovery at scale: time, memory and DynamoDB calls for an index of N URLs.

Generates a sitemap index of N/1,000 gzipped child sitemaps of 1,000 URLs each and serves it
on 127.0.0.1. Two measurements per size, each in its own process (ru_maxrss is its own):

1. parse: the polite client and the streaming parser walk the index, and every URL is checked
   against an in-memory set of N-1,000 "already known" URLs;
2. registry: the real `discover_source` over the same index, with N-1,000 URLs already in the
   DynamoDB URL registry (moto, in-process, table from template.yaml): BatchGetItem per 100
   URLs, a conditional PutItem per new one, FetchQueue messages 10 per SendMessageBatch.
   Calls are counted by operation; seeding the known URLs is not timed.

    .venv/bin/python benchmarks/discover.py            # 10,000 and 50,000 side by side
    .venv/bin/python benchmarks/discover.py --sizes 10000 50000 100000
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

PER_CHILD = 1_000
NEW_URLS = 1_000


def _url(i: int) -> str:
    return f"https://bench.example/{2024 - i % 5}/{i % 12 + 1:02d}/story-{i}"


def _generate(directory: Path, count: int, base: str) -> None:
    children = count // PER_CHILD
    index_rows = []
    for child in range(children):
        rows = "".join(
            f"<url><loc>{_url(i)}</loc><lastmod>2024-05-04T10:00:00Z</lastmod></url>"
            for i in range(child * PER_CHILD, (child + 1) * PER_CHILD)
        )
        document = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
        )
        (directory / f"child-{child}.xml.gz").write_bytes(gzip.compress(document.encode()))
        index_rows.append(f"<sitemap><loc>{base}/child-{child}.xml.gz</loc></sitemap>")
    (directory / "index.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(index_rows)
        + "</sitemapindex>",
        encoding="utf-8",
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def _walk(base: str, known: set[str], count: int) -> tuple[int, int]:
    from newsflow.discover import SitemapLimits, SitemapUnavailableError, walk_sitemaps
    from newsflow.fetch import FetchSettings, PoliteClient
    from newsflow.models import DiscoveredUrl

    settings = FetchSettings(allow_loopback=True, min_delay_seconds=0.0)
    limits = SitemapLimits(max_sitemaps=count // PER_CHILD + 1)
    seen = new = 0
    with PoliteClient(settings) as client:

        @contextlib.contextmanager
        def opener(url: str) -> Iterator[IO[bytes]]:
            with client.open(url, accept=None, max_bytes=limits.max_bytes) as opened:
                if opened.stream is None:
                    raise SitemapUnavailableError(opened.result.reason)
                yield opened.stream

        for item in walk_sitemaps(f"{base}/index.xml", opener, limits=limits):
            if isinstance(item, DiscoveredUrl):
                seen += 1
                new += item.url not in known
    return seen, new


def worker(count: int) -> dict[str, float | int]:
    """One size: serve, walk twice (timed, then traced), report."""
    with tempfile.TemporaryDirectory() as folder:
        handler = functools.partial(_QuietHandler, directory=folder)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            _generate(Path(folder), count, base)
            known = {_url(i) for i in range(count - NEW_URLS)}
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.perf_counter()
            seen, new = _walk(base, known, count)
            elapsed = time.perf_counter() - started
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            tracemalloc.start()
            _walk(base, known, count)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        finally:
            server.shutdown()
            server.server_close()
    return {
        "urls": seen,
        "new": new,
        "seconds": round(elapsed, 2),
        "urls_per_second": round(seen / elapsed),
        "walk_peak_mib": round(peak / 2**20, 2),
        "max_rss_mib": round(rss_after / 1024, 1),
        "rss_growth_during_walk_mib": round((rss_after - rss_before) / 1024, 1),
    }


def _seed_registry(count: int) -> None:
    """Put `count` URLs in the registry as discovery and fetching leave them."""
    from newsflow.storage.clients import dynamodb_client
    from newsflow.storage.table import url_pk

    client = dynamodb_client()
    for start in range(0, count, 25):  # BatchWriteItem's limit
        requests: list[Any] = [
            {
                "PutRequest": {
                    "Item": {
                        "pk": {"S": url_pk(_url(i))},
                        "sk": {"S": "DISCOVERED"},
                        "url": {"S": _url(i)},
                        "source_id": {"S": "bench"},
                        "queued_at": {"S": "2024-05-04T10:00:00.000000Z"},
                        "fetched_at": {"S": "2024-05-04T11:00:00.000000Z"},
                        "fetch_outcome": {"S": "ok"},
                    }
                }
            }
            for i in range(start, min(count, start + 25))
        ]
        client.batch_write_item(RequestItems={_TABLE: requests})


_TABLE = "bench-articles"


class _CountingQueue:
    """FetchQueue stand-in: moto's SQS rescans its whole queue on every send (quadratic),
    which would swamp what is measured here; this counts the SendMessageBatch calls the real
    publisher makes (10 messages each) and keeps nothing."""

    def __init__(self, calls: Counter[str]) -> None:
        self.calls = calls
        self.messages = 0

    def send(self, messages: Any, *, delay_seconds: int = 0) -> None:
        self.messages += len(messages)
        self.calls["sqs.SendMessageBatch"] += -(-len(messages) // 10)


def registry_worker(count: int, *, trace: bool) -> dict[str, Any]:  # noqa: PLR0915
    """One size through `discover_source` on moto: time (or traced peak) and calls."""
    import os

    from moto import mock_aws

    os.environ.update(
        AWS_DEFAULT_REGION="us-east-1",
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",  # noqa: S106 - moto's stand-in credentials
        AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",
    )
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(name, None)
    from newsflow.discover import SitemapLimits
    from newsflow.fetch import FetchSettings, PoliteClient
    from newsflow.models import Source
    from newsflow.services.discover_source import DiscoverPorts, discover_source
    from newsflow.storage.clients import dynamodb_client, sqs_client
    from newsflow.storage.feed_state import DynamoDiscoverSchedule, DynamoDocumentStates
    from newsflow.storage.host_limiter import DynamoHostRateLimiter
    from newsflow.storage.queues import SqsSourceQueue
    from newsflow.storage.robots_cache import DynamoRobotsCache
    from newsflow.storage.sources import DynamoSourceRepository
    from newsflow.storage.template import load_template, table_definition

    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as folder, mock_aws():
        handler = functools.partial(_QuietHandler, directory=folder)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            _generate(Path(folder), count, base)
            dynamodb = dynamodb_client()
            definition = table_definition(load_template(root / "template.yaml"), "ArticlesTable")
            dynamodb.create_table(TableName=_TABLE, **definition)
            _seed_registry(count - NEW_URLS)
            sources = DynamoSourceRepository(dynamodb, _TABLE)
            source = Source(
                id="bench",
                name="Bench",
                homepage=f"{base}/",
                sitemaps=[f"{base}/index.xml"],
                min_delay_seconds=0.0,
                max_new_articles_per_run=NEW_URLS,
            )
            sources.put(source, now=datetime.now(UTC), create_only=False)
            settings = FetchSettings(allow_loopback=True, min_delay_seconds=0.0)

            def client() -> PoliteClient:
                return PoliteClient(
                    settings,
                    robots_cache=DynamoRobotsCache(dynamodb, _TABLE),
                    rate_limiter=DynamoHostRateLimiter(dynamodb, _TABLE),
                )

            calls: Counter[str] = Counter()
            fetch_queue = _CountingQueue(calls)
            ports = DiscoverPorts(
                sources=sources,
                schedule=DynamoDiscoverSchedule(dynamodb, _TABLE),
                source_queue=SqsSourceQueue(sqs_client(), "unused"),
                registry=DynamoUrlRegistryFactory(dynamodb),
                documents=DynamoDocumentStates(dynamodb, _TABLE),
                fetch_queue=fetch_queue,
                client=client,
                limits=SitemapLimits(max_sitemaps=count // PER_CHILD + 1),
            )

            def count_call(event_name: str, **_: Any) -> None:
                calls[event_name.split(".", 1)[1]] += 1

            dynamodb.meta.events.register("before-call", count_call)
            if trace:
                tracemalloc.start()
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.perf_counter()
            report = discover_source("bench", ports)
            elapsed = time.perf_counter() - started
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            peak = tracemalloc.get_traced_memory()[1] if trace else 0
        finally:
            server.shutdown()
            server.server_close()
    return {
        "urls": report.counts.get("urls", 0),
        "new": report.counts.get("new", 0),
        "known": report.counts.get("known", 0),
        "queued": fetch_queue.messages,
        "seconds": round(elapsed, 2),
        "peak_mib": round(peak / 2**20, 2),
        "rss_growth_mib": round((rss_after - rss_before) / 1024, 1),
        "dynamodb_calls": {k: v for k, v in sorted(calls.items()) if k.startswith("dynamodb")},
        "sqs_calls": {k: v for k, v in sorted(calls.items()) if k.startswith("sqs")},
    }


def DynamoUrlRegistryFactory(client: Any) -> Any:  # noqa: N802 - reads as the class it builds
    from newsflow.storage.url_registry import DynamoUrlRegistry

    return DynamoUrlRegistry(client, _TABLE)


def _table(rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    print(" | ".join(f"{c:>26}" if i else f"{c:>8}" for i, c in enumerate(columns)))
    for row in rows:
        print(
            " | ".join(f"{row[c]!s:>26}" if i else f"{row[c]!s:>8}" for i, c in enumerate(columns))
        )


def _run_worker(*args: str) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    """Run each size in a fresh process and print side-by-side tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--skip-registry", action="store_true", help="only the parse benchmark")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--registry-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    if args.registry_worker:
        print(json.dumps(registry_worker(args.registry_worker, trace=args.trace)))
        return 0
    print("1. parse: walk and check against an in-memory known set")
    _table([_run_worker("--worker", str(size)) for size in args.sizes])
    print(
        f"\nknown set = urls - {NEW_URLS}; walk_peak is tracemalloc's peak during the walk "
        "(the known set excluded): flat means streaming works."
    )
    if args.skip_registry:
        return 0
    print("\n2. registry: discover_source with the DynamoDB URL registry (moto in-process)")
    rows = []
    for size in args.sizes:
        timed = _run_worker("--registry-worker", str(size))
        traced = _run_worker("--registry-worker", str(size), "--trace")
        calls = timed.pop("dynamodb_calls")
        sqs = timed.pop("sqs_calls")
        timed["peak_mib"] = traced["peak_mib"]
        timed["dynamodb"] = " ".join(f"{k.split('.')[1]}={v}" for k, v in calls.items())
        timed["sqs"] = " ".join(f"{k.split('.')[1]}={v}" for k, v in sqs.items())
        rows.append(timed)
    for row in rows:
        print(json.dumps(row))
    print(
        "\npeak_mib: tracemalloc's peak during discover_source (its own run), moto's table "
        "included but allocated before; flat across sizes means nothing grows with N."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
