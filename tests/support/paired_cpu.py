"""Paired CPU timing: two extractors in two long-lived processes, alternating page by page.

On a shared machine the load drifts while one extractor's child runs the whole set and then the
other's does, so a ratio of two such runs swings by 0.1-0.3 between runs. Here both workers are
alive at once and take turns on the same page (A then B on even pages, B then A on odd ones),
each timing its own CPU (``time.process_time``) for that page only, after its imports and a
warm-up on the first pages, so both see the same load within a second of each other.

Protocol (text lines on the worker's stdin / stdout): after importing and warming up, the
worker prints its page count; then for each page index it reads, it extracts that page and
prints the CPU seconds it took. An empty line or end of input stops it.

Used by ``benchmarks/metadata.py`` and ``benchmarks/extract.py``; ``serve`` runs in the
worker, ``pair`` in the benchmark.
"""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO

WARM_UP_PAGES = 3


def serve(
    extract: Callable[[int], object],
    count: int,
    warm_up: int = WARM_UP_PAGES,
    requests: IO[str] | None = None,
    replies: IO[str] | None = None,
) -> None:
    """Worker side: extract pages 0..warm_up-1 untimed, print `count`, then answer each page
    index read from `requests` (default stdin) with the CPU seconds of `extract(index)` on
    `replies` (default stdout). Returns at an empty line or end of input."""
    requests = requests or sys.stdin
    replies = replies or sys.stdout
    for index in range(min(warm_up, count)):
        extract(index)
    replies.write(f"{count}\n")
    replies.flush()
    for line in requests:
        if not line.strip():
            return
        index = int(line)
        start = time.process_time()
        extract(index)
        replies.write(f"{time.process_time() - start!r}\n")
        replies.flush()


@dataclass
class PairedTimes:
    """CPU seconds per page of worker `a` and worker `b`, and who went first on each page."""

    a: list[float] = field(default_factory=list)
    b: list[float] = field(default_factory=list)
    a_first: list[bool] = field(default_factory=list)

    def add(self, seconds_a: float, seconds_b: float, a_first: bool) -> None:
        self.a.append(seconds_a)
        self.b.append(seconds_b)
        self.a_first.append(a_first)

    @property
    def total_ratio(self) -> float:
        """Speed of `a` relative to `b` over all pages: b's CPU seconds / a's (>1: a faster)."""
        return sum(self.b) / sum(self.a) if sum(self.a) else float("nan")

    @property
    def median_ratio(self) -> float:
        """The median over pages of b's CPU seconds / a's for that page (pages where `a` took no
        measurable time are left out)."""
        ratios = [b / a for a, b in zip(self.a, self.b, strict=True) if a > 0]
        return statistics.median(ratios) if ratios else float("nan")

    def line(self) -> str:
        """The benchmarks' report line."""
        return (
            f"paired CPU ratio (page by page, alternating): total {self.total_ratio:.2f}x,"
            f" median page {self.median_ratio:.2f}x, {len(self.a)} pages"
        )


def _spawn(command: Sequence[str], env: Mapping[str, str] | None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        list(command),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(env) if env is not None else None,
    )


def _ask(worker: subprocess.Popen[str], index: int) -> float:
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write(f"{index}\n")
    worker.stdin.flush()
    reply = worker.stdout.readline()
    if not reply:
        raise RuntimeError(f"paired worker {worker.args!r} ended before page {index}")
    return float(reply)


def pair(
    command_a: Sequence[str],
    command_b: Sequence[str],
    env_a: Mapping[str, str] | None = None,
    env_b: Mapping[str, str] | None = None,
    limit: int | None = None,
) -> PairedTimes:
    """Start both workers (each a command running `serve`), check they hold the same number of
    pages, and time every page (the first `limit`, if given) in both, `a` first on even pages,
    `b` first on odd ones. Raises RuntimeError when a worker ends early or the counts differ."""
    workers = (_spawn(command_a, env_a), _spawn(command_b, env_b))
    try:
        counts = [int(w.stdout.readline() or -1) for w in workers if w.stdout is not None]
        if len(set(counts)) != 1 or counts[0] < 0:
            raise RuntimeError(f"paired workers disagree on the page count: {counts}")
        times = PairedTimes()
        for index in range(min(counts[0], limit) if limit is not None else counts[0]):
            a_first = index % 2 == 0
            if a_first:
                seconds_a = _ask(workers[0], index)
                seconds_b = _ask(workers[1], index)
            else:
                seconds_b = _ask(workers[1], index)
                seconds_a = _ask(workers[0], index)
            times.add(seconds_a, seconds_b, a_first)
        return times
    finally:
        for worker in workers:
            with contextlib.suppress(OSError):  # a worker that crashed has closed its end
                if worker.stdin is not None:
                    worker.stdin.close()
            worker.wait()
            if worker.stdout is not None:
                worker.stdout.close()
