"""Metadata of news pages: newsflow vs trafilatura (+htmldate for the time), in one run.

Reads the metadata development set at ../shared/data/metadata-devset (beside the repository;
not shipped with it) and scores with the project's shared scorer
../shared/bin/score_metadata.py (its docstring defines the metrics: title exact match, authors
F1, publication date same day / same minute, body F1, language agreement, pages/s). Each
extractor runs as the scorer's batch command, a fresh child process of this script; rounds
alternate the order and the table shows medians of the speed and memory (quality does not
change between rounds). Exits 0 with a note when the data is absent.

Both read the same page bytes from the scorer's list. Two speeds: the scorer's (pages over the
wall time of the whole command: interpreter start, imports, extraction, output) and the
extraction's, timed inside the child after its imports:
- newsflow: per page ``extract_article(bytes, url)``, one JSON line out in the CLI's batch
  format (``newsflow extract --batch`` does the same, but its module also imports the other
  commands, numpy among them: about 20 MB that are the CLI's, not extraction's). Its body is
  scored by this set's convention: ``Article.standfirst`` then ``body_text`` (see
  ``metadata_body``); the CLI and the 2019 body benchmark give ``body_text`` alone;
- trafilatura: per page ``bare_extraction(bytes, url=url, with_metadata=True)`` and htmldate's
  ``find_date(bytes, url=url, original_date=True)`` for the time of day, one JSON line out.
The extraction is timed in wall time and in the child's CPU time (``time.process_time``): on
a shared machine the CPU ratio is the fair one, the wall time also counts other processes'
turns. Memory is the child's peak RSS from the kernel (``ru_maxrss``, libxml2's trees included) and
its growth over the RSS after the imports (what extraction itself holds).

``--baseline DIR`` adds the row "newsflow-baseline": newsflow imported from another revision's
tree (its ``shared/`` first on ``PYTHONPATH``; make one with ``git worktree add DIR REV``), run in
the same rounds, so a change is measured before and after beside trafilatura.

Last, a paired CPU ratio that the machine's load drift does not move (``tests/support/
paired_cpu.py``): one newsflow and one trafilatura + htmldate worker, both alive at once, take
turns on each page (order alternating page by page), each timing its own CPU for the same
record functions as above (and their JSON line), after its imports and a warm-up on the first
pages. It reads the set's pages itself (gzip bytes and truth URL; newsflow gets a ``file:`` URL
when there is none) and reports trafilatura's CPU seconds over newsflow's, in total and the
median page (>1: newsflow faster). ``--no-paired`` leaves it out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The paired timing lives in tests/support, shared with benchmarks/extract.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.paired_cpu import PairedTimes, pair, serve

if TYPE_CHECKING:
    from newsflow.models import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXTRACTORS = ("newsflow", "trafilatura")
BASELINE = "newsflow-baseline"
_MEDIANS = (
    "pages_per_s",
    "extraction_pages_per_s",
    "extraction_cpu_pages_per_s",
    "peak_rss_mb",
    "extraction_rss_mb",
)
COLUMNS = (
    ("title", "title_em"),
    ("authors F1", "author_f1"),
    ("date day", "date_day"),
    ("date minute", "date_minute"),
    ("body F1", "body_f1"),
    ("language", "language_acc"),
)


def metadata_body(article: Article) -> str:
    """The body as the metadata set's reference writes it: the standfirst, then the body.

    That set's README: "`body`: the lead/summary paragraphs, then subheadings and paragraphs".
    newsflow keeps the standfirst in its own field (`Article.standfirst`), never in
    `body_text`, as the 2019 article-extraction gold does (it leaves the standfirst out);
    `benchmarks/extract.py` scores `body_text` alone.
    """
    parts = [article.standfirst] if article.standfirst else []
    return "\n\n".join([*parts, article.body_text])


def _pages(list_path: Path) -> list[tuple[str, Path, str]]:
    rows = [line.split("\t") for line in list_path.read_text(encoding="utf-8").splitlines()]
    return [(row[0], Path(row[1]), row[2] if len(row) > 2 else "") for row in rows if row[0]]


def _trafilatura_record(html: bytes, url: str) -> dict[str, Any]:
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


def _newsflow_record(html: bytes, url: str) -> dict[str, Any]:
    from newsflow.extract import extract_article

    article = extract_article(html, url)
    record = article.model_dump(mode="json")
    record["body_text"] = record["text"] = metadata_body(article)
    return record


def worker(name: str, list_path: Path, rss_path: Path) -> None:
    """Child process: extract every page of the scorer's list, print one JSON line each, and
    write its timings and memory to `rss_path`: besides the peak, the page that raised the
    peak most (`largest_rss_step`) and the packages first imported while extracting
    (`lazy_imports`: loaded on some pages only, then held)."""
    start = time.perf_counter()
    if name == "newsflow":
        import newsflow.extract  # noqa: F401 - imported here so that its import is not timed

        extract, file_url = _newsflow_record, True
    else:
        import htmldate  # noqa: F401 - imported here so that its import is not timed as extraction
        import trafilatura  # noqa: F401

        extract, file_url = _trafilatura_record, False
    imported, imported_rss = time.perf_counter(), _max_rss_mb()
    modules = set(sys.modules)
    step = (0.0, "")
    cpu_start = time.process_time()
    for page_id, path, url in _pages(list_path):
        before = _max_rss_mb()
        page_url = (url or path.resolve().as_uri()) if file_url else url
        record = {"id": page_id, **extract(path.read_bytes(), page_url)}
        print(json.dumps(record, ensure_ascii=False), flush=True)
        step = max(step, (_max_rss_mb() - before, page_id))
    done, peak_mb = time.perf_counter(), _max_rss_mb()
    report = {
        "peak_rss_mb": peak_mb,
        "extraction_rss_mb": peak_mb - imported_rss,
        "largest_rss_step": step,
        "lazy_imports": sorted({m.split(".")[0] for m in set(sys.modules) - modules} - {""}),
        "import_seconds": imported - start,
        "extract_seconds": done - imported,
        "extract_cpu_seconds": time.process_time() - cpu_start,
    }
    rss_path.write_text(json.dumps(report), encoding="utf-8")


def paired_worker(name: str, data: Path) -> None:
    """Child process of the paired ratio: serve `name`'s record of each page of `data`."""
    if name == "newsflow":
        import newsflow.extract  # noqa: F401 - imported before the warm-up and the timing

        extract = _newsflow_record
    else:
        import htmldate  # noqa: F401 - imported before the warm-up and the timing
        import trafilatura  # noqa: F401

        extract = _trafilatura_record
    truth = json.loads((data / "truth.json").read_text(encoding="utf-8"))
    pages = [
        (gzip.decompress((data / "html" / f"{pid}.html.gz").read_bytes()), truth[pid]["url"])
        for pid in sorted(truth)
    ]
    if name == "newsflow":  # as the scorer's list gives it a file URL when the truth has none
        pages = [(html, url or f"file:///{i}.html") for i, (html, url) in enumerate(pages)]
    serve(lambda index: json.dumps(extract(*pages[index]), ensure_ascii=False), len(pages))


def _paired(data: Path) -> PairedTimes:
    """newsflow (a) against trafilatura + htmldate (b), page by page in two live workers."""
    command = [sys.executable, __file__, "--data", str(data), "--paired-worker"]
    return pair([*command, "newsflow"], [*command, "trafilatura"])


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _score(
    name: str, data: Path, scorer: Path, tmp: Path, baseline: Path | None = None
) -> dict[str, Any]:
    rss_path = tmp / f"{name}.rss.json"
    worker = "newsflow" if name == BASELINE else name
    command = (
        f"{sys.executable} {Path(__file__).resolve()} --worker {worker} "
        f"--list {{list_path}} --rss-file {rss_path}"
    )
    env = dict(os.environ)
    if name == BASELINE and baseline is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(baseline / "shared"), env.get("PYTHONPATH")) if p
        )
    out = subprocess.run(
        [sys.executable, str(scorer), "--data", str(data), "--cmd", command, "--json"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    result: dict[str, Any] = json.loads(out)
    report = json.loads(rss_path.read_text(encoding="utf-8"))
    result.update(report)
    result["extraction_pages_per_s"] = result.get("pages", 0) / report["extract_seconds"]
    result["extraction_cpu_pages_per_s"] = result.get("pages", 0) / report["extract_cpu_seconds"]
    return result


def _cell(value: object, digits: int = 3) -> str:
    return f"{value:.{digits}f}" if isinstance(value, int | float) else "-"


def _table(summary: dict[str, dict[str, Any]], pages: int, rounds: int, load: str) -> str:
    head = [name for name, _ in COLUMNS]
    head += ["pages/s (command)", "pages/s (extraction)", "pages/s (extraction CPU)"]
    head += ["peak RSS MB", "extraction RSS MB"]
    lines = [
        f"metadata development set: {pages} pages, {rounds} round(s), medians of speed/memory;"
        f" load average {load}",
        "| extractor | " + " | ".join(head) + " |",
        "|---" * (len(head) + 1) + "|",
    ]
    for name, row in summary.items():
        cells = [_cell(row.get(key)) for _, key in COLUMNS]
        cells += [_cell(row[key], 1) for key in _MEDIANS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for name, row in summary.items():
        megabytes, page = row["largest_rss_step"]
        lazy = ", ".join(m for m in row["lazy_imports"] if not m.startswith("_")) or "none"
        lines.append(
            f"{name} (round 1): largest peak step +{megabytes:.1f} MB on {page or '-'};"
            f" imported while extracting: {lazy}"
        )
    for name in (n for n in summary if n != "trafilatura"):
        ratios = (
            summary[name][key] / summary["trafilatura"][key]
            for key in ("pages_per_s", "extraction_pages_per_s", "extraction_cpu_pages_per_s")
        )
        lines.append(
            f"{name} speed / trafilatura: "
            "command {:.2f}x, extraction {:.2f}x, extraction CPU {:.2f}x".format(*ratios)
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "metadata-devset")
    parser.add_argument("--scorer", type=Path, help="default: DATA/../../bin/score_metadata.py")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--baseline", type=Path, help="another revision's tree: newsflow from it, side by side"
    )
    parser.add_argument("--no-paired", action="store_true", help="leave out the paired ratio")
    parser.add_argument("--worker", choices=EXTRACTORS, help=argparse.SUPPRESS)
    parser.add_argument("--paired-worker", choices=EXTRACTORS, help=argparse.SUPPRESS)
    parser.add_argument("--list", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rss-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.list, args.rss_file)
        return 0
    if args.paired_worker:
        paired_worker(args.paired_worker, args.data)
        return 0
    args.scorer = args.scorer or args.data.parent.parent / "bin" / "score_metadata.py"
    missing = [p for p in (args.data / "truth.json", args.scorer) if not p.exists()]
    if missing:
        print(f"bench-metadata: skipped, not found: {', '.join(map(str, missing))}")
        print("(the metadata dev set and its scorer live in ../shared beside the repository)")
        return 0

    names = EXTRACTORS + ((BASELINE,) if args.baseline else ())
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for round_no in range(args.rounds):
            order = names if round_no % 2 == 0 else names[::-1]
            for name in order:
                runs[name].append(_score(name, args.data, args.scorer, Path(tmp), args.baseline))
    summary = {}
    for name, results in runs.items():
        row = dict(results[0])
        for key in _MEDIANS:
            row[key] = statistics.median(float(r[key]) for r in results)
        summary[name] = row
    paired = None if args.no_paired else _paired(args.data)
    if paired is not None:
        summary["newsflow"]["paired_cpu_ratio"] = paired.total_ratio
        summary["newsflow"]["paired_cpu_median_page_ratio"] = paired.median_ratio
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        pages = int(summary["newsflow"].get("pages", 0))
        print(_table(summary, pages, args.rounds, f"{load_before:.1f} -> {os.getloadavg()[0]:.1f}"))
        if paired is not None:
            print(f"newsflow / trafilatura + htmldate, {paired.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
