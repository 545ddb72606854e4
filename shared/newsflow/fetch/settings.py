"""The fetch client's settings: who we are, how long we wait, how much we read."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from newsflow.limits import MAX_PAGE_BYTES, MIN_DELAY_SECONDS

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class FetchSettings(BaseModel):
    """Politeness and safety limits of the fetch client (built from Settings by the wiring)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    agent_name: str = Field(
        default="newsflow", description="Product token, also matched in robots.txt groups."
    )
    agent_version: str = "0.1"
    contact_url: str = Field(
        default="https://github.com/newsflow/newsflow",
        description="Where a site operator learns who crawls them and how to reach us.",
    )
    connect_timeout: float = Field(default=5.0, gt=0)
    read_timeout: float = Field(default=15.0, gt=0, description="Longest silence on the socket.")
    total_timeout: float = Field(
        default=30.0, gt=0, description="Longest one exchange may take, a slow drip included."
    )
    max_body_bytes: int = Field(default=MAX_PAGE_BYTES, gt=0, description="After decoding.")
    max_redirects: int = Field(default=5, ge=0)
    allow_loopback: bool = Field(
        default=False, description="Permit 127.0.0.1 and ::1 only (local runner and tests)."
    )
    min_delay_seconds: float = Field(
        default=MIN_DELAY_SECONDS,
        ge=0,
        description="Between two requests to one host, unless a source says.",
    )
    max_wait_seconds: float = Field(
        default=5.0,
        ge=0,
        description="Longer waits for a host slot return `rate_limited` instead of sleeping.",
    )
    max_crawl_delay_seconds: float = Field(
        default=30.0, ge=0, description="Cap on a robots.txt Crawl-delay we honour."
    )
    robots_ttl_seconds: int = Field(default=24 * 3600, gt=0)
    robots_error_ttl_seconds: int = Field(
        default=600, gt=0, description="TTL when robots.txt was unavailable (5xx, timeout)."
    )
    robots_max_bytes: int = Field(default=512 * 1024, gt=0)
    robots_max_redirects: int = Field(default=5, ge=0)
    tdmrep_ttl_seconds: int = Field(
        default=24 * 3600, gt=0, description="How long an origin's tdmrep.json record is used."
    )
    tdmrep_max_bytes: int = Field(default=64 * 1024, gt=0, description="tdmrep.json size limit.")

    @property
    def user_agent(self) -> str:
        """The User-Agent header: product/version and a contact URL."""
        return f"{self.agent_name}/{self.agent_version} (+{self.contact_url})"
