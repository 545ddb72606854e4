"""The single Logger and Metrics every part of newsflow uses, and handler helpers.

No Powertools Tracer: it imports the X-Ray SDK, ~120 ms of every cold start (measured with
`make bench-cold-start`). The template's `Tracing: Active` still gives each invocation its
X-Ray segment from Lambda itself; add the Tracer back where subsegments are worth that cost.
"""

from __future__ import annotations

from collections.abc import Callable

from aws_lambda_powertools import Logger, Metrics

SERVICE = "newsflow"

logger = Logger(service=SERVICE)
# An explicit namespace: `@log_metrics` raises when neither this nor the env var is set.
metrics = Metrics(namespace=SERVICE, service=SERVICE)


def metric_name(prefix: str, value: str) -> str:
    """A CloudWatch metric name for one outcome: ("Fetch", "rate_limited") -> FetchRateLimited."""
    return prefix + "".join(part.title() for part in value.split("_"))


def seconds_left(context: object) -> Callable[[], float] | None:
    """The invocation's remaining time, when the context tells it (stand-ins may not)."""
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if not callable(remaining):
        return None
    return lambda: float(remaining()) / 1000
