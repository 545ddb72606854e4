"""The single Logger, Tracer and Metrics every part of newsflow uses."""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = "newsflow"

logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE)
# An explicit namespace: `@log_metrics` raises when neither this nor the env var is set.
metrics = Metrics(namespace=SERVICE, service=SERVICE)
