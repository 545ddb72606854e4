"""Fetch handler: SQS batches of FetchQueue messages to fetch_url, partial failures reported."""

from __future__ import annotations

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from newsflow.observability import logger, metric_name, metrics, seconds_left
from newsflow.services.fetch_url import FetchPorts, fetch_url
from newsflow.services.ports import FetchMessage
from newsflow.wiring import Injected, fetch_ports

processor = BatchProcessor(event_type=EventType.SQS)
ADAPTERS = Injected[FetchPorts]("fetch", fetch_ports)


def handle_record(record: SQSRecord, lambda_context: LambdaContext | None = None) -> None:
    """One URL. Outcomes, rate limits included, are results: only errors fail the message."""
    message = FetchMessage.model_validate_json(record.body)
    report = fetch_url(message, ADAPTERS.get(), time_left=seconds_left(lambda_context))
    metric = metric_name("Fetch", report.outcome.value)
    metrics.add_metric(name=metric, unit=MetricUnit.Count, value=1)
    logger.info(
        "fetched",
        extra={
            "url": report.url,
            "source_id": message.source_id,
            "outcome": report.outcome.value,
            "action": report.action,
            "reason": report.reason,
            "raw_key": report.raw_key,
            "delay_seconds": report.delay_seconds,
            "attempt": message.attempt,
        },
    )


@logger.inject_lambda_context
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(
    event: dict[str, object], context: LambdaContext, adapters: FetchPorts | None = None
) -> PartialItemFailureResponse:
    """Entry point: failed messages are reported and retried alone, then dead-lettered.
    `adapters`: what to run on instead of the deployed resources (tests)."""
    with ADAPTERS.use(adapters):
        return process_partial_response(
            event=event, record_handler=handle_record, processor=processor, context=context
        )
