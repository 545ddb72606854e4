"""Process handler: SQS batches of S3 notifications to process_object, partial failures reported."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes import S3Event
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from newsflow.config import get_settings
from newsflow.observability import logger, metric_name, metrics, seconds_left
from newsflow.services.ports import Ports
from newsflow.services.process_object import process_object
from newsflow.wiring import Injected, aws_adapters

processor = BatchProcessor(event_type=EventType.SQS)
ADAPTERS = Injected[Ports]("process", aws_adapters)
# A record is started only with this much of the invocation (30 s, template.yaml) left: a page
# within the element limit costs up to ~3 s of CPU on the development machine's core, more on
# the function's share of one (docs/architecture.md, "Bounded extraction").
START_RESERVE_SECONDS = 10.0


class OutOfTimeError(RuntimeError):
    """Too little of the invocation is left to start a record: it fails alone and is retried."""


def object_refs(body: dict[str, Any]) -> list[tuple[str, str]]:
    """(bucket, key) of each record of an S3 notification; none for s3:TestEvent."""
    if "Records" not in body:
        return []  # s3:TestEvent, sent once when the notification is configured
    # The data class, not the strict parser: records from moto (and some replays) lack fields
    # the strict model requires. Keys arrive quote_plus-encoded.
    return [
        (record.s3.bucket.name, unquote_plus(record.s3.get_object.key))
        for record in S3Event(body).records
    ]


def handle_record(record: SQSRecord, lambda_context: LambdaContext | None = None) -> None:
    """One SQS message: one S3 notification, usually with one object.

    Raises OutOfTimeError, before reading anything, when under START_RESERVE_SECONDS are left.
    """
    left = seconds_left(lambda_context)
    remaining = left() if left is not None else None
    if remaining is not None and remaining < START_RESERVE_SECONDS:
        raise OutOfTimeError(f"{remaining:.1f} s left < {START_RESERVE_SECONDS} s to start one")
    settings = get_settings()
    for bucket, key in object_refs(record.json_body):
        result = process_object(
            bucket,
            key,
            ADAPTERS.get(),
            max_bytes=settings.max_object_bytes,
            lease_seconds=settings.announce_lease_seconds,
        )
        metric = metric_name("Objects", result.status.value)
        metrics.add_metric(name=metric, unit=MetricUnit.Count, value=1)
        logger.info(
            "processed",
            extra={
                "key": key,
                "status": result.status.value,
                "article_id": result.article_id,
                "version": result.version,
                "reason": result.reason,
            },
        )


@logger.inject_lambda_context
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(
    event: dict[str, Any], context: LambdaContext, adapters: Ports | None = None
) -> PartialItemFailureResponse:
    """Entry point: failed messages are reported and retried alone, then dead-lettered.
    `adapters`: what to run on instead of the deployed resources (tests)."""
    with ADAPTERS.use(adapters):
        return process_partial_response(
            event=event, record_handler=handle_record, processor=processor, context=context
        )
