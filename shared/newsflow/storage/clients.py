"""AWS clients, created on first use and cached per process (one set per warm container).

The clients come from botocore's session directly, not from boto3: boto3 wraps the same
session and adds resources and S3's managed transfers, which newsflow does not use. Importing
boto3 loads s3transfer (`boto3.compat` imports it) and making a client through boto3's default
session costs more CPU than botocore's own `create_client` (issue 14, docs/architecture.md
"Cold start"). The clients are the same botocore clients either way; the boto3-stubs types
(mypy_boto3_*) describe them.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING, Any

import botocore.session
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

# A botocore session's create_client is not thread-safe; clients themselves are.
_CREATION = threading.Lock()


@cache
def _session() -> botocore.session.Session:
    """One session per process, as boto3's default session: its loader caches the service
    models and endpoint data every client reads; credentials and region come from the
    environment as boto3's would."""
    return botocore.session.get_session()


@cache
def _client(service: str) -> Any:
    with _CREATION:
        config = _S3_CONFIG if service == "s3" else _CONFIG
        return _session().create_client(service, config=config)


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
    """Forget the cached clients (tests that switch between AWS stand-ins). The session stays,
    as boto3's default session did: its loader keeps the parsed service models."""
    _client.cache_clear()
