"""The process handler on the development set, against moto: AWS calls and time per page.

Every page goes in as a fetched raw/ object (gzip, with the fetcher's metadata), then through
the real handler twice: first delivery (new article, alias or rejection) and re-delivery
(unchanged). AWS calls are counted with botocore `before-call` hooks on our clients; times are
the handler's wall time per single-record batch, so they include moto's own overhead, and the
extraction alone is timed too so the difference shows what storage costs.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # support/: what tests and benchmarks share

from support.lambda_context import LambdaContext  # noqa: E402

BUCKET = "newsflow-bench"
TABLE = "newsflow-bench-articles"
BUS = "newsflow-bench"
# Budgets from the processing-path issue.
# A new article: 6, plus at most 2 reads of story grouping (issue 16, docs/stories.md).
MAX_CALLS_NEW = 8
MAX_CALLS_UNCHANGED = 2


def _environment() -> None:
    os.environ.update(
        {
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            "NEWSFLOW_BUCKET": BUCKET,
            "NEWSFLOW_TABLE": TABLE,
            "NEWSFLOW_EVENT_BUS": BUS,
            "POWERTOOLS_LOG_LEVEL": "WARNING",
        }
    )
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(name, None)


def _pages(data: Path, limit: int | None) -> list[tuple[str, bytes, str]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    return [
        (pid, (data / "html" / f"{pid}.html.gz").read_bytes(), truth[pid]["url"]) for pid in ids
    ]


def _sqs_event(key: str) -> dict[str, Any]:
    notification = {
        "Records": [
            {
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Put",
                "s3": {"bucket": {"name": BUCKET}, "object": {"key": quote_plus(key)}},
            }
        ]
    }
    return {
        "Records": [
            {
                "messageId": key,
                "receiptHandle": "bench",
                "body": json.dumps(notification),
                "attributes": {},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:process",
                "awsRegion": "us-east-1",
            }
        ]
    }


def _kind(calls: list[str]) -> str:
    if "dynamodb.TransactWriteItems" in calls:
        return "new article"
    if "eventbridge.PutEvents" in calls:
        return "rejected"
    if "dynamodb.PutItem" in calls:
        return "alias of a stored article"
    return "unchanged"


def run(data: Path, limit: int | None) -> dict[str, Any]:
    """Both deliveries of every page; returns the summary."""
    _environment()
    from moto import mock_aws

    from newsflow.extract import extract_article
    from newsflow.storage.clients import dynamodb_client, events_client, s3_client
    from newsflow.storage.template import (
        functions,
        load_handler,
        load_template,
        table_definition,
    )

    pages = _pages(data, limit)
    template = load_template(ROOT / "template.yaml")
    handler = load_handler(ROOT, functions(template)["ProcessFunction"])
    calls: list[str] = []

    def count(event_name: str, **_: Any) -> None:
        calls.append(event_name.split(".", 1)[1])

    with mock_aws():
        s3, dynamodb, events = s3_client(), dynamodb_client(), events_client()
        s3.create_bucket(Bucket=BUCKET)
        dynamodb.create_table(TableName=TABLE, **table_definition(template, "ArticlesTable"))
        events.create_event_bus(Name=BUS)
        for pid, body, url in pages:
            s3.put_object(
                Bucket=BUCKET,
                Key=f"raw/devset/{pid}.html.gz",
                Body=body,
                ContentType="text/html",
                Metadata={
                    "url": url,
                    "source": "devset",
                    "fetched-at": "2026-11-20T08:00:00+00:00",
                },
            )
        for client in (s3, dynamodb, events):
            client.meta.events.register("before-call", count)

        rounds: dict[str, list[tuple[str, list[str], float]]] = {}
        for name in ("first delivery", "re-delivery"):
            rows = []
            for pid, _, _ in pages:
                calls.clear()
                start = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):
                    response = handler(_sqs_event(f"raw/devset/{pid}.html.gz"), LambdaContext())
                elapsed = time.perf_counter() - start
                if response["batchItemFailures"]:
                    raise RuntimeError(f"{pid}: handler reported a failure")
                rows.append((_kind(calls), list(calls), elapsed))
            rounds[name] = rows

    extraction = []
    for _, body, url in pages:
        start = time.perf_counter()
        extract_article(gzip.decompress(body), url)
        extraction.append(time.perf_counter() - start)

    summary: dict[str, Any] = {"pages": len(pages), "extract_ms_median": _ms(extraction)}
    for name, rows in rounds.items():
        by_kind: dict[str, Any] = {}
        for kind in sorted({row[0] for row in rows}):
            selected = [row for row in rows if row[0] == kind]
            counts = [len(row[1]) for row in selected]
            by_kind[kind] = {
                "pages": len(selected),
                "calls_mean": round(statistics.mean(counts), 2),
                "calls_max": max(counts),
                "calls": dict(Counter(c for row in selected for c in row[1])),
                "handler_ms_median": _ms([row[2] for row in selected]),
            }
        summary[name] = {"handler_ms_median": _ms([row[2] for row in rows]), **by_kind}
    return summary


def _ms(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "devset")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()
    summary = run(args.data, args.limit)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        _print(summary)
    new = summary["first delivery"].get("new article", {}).get("calls_max", 0)
    unchanged = summary["re-delivery"].get("unchanged", {}).get("calls_max", 0)
    within = new <= MAX_CALLS_NEW and unchanged <= MAX_CALLS_UNCHANGED
    print(
        f"budget (<= {MAX_CALLS_NEW} new, <= {MAX_CALLS_UNCHANGED} unchanged): "
        f"{'met' if within else 'MISSED'}"
    )
    return 0 if within else 1


def _print(summary: dict[str, Any]) -> None:
    print(
        f"{summary['pages']} development-set pages; extraction alone: "
        f"{summary['extract_ms_median']} ms median per page"
    )
    for name in ("first delivery", "re-delivery"):
        round_ = summary[name]
        print(f"\n{name}: handler {round_['handler_ms_median']} ms median per page (moto)")
        for kind, row in round_.items():
            if kind == "handler_ms_median":
                continue
            print(
                f"  {kind:28} {row['pages']:3} pages  {row['calls_mean']:4} calls "
                f"(max {row['calls_max']})  {row['handler_ms_median']:6} ms  {row['calls']}"
            )


if __name__ == "__main__":
    sys.exit(main())
