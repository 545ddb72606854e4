"""The scraping half of template.yaml and its sample events keep their promises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.utilities.data_classes import SQSEvent

from newsflow.config import ScrapeSettings
from newsflow.fetch import FetchSettings
from newsflow.services.ports import FetchMessage, SourceMessage
from newsflow.storage.template import functions, load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template(ROOT / "template.yaml")
FUNCTIONS = functions(TEMPLATE)
RESOURCES = TEMPLATE["Resources"]
SCRAPERS = ("DiscoverFunction", "FetchFunction")
REQUIRED = [
    f"NEWSFLOW_{name.upper()}"
    for name, field in ScrapeSettings.model_fields.items()
    if field.is_required()
]


@pytest.mark.parametrize("name", SCRAPERS)
def test_scraper_environment_names_its_queues_and_refuses_loopback(name: str) -> None:
    variables = FUNCTIONS[name]["Environment"]["Variables"]

    assert [v for v in REQUIRED if v not in variables] == []
    # Only the local runner and tests may reach 127.0.0.1: a deployment says so explicitly.
    assert variables["NEWSFLOW_FETCH_ALLOW_LOOPBACK"] == "false"
    assert "github.com" in variables["NEWSFLOW_FETCH_CONTACT_URL"]


@pytest.mark.parametrize("name", SCRAPERS)
def test_scraper_finishes_a_worst_case_fetch_before_its_timeout(name: str) -> None:
    function = FUNCTIONS[name]
    total = float(function["Environment"]["Variables"]["NEWSFLOW_FETCH_TOTAL_TIMEOUT"])

    # robots.txt and the page, each at the total timeout, plus a short wait for a host slot.
    assert 2 * total + FetchSettings.model_fields["max_wait_seconds"].default < int(
        function["Timeout"]
    )


def test_discover_runs_on_a_schedule_and_fans_out_through_its_queue() -> None:
    events = FUNCTIONS["DiscoverFunction"]["Events"]
    kinds = {event["Type"]: event["Properties"] for event in events.values()}

    assert kinds["ScheduleV2"]["ScheduleExpression"].startswith("rate(")
    assert kinds["SQS"]["Queue"] == {"Fn::GetAtt": ["DiscoverQueue", "Arn"]}
    assert kinds["SQS"]["BatchSize"] == 1


def test_fetch_consumes_the_fetch_queue_with_bounded_concurrency() -> None:
    [event] = FUNCTIONS["FetchFunction"]["Events"].values()

    assert event["Properties"]["Queue"] == {"Fn::GetAtt": ["FetchQueue", "Arn"]}
    bound = event["Properties"]["ScalingConfig"]["MaximumConcurrency"]["Ref"]
    assert TEMPLATE["Parameters"][bound]["Default"] >= 2


def _statements(name: str) -> list[dict[str, Any]]:
    return [s for p in FUNCTIONS[name]["Policies"] for s in p["Statement"]]


@pytest.mark.parametrize("name", SCRAPERS)
def test_scraper_table_access_is_limited_to_its_own_partitions(name: str) -> None:
    table = [s for s in _statements(name) if any(a.startswith("dynamodb:") for a in s["Action"])]

    assert table
    for statement in table:
        keys = statement["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]
        assert not any(key.startswith("ARTICLE") for key in keys)


def test_fetch_writes_only_raw_pages() -> None:
    s3 = [s for s in _statements("FetchFunction") if str(s["Action"]).startswith("s3:")]

    assert [s["Action"] for s in s3] == ["s3:PutObject"]
    assert s3[0]["Resource"] == {"Fn::Sub": "${Bucket.Arn}/raw/*"}


def test_table_expires_robots_records_and_host_slots() -> None:
    ttl = RESOURCES["ArticlesTable"]["Properties"]["TimeToLiveSpecification"]

    assert ttl == {"AttributeName": "ttl", "Enabled": True}


def _records(name: str) -> list[str]:
    event = json.loads((ROOT / "events" / name).read_text(encoding="utf-8"))
    return [record.body for record in SQSEvent(event).records]


def test_sample_discover_message_parses() -> None:
    [body] = _records("discover/source.json")

    assert SourceMessage.model_validate_json(body).source_id == "example"


def test_sample_schedule_tick_is_not_an_sqs_batch() -> None:
    tick = json.loads((ROOT / "events" / "discover" / "schedule.json").read_text())

    assert "Records" not in tick
    assert tick["source"] == "aws.scheduler"


def test_sample_fetch_tasks_parse() -> None:
    messages = [FetchMessage.model_validate_json(body) for body in _records("fetch/task.json")]

    assert [m.reason.value for m in messages] == ["new", "updated"]
    assert messages[1].etag and messages[1].last_modified
