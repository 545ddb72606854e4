"""newsflow vs trafilatura on the development set, side by side in one run.

Each round runs every extractor in a fresh child process (so imports and peak memory are
its own), alternating the order; we report the median over rounds of extraction speed, the
import time, the peak RSS and the benchmark's F1 / precision / recall.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from aeb_metric import evaluate

EXTRACTORS = ("newsflow", "trafilatura", "trafilatura-precision")


def load_pages(data: Path) -> list[tuple[str, bytes, str]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (pid, gzip.decompress((data / "html" / f"{pid}.html.gz").read_bytes()), truth[pid]["url"])
        for pid in sorted(truth)
    ]


def worker(name: str, data: Path) -> None:
    """Child process: import one extractor, extract every page, print a JSON report."""
    pages = load_pages(data)
    start = time.perf_counter()
    if name == "newsflow":
        from newsflow.extract import extract_article

        def run(html: bytes, url: str) -> str:
            return extract_article(html, url).body_text
    else:
        import trafilatura

        precision = name == "trafilatura-precision"

        def run(html: bytes, url: str) -> str:
            text = trafilatura.extract(
                html.decode("utf-8", "replace"),
                url=url,
                include_comments=False,
                favor_precision=precision,
            )
            return text or ""

    imported = time.perf_counter()
    texts = {pid: run(html, url) for pid, html, url in pages}
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "texts": texts,
                "import_seconds": imported - start,
                "extract_seconds": done - imported,
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("tests/devset"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worker", choices=EXTRACTORS)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data)
        return 0

    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in EXTRACTORS}
    for round_no in range(args.rounds):
        order = EXTRACTORS if round_no % 2 == 0 else tuple(reversed(EXTRACTORS))
        for name in order:
            out = subprocess.run(
                [sys.executable, __file__, "--worker", name, "--data", str(args.data)],
                check=True,
                capture_output=True,
            ).stdout
            runs[name].append(json.loads(out))

    pages = len(truth)
    summary = {}
    for name, reports in runs.items():
        texts = reports[0]["texts"]
        assert isinstance(texts, dict)
        scores = evaluate(
            [(truth[pid]["articleBody"], texts.get(pid, "")) for pid in sorted(truth)],
            n_bootstrap=0,
        )
        extract_s = statistics.median(float(r["extract_seconds"]) for r in reports)  # type: ignore[arg-type]
        import_s = statistics.median(float(r["import_seconds"]) for r in reports)  # type: ignore[arg-type]
        summary[name] = {
            "f1": round(float(scores["f1"]), 4),  # type: ignore[arg-type]
            "precision": round(float(scores["precision"]), 4),  # type: ignore[arg-type]
            "recall": round(float(scores["recall"]), 4),  # type: ignore[arg-type]
            "pages_per_second": round(pages / extract_s, 1),
            "pages_per_second_with_import": round(pages / (extract_s + import_s), 1),
            "import_seconds": round(import_s, 3),
            "peak_rss_mb": round(statistics.median(float(r["max_rss_mb"]) for r in reports), 1),  # type: ignore[arg-type]
        }
    base = summary["trafilatura"]["pages_per_second"]
    for entry in summary.values():
        entry["speed_vs_trafilatura"] = round(entry["pages_per_second"] / base, 2)
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"development set: {pages} pages, {args.rounds} rounds, medians")
    cols = (
        "f1",
        "precision",
        "recall",
        "pages_per_second",
        "speed_vs_trafilatura",
        "import_seconds",
        "peak_rss_mb",
    )
    print(f"{'extractor':<24}" + "".join(f"{c:>22}" for c in cols))
    for name, entry in summary.items():
        print(f"{name:<24}" + "".join(f"{entry[c]!s:>22}" for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main())
