"""boto3 clients, created on first use and cached per process (one set per warm container)."""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_events import EventBridgeClient
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sqs import SQSClient

# Standard retry mode backs off on throttling; short connect timeouts fail fast inside Lambda.
_CONFIG = Config(
    retries={"mode": "standard", "max_attempts": 4}, connect_timeout=5, read_timeout=20
)

# Presigned links (large articles in the Query API) must be SigV4: botocore would otherwise
# presign with the legacy S3 signature, which newer regions refuse.
_S3_CONFIG = _CONFIG.merge(Config(signature_version="s3v4"))

# boto3.client on the default session is not thread-safe; clients themselves are.
_CREATION = threading.Lock()


@cache
def _client(service: str) -> Any:
    with _CREATION:
        config = _S3_CONFIG if service == "s3" else _CONFIG
        return boto3.client(service, config=config)  # type: ignore[call-overload]


def s3_client() -> S3Client:
    """The process-wide S3 client."""
    client: S3Client = _client("s3")
    return client


def dynamodb_client() -> DynamoDBClient:
    """The process-wide DynamoDB client."""
    client: DynamoDBClient = _client("dynamodb")
    return client


def events_client() -> EventBridgeClient:
    """The process-wide EventBridge client."""
    client: EventBridgeClient = _client("events")
    return client


def sqs_client() -> SQSClient:
    """The process-wide SQS client (same cache and configuration as the others)."""
    client: SQSClient = _client("sqs")
    return client


def reset_clients() -> None:
    """Forget the cached clients (tests that switch between AWS stand-ins)."""
    _client.cache_clear()
