"""Which discovered URLs to keep: the source's URL patterns, recency, and re-queue on update."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import re2

from newsflow.models.source import Source
from newsflow.url_patterns import compile_url_pattern


@dataclass(frozen=True)
class UrlFilter:
    """A source's allowed/blocked URL patterns (RE2 expressions searched in the URL's key)."""

    allowed: tuple[re2._Regexp[str], ...] = field(default=())
    blocked: tuple[re2._Regexp[str], ...] = field(default=())

    @classmethod
    def from_patterns(cls, allowed: Iterable[str] = (), blocked: Iterable[str] = ()) -> UrlFilter:
        """Compile the patterns once for many URLs; ValueError for one RE2 cannot compile."""
        return cls(
            tuple(compile_url_pattern(p) for p in allowed),
            tuple(compile_url_pattern(p) for p in blocked),
        )

    @classmethod
    def for_source(cls, source: Source) -> UrlFilter:
        """The filter a source's configuration describes."""
        return cls.from_patterns(source.allowed_url_patterns, source.blocked_url_patterns)

    def accepts(self, url: str) -> bool:
        """True when the URL matches an allowed pattern (or none are set) and no blocked one."""
        if self.allowed and not any(p.search(url) for p in self.allowed):
            return False
        return not any(p.search(url) for p in self.blocked)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def within_window(
    lastmod: datetime | None, since: datetime | None, *, keep_undated: bool = True
) -> bool:
    """Whether a URL (or child sitemap) modified at `lastmod` is recent enough to look at.

    Undated entries are kept by default: many sitemaps omit `lastmod`, and dropping them
    would hide whole sites; the URL registry deduplicates them anyway.
    """
    if since is None:
        return True
    if lastmod is None:
        return keep_undated
    return _aware(lastmod) >= _aware(since)


def needs_refetch(
    entry_updated: datetime | None,
    last_fetched: datetime | None,
    *,
    tolerance: timedelta = timedelta(0),
) -> bool:
    """Whether a known entry must be queued again because the feed says it changed.

    Never fetched means yes. Without an updated time the feed gives no signal, so no.
    `tolerance` absorbs publishers whose `updated` trails the publication by seconds.
    """
    if last_fetched is None:
        return True
    if entry_updated is None:
        return False
    return _aware(entry_updated) > _aware(last_fetched) + tolerance
