"""A moto stand-in of the stack: bucket, queue fed by S3 notifications, table from template.yaml,
bus with a rule that copies every newsflow event to a capture queue."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import boto3
import pytest
from boto3.dynamodb.types import TypeDeserializer
from fakes.processing import FETCHED_AT, FakeClock
from moto import mock_aws
from moto.core.botocore_stubber import BotocoreStubber

from newsflow import config, wiring
from newsflow.local.moto_backups import copy_each_table_once_per_transaction
from newsflow.local.runner import sqs_record
from newsflow.services.ports import Ports
from newsflow.storage import clients
from newsflow.storage.clients import (
    dynamodb_client,
    events_client,
    reset_clients,
    s3_client,
)
from newsflow.storage.template import load_template, table_definition

ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
BUCKET = "newsflow-test-bucket"
TABLE = "newsflow-test-articles"
BUS = "newsflow-test"
_DESERIALIZER = TypeDeserializer()


@cache
def template() -> dict[str, Any]:
    """template.yaml as plain data, parsed once per test process: read it, do not change it."""
    return load_template(ROOT / "template.yaml")


@cache
def _session() -> boto3.Session:
    """The session of every moto stack in this process, so botocore parses its service models
    (megabytes of JSON for S3) and copies its event handlers once, not once per test: moto
    starts each mock without a default session. It holds no AWS state (moto's backends do, and
    the clients are made anew for each stack); every stack sets the same credentials."""
    return boto3.Session()


class _WorkerClients:
    """The clients every stack of this process uses, made once per service: making a client
    costs more CPU than most set-up calls (botocore copies its event handlers and builds an
    endpoint resolver per client). Each is what `newsflow.storage.clients` makes on the
    stack's environment (same region, credentials and config, no endpoint URL); moto
    intercepts a client's requests whenever a mock is active, whenever the client was made
    (its stubber is one of botocore's built-in handlers, copied into every client). Tests that
    hook a client's events unregister in a `finally`. Stands in for `clients._client` while a
    stack is up."""

    def __init__(self) -> None:
        self._made: dict[str, Any] = {}

    def __call__(self, service: str) -> Any:
        if service not in self._made:
            self._made.setdefault(service, _MAKE_CLIENT(service))
        return self._made[service]

    def cache_clear(self) -> None:
        """`reset_clients()` during a test: the stack keeps its clients, moto its data."""


_MAKE_CLIENT = clients._client.__wrapped__  # the uncached maker behind clients' cache
_WORKER_CLIENTS = _WorkerClients()


@dataclass
class Stack:
    """Handles on the moto stack, with the helpers the tests share."""

    process_queue_url: str
    process_queue_arn: str
    capture_queue_url: str
    clock: FakeClock
    ports: Ports
    sqs: Any
    _seen_events: list[dict[str, Any]] = field(default_factory=list)

    def put_page(
        self,
        key: str,
        body: bytes,
        *,
        url: str | None = None,
        fetched_at: datetime = FETCHED_AT,
        source_id: str | None = "example",
        **metadata: str,
    ) -> None:
        meta = {"fetched-at": fetched_at.isoformat(), **metadata}
        if url:
            meta["url"] = url
        if source_id:
            meta["source"] = source_id
        s3_client().put_object(
            Bucket=BUCKET, Key=key, Body=body, Metadata=meta, ContentType="text/html"
        )

    def receive(self, queue_url: str) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = []
        while True:
            batch = self.sqs.receive_message(
                QueueUrl=queue_url, MaxNumberOfMessages=10, AttributeNames=["All"]
            ).get("Messages", [])
            if not batch:
                return messages
            messages.extend(batch)
            for message in batch:
                self.sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])

    def deliveries(self) -> list[dict[str, Any]]:
        """The process queue's messages as Lambda would receive them (one SQS event)."""
        return [
            sqs_record(m, self.process_queue_arn, REGION)
            for m in self.receive(self.process_queue_url)
        ]

    def events(self) -> list[dict[str, Any]]:
        """Every event that reached the capture queue so far (accumulated across calls)."""
        self._seen_events.extend(
            json.loads(m["Body"]) for m in self.receive(self.capture_queue_url)
        )
        return list(self._seen_events)

    def item(self, pk: str, sk: str) -> dict[str, Any] | None:
        """One table item, deserialized (numbers as Decimal)."""
        raw = dynamodb_client().get_item(
            TableName=TABLE, Key={"pk": {"S": pk}, "sk": {"S": sk}}, ConsistentRead=True
        )
        item = raw.get("Item")
        return None if item is None else {k: _DESERIALIZER.deserialize(v) for k, v in item.items()}

    def partition(self, pk: str) -> list[dict[str, Any]]:
        response = dynamodb_client().query(
            TableName=TABLE,
            KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": {"S": pk}},
        )
        return response["Items"]

    def keys(self, prefix: str) -> list[str]:
        listed = s3_client().list_objects_v2(Bucket=BUCKET, Prefix=prefix)
        return [item["Key"] for item in listed.get("Contents", [])]

    def read_json(self, key: str) -> dict[str, Any]:
        body = s3_client().get_object(Bucket=BUCKET, Key=key)["Body"].read()
        parsed: dict[str, Any] = json.loads(body)
        return parsed


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    """A fresh moto stack per test, with the process function's environment set."""
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    env = {
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
        "NEWSFLOW_BUCKET": BUCKET,
        "NEWSFLOW_TABLE": TABLE,
        "NEWSFLOW_EVENT_BUS": BUS,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    # Real AWS applies each request atomically; moto does not when threads interleave inside
    # one (a failed transaction restores a table snapshot). One request at a time restores
    # AWS's behaviour while keeping the races between requests, which are the ones we test.
    serial = threading.Lock()
    original = BotocoreStubber.process_request

    def atomic(self: BotocoreStubber, request: Any) -> Any:
        with serial:
            return original(self, request)

    monkeypatch.setattr(BotocoreStubber, "process_request", atomic)
    copy_each_table_once_per_transaction(monkeypatch.setattr)
    _forget_cached_wiring()
    monkeypatch.setattr(clients, "_client", _WORKER_CLIENTS)
    with mock_aws():
        boto3.DEFAULT_SESSION = _session()  # moto puts the one it found back when it stops
        yield _build_stack()
    _forget_cached_wiring()


def _forget_cached_wiring() -> None:
    reset_clients()
    config.get_settings.cache_clear()
    config.get_resources.cache_clear()
    wiring.aws_adapters.cache_clear()


def _build_stack() -> Stack:
    sqs = _WORKER_CLIENTS("sqs")
    s3 = s3_client()
    s3.create_bucket(Bucket=BUCKET)
    resources = template()
    # Versioned like the deployed bucket, so overwrites behave as they will in AWS.
    versioning = resources["Resources"]["Bucket"]["Properties"]["VersioningConfiguration"]
    s3.put_bucket_versioning(
        Bucket=BUCKET, VersioningConfiguration={"Status": versioning["Status"]}
    )
    definition = table_definition(resources, "ArticlesTable")
    dynamodb_client().create_table(TableName=TABLE, **definition)

    process_url = sqs.create_queue(QueueName="process")["QueueUrl"]
    process_arn = sqs.get_queue_attributes(QueueUrl=process_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    s3.put_bucket_notification_configuration(
        Bucket=BUCKET,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "QueueArn": process_arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": prefix}]}},
                }
                for prefix in ("raw/", "uploads/")
            ]
        },
    )

    capture_url = sqs.create_queue(QueueName="capture")["QueueUrl"]
    capture_arn = sqs.get_queue_attributes(QueueUrl=capture_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    events = events_client()
    events.create_event_bus(Name=BUS)
    events.put_rule(
        Name="capture", EventBusName=BUS, EventPattern=json.dumps({"source": ["newsflow"]})
    )
    events.put_targets(
        Rule="capture", EventBusName=BUS, Targets=[{"Id": "capture", "Arn": capture_arn}]
    )
    clock = FakeClock()
    stack = Stack(
        process_queue_url=process_url,
        process_queue_arn=process_arn,
        capture_queue_url=capture_url,
        clock=clock,
        ports=replace(wiring.aws_adapters(), clock=clock),
        sqs=sqs,
    )
    stack.receive(process_url)  # the s3:TestEvent sent when notifications were configured
    return stack


ARTICLE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<link rel="canonical" href="https://news.example.com/2026/11/20/harbour-bridge">
<meta property="og:title" content="{title}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "2026-11-19T10:00:00Z",
"author": {{"@type": "Person", "name": "Ada Reporter"}}}}</script>
</head><body><header><nav><a href="/">Home</a></nav></header>
<article><h1>{title}</h1>
<p>The harbour bridge will close for repairs next spring, the city council decided on Tuesday
after a long debate about traffic, cost and the safety reports that engineers presented.</p>
<p>Engineers found corrosion in several steel girders during the annual inspection, and the
repair plan foresees replacing them one by one while ferries carry commuters across.</p>
<p>{extra}Local businesses asked for compensation, saying that months without the bridge would
cut them off from customers on the other side of the water.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def article_html(title: str = "Harbour bridge to close for repairs", extra: str = "") -> bytes:
    """A small news page with a canonical link, JSON-LD and three paragraphs."""
    return ARTICLE_HTML.format(title=title, extra=extra).encode("utf-8")


def received(body: str, number: int = 0) -> dict[str, Any]:
    """A message as SQS `ReceiveMessage` returns it, first delivery (for `sqs_record`)."""
    return {
        "MessageId": f"m-{number}",
        "ReceiptHandle": f"r-{number}",
        "Body": body,
        "Attributes": {"ApproximateReceiveCount": "1"},
    }


class CallCounter:
    """Counts AWS API calls made through our clients, by `service.Operation`."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __enter__(self) -> CallCounter:
        for client in (s3_client(), dynamodb_client(), events_client()):
            client.meta.events.register("before-call", self._count)
        return self

    def __exit__(self, *exc: object) -> None:
        for client in (s3_client(), dynamodb_client(), events_client()):
            client.meta.events.unregister("before-call", self._count)

    def _count(self, event_name: str, **_: Any) -> None:
        _, service, operation = event_name.split(".")
        self.calls.append(f"{service}.{operation}")
