"""Discover handler: a schedule tick fans the due sources out; each DiscoverQueue message
discovers one source."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from newsflow.observability import logger, metrics, seconds_left
from newsflow.services.discover_source import (
    DiscoverPorts,
    discover_source,
    dispatch_due_sources,
)
from newsflow.services.ports import SourceMessage
from newsflow.wiring import Injected, discover_ports

processor = BatchProcessor(event_type=EventType.SQS)
ADAPTERS = Injected[DiscoverPorts]("discover", discover_ports)


def handle_record(record: SQSRecord, lambda_context: LambdaContext | None = None) -> None:
    """One DiscoverQueue message: one source's feeds and sitemaps."""
    message = SourceMessage.model_validate_json(record.body)
    report = discover_source(
        message.source_id, ADAPTERS.get(), time_left=seconds_left(lambda_context)
    )
    for name in ("new", "updated", "known"):
        metrics.add_metric(
            name=f"Urls{name.title()}", unit=MetricUnit.Count, value=report.counts.get(name, 0)
        )
    logger.info(
        "discovered",
        extra={
            "source_id": report.source_id,
            "status": report.status,
            "counts": report.counts,
            "problems": report.problems,
        },
    )


@logger.inject_lambda_context
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(
    event: dict[str, Any], context: LambdaContext, adapters: DiscoverPorts | None = None
) -> dict[str, Any]:
    """SQS batches discover (failed sources retried alone); anything else is the schedule.
    `adapters`: what to run on instead of the deployed resources (tests)."""
    with ADAPTERS.use(adapters):
        return _handle(event, context)


def _handle(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    if "Records" in event:
        response: dict[str, Any] = dict(
            process_partial_response(
                event=event, record_handler=handle_record, processor=processor, context=context
            )
        )
        return response
    report = dispatch_due_sources(ADAPTERS.get())
    metrics.add_metric(
        name="SourcesDispatched", unit=MetricUnit.Count, value=len(report.dispatched)
    )
    logger.info(
        "dispatched",
        extra={
            "dispatched": report.dispatched,
            "not_due": report.not_due,
            "disabled": report.disabled,
        },
    )
    return {"dispatched": report.dispatched}
