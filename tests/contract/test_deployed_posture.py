"""template.yaml's deployed posture (issue 17): retention, access logs, lifecycle, concurrency
bounds, and a policy scan with no unexplained failure."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsflow.storage.template import functions, load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template(ROOT / "template.yaml")
FUNCTIONS = functions(TEMPLATE)
RESOURCES = TEMPLATE["Resources"]
PARAMETERS = TEMPLATE["Parameters"]
CHECKOV = ROOT / ".tools" / "checkov" / "bin" / "checkov"
# What checkov writes when a skip gives no reason.
CHECKOV_NO_REASON = "No comment provided"
# Checks the template satisfies on purpose (issue 17): a skip of one of them is a regression.
MUST_PASS = {
    "CKV_AWS_21": "bucket versioning",
    "CKV_AWS_66": "log group retention",
    "CKV_AWS_76": "API access logging",
}
# The bounds AWS puts on an SQS event source's ScalingConfig.MaximumConcurrency.
SQS_MAX_CONCURRENCY_RANGE = (2, 1000)


def _default(reference: Any) -> Any:
    """The default of the parameter a `{"Ref": name}` points at."""
    assert set(reference) == {"Ref"}, reference
    return PARAMETERS[reference["Ref"]]["Default"]


@pytest.fixture(scope="module")
def checkov_report() -> dict[str, Any]:
    if not CHECKOV.exists():
        pytest.fail(f"{CHECKOV} is missing: `make test` (or `make {CHECKOV.relative_to(ROOT)}`)")
    run = subprocess.run(
        [str(CHECKOV), "--output", "json"],  # file, framework, offline: .checkov.yaml
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # checkov exits 1 when a check fails; the report says which.
    assert run.returncode in (0, 1), run.stderr[-2000:]
    report: dict[str, Any] = json.loads(run.stdout)
    return report


def test_policy_scan_has_no_failure(checkov_report: dict[str, Any]) -> None:
    results = checkov_report["results"]
    failed = [f"{c['check_id']} {c['resource']}" for c in results["failed_checks"]]

    assert failed == []
    assert results["parsing_errors"] == []
    # It scanned this template: the functions, the bucket, the table and the API among others.
    scanned = {
        check["resource"].split(".", 1)[1]
        for kind in ("passed_checks", "skipped_checks")
        for check in results[kind]
    }
    assert {*FUNCTIONS, "Bucket", "ArticlesTable", "Api"} <= scanned


def test_policy_scan_skips_only_with_a_reason(checkov_report: dict[str, Any]) -> None:
    skipped = checkov_report["results"]["skipped_checks"]
    reasons = {
        f"{c['check_id']} {c['resource']}": c["check_result"].get("suppress_comment", "")
        for c in skipped
    }

    assert [key for key, reason in reasons.items() if reason in ("", CHECKOV_NO_REASON)] == []
    # Every reason is written out, not a placeholder.
    assert min(len(reason.split()) for reason in reasons.values()) >= 8


def test_policy_scan_passes_what_issue_17_fixed(checkov_report: dict[str, Any]) -> None:
    passed = Counter(c["check_id"] for c in checkov_report["results"]["passed_checks"])
    skipped = {c["check_id"] for c in checkov_report["results"]["skipped_checks"]}

    assert [check for check in MUST_PASS if not passed[check]] == []
    assert skipped.isdisjoint(MUST_PASS)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_logs_to_its_own_group_with_the_retention_parameter(name: str) -> None:
    group = FUNCTIONS[name]["LoggingConfig"]["LogGroup"]["Ref"]
    others = {
        other["LoggingConfig"]["LogGroup"]["Ref"] for n, other in FUNCTIONS.items() if n != name
    }

    assert RESOURCES[group]["Type"] == "AWS::Logs::LogGroup"
    assert RESOURCES[group]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    assert group not in others


def test_log_retention_and_level_parameters_default_to_30_days_and_info() -> None:
    retention = PARAMETERS["LogRetentionDays"]
    level = PARAMETERS["LogLevel"]

    assert retention["Default"] == 30
    assert retention["Default"] in retention["AllowedValues"]
    assert level["Default"] == "INFO"
    assert set(level["AllowedValues"]) <= {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_log_level_comes_from_the_parameter(name: str) -> None:
    variables = FUNCTIONS[name]["Environment"]["Variables"]

    assert variables["POWERTOOLS_LOG_LEVEL"] == {"Ref": "LogLevel"}


def test_api_access_log_is_one_json_line_with_request_key_status_latency() -> None:
    api = RESOURCES["Api"]
    setting = api["Properties"]["AccessLogSetting"]
    group = setting["DestinationArn"]["Fn::GetAtt"][0]
    fields = json.loads(setting["Format"])

    assert "\n" not in setting["Format"]
    assert {
        "$context.requestId",
        "$context.identity.apiKeyId",
        "$context.status",
        "$context.responseLatency",
    } <= set(fields.values())
    assert RESOURCES[group]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    # A stage can log only once the account's API Gateway logging role is set.
    assert api["DependsOn"] == "ApiGatewayAccount"
    role = RESOURCES["ApiGatewayAccount"]["Properties"]["CloudWatchRoleArn"]["Fn::GetAtt"][0]
    assert RESOURCES[role]["Type"] == "AWS::IAM::Role"


def _lifecycle_rules() -> dict[str, dict[str, Any]]:
    rules = RESOURCES["Bucket"]["Properties"]["LifecycleConfiguration"]["Rules"]
    assert all(rule["Status"] == "Enabled" for rule in rules)
    return {rule.get("Prefix", ""): rule for rule in rules if "ExpirationInDays" in rule}


def test_pages_and_uploads_expire_after_the_page_retention_parameter() -> None:
    expiring = _lifecycle_rules()

    assert set(expiring) == {"raw/", "uploads/"}
    assert {_default(rule["ExpirationInDays"]) for rule in expiring.values()} == {90}
    # The articles themselves never expire: no rule covers articles/ or the whole bucket.
    assert "" not in expiring


def test_bucket_keeps_overwritten_objects_for_the_noncurrent_parameter() -> None:
    properties = RESOURCES["Bucket"]["Properties"]
    rules = properties["LifecycleConfiguration"]["Rules"]
    noncurrent = [
        r["NoncurrentVersionExpiration"] for r in rules if "NoncurrentVersionExpiration" in r
    ]
    multipart = [
        r["AbortIncompleteMultipartUpload"] for r in rules if "AbortIncompleteMultipartUpload" in r
    ]

    assert properties["VersioningConfiguration"] == {"Status": "Enabled"}
    assert [_default(n["NoncurrentDays"]) for n in noncurrent] == [30]
    assert [int(m["DaysAfterInitiation"]) for m in multipart] == [7]
    assert any(r.get("ExpiredObjectDeleteMarker") is True for r in rules)


@pytest.mark.parametrize(
    ("name", "parameter"),
    [("FetchFunction", "FetchMaxConcurrency"), ("ProcessFunction", "ProcessMaxConcurrency")],
)
def test_queue_consumer_concurrency_is_bounded_by_a_parameter(name: str, parameter: str) -> None:
    [source] = [e["Properties"] for e in FUNCTIONS[name]["Events"].values() if e["Type"] == "SQS"]
    spec = PARAMETERS[parameter]
    low, high = SQS_MAX_CONCURRENCY_RANGE

    assert source["ScalingConfig"]["MaximumConcurrency"] == {"Ref": parameter}
    assert low <= spec["MinValue"] <= spec["Default"] <= spec["MaxValue"] <= high
