"""Sitemap discovery at scale: time and memory for a served index of N URLs, 10k vs 50k.

Generates a sitemap index of N/1,000 gzipped child sitemaps of 1,000 URLs each, serves it on
127.0.0.1, walks it through the polite client and the streaming parser, and checks every URL
against a set of N-1,000 "already known" URLs (standing in for the DynamoDB URL registry).
Each size runs in its own process so that ru_maxrss is that run's own.

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
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO

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


def main() -> int:
    """Run each size in a fresh process and print a side-by-side table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return 0
    rows = []
    for size in args.sizes:
        completed = subprocess.run(
            [sys.executable, __file__, "--worker", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(completed.stdout))
    columns = list(rows[0])
    print(" | ".join(f"{c:>26}" if i else f"{c:>8}" for i, c in enumerate(columns)))
    for row in rows:
        print(
            " | ".join(f"{row[c]!s:>26}" if i else f"{row[c]!s:>8}" for i, c in enumerate(columns))
        )
    print(
        f"\nknown set = urls - {NEW_URLS}; walk_peak is tracemalloc's peak during the walk "
        "(the known set excluded): flat means streaming works."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
