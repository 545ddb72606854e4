"""The single Logger and Metrics every part of newsflow uses.

No Powertools Tracer: it imports the X-Ray SDK, ~120 ms of every cold start (measured with
`make bench-cold-start`). The template's `Tracing: Active` still gives each invocation its
X-Ray segment from Lambda itself; add the Tracer back where subsegments are worth that cost.
"""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics

SERVICE = "newsflow"

logger = Logger(service=SERVICE)
# An explicit namespace: `@log_metrics` raises when neither this nor the env var is set.
metrics = Metrics(namespace=SERVICE, service=SERVICE)
