"""Adapters to AWS (the only boto3 code): S3 objects, the DynamoDB table, the EventBridge bus."""

from __future__ import annotations

from functools import lru_cache

from newsflow.config import ApiSettings, get_api_settings, get_resources
from newsflow.services.ports import Ports
from newsflow.services.query import CursorCodec, QueryLimits, QueryPorts
from newsflow.services.sources import SourcePorts
from newsflow.services.stories import StoryPorts
from newsflow.storage.article_index import DynamoArticleIndex
from newsflow.storage.articles import DynamoArticleRepository
from newsflow.storage.clients import dynamodb_client, events_client, s3_client
from newsflow.storage.events import EventBridgePublisher, PublishError
from newsflow.storage.objects import S3ObjectStore
from newsflow.storage.source_health import DynamoHealthStore
from newsflow.storage.sources import DynamoSourceRepository
from newsflow.storage.stories import DynamoStoryIndex, DynamoStoryRepository

__all__ = [
    "DynamoArticleIndex",
    "DynamoArticleRepository",
    "DynamoSourceRepository",
    "DynamoStoryIndex",
    "DynamoStoryRepository",
    "EventBridgePublisher",
    "PublishError",
    "S3ObjectStore",
    "aws_ports",
    "health_store",
    "query_ports",
    "source_ports",
    "story_ports",
]


@lru_cache(maxsize=1)
def aws_ports() -> Ports:
    """The adapters on the deployed resources, built once per process on first use."""
    resources = get_resources()
    return Ports(
        objects=S3ObjectStore(s3_client(), resources.bucket),
        articles=DynamoArticleRepository(dynamodb_client(), resources.table),
        events=EventBridgePublisher(events_client(), resources.event_bus),
        stories=DynamoStoryRepository(dynamodb_client(), resources.table),
        health=DynamoHealthStore(dynamodb_client(), resources.table),
    )


def query_limits(settings: ApiSettings) -> QueryLimits:
    """The Query API's bounds from its settings."""
    return QueryLimits(
        default_limit=settings.default_limit,
        max_queries_per_page=settings.max_queries_per_page,
        page_seconds=settings.page_seconds,
        max_sync_days=settings.max_sync_days,
        inline_article_bytes=settings.inline_article_bytes,
        link_expiry_seconds=settings.link_expiry_seconds,
    )


@lru_cache(maxsize=1)
def query_ports() -> QueryPorts:
    """The article routes' adapters, built once per process on first use."""
    resources, settings = get_resources(), get_api_settings()
    return QueryPorts(
        index=DynamoArticleIndex(dynamodb_client(), resources.table),
        objects=S3ObjectStore(s3_client(), resources.bucket),
        codec=CursorCodec(settings.cursor_key.get_secret_value().encode("utf-8")),
        limits=query_limits(settings),
    )


@lru_cache(maxsize=1)
def source_ports() -> SourcePorts:
    """The sources routes' adapters, built once per process on first use."""
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
    resources, settings = get_resources(), get_api_settings()
    return StoryPorts(
        index=DynamoStoryIndex(dynamodb_client(), resources.table),
        codec=CursorCodec(settings.cursor_key.get_secret_value().encode("utf-8")),
        limits=query_limits(settings),
    )


@lru_cache(maxsize=1)
def health_store() -> DynamoHealthStore:
    """The source health counters, built once per process on first use."""
    return DynamoHealthStore(dynamodb_client(), get_resources().table)
