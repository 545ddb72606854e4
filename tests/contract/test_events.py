"""Every sample payload in events/ parses with the model of the trigger it stands for."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent, SQSEvent

from newsflow.models.events import ArticleChanged
from newsflow.storage.template import functions, load_handler, load_template

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "events"


def _object_refs() -> Callable[[dict[str, Any]], list[tuple[str, str]]]:
    process = functions(load_template(ROOT / "template.yaml"))["ProcessFunction"]
    refs: Callable[[dict[str, Any]], list[tuple[str, str]]] = load_handler(
        ROOT, {**process, "Handler": "app.object_refs"}
    )
    return refs


def _process_keys(event: dict[str, Any]) -> list[str]:
    object_refs = _object_refs()
    return [key for record in SQSEvent(event).records for _, key in object_refs(record.json_body)]


def _enrichment_details(event: dict[str, Any]) -> list[ArticleChanged]:
    return [
        ArticleChanged.model_validate(EventBridgeEvent(record.json_body).detail)
        for record in SQSEvent(event).records
    ]


EXPECTED: dict[str, Callable[[dict[str, Any]], object]] = {
    "process-raw-page.json": lambda e: (
        _process_keys(e) == ["raw/example/2026/11/20/5f0c1d2e3a4b5c6d-20261120T080000Z.html.gz"]
    ),
    "process-upload.json": lambda e: _process_keys(e) == ["uploads/harbour bridge (2026).html"],
    "process-s3-test-event.json": lambda e: _process_keys(e) == [],
    "enrichment-article-ingested.json": lambda e: (
        [d.version for d in _enrichment_details(e)] == [1]
    ),
}


def test_every_sample_has_a_check() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_parses_with_its_model(name: str) -> None:
    event = json.loads((SAMPLES / name).read_text(encoding="utf-8"))

    assert EXPECTED[name](event)
