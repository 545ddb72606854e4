"""Wiring of the scraping half: discover and fetch ports on the deployed resources."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from newsflow.config import get_resources, get_scrape_settings
from newsflow.fetch import FetchSettings, PoliteClient
from newsflow.services.fetch_url import FetchPorts
from newsflow.storage.clients import _client, dynamodb_client, events_client, s3_client
from newsflow.storage.events import EventBridgePublisher
from newsflow.storage.feed_state import DynamoDiscoverSchedule, DynamoDocumentStates
from newsflow.storage.host_limiter import DynamoHostRateLimiter
from newsflow.storage.queues import SqsFetchQueue, SqsSourceQueue
from newsflow.storage.raw_pages import S3RawPageStore
from newsflow.storage.robots_cache import DynamoRobotsCache
from newsflow.storage.source_health import DynamoHealthStore
from newsflow.storage.sources import DynamoSourceRepository
from newsflow.storage.tdmrep_cache import DynamoTdmrepCache
from newsflow.storage.url_registry import DynamoUrlRegistry

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient

    from newsflow.services.discover_source import DiscoverPorts


def sqs_client() -> SQSClient:
    """The process-wide SQS client (same cache and configuration as the others)."""
    client: SQSClient = _client("sqs")
    return client


def polite_client(settings: FetchSettings | None = None) -> PoliteClient:
    """A fetch client whose robots and tdmrep caches and host limiter are the shared table's."""
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
    # Imported here: the fetch function shares this module and never parses feeds or sitemaps.
    from newsflow.discover import SitemapLimits  # noqa: PLC0415
    from newsflow.services.discover_source import DiscoverPorts  # noqa: PLC0415

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
    )


@lru_cache(maxsize=1)
def fetch_ports() -> FetchPorts:
    """Fetching's adapters; the client (and its connection pools) lives as long as the
    warm container."""
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
    """Drop the cached ports (tests that switch stacks or settings)."""
    discover_ports.cache_clear()
    fetch_ports.cache_clear()
