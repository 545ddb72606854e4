"""The Query API handler against moto with 1,000 / 10,000 / 100,000 articles in the table.

For each table size: DynamoDB calls and items read per `GET /articles` page (counted with
botocore hooks on our client: the page's cost is bounded whatever the size), and p50/p99
handler time per route. Index items are loaded with BatchWriteItem in the shape processing
writes them. Times include moto's own work, which grows with the table (moto evaluates a
GSI Query by walking every item), so calls and items read are the scale-free figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # support/: what tests and benchmarks share

from support.lambda_context import LambdaContext  # noqa: E402

CONTEXT = LambdaContext("api", 512)
BUCKET = "newsflow-bench"
TABLE = "newsflow-bench-articles"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SOURCES = ("daily", "wire", "herald", "gazette")
PAGE = 20
MAX_QUERIES = 8  # NEWSFLOW_API_MAX_QUERIES_PER_PAGE (template.yaml)
SHARDS = 4  # storage.articles.LISTING_SHARDS: the unfiltered and updated_since listings' Queries


def _environment() -> None:
    os.environ.update(
        {
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            "NEWSFLOW_BUCKET": BUCKET,
            "NEWSFLOW_TABLE": TABLE,
            "NEWSFLOW_EVENT_BUS": "newsflow-bench",
            "NEWSFLOW_API_CURSOR_KEY": "bench-cursor-key-0123456789abcdef0123",
            "NEWSFLOW_API_OLDEST_MONTH": "2016-01",
            "POWERTOOLS_LOG_LEVEL": "WARNING",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_DEV": "false",
        }
    )
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(name, None)


@dataclass
class Counter:
    """DynamoDB calls and items read while it is active."""

    calls: int = 0
    items: int = 0
    scans: int = 0

    def before(self, event_name: str, **_: Any) -> None:
        self.calls += 1
        if event_name.endswith(".Scan"):
            self.scans += 1

    def after(self, parsed: dict[str, Any], **_: Any) -> None:
        self.items += int(parsed.get("ScannedCount", 0)) + (1 if "Item" in parsed else 0)


def _index_item(number: int) -> dict[str, Any]:
    from support.index_fixtures import announced_index_item

    # One every 41 minutes back from NOW: eight years at 100,000 articles.
    return announced_index_item(
        number,
        source=SOURCES[number % len(SOURCES)],
        language="en" if number % 3 else "de",
        published=NOW - timedelta(minutes=41 * number),
        updated=NOW - timedelta(minutes=number % 1440),
    )


def _load(client: Any, start: int, stop: int) -> float:
    began = time.perf_counter()
    items = [_index_item(number) for number in range(start, stop)]
    for first in range(0, len(items), 25):
        batch = [{"PutRequest": {"Item": item}} for item in items[first : first + 25]]
        client.batch_write_item(RequestItems={TABLE: batch})
    return time.perf_counter() - began


def _event(method: str, path: str, query: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": {"x-api-key": "bench"},
        "multiValueHeaders": {"x-api-key": ["bench"]},
        "queryStringParameters": query or None,
        "multiValueQueryStringParameters": {k: [v] for k, v in (query or {}).items()} or None,
        "pathParameters": None,
        "requestContext": {
            "path": path,
            "stage": "bench",
            "requestId": "bench",
            "identity": {"apiKey": "bench", "sourceIp": "127.0.0.1"},
        },
        "body": None,
        "isBase64Encoded": False,
    }


def _routes(handler: Callable[..., dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each measured request; the cursor pages are taken from a first call."""
    first = json.loads(handler(_event("GET", "/articles", {"limit": str(PAGE)}), CONTEXT)["body"])
    by_source = json.loads(
        handler(_event("GET", "/articles", {"source": "daily", "limit": str(PAGE)}), CONTEXT)[
            "body"
        ]
    )
    article = f"/articles/{1:032x}"
    return {
        "GET /articles": _event("GET", "/articles", {"limit": str(PAGE)}),
        "GET /articles (page 2)": _event(
            "GET", "/articles", {"limit": str(PAGE), "cursor": first["next_cursor"]}
        ),
        "GET /articles?source": _event("GET", "/articles", {"source": "daily", "limit": str(PAGE)}),
        "GET /articles?source (page 2)": _event(
            "GET",
            "/articles",
            {"source": "daily", "limit": str(PAGE), "cursor": by_source["next_cursor"]},
        ),
        "GET /articles?language&from&to": _event(
            "GET",
            "/articles",
            {
                "language": "de",
                "from": "2026-10-01T00:00:00Z",
                "to": "2026-11-15T00:00:00Z",
                "limit": str(PAGE),
            },
        ),
        "GET /articles?updated_since": _event(
            "GET", "/articles", {"updated_since": "2026-11-19T12:00:00Z", "limit": str(PAGE)}
        ),
        "GET /articles/{id}": _event("GET", article),
        "GET /articles/{id}/versions": _event("GET", f"{article}/versions"),
        "GET /sources": _event("GET", "/sources"),
        "GET /sources/{id}": _event("GET", "/sources/daily"),
        "GET /health": _event("GET", "/health"),
    }


def _seed_article_one(s3: Any, dynamodb: Any) -> None:
    """Article 1 gets a stored body and a version item, as processing leaves them."""
    from newsflow.storage.table import article_pk, version_sk

    key = f"articles/{1:032x}/v1.json"
    body = {
        "article_id": f"{1:032x}",
        "url": "https://news.example.com/story-1",
        "final_url": "https://news.example.com/story-1",
        "canonical_url": "https://news.example.com/story-1",
        "title": "Story 1",
        "body_text": "Text. " * 500,
        "content_hash": "hash-1",
        "extractor_version": "bench",
        "fetched_at": NOW.isoformat(),
        "outcome": {"kind": "article", "reason": "bench"},
    }
    s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(body).encode())
    dynamodb.put_item(
        TableName=TABLE,
        Item={
            "pk": {"S": article_pk(f"{1:032x}")},
            "sk": {"S": version_sk(1)},
            "version": {"N": "1"},
            "content_hash": {"S": "hash-1"},
            "changed_fields": {"L": []},
            "article_key": {"S": key},
            "created_at": {"S": NOW.isoformat()},
        },
    )


def main() -> int:  # noqa: PLR0915 (one linear measurement script)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--requests", type=int, default=10, help="timed calls per route")
    args = parser.parse_args()
    _environment()
    sys.path.insert(0, str(ROOT / "shared"))

    from moto import mock_aws

    from newsflow import wiring
    from newsflow.models import Source
    from newsflow.storage.clients import dynamodb_client, s3_client
    from newsflow.storage.sources import DynamoSourceRepository
    from newsflow.storage.template import functions, load_handler, load_template

    template = load_template(ROOT / "template.yaml")
    handler = load_handler(ROOT, functions(template)["ApiFunction"])
    sizes = [int(size) for size in args.sizes.split(",")]
    results: list[dict[str, Any]] = []
    with mock_aws():
        from newsflow.storage.template import table_definition

        dynamodb, s3 = dynamodb_client(), s3_client()
        s3.create_bucket(Bucket=BUCKET)
        dynamodb.create_table(TableName=TABLE, **table_definition(template, "ArticlesTable"))
        sources = DynamoSourceRepository(dynamodb, TABLE)
        for source_id in SOURCES:
            sources.put(
                Source(id=source_id, name=source_id, homepage=f"https://{source_id}.example"),
                now=NOW,
                create_only=False,
            )
        sources.record_run("daily", started_at=NOW, finished_at=NOW, counts={"ok": 10})
        _seed_article_one(s3, dynamodb)
        wiring.query_ports().clock = lambda: NOW
        loaded = 0
        for size in sizes:
            seconds = _load(dynamodb, loaded + 1, size + 1)
            loaded = size
            print(f"\n{size:,} articles (loaded in {seconds:.1f} s)", flush=True)
            routes = _routes(handler)
            print(f"{'route':34} {'calls':>5} {'items':>5} {'p50 ms':>8} {'p99 ms':>8}")
            for name, event in routes.items():
                counter = Counter()
                events = dynamodb.meta.events
                events.register("before-call.dynamodb", counter.before)
                events.register("after-call.dynamodb", counter.after)
                times = []
                for _ in range(args.requests):
                    began = time.perf_counter()
                    response = handler(event, CONTEXT)
                    times.append((time.perf_counter() - began) * 1000)
                    assert response["statusCode"] == 200, (name, response)
                events.unregister("before-call.dynamodb", counter.before)
                events.unregister("after-call.dynamodb", counter.after)
                assert counter.scans == 0, name
                calls = counter.calls / args.requests
                items = counter.items / args.requests
                p50 = statistics.median(times)
                p99 = statistics.quantiles(times, n=100)[98] if len(times) > 1 else times[0]
                print(f"{name:34} {calls:5.1f} {items:5.1f} {p50:8.1f} {p99:8.1f}", flush=True)
                results.append(
                    {"size": size, "route": name, "calls": calls, "items": items, "p50": p50}
                )
    _check_constant(results)
    return 0


def _check_constant(results: list[dict[str, Any]]) -> None:
    """Fail when a list page's DynamoDB work grows with the table: it must stay within the
    page's bound (MAX_QUERIES calls; PAGE + 1 index items from each of at most SHARDS
    partitions read side by side), and be the same at the two largest sizes."""
    largest = sorted({r["size"] for r in results})[-2:]
    for route in sorted({r["route"] for r in results if r["route"].startswith("GET /articles")}):
        work = [(r["size"], r["calls"], r["items"]) for r in results if r["route"] == route]
        bounded = all(
            calls <= MAX_QUERIES and items <= SHARDS * (PAGE + 1) for _, calls, items in work
        )
        flat = len({(calls, items) for size, calls, items in work if size in largest}) == 1
        status = "bounded, flat" if bounded and flat else f"GROWS {work}"
        print(f"{route:34} calls/items per request across sizes: {status}")
        if not (bounded and flat):
            raise SystemExit(1)


if __name__ == "__main__":
    raise SystemExit(main())
