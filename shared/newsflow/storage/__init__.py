"""Adapters to AWS (the only boto3 code): S3 objects, the DynamoDB table, the EventBridge bus,
the queues. They implement the ports of `newsflow.services.ports`; `newsflow.wiring` builds
them from config."""

from __future__ import annotations

from newsflow.storage.article_index import DynamoArticleIndex
from newsflow.storage.articles import DynamoArticleRepository
from newsflow.storage.events import EventBridgePublisher, PublishError
from newsflow.storage.objects import S3ObjectStore
from newsflow.storage.source_health import DynamoHealthStore
from newsflow.storage.sources import DynamoSourceRepository
from newsflow.storage.stories import DynamoStoryIndex, DynamoStoryRepository

__all__ = [
    "DynamoArticleIndex",
    "DynamoArticleRepository",
    "DynamoHealthStore",
    "DynamoSourceRepository",
    "DynamoStoryIndex",
    "DynamoStoryRepository",
    "EventBridgePublisher",
    "PublishError",
    "S3ObjectStore",
]
