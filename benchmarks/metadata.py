"""Metadata of news pages: newsflow vs trafilatura (+htmldate for the time), in one run.

Reads the metadata development set at ../shared/data/metadata-devset (beside the repository;
not shipped with it) and scores with the project's shared scorer
../shared/bin/score_metadata.py (its docstring defines the metrics: title exact match, authors
F1, publication date same day / same minute, body F1, language agreement, pages/s). Each
extractor runs as the scorer's batch command, a fresh child process of this script, which also
records its peak RSS; rounds alternate the order and the table shows medians of the speed and
memory (quality does not change between rounds). Exits 0 with a note when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXTRACTORS = ("newsflow", "trafilatura")
COLUMNS = (
    ("title", "title_em"),
    ("authors F1", "author_f1"),
    ("date day", "date_day"),
    ("date minute", "date_minute"),
    ("body F1", "body_f1"),
    ("language", "language_acc"),
)


def _pages(list_path: Path) -> list[tuple[str, Path, str]]:
    rows = [line.split("\t") for line in list_path.read_text(encoding="utf-8").splitlines()]
    return [(row[0], Path(row[1]), row[2] if len(row) > 2 else "") for row in rows if row[0]]


def _trafilatura_record(html: str, url: str) -> dict[str, Any]:
    import trafilatura
    from htmldate import find_date

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    published = find_date(
        html, url=url or None, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z"
    )
    if doc is None:
        return {"published_at": published}
    return {
        "title": doc.title,
        "authors": doc.author or "",  # "A; B", as the scorer splits it
        "published_at": published or doc.date,
        "body_text": doc.text or "",
        "language": doc.language,
    }


def worker(name: str, list_path: Path, rss_path: Path) -> None:
    """Child process: extract every page of the scorer's list, print one JSON line each."""
    if name == "newsflow":
        from newsflow.cli import main as newsflow_main

        newsflow_main(["extract", "--batch", str(list_path)])
    else:
        for page_id, path, url in _pages(list_path):
            html = path.read_text(encoding="utf-8", errors="replace")
            record = {"id": page_id, **_trafilatura_record(html, url)}
            print(json.dumps(record, ensure_ascii=False), flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_path.write_text(json.dumps({"peak_rss_mb": peak_mb}), encoding="utf-8")


def _score(name: str, data: Path, scorer: Path, tmp: Path) -> dict[str, Any]:
    rss_path = tmp / f"{name}.rss.json"
    command = (
        f"{sys.executable} {Path(__file__).resolve()} --worker {name} "
        f"--list {{list_path}} --rss-file {rss_path}"
    )
    out = subprocess.run(
        [sys.executable, str(scorer), "--data", str(data), "--cmd", command, "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(out)
    result["peak_rss_mb"] = json.loads(rss_path.read_text(encoding="utf-8"))["peak_rss_mb"]
    return result


def _cell(value: object, digits: int = 3) -> str:
    return f"{value:.{digits}f}" if isinstance(value, int | float) else "-"


def _table(summary: dict[str, dict[str, Any]], pages: int, rounds: int) -> str:
    head = [name for name, _ in COLUMNS] + ["pages/s", "peak RSS MB"]
    lines = [
        f"metadata development set: {pages} pages, {rounds} round(s), medians of speed/memory",
        "| extractor | " + " | ".join(head) + " |",
        "|---" * (len(head) + 1) + "|",
    ]
    for name, row in summary.items():
        cells = [_cell(row.get(key)) for _, key in COLUMNS]
        cells += [_cell(row["pages_per_s"], 1), _cell(row["peak_rss_mb"], 0)]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    base = summary["trafilatura"]["pages_per_s"]
    lines.append(f"newsflow speed / trafilatura: {summary['newsflow']['pages_per_s'] / base:.2f}x")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "metadata-devset")
    parser.add_argument("--scorer", type=Path, help="default: DATA/../../bin/score_metadata.py")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--worker", choices=EXTRACTORS, help=argparse.SUPPRESS)
    parser.add_argument("--list", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rss-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.list, args.rss_file)
        return 0
    args.scorer = args.scorer or args.data.parent.parent / "bin" / "score_metadata.py"
    missing = [p for p in (args.data / "truth.json", args.scorer) if not p.exists()]
    if missing:
        print(f"bench-metadata: skipped, not found: {', '.join(map(str, missing))}")
        print("(the metadata dev set and its scorer live in ../shared beside the repository)")
        return 0

    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in EXTRACTORS}
    with tempfile.TemporaryDirectory() as tmp:
        for round_no in range(args.rounds):
            order = EXTRACTORS if round_no % 2 == 0 else EXTRACTORS[::-1]
            for name in order:
                runs[name].append(_score(name, args.data, args.scorer, Path(tmp)))
    summary = {}
    for name, results in runs.items():
        row = dict(results[0])
        for key in ("pages_per_s", "peak_rss_mb"):
            row[key] = statistics.median(float(r[key]) for r in results)
        summary[name] = row
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        pages = int(summary["newsflow"].get("pages", 0))
        print(_table(summary, pages, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
