"""The triggers template.yaml declares, read from the template only (nothing hard-coded here)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from newsflow.local.cloud import Deployment, TemplateError

_RATE = re.compile(r"^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$")
_UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}
_PATH_PARAMETER = re.compile(r"\{(\w+)\+?\}")


@dataclass(frozen=True)
class QueueTrigger:
    """An SQS event source: the function polls the queue in batches."""

    function: str
    queue: str  # logical id
    queue_url: str
    queue_arn: str
    batch_size: int
    partial_batch: bool


@dataclass(frozen=True)
class ScheduleTrigger:
    """A schedule (EventBridge Scheduler or rule) invoking a function at a fixed rate."""

    function: str
    name: str
    every_seconds: float
    payload: dict[str, Any]


@dataclass(frozen=True)
class Route:
    """An API Gateway route of a function."""

    function: str
    method: str
    path: str
    api_key_required: bool
    iam: bool

    @property
    def pattern(self) -> re.Pattern[str]:
        segments = [
            f"(?P<{match.group(1)}>[^/]+)"
            if (match := _PATH_PARAMETER.fullmatch(segment))
            else re.escape(segment)
            for segment in self.path.split("/")
        ]
        return re.compile("^" + "/".join(segments) + "$")


@dataclass(frozen=True)
class Triggers:
    """Everything that makes the template's functions run."""

    queues: list[QueueTrigger]
    schedules: list[ScheduleTrigger]
    routes: list[Route]


def read_triggers(deployment: Deployment) -> Triggers:
    """The template's event sources, schedules and API routes."""
    return Triggers(
        queues=_queue_triggers(deployment),
        schedules=_schedules(deployment),
        routes=api_routes(deployment.template),
    )


def _queue_triggers(deployment: Deployment) -> list[QueueTrigger]:
    found = []
    by_arn = {
        deployment.get_att(logical, "Arn"): logical
        for logical, resource in deployment.resources.items()
        if resource["Type"] == "AWS::SQS::Queue"
    }
    for resource in deployment.resources.values():
        if resource["Type"] != "AWS::Lambda::EventSourceMapping":
            continue
        properties = resource["Properties"]
        arn = deployment.resolve(properties["EventSourceArn"])
        if arn not in by_arn:
            continue  # streams and other sources are not played locally
        function = properties["FunctionName"]
        queue = by_arn[arn]
        found.append(
            QueueTrigger(
                function=function["Ref"] if isinstance(function, dict) else str(function),
                queue=queue,
                queue_url=deployment.ref(queue),
                queue_arn=arn,
                batch_size=int(properties.get("BatchSize", 10)),
                partial_batch="ReportBatchItemFailures"
                in properties.get("FunctionResponseTypes", []),
            )
        )
    return found


def _function_events(template: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for logical, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for name, event in resource.get("Properties", {}).get("Events", {}).items():
            found.append((logical, name, event))
    return found


def rate_seconds(expression: str) -> float:
    """Seconds between runs of a `rate(...)` expression."""
    match = _RATE.match(expression.strip())
    if not match:
        raise TemplateError(f"only rate() schedules are played locally, not {expression!r}")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2).rstrip("s")]


def _schedules(deployment: Deployment) -> list[ScheduleTrigger]:
    found = []
    for function, name, event in _function_events(deployment.template):
        if event["Type"] not in {"Schedule", "ScheduleV2"}:
            continue
        properties = event.get("Properties", {})
        raw_input = deployment.resolve(properties.get("Input"))
        payload = json.loads(raw_input) if isinstance(raw_input, str) else {}
        found.append(
            ScheduleTrigger(
                function=function,
                name=name,
                every_seconds=rate_seconds(deployment.resolve(properties["ScheduleExpression"])),
                payload=payload,
            )
        )
    return found


def api_routes(template: dict[str, Any]) -> list[Route]:
    """The API routes of a (SAM) template, with the auth each one takes."""
    found = []
    for function, _, event in _function_events(template):
        if event["Type"] != "Api":
            continue
        properties = event["Properties"]
        api_auth = _api_auth(template, properties.get("RestApiId"))
        auth = {**api_auth, **properties.get("Auth", {})}
        found.append(
            Route(
                function=function,
                method=str(properties["Method"]).upper(),
                path=str(properties["Path"]),
                api_key_required=bool(auth.get("ApiKeyRequired", False)),
                iam=auth.get("Authorizer") == "AWS_IAM",
            )
        )
    return found


def _api_auth(template: dict[str, Any], api: Any) -> dict[str, Any]:
    logical = api.get("Ref") if isinstance(api, dict) else None
    globals_auth = template.get("Globals", {}).get("Api", {}).get("Auth", {})
    if logical is None:
        return dict(globals_auth)
    resource = template["Resources"].get(logical, {})
    return {**globals_auth, **resource.get("Properties", {}).get("Auth", {})}
