"""template.yaml's operations: the dashboard and alarms watch every function, every
dead-letter queue, the processing results the code emits and the drift events."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newsflow.models.events import EventType
from newsflow.observability import metric_name
from newsflow.services.process_object import Status
from newsflow.storage.template import functions, load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template(ROOT / "template.yaml")
RESOURCES = TEMPLATE["Resources"]
DEAD_LETTER_QUEUES = sorted(n for n in RESOURCES if n.endswith("DeadLetterQueue"))


def _dashboard() -> tuple[dict[str, Any], dict[str, Any]]:
    body, variables = RESOURCES["OperationsDashboard"]["Properties"]["DashboardBody"]["Fn::Sub"]
    # Substitute each ${Name} with a marker naming what it stands for, then parse the JSON.
    text = re.sub(r"\$\{([^}]+)\}", lambda m: f"<{m.group(1)}>", body)
    return json.loads(text), variables


def _metrics(widget_title: str) -> list[list[str]]:
    dashboard, _ = _dashboard()
    [widget] = [w for w in dashboard["widgets"] if w["properties"]["title"] == widget_title]
    return list(widget["properties"]["metrics"])


def test_dashboard_shows_every_function_and_dead_letter_queue() -> None:
    _, variables = _dashboard()
    shown_functions = {m[3].strip("<>") for m in _metrics("Function errors")}
    assert shown_functions == set(functions(TEMPLATE))
    queues = {
        variables[m[3].strip("<>")]["Fn::GetAtt"][0] for m in _metrics("Dead-letter queue depth")
    }
    assert queues == set(DEAD_LETTER_QUEUES)


def test_dashboard_result_metrics_are_names_processing_emits() -> None:
    emitted = {metric_name("Objects", status.value) for status in Status}
    shown = {m[1] for m in _metrics("Processed objects by result")}
    assert shown <= emitted
    assert {"ObjectsIngested", "ObjectsUpdated", "ObjectsRejected"} <= shown


def test_drift_rule_matches_source_degraded_and_feeds_dashboard_and_alarm() -> None:
    rule = RESOURCES["DriftRule"]["Properties"]
    assert rule["EventPattern"]["detail-type"] == [EventType.SOURCE_DEGRADED.value]
    assert _metrics("SourceDegraded events")[0][:2] == ["AWS/Events", "MatchedEvents"]
    alarm = RESOURCES["DriftAlarm"]["Properties"]
    assert alarm["MetricName"] == "MatchedEvents"
    dimensions = {d["Name"]: d["Value"] for d in alarm["Dimensions"]}
    assert dimensions["RuleName"] == rule["Name"]


def test_alarms_cover_dead_letters_and_function_errors_and_notify_the_optional_topic() -> None:
    dead = RESOURCES["DeadLettersAlarm"]["Properties"]["Metrics"]
    watched = {
        m["MetricStat"]["Metric"]["Dimensions"][0]["Value"]["Fn::GetAtt"][0]
        for m in dead
        if "MetricStat" in m
    }
    assert watched == set(DEAD_LETTER_QUEUES)
    errors = RESOURCES["ErrorRateAlarm"]["Properties"]["Metrics"]
    per_function = {
        m["MetricStat"]["Metric"]["Dimensions"][0]["Value"]["Ref"]
        for m in errors
        if "MetricStat" in m
    }
    assert per_function == set(functions(TEMPLATE))
    for name in ("DeadLettersAlarm", "ErrorRateAlarm", "DriftAlarm"):
        actions = RESOURCES[name]["Properties"]["AlarmActions"]
        assert actions == {
            "Fn::If": ["HasAlarmTopic", [{"Ref": "AlarmTopicArn"}], {"Ref": "AWS::NoValue"}]
        }
    assert TEMPLATE["Parameters"]["AlarmTopicArn"]["Default"] == ""
