"""Story grouping: quality curve, DynamoDB calls and CPU per article, import cost.

1. Pair precision/recall per threshold on the story collection (tests/support/story_collection.py,
   built from tests/devset): the table of docs/stories.md.
2. DynamoDB calls per article of the process path on moto, the collection processed in order:
   the calls grouping adds (target <= 2) and the whole path's calls, new story vs copy.
3. CPU per article of grouping's own work (signature, band keys, the decision against 1 and
   against MAX_CANDIDATES stories), target <= 5 ms, beside the article's extraction time.
4. Cold import: fresh interpreters importing numpy, datasketch, and the process use case.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "shared")]

from support import story_quality  # noqa: E402
from support.story_collection import Copy, collection, put_copy  # noqa: E402

from newsflow import neardup  # noqa: E402

TABLE, BUCKET, BUS = "bench-stories", "bench-stories", "bench-stories"
MAX_EXTRA_CALLS = 2
MAX_CPU_MS = 5.0
IMPORT_RUNS = 7


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.2f}"


def calls_per_article(docs: list[Copy]) -> None:
    """Process every document on moto and count its DynamoDB calls."""
    os.environ.update(
        {
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            "NEWSFLOW_BUCKET": BUCKET,
            "NEWSFLOW_TABLE": TABLE,
            "NEWSFLOW_EVENT_BUS": BUS,
        }
    )
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(name, None)
    from moto import mock_aws

    from newsflow import wiring
    from newsflow.services.process_object import process_object
    from newsflow.storage.clients import dynamodb_client, events_client, s3_client
    from newsflow.storage.template import load_template, table_definition

    calls: list[str] = []

    def count(event_name: str, **_: Any) -> None:
        calls.append(event_name.split(".", 1)[1])

    rows: dict[str, list[Counter[str]]] = {"new story": [], "copy joins a story": []}
    with mock_aws():
        s3_client().create_bucket(Bucket=BUCKET)
        definition = table_definition(load_template(ROOT / "template.yaml"), "ArticlesTable")
        dynamodb_client().create_table(TableName=TABLE, **definition)
        events_client().create_event_bus(Name=BUS)
        stack = _Stack()
        for client in (s3_client(), dynamodb_client(), events_client()):
            client.meta.events.register("before-call", count)
        start = datetime(2019, 11, 19, tzinfo=UTC)
        for index, doc in enumerate(docs):
            published = (start + timedelta(minutes=index)).strftime("%Y-%m-%dT%H:%M:%SZ")
            key = put_copy(stack, doc, published)
            calls.clear()
            process_object(BUCKET, key, wiring.aws_adapters(), max_bytes=2**24, lease_seconds=90)
            kind = "new story" if doc.variant in {"original", "follow_up"} else "copy joins a story"
            rows[kind].append(Counter(c for c in calls if c.startswith("dynamodb.")))
    print("\nDynamoDB calls per article (process path, moto, the collection in order)")
    print(f"{'kind':<22}{'articles':>9}{'grouping reads':>16}{'all DynamoDB':>14}  calls")
    for kind, counters in rows.items():
        extra = [c["dynamodb.BatchGetItem"] for c in counters]
        total = [sum(c.values()) for c in counters]
        verdict = "ok" if max(extra) <= MAX_EXTRA_CALLS else "OVER"
        common = dict(Counter(k for c in counters for k in c.elements()).most_common())
        per = {k.split(".")[1]: round(v / len(counters), 2) for k, v in common.items()}
        print(
            f"{kind:<22}{len(counters):>9}{max(extra):>12} max{statistics.median(total):>10.0f}"
            f" med  {per} {verdict}"
        )


class _Stack:
    """put_copy's view of a stack: put a page in the bucket."""

    def put_page(self, key: str, body: bytes, *, url: str) -> None:
        from newsflow.storage.clients import s3_client

        s3_client().put_object(
            Bucket=BUCKET,
            Key=key,
            Body=body,
            ContentType="text/html",
            Metadata={"url": url, "source": "bench", "fetched-at": "2019-11-20T08:00:00+00:00"},
        )


def cpu_per_article(docs: list[Copy]) -> None:
    """Grouping's pure work per article (process CPU time, not wall time: the machine is
    shared), beside its extraction; medians over the collection."""
    from support.story_collection import copy_url, page

    from newsflow.extract import extract_article

    sigs = story_quality.signatures(docs)
    roots = [
        neardup.StoryRoot(doc.doc_id, sigs[doc.doc_id], datetime(2019, 11, 19, tzinfo=UTC))
        for doc in docs[: neardup.MAX_CANDIDATES]
    ]
    rows: dict[str, list[float]] = {name: [] for name in ("extract", "sig", "one", "max")}
    for doc in docs:
        html, sig = page(doc, copy_url(doc), "2019-11-19T10:00:00Z"), sigs[doc.doc_id]
        rows["extract"].append(_cpu(extract_article, html, copy_url(doc)))
        rows["sig"].append(_cpu(_signature_and_bands, doc.text))
        rows["one"].append(rows["sig"][-1] + _cpu(neardup.choose_story, sig, roots[:1]))
        rows["max"].append(rows["sig"][-1] + _cpu(neardup.choose_story, sig, roots))
    words = statistics.median(len(neardup.words(doc.text)) for doc in docs)
    print(f"\nCPU per article, ms (median of {len(docs)} articles of median {words:.0f} words)")
    print(f"  extraction (for scale)                   {_ms(rows['extract']):>8}")
    print(f"  signature + {neardup.BANDS} band keys                  {_ms(rows['sig']):>8}")
    print(f"  ... + decision against 1 story           {_ms(rows['one']):>8}")
    print(
        f"  ... + decision against {neardup.MAX_CANDIDATES} stories (max)   {_ms(rows['max']):>8}"
    )
    worst = statistics.median(rows["max"]) * 1000
    print(f"  target <= {MAX_CPU_MS} ms: {'ok' if worst <= MAX_CPU_MS else 'OVER'}")


def _signature_and_bands(text: str) -> list[str]:
    sig = neardup.signature(text)
    return [] if sig is None else neardup.band_keys(sig)


def _cpu(work: Callable[..., object], *args: Any) -> float:
    start = time.process_time()
    work(*args)
    return time.process_time() - start


def import_cost() -> None:
    """Cold imports in fresh interpreters (this venv, .pyc present), side by side."""
    modules = (
        "numpy",
        "newsflow.neardup",
        "datasketch",  # what the package would cost (it imports scipy)
        "newsflow.services.process_object",
    )
    print(f"\nCold import, ms (median of {IMPORT_RUNS} fresh interpreters each, interleaved)")
    runs: dict[str, list[float]] = {name: [] for name in ("(nothing)", *modules)}
    for _ in range(IMPORT_RUNS):
        for name, values in runs.items():
            code = "pass" if name == "(nothing)" else f"import {name}"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
            values.append(time.perf_counter() - start)
    for name, values in runs.items():
        print(f"  {name:<36}{_ms(values):>8}")


def main() -> int:
    docs = collection()
    story_quality.main()
    calls_per_article(docs)
    cpu_per_article(docs)
    import_cost()
    return 0


if __name__ == "__main__":
    sys.exit(main())
