"""Follow a sitemap index to its URLs within depth, count and recency limits."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO

from newsflow.discover.filters import within_window
from newsflow.discover.sitemaps import (
    MAX_SITEMAP_BYTES,
    MAX_SITEMAP_URLS,
    SitemapReport,
    iter_sitemap,
)
from newsflow.models.source import DiscoveredUrl, SitemapRef


class SitemapUnavailableError(Exception):
    """The opener could not get a sitemap (robots, HTTP error, SSRF guard …)."""


# Opens one sitemap URL as a binary stream; raises SitemapUnavailableError. The fetch
# client provides the real one; tests pass files. This keeps the walk free of network code.
SitemapOpener = Callable[[str], AbstractContextManager[IO[bytes]]]


@dataclass(frozen=True)
class SitemapLimits:
    """How far to follow an index: nesting depth, documents opened, entries per document."""

    max_depth: int = 2
    max_sitemaps: int = 50
    max_urls_per_sitemap: int = MAX_SITEMAP_URLS
    max_bytes: int = MAX_SITEMAP_BYTES


@dataclass
class WalkReport:
    """What the walk did: documents read, refs left alone and why, problems per URL."""

    sitemaps_read: list[str] = field(default_factory=list)
    not_followed: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)  # read, but something left out
    urls_outside_window: int = 0


def walk_sitemaps(
    root_url: str,
    opener: SitemapOpener,
    *,
    limits: SitemapLimits | None = None,
    since: datetime | None = None,
    follow: bool = True,
    report: WalkReport | None = None,
) -> Iterator[DiscoveredUrl | SitemapRef]:
    """Every URL reachable from a sitemap (index), breadth first.

    Child sitemaps that are not followed (follow=False, depth or count limit) are yielded as
    SitemapRef so a caller can list them; those whose lastmod is older than `since` are
    skipped, since nothing in them can be newer. Keeps no per-URL state, so memory stays flat.
    """
    limits = limits or SitemapLimits()
    report = report if report is not None else WalkReport()
    queue: deque[tuple[str, int]] = deque([(root_url, 0)])
    seen = {root_url}
    while queue:
        url, depth = queue.popleft()
        if len(report.sitemaps_read) >= limits.max_sitemaps:
            report.not_followed[url] = f"more than {limits.max_sitemaps} sitemaps"
            yield SitemapRef(url=url)
            continue
        report.sitemaps_read.append(url)
        sitemap_report = SitemapReport()
        try:
            with opener(url) as stream:
                for item in iter_sitemap(
                    stream,
                    url,
                    max_urls=limits.max_urls_per_sitemap,
                    max_bytes=limits.max_bytes,
                    report=sitemap_report,
                ):
                    if isinstance(item, DiscoveredUrl):
                        if within_window(item.updated_at or item.published_at, since):
                            yield item
                        else:
                            report.urls_outside_window += 1
                        continue
                    if not within_window(item.lastmod, since) or item.url in seen:
                        continue
                    seen.add(item.url)
                    if not follow:
                        report.not_followed[item.url] = "not following (--no-follow)"
                        yield item
                    elif depth + 1 > limits.max_depth:
                        report.not_followed[item.url] = f"deeper than {limits.max_depth}"
                        yield item
                    else:
                        queue.append((item.url, depth + 1))
        except SitemapUnavailableError as exc:
            report.problems[url] = str(exc)
            continue
        if sitemap_report.problem:
            report.problems[url] = sitemap_report.problem
        if sitemap_report.warning:
            report.warnings[url] = sitemap_report.warning
