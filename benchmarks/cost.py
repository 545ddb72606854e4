"""What a million articles cost, from measurement: fetch and process against moto, priced.

Pages of the development sets (tests/devset always; ../shared/data/metadata-devset and
modern-devset when present, a seeded sample) are served gzip-encoded by a loopback site that
waits 200-800 ms (uniform, seeded) before answering, as news sites do. The real fetch handler
fetches them in batches of the template's BatchSize, then the real process handler turns each
stored raw page into an article. Measured per article: handler wall time (moto included, so
an upper bound of Lambda's billed duration), AWS calls with their DynamoDB write and read
units, stored bytes (raw page, article JSON) and log bytes at the template's log level.
Politeness waits are left out (messages carry a zero per-host delay).

The prices, the template's memory sizes, batch sizes and retention defaults turn this into
the README's table. Writes benchmarks/cost.json with every input.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.lambda_context import LambdaContext  # noqa: E402

SHARED_DATA = ROOT.parent / "shared" / "data"
EXTRA_DEVSETS = ("metadata-devset", "modern-devset")
LATENCY_SECONDS = (0.2, 0.8)
SEED = 17
REMAINING_MILLIS = 80_000  # the time left each invocation reports to the handler
KB = 1024
GB = 1024**3

# us-east-1 list prices (USD), November 2026: Lambda arm64, S3 Standard, DynamoDB on demand,
# SQS standard, EventBridge custom events, CloudWatch Logs standard class.
PRICE = {
    "lambda_gb_second": 0.0000133334,
    "lambda_request": 0.20 / 1e6,
    "s3_put": 0.005 / 1000,
    "s3_get": 0.0004 / 1000,
    "s3_gb_month": 0.023,
    "dynamodb_write_unit": 0.625 / 1e6,
    "dynamodb_read_unit": 0.125 / 1e6,
    "dynamodb_gb_month": 0.25,
    "sqs_request": 0.40 / 1e6,
    "eventbridge_event": 1.00 / 1e6,
    "logs_ingested_gb": 0.50,
    "logs_gb_month": 0.03,
}
# Lambda's own START, END and REPORT lines an invocation (their documented format; not
# measured here: the handlers run in-process).
LAMBDA_PLATFORM_LOG_BYTES = 350
DAYS_PER_MONTH = 30.4


@dataclass
class Meter:
    """AWS calls (by service.operation) and DynamoDB capacity units, while it is active."""

    calls: Counter[str] = field(default_factory=Counter)
    write_units: float = 0.0
    read_units: float = 0.0
    gsi_keys: tuple[frozenset[str], ...] = ()

    def hook(self, event_name: str, params: dict[str, Any], **_: Any) -> None:
        operation = event_name.split(".", 1)[1]
        self.calls[operation] += 1
        if operation.startswith("dynamodb."):
            self._capacity(operation.split(".", 1)[1], params)

    def _capacity(self, operation: str, params: dict[str, Any]) -> None:
        """Units by DynamoDB's rules: a write 1 a KB (and 1 per index it lands in), a
        transactional one twice that; a read 0.5 per 4 KB (1 when consistent)."""
        if operation in ("PutItem", "UpdateItem", "DeleteItem"):
            self.write_units += sum(self._item_units(params))
        elif operation == "TransactWriteItems":
            for entry in params["TransactItems"]:
                ((kind, body),) = entry.items()
                base, indexes = (1, 0) if kind == "ConditionCheck" else self._item_units(body)
                # The table's write is transactional (twice the units); the index updates
                # that follow it are not.
                self.write_units += 2 * base + indexes
        elif operation == "GetItem":
            self.read_units += 1.0 if params.get("ConsistentRead") else 0.5
        elif operation == "BatchGetItem":
            keys = sum(len(r["Keys"]) for r in params["RequestItems"].values())
            self.read_units += 0.5 * keys
        elif operation == "Query":
            self.read_units += 0.5

    def _item_units(self, body: dict[str, Any]) -> tuple[int, int]:
        """Write units of one item on the table and on the indexes it lands in."""
        item = body.get("Item")
        if item is None:  # an update: the item's size is not in the request
            return 1, 0
        units = math.ceil(max(1, len(json.dumps(item, default=len))) / KB)
        return units, units * sum(1 for keys in self.gsi_keys if keys <= set(item))


@dataclass
class Phase:
    """One function's measurements, per invocation and per article."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0  # this process's CPU time: what the noisy machine does not inflate
    wait_seconds: float = 0.0  # the injected server delay the phase waited through
    invocations: int = 0
    log_bytes: int = 0
    meter: Meter = field(default_factory=Meter)


def _pages(limit: int, shared_data: Path) -> tuple[list[bytes], list[str]]:
    """Gzipped pages: a seeded sample of every development set there is."""
    sets = [ROOT / "tests" / "devset" / "html"]
    notes = []
    for name in EXTRA_DEVSETS:
        folder = shared_data / name / "html"
        if folder.is_dir():
            sets.append(folder)
        else:
            notes.append(f"{folder} is absent: page sizes come from tests/devset only")
    every = sorted(p for folder in sets for p in folder.glob("*.html.gz"))
    sampler = random.Random(SEED)  # noqa: S311 - a reproducible sample
    chosen = sampler.sample(every, min(limit, len(every)))
    return [p.read_bytes() for p in chosen], notes


def _environment(fetch_queue_url: str) -> None:
    import process  # benchmarks/process.py: the same moto names and settings

    process._environment()
    os.environ.update(
        {
            "POWERTOOLS_LOG_LEVEL": "INFO",  # the template's LogLevel default
            "NEWSFLOW_FETCH_QUEUE_URL": fetch_queue_url,
            "NEWSFLOW_DISCOVER_QUEUE_URL": fetch_queue_url,
            "NEWSFLOW_FETCH_ALLOW_LOOPBACK": "true",
            "NEWSFLOW_MAX_OBJECT_BYTES": "10485760",
            "NEWSFLOW_ANNOUNCE_LEASE_SECONDS": "90",
        }
    )


@contextlib.contextmanager
def _log_capture() -> Iterator[io.StringIO]:
    """Everything the handlers log (the Logger's stream and stdout: metrics) goes here."""
    from newsflow.observability import logger

    buffer = io.StringIO()
    handler: Any = logger.registered_handler
    previous = handler.setStream(buffer)
    try:
        with contextlib.redirect_stdout(buffer):
            yield buffer
    finally:
        handler.setStream(previous)


def _sqs_records(bodies: list[str]) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": f"m{n}",
                "receiptHandle": "bench",
                "body": body,
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:bench",
                "awsRegion": "us-east-1",
            }
            for n, body in enumerate(bodies)
        ]
    }


def _invoke(phase: Phase, handler: Any, event: dict[str, Any], context: Any) -> None:
    with _log_capture() as logs:
        start, cpu = time.perf_counter(), time.process_time()
        response = handler(event, context)
        phase.seconds.append(time.perf_counter() - start)
        phase.cpu_seconds += time.process_time() - cpu
    phase.invocations += 1
    phase.log_bytes += len(logs.getvalue().encode())
    if response["batchItemFailures"]:
        raise RuntimeError(f"the handler reported failures: {response}")


def measure(limit: int, shared_data: Path) -> dict[str, Any]:
    """Fetch then process every page once; the measurements and the template's sizes."""
    from moto import mock_aws

    pages, notes = _pages(limit, shared_data)
    with mock_aws():
        return {**_measure_in_moto(pages), "notes": notes}


def _measure_in_moto(pages: list[bytes]) -> dict[str, Any]:
    import boto3
    import process
    from support.loopback_site import Reply, Site, serving

    from newsflow.storage.template import (
        functions,
        load_handler,
        load_template,
        table_definition,
    )

    sqs = boto3.client("sqs", region_name="us-east-1")
    _environment(sqs.create_queue(QueueName="fetch")["QueueUrl"])
    from newsflow.storage.clients import dynamodb_client, events_client, s3_client

    template = load_template(ROOT / "template.yaml")
    declared = functions(template)
    s3, dynamodb = s3_client(), dynamodb_client()
    s3.create_bucket(Bucket=process.BUCKET)
    s3.put_bucket_versioning(Bucket=process.BUCKET, VersioningConfiguration={"Status": "Enabled"})
    table = template["Resources"]["ArticlesTable"]["Properties"]
    dynamodb.create_table(TableName=process.TABLE, **table_definition(template, "ArticlesTable"))
    events_client().create_event_bus(Name=process.BUS)
    gsi_keys = tuple(
        frozenset(k["AttributeName"] for k in index["KeySchema"])
        for index in table["GlobalSecondaryIndexes"]
    )
    fetch, work = Phase(meter=Meter(gsi_keys=gsi_keys)), Phase(meter=Meter(gsi_keys=gsi_keys))
    site, rng = Site(), random.Random(SEED)  # noqa: S311 - a reproducible sample
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nAllow: /\n", delay=0.5)
    for n, body in enumerate(pages):
        site.routes[f"/news/{n}"] = Reply(
            body=body,
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
            delay=rng.uniform(*LATENCY_SECONDS),
        )
    # The time the fetcher waits on the site, by construction.
    fetch.wait_seconds = sum(
        route.delay for route in site.routes.values() if isinstance(route, Reply)
    )
    with serving(site):
        _fetch_all(fetch, declared["FetchFunction"], site, len(pages), (s3, dynamodb, sqs))
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=process.BUCKET, Prefix="raw/")["Contents"]]
    _process_all(work, load_handler(ROOT, declared["ProcessFunction"]), keys, (s3, dynamodb))
    stored = {
        prefix: [
            o["Size"] for o in s3.list_objects_v2(Bucket=process.BUCKET, Prefix=prefix)["Contents"]
        ]
        for prefix in ("raw/", "articles/")
    }
    return _summary(pages, fetch, work, stored, declared)


def _fetch_all(phase: Phase, function: dict[str, Any], site: Any, count: int, clients: Any) -> None:
    from newsflow.storage.template import load_handler

    handler = load_handler(ROOT, function)
    batch_size = int(function["Events"]["Urls"]["Properties"]["BatchSize"])
    bodies = [
        json.dumps(
            {
                "url": site.url(f"/news/{n}"),
                "source_id": "bench",
                "reason": "new",
                "discovered_at": "2026-11-20T08:00:00+00:00",
                "attempt": 1,
                "min_delay_seconds": 0,
                "requeues": 0,
            }
        )
        for n in range(count)
    ]
    for client in clients:
        client.meta.events.register("before-parameter-build", phase.meter.hook)
    try:
        for first in range(0, count, batch_size):
            event = _sqs_records(bodies[first : first + batch_size])
            _invoke(
                phase,
                handler,
                event,
                LambdaContext(
                    "fetch", int(function["MemorySize"]), remaining_millis=REMAINING_MILLIS
                ),
            )
    finally:
        for client in clients:
            client.meta.events.unregister("before-parameter-build", phase.meter.hook)


def _process_all(phase: Phase, handler: Any, keys: list[str], clients: Any) -> None:
    import process

    from newsflow.storage.clients import events_client

    clients = (*clients, events_client())
    for client in clients:
        client.meta.events.register("before-parameter-build", phase.meter.hook)
    try:
        for key in keys:  # one record a batch: the time per article, not per batch
            _invoke(
                phase,
                handler,
                process._sqs_event(key),
                LambdaContext("process", 1024, remaining_millis=REMAINING_MILLIS),
            )
    finally:
        for client in clients:
            client.meta.events.unregister("before-parameter-build", phase.meter.hook)


def _summary(
    pages: list[bytes],
    fetch: Phase,
    work: Phase,
    stored: dict[str, list[int]],
    declared: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    articles = len(stored["articles/"])
    fetched = len(stored["raw/"])
    per_fetch = [s / len(b) for s, b in _batches(fetch.seconds, len(pages), declared)]
    return {
        "pages": len(pages),
        "fetched": fetched,
        "articles": articles,
        "page_bytes_gzip_median": int(statistics.median(len(p) for p in pages)),
        "fetch": _phase(fetch, fetched, per_fetch, declared["FetchFunction"]),
        "process": _phase(work, fetched, work.seconds, declared["ProcessFunction"]),
        "raw_bytes_mean": statistics.mean(stored["raw/"]),
        "article_bytes_mean": statistics.mean(stored["articles/"]) if articles else 0,
        "fetch_batch_size": int(
            declared["FetchFunction"]["Events"]["Urls"]["Properties"]["BatchSize"]
        ),
        "process_batch_size": int(
            declared["ProcessFunction"]["Events"]["Objects"]["Properties"]["BatchSize"]
        ),
    }


def _batches(
    seconds: list[float], count: int, declared: dict[str, dict[str, Any]]
) -> list[tuple[float, range]]:
    size = int(declared["FetchFunction"]["Events"]["Urls"]["Properties"]["BatchSize"])
    return [
        (s, range(first, min(count, first + size)))
        for s, first in zip(seconds, range(0, count, size), strict=True)
    ]


def _phase(
    phase: Phase, pages: int, per_page: list[float], function: dict[str, Any]
) -> dict[str, Any]:
    gb = int(function["MemorySize"]) / 1024
    return {
        "memory_mb": int(function["MemorySize"]),
        # Without the machine's contention: our CPU time plus the site's wait.
        "gb_seconds_floor_per_page": (phase.cpu_seconds + phase.wait_seconds) / pages * gb,
        "seconds_per_page_median": round(statistics.median(per_page), 4),
        "seconds_per_page_mean": round(statistics.mean(per_page), 4),
        "cpu_seconds_per_page_mean": round(phase.cpu_seconds / pages, 4),
        "gb_seconds_per_page": sum(phase.seconds) / pages * int(function["MemorySize"]) / 1024,
        "calls_per_page": {k: round(v / pages, 3) for k, v in sorted(phase.meter.calls.items())},
        "write_units_per_page": round(phase.meter.write_units / pages, 2),
        "read_units_per_page": round(phase.meter.read_units / pages, 2),
        "log_bytes_per_page": round(phase.log_bytes / pages),
        "invocations": phase.invocations,
    }


@dataclass
class Inputs:
    """What pricing needs, per million new articles."""

    measured: dict[str, Any]
    parameters: dict[str, Any]

    @property
    def pages(self) -> float:
        """Pages fetched per million articles (some pages are not articles)."""
        return 1e6 * self.measured["fetched"] / max(1, self.measured["articles"])

    @property
    def calls(self) -> Counter[str]:
        fetch, work = self.measured["fetch"], self.measured["process"]
        return Counter(fetch["calls_per_page"]) + Counter(work["calls_per_page"])

    def default(self, parameter: str) -> float:
        return float(self.parameters[parameter]["Default"])


def _lambda(i: Inputs) -> tuple[str, float, str]:
    fetch, work, m = i.measured["fetch"], i.measured["process"], i.measured
    gb_s = (fetch["gb_seconds_per_page"] + work["gb_seconds_per_page"]) * i.pages
    low = (fetch["gb_seconds_floor_per_page"] + work["gb_seconds_floor_per_page"]) * i.pages
    requests = (1 / m["fetch_batch_size"] + 1 / m["process_batch_size"]) * i.pages
    usd = gb_s * PRICE["lambda_gb_second"] + requests * PRICE["lambda_request"]
    floor = low * PRICE["lambda_gb_second"] + requests * PRICE["lambda_request"]
    return (
        "Lambda (arm64)",
        usd,
        f"fetch {fetch['seconds_per_page_mean'] * 1000:.0f} ms a page at {fetch['memory_mb']} MB,"
        f" process {work['seconds_per_page_mean'] * 1000:.0f} ms at {work['memory_mb']} MB:"
        f" {gb_s:,.0f} GB-s (wall time, an upper bound; from CPU time plus the site's wait"
        f" {low:,.0f} GB-s, ${floor:.2f}); {requests:,.0f} requests at full batches",
    )


def _s3(i: Inputs) -> tuple[str, float, str]:
    m, calls = i.measured, i.calls
    raw_days = i.default("PageRetentionDays") + i.default("NoncurrentVersionRetentionDays")
    raw_gb = m["raw_bytes_mean"] * i.pages / GB
    article_gb = m["article_bytes_mean"] * 1e6 / GB
    usd = (
        calls["s3.PutObject"] * i.pages * PRICE["s3_put"]
        + calls["s3.GetObject"] * i.pages * PRICE["s3_get"]
        + raw_gb * raw_days / DAYS_PER_MONTH * PRICE["s3_gb_month"]
    )
    return (
        "S3",
        usd,
        f"{calls['s3.PutObject'] * i.pages / 1e6:.1f} M PUT,"
        f" {calls['s3.GetObject'] * i.pages / 1e6:.1f} M GET; raw pages {raw_gb:.1f} GB for"
        f" {raw_days:.0f} days (expiry + noncurrent);"
        f" articles {article_gb:.1f} GB, ${article_gb * PRICE['s3_gb_month']:.2f} a month kept",
    )


def _dynamodb(i: Inputs) -> tuple[str, float, str]:
    fetch, work = i.measured["fetch"], i.measured["process"]
    # Discovery's share (bench-discover): one conditional put a new URL.
    writes = (fetch["write_units_per_page"] + work["write_units_per_page"] + 1) * i.pages
    reads = (fetch["read_units_per_page"] + work["read_units_per_page"]) * i.pages
    usd = writes * PRICE["dynamodb_write_unit"] + reads * PRICE["dynamodb_read_unit"]
    return (
        "DynamoDB on demand",
        usd,
        f"{writes / 1e6:.1f} M write units (a page: fetch {fetch['write_units_per_page']},"
        f" process {work['write_units_per_page']}, discovery 1), {reads / 1e6:.1f} M read units",
    )


def _sqs(i: Inputs) -> tuple[str, float, str]:
    m, calls = i.measured, i.calls
    # Discovery sends 10 a request; the pollers receive and delete a full batch a request;
    # S3 notifies once a page; requeues are measured.
    per_page = (
        0.1
        + 2 / m["fetch_batch_size"]
        + 1
        + 2 / m["process_batch_size"]
        + calls["sqs.SendMessage"]
        + calls["sqs.SendMessageBatch"]
    )
    requests = per_page * i.pages
    return ("SQS", requests * PRICE["sqs_request"], f"{requests / 1e6:.1f} M requests")


def _eventbridge(i: Inputs) -> tuple[str, float, str]:
    events = i.calls["eventbridge.PutEvents"] * i.pages
    return ("EventBridge", events * PRICE["eventbridge_event"], f"{events / 1e6:.1f} M events")


def _logs(i: Inputs) -> tuple[str, float, str]:
    fetch, work, m = i.measured["fetch"], i.measured["process"], i.measured
    invocations = 1 / m["fetch_batch_size"] + work["invocations"] / m["fetched"]
    per_page = (
        fetch["log_bytes_per_page"]
        + work["log_bytes_per_page"]
        + LAMBDA_PLATFORM_LOG_BYTES * invocations
    )
    gb = per_page * i.pages / GB
    days = i.default("LogRetentionDays")
    usd = gb * (PRICE["logs_ingested_gb"] + days / DAYS_PER_MONTH * PRICE["logs_gb_month"])
    return (
        "CloudWatch Logs",
        usd,
        f"{gb:.2f} GB at INFO (a page: fetch {fetch['log_bytes_per_page']} B, process"
        f" {work['log_bytes_per_page']} B, Lambda's lines {LAMBDA_PLATFORM_LOG_BYTES} B an"
        f" invocation), kept {days:.0f} days",
    )


def price(measured: dict[str, Any], template: dict[str, Any]) -> list[tuple[str, float, str]]:
    """Cost lines per million new articles: (service, USD, what produced the figure)."""
    inputs = Inputs(measured, template["Parameters"])
    return [f(inputs) for f in (_lambda, _s3, _dynamodb, _sqs, _eventbridge, _logs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100, help="pages fetched and processed")
    parser.add_argument("--shared-data", type=Path, default=SHARED_DATA)
    args = parser.parse_args()
    from newsflow.storage.template import load_template

    measured = measure(args.pages, args.shared_data)
    lines = price(measured, load_template(ROOT / "template.yaml"))
    for note in measured["notes"]:
        print(f"note: {note}")
    fetch, work = measured["fetch"], measured["process"]
    print(
        f"{measured['pages']} pages (gzip median {measured['page_bytes_gzip_median']:,} B),"
        f" {measured['fetched']} fetched, {measured['articles']} articles"
    )
    for name, phase in (("fetch", fetch), ("process", work)):
        print(
            f"{name}: {phase['seconds_per_page_median'] * 1000:.0f} ms median,"
            f" {phase['seconds_per_page_mean'] * 1000:.0f} ms mean"
            f" ({phase['cpu_seconds_per_page_mean'] * 1000:.0f} ms CPU) a page at"
            f" {phase['memory_mb']} MB; calls a page {phase['calls_per_page']};"
            f" write units {phase['write_units_per_page']}, read units"
            f" {phase['read_units_per_page']}, log bytes {phase['log_bytes_per_page']}"
        )
    print("\n| service | per million new articles | |\n|---|---|---|")
    for name, usd, how in lines:
        print(f"| {name} | {how} | ≈ ${usd:.2f} |")
    total = sum(usd for _, usd, _ in lines)
    print(f"| **total** | | **≈ ${total:.0f} per million articles** |")
    out = ROOT / "benchmarks" / "cost.json"
    out.write_text(json.dumps({"measured": measured, "lines": lines, "total": total}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
