"""Sources, discovered URLs, fetch tasks and fetch outcomes: the scraping half's data."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, computed_field

from newsflow.urls import normalize_url

# A source's id: a slug, as the API's paths and the CLI's arguments take it.
SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class Source(BaseModel):
    """A publisher we poll: where its article URLs come from and how politely to fetch them.

    URL patterns are RE2 regular expressions (Python's syntax without backreferences or
    lookaround) searched in the URL's normalised key: a URL is kept when it matches one of
    `allowed_url_patterns` (or that list is empty) and none of `blocked_url_patterns`.
    The rules a source must meet to be stored are `newsflow.services.sources.check_source`.
    A field it does not have is refused (`extra_forbidden`): a misspelt setting, or the retired
    `extraction` selectors, would otherwise be accepted and do nothing. Sources stored before
    a field was retired are read with `extra="ignore"` (`storage.sources`).
    """

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    id: str = Field(pattern=SOURCE_ID_PATTERN, description="Stable slug.")
    name: str
    homepage: str
    feeds: list[str] = Field(default_factory=list)
    sitemaps: list[str] = Field(default_factory=list)
    allowed_url_patterns: list[str] = Field(default_factory=list)
    blocked_url_patterns: list[str] = Field(default_factory=list)
    poll_interval_seconds: int = Field(default=900, ge=60, description="How often to discover.")
    min_delay_seconds: float = Field(
        default=1.0, ge=0, description="Minimum delay between two requests to one host."
    )
    max_new_articles_per_run: int = Field(default=200, ge=1)
    enabled: bool = True


class DiscoveryOrigin(StrEnum):
    """What kind of document named a URL."""

    FEED = "feed"
    SITEMAP = "sitemap"
    NEWS_SITEMAP = "news_sitemap"


class DiscoveredUrl(BaseModel):
    """An article URL as a feed or sitemap announces it, nothing fetched yet.

    `url` is what we fetch: the publisher's spelling (published_url). `key` is derived from
    it (normalize_url) and only identifies: de-duplication and the URL registry use it.
    """

    model_config = ConfigDict(defer_build=True, frozen=True)

    url: str = Field(description="The URL as published (published_url); the one to fetch.")
    found_in: str = Field(description="The feed or sitemap URL that listed it.")
    origin: DiscoveryOrigin
    title: str | None = None
    published_at: AwareDatetime | None = None
    updated_at: AwareDatetime | None = Field(
        default=None, description="Feed `updated` or sitemap `lastmod`."
    )
    language: str | None = Field(default=None, description="Primary language subtag, lowercase.")
    keywords: list[str] = Field(default_factory=list, description="news:keywords, feed tags.")
    publication: str | None = Field(default=None, description="news:publication name.")

    @computed_field(description="Normalised key of `url` (normalize_url): for de-duplication.")  # type: ignore[prop-decorator]  # pydantic documents computed_field over cached_property
    @cached_property
    def key(self) -> str:
        """Two spellings of one article (query order, tracking, host case) share it."""
        return normalize_url(self.url)


class SitemapRef(BaseModel):
    """A child sitemap named by a sitemap index."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    url: str
    lastmod: AwareDatetime | None = None


class FetchReason(StrEnum):
    """Why a URL is being fetched."""

    NEW = "new"
    UPDATED = "updated"  # the feed says the entry changed after our last fetch
    MANUAL = "manual"


class FetchTask(BaseModel):
    """One FetchQueue message: a URL to fetch and what discovery knew about it."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    url: str
    source_id: str
    reason: FetchReason = FetchReason.NEW
    discovered_at: AwareDatetime
    found_in: str | None = None
    title: str | None = None
    published_at: AwareDatetime | None = None
    etag: str | None = Field(default=None, description="From the last fetch (If-None-Match).")
    last_modified: str | None = Field(
        default=None, description="From the last fetch (If-Modified-Since), verbatim."
    )
    attempt: int = Field(default=1, ge=1)


class FetchOutcome(StrEnum):
    """The one outcome of fetching one URL."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"  # 304 to a conditional GET
    ROBOTS_DISALLOWED = "robots_disallowed"
    BLOCKED = "blocked"  # 401, 403, 451
    GONE = "gone"  # 404, 410
    CLIENT_ERROR = "client_error"  # any other 4xx
    SERVER_ERROR = "server_error"  # 5xx other than a 503 with Retry-After
    RATE_LIMITED = "rate_limited"  # 429/503, or our own per-host delay is too long to wait
    TOO_LARGE = "too_large"  # body or its decompression above the limit
    NOT_HTML = "not_html"  # content type outside what the caller accepts
    CHALLENGE_PAGE = "challenge_page"  # bot-check interstitial instead of the page
    TIMEOUT = "timeout"
    SSRF_BLOCKED = "ssrf_blocked"  # address or scheme we must never connect to
    TOO_MANY_REDIRECTS = "too_many_redirects"
    NETWORK_ERROR = "network_error"  # DNS failure, refused connection, TLS or protocol error


class RobotsVerdict(StrEnum):
    """How the robots.txt decision was reached."""

    ALLOWED = "allowed"  # rules parsed, this URL allowed
    DISALLOWED = "disallowed"  # rules parsed, this URL disallowed
    ALLOW_ALL = "allow_all"  # robots.txt missing (404/410 or other 4xx)
    DISALLOW_ALL = "disallow_all"  # robots.txt answered 401/403
    UNAVAILABLE = "unavailable"  # 5xx, 429, timeout or network error: disallow for now


class RobotsDecision(BaseModel):
    """Whether robots.txt lets us fetch a URL, and why."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    allowed: bool
    verdict: RobotsVerdict
    robots_url: str
    status: int | None = Field(default=None, description="HTTP status of robots.txt.")
    crawl_delay: float | None = Field(default=None, description="Crawl-delay for our agent.")
    cached: bool = False
    rule: str | None = Field(
        default=None,
        description="The group and rule that decided, e.g. 'user-agent: * / allow: /news/'.",
    )


class FetchResult(BaseModel):
    """What fetching one URL produced; `body` only when the outcome is `ok`."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    url: str = Field(description="The URL that was requested.")
    outcome: FetchOutcome
    reason: str = Field(default="", description="Detail a human can act on.")
    final_url: str
    status: int | None = None
    headers: dict[str, str] = Field(default_factory=dict, description="Lowercase names.")
    body: bytes | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after_seconds: float | None = None
    redirects: list[str] = Field(default_factory=list, description="Every hop after the first.")
    robots: RobotsDecision | None = None
    fetched_at: AwareDatetime
