"""Articles per second through the whole local pipeline, and where the time goes.

Runs the local runner in this process on a fixture site of about 200 article pages (the
development set, round robin, three publishers), one full cycle (`--once`): discovery,
fetch, processing. Reports articles per second over the cycle, and, inside the handlers,
the share of time spent in extraction versus AWS calls (moto on loopback) versus the rest.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import boto3

from newsflow.local import functions
from newsflow.local import runner as local_runner
from newsflow.services import process_object

# Free ports come from tests/support: the e2e tests use them too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.local_ports import free_port_block

ROOT = Path(__file__).resolve().parents[1]
_in_handler = threading.local()
totals: Counter[str] = Counter()


def _instrument() -> None:
    """Time extraction, AWS calls and whole invocations (benchmark-only wrappers)."""
    extract = process_object.extract_article

    def timed_extract(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return extract(*args, **kwargs)
        finally:
            totals["extract_s"] += time.perf_counter() - start
            totals["extracted"] += 1

    process_object.extract_article = timed_extract  # type: ignore[assignment]

    load = functions.load_handler

    def timed_load(root: Path, properties: dict[str, Any]) -> Any:
        handler = load(root, properties)

        def timed_handler(event: dict[str, Any], context: Any) -> Any:
            _in_handler.active = True
            start = time.perf_counter()
            try:
                return handler(event, context)
            finally:
                totals["handler_s"] += time.perf_counter() - start
                _in_handler.active = False

        return timed_handler

    functions.load_handler = timed_load  # type: ignore[assignment]

    events = boto3.DEFAULT_SESSION.events if boto3.DEFAULT_SESSION else None
    if events is None:
        boto3.setup_default_session()
        assert boto3.DEFAULT_SESSION is not None
        events = boto3.DEFAULT_SESSION.events

    def before(**_: Any) -> None:
        _in_handler.call_start = time.perf_counter()

    def after(**_: Any) -> None:
        if getattr(_in_handler, "active", False) and hasattr(_in_handler, "call_start"):
            totals["aws_s"] += time.perf_counter() - _in_handler.call_start
            totals["aws_calls"] += 1

    events.register("before-call.*.*", before)
    events.register("after-call.*.*", after)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    _instrument()
    first = free_port_block(6)
    with tempfile.TemporaryDirectory() as tmp:
        options = local_runner.Options(
            root=ROOT,
            state_dir=Path(tmp),
            api_port=first,
            aws_port=first + 1,
            site_port=first + 2,
            once=True,
            fresh=True,
            site_articles=-(-args.pages // 3),
        )
        runner = local_runner.LocalRunner(options, out=sys.stderr)
        try:
            runner.start()
            totals.clear()
            started = time.perf_counter()
            idle = runner.run_once()
            elapsed = time.perf_counter() - started
            ingested = runner.events_seen().get("ArticleIngested", 0)
        finally:
            runner.stop()
            runner.moto.stop()
    other = totals["handler_s"] - totals["extract_s"] - totals["aws_s"]
    print(f"pipeline, one cycle over {3 * options.site_articles} fixture article pages")
    print(f"  completed: {idle}; articles ingested: {ingested} in {elapsed:.1f} s")
    print(f"  articles per second: {ingested / elapsed:.1f}")
    print(f"  time inside handlers: {totals['handler_s']:.1f} s")
    for label, seconds in (
        ("extraction", totals["extract_s"]),
        (f"AWS calls ({totals['aws_calls']:.0f}, moto on loopback)", totals["aws_s"]),
        ("everything else (HTTP fetches, parsing events, politeness waits)", other),
    ):
        print(f"    {label:<66}{seconds:7.1f} s  {seconds / totals['handler_s']:6.1%}")
    return 0 if idle else 1


if __name__ == "__main__":
    sys.exit(main())
