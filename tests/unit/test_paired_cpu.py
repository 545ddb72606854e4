"""The paired CPU timing of the benchmarks (tests/support/paired_cpu.py): the worker protocol,
the alternation of two real extractor processes, and the ratios' arithmetic."""

from __future__ import annotations

import io
import math
import os
import sys
from pathlib import Path

import pytest
from support.paired_cpu import WARM_UP_PAGES, PairedTimes, pair, serve

TESTS = Path(__file__).resolve().parents[1]
SAMPLE = TESTS / "metadata_sample" / "html"

# A worker extracting real sample pages with newsflow, logging "index start_ns" per call
# (CLOCK_MONOTONIC is one clock for every process, so two workers' logs interleave).
WORKER = """
import gzip, sys, time
from pathlib import Path
from newsflow.extract import extract_article
from support.paired_cpu import serve
paths = sorted(Path(sys.argv[1]).glob("*.html.gz"))[: int(sys.argv[3])]
pages = [gzip.decompress(path.read_bytes()) for path in paths]
log = open(sys.argv[2], "a", encoding="utf-8")
def extract(index):
    log.write(f"{index} {time.monotonic_ns()}\\n")
    log.flush()
    extract_article(pages[index], f"https://news.example/{index}")
serve(extract, len(pages))
"""


def _command(log: Path, pages: int) -> list[str]:
    return [sys.executable, "-c", WORKER, str(SAMPLE), str(log), str(pages)]


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }


def _log(path: Path) -> list[tuple[int, int]]:
    rows = [line.split() for line in path.read_text(encoding="utf-8").splitlines()]
    return [(int(index), int(start)) for index, start in rows]


def test_serve_warms_up_then_answers_each_request_with_cpu_seconds() -> None:
    seen: list[int] = []
    replies = io.StringIO()
    serve(seen.append, 5, requests=io.StringIO("4\n1\n\n2\n"), replies=replies)
    lines = replies.getvalue().splitlines()
    assert seen == [*range(WARM_UP_PAGES), 4, 1]  # warm-up, then requests up to the empty line
    assert lines[0] == "5"
    assert len(lines) == 3 and all(float(line) >= 0 for line in lines[1:])


def test_two_workers_see_every_page_once_in_alternating_order(tmp_path: Path) -> None:
    pages = 5
    log_a, log_b = tmp_path / "a.log", tmp_path / "b.log"
    times = pair(_command(log_a, pages), _command(log_b, pages), _env(), _env())

    calls_a, calls_b = _log(log_a), _log(log_b)
    warm = list(range(WARM_UP_PAGES))
    assert [i for i, _ in calls_a] == warm + list(range(pages))
    assert [i for i, _ in calls_b] == warm + list(range(pages))
    timed_a, timed_b = calls_a[WARM_UP_PAGES:], calls_b[WARM_UP_PAGES:]
    first = ["a" if a < b else "b" for (_, a), (_, b) in zip(timed_a, timed_b, strict=True)]
    assert first == ["a", "b", "a", "b", "a"]
    assert times.a_first == [True, False, True, False, True]
    assert len(times.a) == len(times.b) == pages
    assert all(seconds > 0 for seconds in times.a + times.b)
    assert math.isfinite(times.total_ratio) and times.total_ratio > 0


def test_pair_rejects_workers_with_different_page_counts(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="page count"):
        pair(_command(tmp_path / "a.log", 2), _command(tmp_path / "b.log", 3), _env(), _env())


def test_ratios_are_b_over_a_in_total_and_median_page() -> None:
    times = PairedTimes()
    for seconds_a, seconds_b in ((0.010, 0.020), (0.030, 0.030), (0.100, 0.050), (0.0, 0.004)):
        times.add(seconds_a, seconds_b, a_first=len(times.a) % 2 == 0)
    assert times.total_ratio == pytest.approx(0.104 / 0.140)
    # per-page ratios 2.0, 1.0, 0.5; the page where `a` took no measurable time is left out
    assert times.median_ratio == pytest.approx(1.0)
    assert times.line() == (
        "paired CPU ratio (page by page, alternating): total 0.74x, median page 1.00x, 4 pages"
    )
