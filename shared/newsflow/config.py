"""The one place settings are read: typed, from the environment, on first use."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Self, cast

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from newsflow.limits import MAX_PAGE_BYTES

if TYPE_CHECKING:
    from newsflow.fetch.settings import FetchSettings


class SettingProblem(NamedTuple):
    """One environment variable that settings could not take."""

    variable: str  # its name: NEWSFLOW_MAX_OBJECT_BYTES
    missing: bool  # required and not set
    value: object  # the value it is set to (None when missing)
    message: str  # why it is refused, pydantic's words


class SettingsError(ValueError):
    """Settings the environment does not give: each variable missing or refused, named with
    its prefix (`EnvironmentSettings.env_prefix`), so that a caller can say which variable to
    set without knowing the settings classes. Raised from pydantic's ValidationError."""

    def __init__(self, problems: list[SettingProblem]) -> None:
        self.problems = problems
        super().__init__(
            "; ".join(
                f"{p.variable} is not set"
                if p.missing
                else f"{p.variable}={p.value!r}: {p.message}"
                for p in problems
            )
        )


class EnvironmentSettings(BaseModel):
    """Settings whose fields are read from environment variables `<env_prefix><NAME>`.

    The rules are pydantic-settings' for plain fields (str, numbers, bool, SecretStr; none of
    ours is a list or a model): a variable's name matches in any case, its value is given to
    pydantic as the string it is (pydantic's lax mode reads "30" as 30 and "true"/"1" as
    True), an unset variable leaves the field's default, and an empty one is a value too.
    A value refused or a required variable missing is a `SettingsError` naming each variable
    (raised from pydantic's `ValidationError`). Reading the environment here
    instead of with pydantic-settings keeps that package out of every cold start: its package
    imports every settings source (CLI, dotenv, AWS, Azure, GCP), about 9% of a handler's
    import (issue 14, docs/architecture.md "Cold start").
    """

    model_config = ConfigDict(defer_build=True, extra="ignore", validate_default=True)
    env_prefix: ClassVar[str] = "NEWSFLOW_"

    @classmethod
    def from_environment(cls, **given: Any) -> Self:
        """The settings as the environment gives them now, with the `given` fields as given
        (they win over the environment, as pydantic-settings' init arguments do). Raises
        SettingsError naming each variable that is missing or refused."""
        variables = {name.lower(): value for name, value in os.environ.items()}
        prefix = cls.env_prefix.lower()
        read = {
            field: variables[f"{prefix}{field}"]
            for field in cls.model_fields
            if f"{prefix}{field}" in variables
        }
        try:
            return cls.model_validate(read | given)
        except ValidationError as error:
            problems = [
                SettingProblem(
                    f"{cls.env_prefix}{str(e['loc'][0]).upper()}",
                    e["type"] == "missing",
                    None if e["type"] == "missing" else e["input"],
                    e["msg"],
                )
                for e in error.errors()
            ]
            raise SettingsError(problems) from error


class Settings(EnvironmentSettings):
    """newsflow settings; each field reads the environment variable `NEWSFLOW_<NAME>`."""

    max_object_bytes: int = Field(
        default=MAX_PAGE_BYTES, gt=0, description="Larger pages become `too_large`."
    )
    announce_lease_seconds: int = Field(
        default=90,
        gt=0,
        description=(
            "How long a writer owns the announcement of the version it wrote; after that a "
            "retry may complete it. Must exceed the function timeout and stay below the "
            "queue's visibility timeout minus the function timeout."
        ),
    )


class AwsResources(EnvironmentSettings):
    """Names of the deployed resources; required, because a guessed name hides a broken stack."""

    bucket: str = Field(min_length=3, description="The bucket with raw/, uploads/, articles/.")
    table: str = Field(min_length=3, description="The DynamoDB table of articles and URLs.")
    event_bus: str = Field(min_length=1, description="The EventBridge bus events go to.")


class QueryLimits(BaseModel):
    """Bounds of every Query API request, each read from `NEWSFLOW_API_<NAME>` (`ApiSettings`)
    and passed to the query services. Declared here, not in `services.query`, so that reading
    settings loads no service (cold start, issue 14)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    max_limit: ClassVar[int] = 100  # the largest page a client may ask for
    default_limit: int = Field(default=20, ge=1, le=100, description="Page size when none given.")
    max_queries_per_page: int = Field(
        default=8,
        ge=2,
        le=100,
        description=(
            "DynamoDB Query calls one list page may make: a round reads every partition of "
            "its index once (4 shards for the unfiltered and updated_since listings), further "
            "rounds only while filters without an index leave the page short; a page that "
            "runs out before it holds `limit` items returns what it has and a cursor."
        ),
    )
    page_seconds: float = Field(
        default=2.0,
        gt=0,
        le=20,
        description=(
            "Time budget of one list page: no further Query starts after it (API Gateway "
            "gives up at 29 s); a page cut short returns what it has and a cursor."
        ),
    )
    max_sync_days: int = Field(
        default=366, ge=1, le=3660, description="How far back `updated_since` may reach."
    )
    inline_article_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        description=(
            "Stored article JSON up to this size is returned inline; a larger one as a "
            "presigned S3 link, so the response stays under Lambda's 6 MB (JSON escaping "
            "can grow text up to 4x)."
        ),
    )
    link_expiry_seconds: int = Field(
        default=900, ge=60, le=43200, description="Lifetime of a presigned article link."
    )


class ApiSettings(EnvironmentSettings, QueryLimits):
    """Settings of the Query API (`functions/api`); apart from `Settings` so the processing
    functions need not carry them. The request bounds are `QueryLimits`' fields, each read from
    `NEWSFLOW_API_<NAME>`."""

    env_prefix: ClassVar[str] = "NEWSFLOW_API_"

    cursor_key: SecretStr = Field(
        min_length=32,
        description=(
            "HMAC key that signs page cursors. Required: a deployment sets it from a secret "
            "(the template generates one in Secrets Manager); changing it invalidates the "
            "cursors clients hold (they get 400 and start again from the first page)."
        ),
    )
    cors_origin: str = Field(
        default="",
        description="Access-Control-Allow-Origin of responses; empty turns CORS off.",
    )
    sources_allow_loopback: bool = Field(
        default=False,
        description=(
            "Let sources name 127.0.0.1 and ::1, as NEWSFLOW_FETCH_ALLOW_LOOPBACK lets the "
            "fetchers reach them: only the local runner and tests set it."
        ),
    )


class ScrapeSettings(EnvironmentSettings):
    """Settings of the discover and fetch functions; apart from `Settings` so the processing
    and API functions need not carry them."""

    fetch_queue_url: str = Field(min_length=1, description="The FetchQueue (one URL a message).")
    discover_queue_url: str = Field(
        min_length=1, description="The DiscoverQueue (one source a message)."
    )
    fetch_max_attempts: int = Field(
        default=3,
        ge=1,
        description="Tries of a URL that fails transiently (5xx, timeout, network error).",
    )
    fetch_max_requeues: int = Field(
        default=20,
        ge=0,
        description="Times a rate-limited URL is put back before `rate_limited` is final.",
    )
    discover_max_sitemaps: int = Field(
        default=50, ge=1, description="Sitemap documents one run opens per source."
    )
    discover_max_depth: int = Field(default=2, ge=0, description="Sitemap index nesting.")
    discover_update_tolerance_seconds: float = Field(
        default=60,
        ge=0,
        description=(
            "A feed's `updated` stamp re-queues a fetched URL only when it is later than the "
            "fetch by more than this: publishers stamp an edit seconds after the fetch that "
            "already saw it. The local runner shortens it with `--speed`."
        ),
    )

    def fetch_settings(self) -> FetchSettings:
        """The polite client's settings: each `FetchSettings` field read from
        `NEWSFLOW_FETCH_<NAME>` (e.g. NEWSFLOW_FETCH_TOTAL_TIMEOUT), its default otherwise."""
        return fetch_settings()


# The prefix of the variables `fetch_settings` reads: NEWSFLOW_FETCH_<FIELD>. A constant, so
# that help texts can name them without building `fetch_environment()` (which imports
# newsflow.fetch and the HTTP client).
FETCH_ENV_PREFIX = "NEWSFLOW_FETCH_"


def fetch_settings(**given: Any) -> FetchSettings:
    """`FetchSettings` with each field read from `NEWSFLOW_FETCH_<NAME>`, its default
    otherwise, and the `given` fields as given (the CLI's --allow-loopback). Raises
    SettingsError for a set value it refuses."""
    return cast("FetchSettings", fetch_environment().from_environment(**given))


def fetch_waits(settings: FetchSettings) -> str:
    """How long one read of `settings`' client may wait, and the variables that set it, for
    a line said before a read that may be slow (a silent site gives no word for half a
    minute with the defaults): "each gives up after 15 s of silence, 30 s in all;
    NEWSFLOW_FETCH_READ_TIMEOUT, NEWSFLOW_FETCH_TOTAL_TIMEOUT". The names are the ones
    `fetch_settings` reads."""
    prefix = FETCH_ENV_PREFIX
    return (
        f"each gives up after {settings.read_timeout:g} s of silence, "
        f"{settings.total_timeout:g} s in all; {prefix}READ_TIMEOUT, {prefix}TOTAL_TIMEOUT"
    )


@lru_cache(maxsize=1)
def fetch_environment() -> type[EnvironmentSettings]:
    """`FetchSettings` read from `NEWSFLOW_FETCH_<NAME>` (a subclass of both)."""
    # Built on first use: the processing and API functions read this module and never fetch,
    # and importing newsflow.fetch loads the HTTP client.
    from newsflow.fetch.settings import FetchSettings  # noqa: PLC0415

    class FetchEnvironment(EnvironmentSettings, FetchSettings):
        env_prefix: ClassVar[str] = FETCH_ENV_PREFIX

    return FetchEnvironment


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process (per warm Lambda container)."""
    return Settings.from_environment()


@lru_cache(maxsize=1)
def get_resources() -> AwsResources:
    """Resource names read once per process; raises if one is not set."""
    return AwsResources.from_environment()


@lru_cache(maxsize=1)
def get_api_settings() -> ApiSettings:
    """Query API settings read once per process; raises if the cursor key is not set."""
    return ApiSettings.from_environment()


@lru_cache(maxsize=1)
def get_scrape_settings() -> ScrapeSettings:
    """Discover and fetch settings read once per process; raises if a queue URL is not set."""
    return ScrapeSettings.from_environment()
