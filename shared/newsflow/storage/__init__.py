"""Adapters to AWS (the only boto3 code): S3 objects, the DynamoDB table, the EventBridge bus."""

from __future__ import annotations

from functools import lru_cache

from newsflow.config import get_resources
from newsflow.services.ports import Ports
from newsflow.storage.articles import DynamoArticleRepository
from newsflow.storage.clients import dynamodb_client, events_client, s3_client
from newsflow.storage.events import EventBridgePublisher, PublishError
from newsflow.storage.objects import S3ObjectStore

__all__ = [
    "DynamoArticleRepository",
    "EventBridgePublisher",
    "PublishError",
    "S3ObjectStore",
    "aws_ports",
]


@lru_cache(maxsize=1)
def aws_ports() -> Ports:
    """The adapters on the deployed resources, built once per process on first use."""
    resources = get_resources()
    return Ports(
        objects=S3ObjectStore(s3_client(), resources.bucket),
        articles=DynamoArticleRepository(dynamodb_client(), resources.table),
        events=EventBridgePublisher(events_client(), resources.event_bus),
    )
