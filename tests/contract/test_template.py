"""template.yaml keeps its promises: lint-clean, handlers import, queues fail safely."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsflow.config import AwsResources, Settings
from newsflow.storage.template import functions, load_handler, load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template(ROOT / "template.yaml")
FUNCTIONS = functions(TEMPLATE)
RESOURCES = TEMPLATE["Resources"]
MAX_RECEIVE_COUNT = 5


def _sqs_sources() -> list[tuple[str, dict[str, Any]]]:
    return [
        (name, event["Properties"])
        for name, function in FUNCTIONS.items()
        for event in function.get("Events", {}).values()
        if event["Type"] == "SQS"
    ]


def test_template_passes_cfn_lint() -> None:
    # imported here: about 1.5 s that only this test needs, not every worker's collection
    from cfnlint.api import lint

    matches = lint((ROOT / "template.yaml").read_text(encoding="utf-8"))

    assert [str(m) for m in matches] == []


def test_template_declares_at_least_the_process_function() -> None:
    assert "ProcessFunction" in FUNCTIONS
    assert _sqs_sources()


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_handler_imports(name: str) -> None:
    assert callable(load_handler(ROOT, FUNCTIONS[name]))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_environment_sets_every_setting(name: str) -> None:
    variables = FUNCTIONS[name]["Environment"]["Variables"]
    settings = [*Settings.model_fields, *AwsResources.model_fields]

    missing = [f"NEWSFLOW_{field.upper()}" for field in settings]
    assert [v for v in missing if v not in variables] == []
    assert {"POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE"} <= set(variables)


@pytest.mark.parametrize(("name", "source"), _sqs_sources(), ids=lambda v: str(v)[:30])
def test_sqs_source_reports_partial_failures_and_dead_letters(
    name: str, source: dict[str, Any]
) -> None:
    function = FUNCTIONS[name]
    queue = RESOURCES[source["Queue"]["Fn::GetAtt"][0]]["Properties"]
    redrive = queue["RedrivePolicy"]
    timeout = int(function["Timeout"])
    lease = int(function["Environment"]["Variables"]["NEWSFLOW_ANNOUNCE_LEASE_SECONDS"])

    assert source["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert redrive["deadLetterTargetArn"]["Fn::GetAtt"][0] in RESOURCES
    assert 1 <= int(redrive["maxReceiveCount"]) <= MAX_RECEIVE_COUNT
    assert int(queue["VisibilityTimeout"]) >= 6 * timeout
    # A retried message must find a crashed writer's announcement lease expired.
    assert lease > timeout
    assert int(queue["VisibilityTimeout"]) >= timeout + lease


def test_policies_grant_no_wildcard_actions() -> None:
    for function in FUNCTIONS.values():
        for policy in function.get("Policies", []):
            for statement in policy.get("Statement", []):
                actions = statement["Action"]
                actions = actions if isinstance(actions, list) else [actions]
                assert not [a for a in actions if a == "*" or a.endswith(":*")], statement


def test_table_is_on_demand_with_the_keys_the_repository_writes() -> None:
    table = RESOURCES["ArticlesTable"]["Properties"]
    keys = {k["AttributeName"] for k in table["KeySchema"]}
    gsi_keys = {
        k["AttributeName"] for index in table["GlobalSecondaryIndexes"] for k in index["KeySchema"]
    }

    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert keys == {"pk", "sk"}
    assert gsi_keys == {
        "source_pk",
        "published_pk",
        "language_pk",
        "section_pk",
        "published_sk",
        "updated_pk",
        "updated_sk",
        "story_pk",  # an article's story (index items)
        "story_day",  # a story's first day and its size (story items)
        "story_size",
    }
