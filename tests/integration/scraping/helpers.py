"""The scraping half on the moto stack: its queues and settings, wiring, a loopback site."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fakes.scraping import (
    InMemoryDiscoverSchedule,
    InMemoryDocumentStates,
    InMemoryFetchQueue,
    InMemorySourceQueue,
    InMemorySourceRepository,
    InMemoryUrlRegistry,
)
from support.aws_stack import REGION, TABLE, Stack, received

from newsflow import config
from newsflow.discover import SitemapLimits
from newsflow.fetch import FetchSettings, PoliteClient
from newsflow.local.runner import sqs_record
from newsflow.models import Source
from newsflow.services.discover_source import DiscoverPorts
from newsflow.services.fetch_url import FetchPorts
from newsflow.services.ports import FetchMessage
from newsflow.storage.clients import dynamodb_client, s3_client, sqs_client
from newsflow.storage.feed_state import DynamoDiscoverSchedule, DynamoDocumentStates
from newsflow.storage.host_limiter import DynamoHostRateLimiter
from newsflow.storage.queues import SqsFetchQueue, SqsSourceQueue
from newsflow.storage.raw_pages import S3RawPageStore
from newsflow.storage.robots_cache import DynamoRobotsCache
from newsflow.storage.sources import DynamoSourceRepository
from newsflow.storage.url_registry import DynamoUrlRegistry
from newsflow.wiring import forget_scrape_wiring

ROOT = Path(__file__).resolve().parents[3]


# The scripted loopback site of the unit tests; one implementation serves both.
from support.loopback_site import LOOPBACK_TIMEOUTS, Reply, Site, site  # noqa: E402

__all__ = ["Reply", "Site", "site"]


def settings() -> FetchSettings:
    """Loopback allowed, the loopback tests' timeouts, no politeness delay of our own."""
    return FetchSettings(allow_loopback=True, min_delay_seconds=0.0, **LOOPBACK_TIMEOUTS)


def fixture_source(source_id: str = "example", **fields: Any) -> Source:
    """A source on example.com with no politeness delay; `fields` override any field."""
    values: dict[str, Any] = {
        "id": source_id,
        "name": source_id.title(),
        "homepage": "https://example.com/",
        "min_delay_seconds": 0.0,
        **fields,
    }
    return Source.model_validate(values)


@dataclass
class Scrape:
    """The stack plus the FetchQueue, the DiscoverQueue and the adapters on them."""

    stack: Stack
    fetch_queue_url: str
    fetch_queue_arn: str
    discover_queue_url: str
    discover_queue_arn: str

    @property
    def sources(self) -> DynamoSourceRepository:
        return DynamoSourceRepository(dynamodb_client(), TABLE)

    @property
    def registry(self) -> DynamoUrlRegistry:
        return DynamoUrlRegistry(dynamodb_client(), TABLE)

    def client(self, **overrides: Any) -> PoliteClient:
        """A client on the table's robots cache and host limiter (one per thread)."""
        return PoliteClient(
            settings().model_copy(update=overrides),
            robots_cache=DynamoRobotsCache(dynamodb_client(), TABLE),
            rate_limiter=DynamoHostRateLimiter(dynamodb_client(), TABLE),
        )

    def add_source(self, source_id: str = "example", **fields: Any) -> Source:
        source = fixture_source(source_id, **fields)
        self.sources.put(source, now=self.stack.clock(), create_only=False)
        return source

    def discover_ports(self, **overrides: Any) -> DiscoverPorts:
        dynamodb = dynamodb_client()
        values: dict[str, Any] = {
            "sources": self.sources,
            "schedule": DynamoDiscoverSchedule(dynamodb, TABLE),
            "source_queue": SqsSourceQueue(sqs_client(), self.discover_queue_url),
            "registry": self.registry,
            "documents": DynamoDocumentStates(dynamodb, TABLE),
            "fetch_queue": SqsFetchQueue(sqs_client(), self.fetch_queue_url),
            "client": self.client,
            "limits": SitemapLimits(),
            **overrides,
        }
        return DiscoverPorts(**values)

    def fetch_ports(self, **overrides: Any) -> FetchPorts:
        values: dict[str, Any] = {
            "client": self.client(),
            "registry": self.registry,
            "pages": S3RawPageStore(s3_client(), self.stack.ports.objects.bucket),
            "queue": SqsFetchQueue(sqs_client(), self.fetch_queue_url),
            **overrides,
        }
        return FetchPorts(**values)

    def fetch_messages(self) -> list[FetchMessage]:
        """Every visible FetchQueue message (consumed)."""
        return [
            FetchMessage.model_validate_json(m["Body"])
            for m in self.stack.receive(self.fetch_queue_url)
        ]

    def sqs_event(self, queue_arn: str, bodies: list[str]) -> dict[str, Any]:
        """An SQS event as Lambda delivers it."""
        return {
            "Records": [
                sqs_record(received(body, number), queue_arn, REGION)
                for number, body in enumerate(bodies)
            ]
        }


@pytest.fixture
def scrape(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Scrape]:
    """The queues of the scraping half and the discover/fetch functions' environment."""
    urls = {}
    arns = {}
    for name in ("fetch", "discover"):
        url = aws.sqs.create_queue(QueueName=name)["QueueUrl"]
        urls[name] = url
        arns[name] = aws.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
    for name, value in {
        "NEWSFLOW_FETCH_QUEUE_URL": urls["fetch"],
        "NEWSFLOW_DISCOVER_QUEUE_URL": urls["discover"],
        "NEWSFLOW_FETCH_ALLOW_LOOPBACK": "true",
        **{
            f"NEWSFLOW_FETCH_{name.upper()}": str(value)
            for name, value in LOOPBACK_TIMEOUTS.items()
        },
        "POWERTOOLS_METRICS_NAMESPACE": "newsflow",
    }.items():
        monkeypatch.setenv(name, value)
    config.get_scrape_settings.cache_clear()
    forget_scrape_wiring()
    yield Scrape(aws, urls["fetch"], arns["fetch"], urls["discover"], arns["discover"])
    config.get_scrape_settings.cache_clear()
    forget_scrape_wiring()


def rss(base: str, paths: list[str], *, updated: dict[str, str] | None = None) -> bytes:
    """An RSS 2.0 feed of these paths on the site (Atom-style `updated` per path optional)."""
    items = []
    for path in paths:
        stamp = (updated or {}).get(path)
        extra = f"<atom:updated>{stamp}</atom:updated>" if stamp else ""
        items.append(f"<item><title>{path}</title><link>{base}{path}</link>{extra}</item>")
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel><title>t</title><link>{base}/</link>{''.join(items)}</channel></rss>"
    ).encode()


def urlset(base: str, paths: list[str]) -> bytes:
    """A sitemap urlset of these paths on the site."""
    rows = "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
    ).encode()


XML = {"Content-Type": "application/xml"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
ROBOTS_ALLOW = {"Content-Type": "text/plain"}


@dataclass
class Discovery:
    """Discovery on the in-memory adapters of tests/fakes (the same contract as the table's and
    the queues'): for the tests of what discovery decides, with no AWS behaviour in question."""

    sources: InMemorySourceRepository = field(default_factory=InMemorySourceRepository)
    registry: InMemoryUrlRegistry = field(default_factory=InMemoryUrlRegistry)
    documents: InMemoryDocumentStates = field(default_factory=InMemoryDocumentStates)
    schedule: InMemoryDiscoverSchedule = field(default_factory=InMemoryDiscoverSchedule)
    fetch_queue: InMemoryFetchQueue = field(default_factory=InMemoryFetchQueue)
    source_queue: InMemorySourceQueue = field(default_factory=InMemorySourceQueue)

    def add_source(self, source_id: str = "example", **fields: Any) -> Source:
        source = fixture_source(source_id, **fields)
        self.sources.put(source, now=datetime.now(UTC), create_only=False)
        return source

    def discover_ports(self, **overrides: Any) -> DiscoverPorts:
        values: dict[str, Any] = {
            "sources": self.sources,
            "schedule": self.schedule,
            "source_queue": self.source_queue,
            "registry": self.registry,
            "documents": self.documents,
            "fetch_queue": self.fetch_queue,
            "client": lambda: PoliteClient(settings()),  # in-memory robots cache and limiter
            "limits": SitemapLimits(),
            **overrides,
        }
        return DiscoverPorts(**values)

    def fetch_messages(self) -> list[FetchMessage]:
        """Every message queued so far (consumed)."""
        return self.fetch_queue.messages()


@pytest.fixture
def discovery() -> Discovery:
    return Discovery()
