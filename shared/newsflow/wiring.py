"""The composition root: the adapters on the deployed resources, built from config.

The one place that knows which adapter (storage/) serves which port (services/ports.py).
Each builder makes its adapters once per process on first use (a warm Lambda container
keeps them); `forget()` drops them for tests that switch stacks or settings. Handlers take
these as their default and accept others (fakes, a test's own) as an argument.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from newsflow.config import (
    ApiSettings,
    QueryLimits,
    get_api_settings,
    get_resources,
    get_scrape_settings,
)
from newsflow.storage.clients import dynamodb_client, events_client, s3_client

if TYPE_CHECKING:
    from newsflow.fetch import FetchSettings, PoliteClient
    from newsflow.services.discover_source import DiscoverPorts
    from newsflow.services.fetch_url import FetchPorts
    from newsflow.services.ports import HealthStore, Ports, StoredObject
    from newsflow.services.query import QueryPorts
    from newsflow.services.sources import SourcePorts
    from newsflow.services.stories import StoryPorts
    from newsflow.storage.objects import S3ObjectStore
    from newsflow.storage.source_health import DynamoHealthStore
    from newsflow.storage.sources import DynamoSourceRepository

T = TypeVar("T")


class Injected(Generic[T]):
    """A handler's dependencies: the real wiring unless a caller passed its own for the
    duration of one invocation (`lambda_handler(event, context, adapters)`)."""

    def __init__(self, name: str, default: Callable[[], T]) -> None:
        self._given: ContextVar[T | None] = ContextVar(name, default=None)
        self._default = default

    def get(self) -> T:
        """The adapters passed to the running invocation, else the real ones."""
        given = self._given.get()
        return self._default() if given is None else given

    @contextmanager
    def use(self, adapters: T | None) -> Iterator[None]:
        """Within the block, `get()` returns `adapters` (None: the real wiring)."""
        token = self._given.set(adapters)
        try:
            yield
        finally:
            self._given.reset(token)


# Each builder imports its adapters and services when called, so that a function loads only
# its own: the api and process functions never load the fetch client, the feed parser or the
# queues, and the scraping functions never load the Query API's (cold start, issue 14).


@lru_cache(maxsize=1)
def aws_adapters() -> Ports:
    """The processing path's adapters (S3, the table, the event bus) on the deployed
    resources, built once per process on first use."""
    from newsflow.services.ports import Ports  # noqa: PLC0415 - see the note above
    from newsflow.storage.articles import DynamoArticleRepository  # noqa: PLC0415
    from newsflow.storage.events import EventBridgePublisher  # noqa: PLC0415
    from newsflow.storage.objects import S3ObjectStore  # noqa: PLC0415
    from newsflow.storage.source_health import DynamoHealthStore  # noqa: PLC0415
    from newsflow.storage.stories import DynamoStoryRepository  # noqa: PLC0415

    resources = get_resources()
    return Ports(
        objects=S3ObjectStore(s3_client(), resources.bucket),
        articles=DynamoArticleRepository(dynamodb_client(), resources.table),
        events=EventBridgePublisher(events_client(), resources.event_bus),
        stories=DynamoStoryRepository(dynamodb_client(), resources.table),
        health=DynamoHealthStore(dynamodb_client(), resources.table),
    )


def query_limits(settings: ApiSettings) -> QueryLimits:
    """The Query API's bounds from its settings (without the settings' secrets)."""
    return QueryLimits.model_validate(settings.model_dump(include=set(QueryLimits.model_fields)))


class ArticleBucket:
    """The bucket's stored articles for the Query API, its S3 client made on the first read:
    listings and version histories read no object, and making an S3 client is the dearest
    part of a first request (botocore parses S3's service model, about 30 ms of CPU)."""

    def __init__(self, bucket: str) -> None:
        self._bucket = bucket

    @cached_property
    def _store(self) -> S3ObjectStore:
        from newsflow.storage.objects import S3ObjectStore  # noqa: PLC0415 - see the note above

        return S3ObjectStore(s3_client(), self._bucket)

    def get(self, key: str, *, max_bytes: int) -> StoredObject | None:
        """The object under `key` (storage.objects.S3ObjectStore.get)."""
        return self._store.get(key, max_bytes=max_bytes)

    def presigned_get(self, key: str, *, expires_in: int) -> str:
        """A download link (storage.objects.S3ObjectStore.presigned_get)."""
        return self._store.presigned_get(key, expires_in=expires_in)


@lru_cache(maxsize=1)
def query_ports() -> QueryPorts:
    """The article routes' adapters, built once per process on first use."""
    from newsflow.services.query import CursorCodec, QueryPorts  # noqa: PLC0415
    from newsflow.storage.article_index import DynamoArticleIndex  # noqa: PLC0415

    resources, settings = get_resources(), get_api_settings()
    return QueryPorts(
        index=DynamoArticleIndex(dynamodb_client(), resources.table),
        objects=ArticleBucket(resources.bucket),
        codec=CursorCodec(settings.cursor_key.get_secret_value().encode("utf-8")),
        limits=query_limits(settings),
    )


@lru_cache(maxsize=1)
def source_ports() -> SourcePorts:
    """The sources routes' adapters, built once per process on first use."""
    from newsflow.services.query import CursorCodec  # noqa: PLC0415 - see the note above
    from newsflow.services.sources import SourcePorts  # noqa: PLC0415
    from newsflow.storage.sources import DynamoSourceRepository  # noqa: PLC0415

    resources, settings = get_resources(), get_api_settings()
    return SourcePorts(
        sources=DynamoSourceRepository(dynamodb_client(), resources.table),
        codec=CursorCodec(settings.cursor_key.get_secret_value().encode("utf-8")),
        limits=query_limits(settings),
        allow_loopback=settings.sources_allow_loopback,
    )


@lru_cache(maxsize=1)
def story_ports() -> StoryPorts:
    """The story routes' adapters, built once per process on first use."""
    from newsflow.services.query import CursorCodec  # noqa: PLC0415 - see the note above
    from newsflow.services.stories import StoryPorts  # noqa: PLC0415
    from newsflow.storage.stories import DynamoStoryIndex  # noqa: PLC0415

    resources, settings = get_resources(), get_api_settings()
    return StoryPorts(
        index=DynamoStoryIndex(dynamodb_client(), resources.table),
        codec=CursorCodec(settings.cursor_key.get_secret_value().encode("utf-8")),
        limits=query_limits(settings),
    )


@lru_cache(maxsize=1)
def health_store() -> DynamoHealthStore:
    """The source health counters, built once per process on first use."""
    from newsflow.storage.source_health import DynamoHealthStore  # noqa: PLC0415

    return DynamoHealthStore(dynamodb_client(), get_resources().table)


class ApiDependencies(Protocol):
    """What the Query API's routes run on: each route reads only the port sets it uses."""

    @property
    def query(self) -> QueryPorts: ...
    @property
    def sources(self) -> SourcePorts: ...
    @property
    def stories(self) -> StoryPorts: ...
    @property
    def health(self) -> HealthStore: ...


@dataclass(frozen=True)
class ApiAdapters:
    """The Query API's port sets, given all at once (tests, fakes)."""

    query: QueryPorts
    sources: SourcePorts
    stories: StoryPorts
    health: HealthStore


class DeployedApiAdapters:
    """The Query API's adapters on the deployed resources, each port set built (once per
    process) by the first route that reads it: listing articles never imports the sources',
    stories' or health adapters (cold start, issue 14)."""

    @property
    def query(self) -> QueryPorts:
        """The article routes' adapters (`query_ports`)."""
        return query_ports()

    @property
    def sources(self) -> SourcePorts:
        """The sources routes' adapters (`source_ports`)."""
        return source_ports()

    @property
    def stories(self) -> StoryPorts:
        """The story routes' adapters (`story_ports`)."""
        return story_ports()

    @property
    def health(self) -> HealthStore:
        """The source health counters (`health_store`)."""
        return health_store()


_DEPLOYED_API = DeployedApiAdapters()


def api_adapters() -> ApiDependencies:
    """The Query API's adapters on the deployed resources (each built once per process, on
    first use)."""
    return _DEPLOYED_API


def source_repository() -> DynamoSourceRepository:
    """The sources in the table, for the command line."""
    from newsflow.storage.sources import DynamoSourceRepository  # noqa: PLC0415

    return DynamoSourceRepository(dynamodb_client(), get_resources().table)


def polite_client(settings: FetchSettings | None = None) -> PoliteClient:
    """A fetch client whose robots and tdmrep caches and host limiter are the shared table's."""
    from newsflow.fetch import PoliteClient  # noqa: PLC0415 - see the note above
    from newsflow.storage.host_limiter import DynamoHostRateLimiter  # noqa: PLC0415
    from newsflow.storage.robots_cache import DynamoRobotsCache  # noqa: PLC0415
    from newsflow.storage.tdmrep_cache import DynamoTdmrepCache  # noqa: PLC0415

    table = get_resources().table
    return PoliteClient(
        settings or get_scrape_settings().fetch_settings(),
        robots_cache=DynamoRobotsCache(dynamodb_client(), table),
        tdmrep_cache=DynamoTdmrepCache(dynamodb_client(), table),
        rate_limiter=DynamoHostRateLimiter(dynamodb_client(), table),
    )


@lru_cache(maxsize=1)
def discover_ports() -> DiscoverPorts:
    """Discovery's adapters, built once per process on first use."""
    from newsflow.discover import SitemapLimits  # noqa: PLC0415 - see the note above
    from newsflow.services.discover_source import DiscoverPorts  # noqa: PLC0415
    from newsflow.storage.clients import sqs_client  # noqa: PLC0415
    from newsflow.storage.events import EventBridgePublisher  # noqa: PLC0415
    from newsflow.storage.feed_state import (  # noqa: PLC0415
        DynamoDiscoverSchedule,
        DynamoDocumentStates,
    )
    from newsflow.storage.queues import SqsFetchQueue, SqsSourceQueue  # noqa: PLC0415
    from newsflow.storage.source_health import DynamoHealthStore  # noqa: PLC0415
    from newsflow.storage.sources import DynamoSourceRepository  # noqa: PLC0415
    from newsflow.storage.url_registry import DynamoUrlRegistry  # noqa: PLC0415

    table, settings = get_resources().table, get_scrape_settings()
    dynamodb = dynamodb_client()
    return DiscoverPorts(
        sources=DynamoSourceRepository(dynamodb, table),
        schedule=DynamoDiscoverSchedule(dynamodb, table),
        source_queue=SqsSourceQueue(sqs_client(), settings.discover_queue_url),
        registry=DynamoUrlRegistry(dynamodb, table),
        documents=DynamoDocumentStates(dynamodb, table),
        fetch_queue=SqsFetchQueue(sqs_client(), settings.fetch_queue_url),
        client=lru_cache(maxsize=1)(polite_client),
        limits=SitemapLimits(
            max_depth=settings.discover_max_depth, max_sitemaps=settings.discover_max_sitemaps
        ),
        health=DynamoHealthStore(dynamodb, table),
        events=EventBridgePublisher(events_client(), get_resources().event_bus),
        update_tolerance=timedelta(seconds=settings.discover_update_tolerance_seconds),
    )


@lru_cache(maxsize=1)
def fetch_ports() -> FetchPorts:
    """Fetching's adapters; the client (and its connection pools) lives as long as the
    warm container."""
    from newsflow.services.fetch_url import FetchPorts  # noqa: PLC0415 - see the note above
    from newsflow.storage.clients import sqs_client  # noqa: PLC0415
    from newsflow.storage.queues import SqsFetchQueue  # noqa: PLC0415
    from newsflow.storage.raw_pages import S3RawPageStore  # noqa: PLC0415
    from newsflow.storage.source_health import DynamoHealthStore  # noqa: PLC0415
    from newsflow.storage.url_registry import DynamoUrlRegistry  # noqa: PLC0415

    resources, settings = get_resources(), get_scrape_settings()
    client = settings.fetch_settings()
    return FetchPorts(
        client=polite_client(client),
        registry=DynamoUrlRegistry(dynamodb_client(), resources.table),
        pages=S3RawPageStore(s3_client(), resources.bucket),
        queue=SqsFetchQueue(sqs_client(), settings.fetch_queue_url),
        max_attempts=settings.fetch_max_attempts,
        max_requeues=settings.fetch_max_requeues,
        min_seconds_left=2 * client.total_timeout + client.max_wait_seconds + 5,
        health=DynamoHealthStore(dynamodb_client(), resources.table),
    )


def forget_scrape_wiring() -> None:
    """Drop the cached scraping adapters (tests that switch stacks or settings)."""
    discover_ports.cache_clear()
    fetch_ports.cache_clear()
