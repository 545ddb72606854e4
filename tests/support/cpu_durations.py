"""CPU time of each test phase, for finding what makes `make test` slow on a shared machine,
where pytest's `--durations` (wall time) mostly measures the other processes' load.

Opt-in pytest plugin: `NEWSFLOW_CPU_DURATIONS=DIR pytest -p support.cpu_durations ...` writes
one JSON file per process (per xdist worker) into DIR, a row per test phase: node id, phase
(setup / call / teardown), CPU seconds of the test process, CPU seconds of its children that
ended and were waited for in that phase (subprocesses, local stacks), wall seconds, worker,
start (Unix time). `python tests/support/cpu_durations.py DIR` sums them by module, lists the
costliest phases, and shows each worker's modules in the order it ran them, with when each
began and ended (seconds from the first test's start): the run's critical path.

A child still running when its phase ends (a module-scoped runner) is counted in the phase
that waits for it; a child that outlives its parent and is never waited for (the moto server a
`newsflow local` runner leaves for `--stop`) is counted nowhere: sample its /proc/PID/stat to
see it.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Generator
from pathlib import Path

import pytest

_ROWS: list[tuple[str, str, float, float, float, str, float]] = []


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _measured(item: pytest.Item, phase: str) -> Generator[None, object, object]:
    own, children = _cpu()
    began = time.time()
    start = time.perf_counter()
    try:
        return (yield)
    finally:
        own_after, children_after = _cpu()
        _ROWS.append(
            (
                item.nodeid,
                phase,
                round(own_after - own, 3),
                round(children_after - children, 3),
                round(time.perf_counter() - start, 3),
                os.environ.get("PYTEST_XDIST_WORKER", "main"),
                round(began, 3),
            )
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _measured(item, "setup"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _measured(item, "call"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    return (yield from _measured(item, "teardown"))


def pytest_sessionfinish() -> None:
    folder = os.environ.get("NEWSFLOW_CPU_DURATIONS")
    if folder and _ROWS:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        (Path(folder) / f"{worker}.json").write_text(json.dumps(_ROWS))


def summary(folder: Path, top: int = 30) -> str:
    """The CPU seconds (own + children) of every module and of the `top` costliest phases."""
    rows = [row for path in sorted(folder.glob("*.json")) for row in json.loads(path.read_text())]
    modules: Counter[str] = Counter()
    phases: Counter[str] = Counter()
    for nodeid, phase, own, children, *_ in rows:
        modules[nodeid.split("::")[0]] += own + children
        phases[f"{phase:8} {nodeid}"] += own + children
    lines = [f"{sum(modules.values()):8.1f} s CPU in {len(rows)} test phases", "by module:"]
    lines += [f"{seconds:8.1f}  {name}" for name, seconds in modules.most_common(top)]
    lines += ["costliest phases:"]
    lines += [f"{seconds:8.1f}  {name}" for name, seconds in phases.most_common(top)]
    return "\n".join(lines + timeline(rows, top))


def timeline(rows: list[list[object]], top: int) -> list[str]:
    """Each worker's modules in the order it ran them: `begin-end s (wall s)  module`, in
    seconds from the first test's start, the `top` longest of each worker (rows written before
    the start time was recorded are left out)."""
    spans: dict[tuple[str, str], list[float]] = {}
    for nodeid, _phase, _own, _children, wall, worker, *began in rows:
        if began:
            start = float(str(began[0]))
            span = spans.setdefault((str(worker), str(nodeid).split("::")[0]), [start, start])
            span[0] = min(span[0], start)
            span[1] = max(span[1], start + float(str(wall)))
    if not spans:
        return []
    zero = min(begin for begin, _ in spans.values())
    lines = ["timeline (per worker, longest modules, in the order run):"]
    for worker in sorted({w for w, _ in spans}):
        mine = sorted(((b, e, m) for (w, m), (b, e) in spans.items() if w == worker))
        longest = {m for _, _, m in sorted(mine, key=lambda s: s[0] - s[1])[:top]}
        lines.append(f"{worker}: ends at {mine[-1][1] - zero:.1f} s")
        lines += [
            f"  {b - zero:6.1f}-{e - zero:6.1f} ({e - b:5.1f})  {m}"
            for b, e, m in mine
            if m in longest
        ]
    return lines


if __name__ == "__main__":
    print(summary(Path(sys.argv[1])))
