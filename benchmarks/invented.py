"""newsflow against trafilatura on the invented layout set (tests/fixtures/invented/).

The set is 52 pages we wrote ourselves in the markup of kinds of site the development sets do
not over-represent (newsletters, reviews, recipes, how-tos, FAQs, live blogs, long reads,
interviews, listicles, press releases, docs-style posts, news under heavy chrome); see its
README. Both extractors get the same input, the page's bytes and URL: newsflow's
``extract_article`` (the body text) and trafilatura's default ``extract()``.

Scores use the benchmark's metric (tests/support/aeb_metric.py): per page the normalised
shingle counts, precision, recall and their F1; per layout kind and overall the benchmark's
F1 (of mean precision and mean recall) and the number of empty bodies. ``--lines`` prints,
for every page scoring below ``--below`` (default 0.95) or below trafilatura, the gold lines
newsflow missed and the lines it added, to name the fault's kind.

Run from the repository root: ``.venv/bin/python benchmarks/invented.py [--lines]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "shared"))

from support.aeb_metric import (  # noqa: E402
    aggregate,
    page_counts,
    page_precision,
    page_recall,
    shingles,
    tokens,
)

INVENTED = ROOT / "tests" / "fixtures" / "invented"


def load_pages() -> dict[str, tuple[dict[str, str], bytes]]:
    """Gold record and page bytes by page id."""
    truth = json.loads((INVENTED / "ground-truth.json").read_text(encoding="utf-8"))
    return {
        page_id: (record, gzip.decompress((INVENTED / "html" / f"{page_id}.html.gz").read_bytes()))
        for page_id, record in sorted(truth.items())
    }


def newsflow_body(page: bytes, url: str) -> str:
    from newsflow.extract.article import extract_article

    return extract_article(page, url).body_text or ""


def trafilatura_body(page: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(page, url=url) or ""


def page_f1(counts: tuple[float, float, float]) -> float:
    p, r = page_precision(counts), page_recall(counts)
    return 2 * p * r / (p + r) if p + r else 0.0


def line_faults(gold: str, got: str) -> tuple[list[str], list[str]]:
    """Gold lines mostly missing from ``got``, and lines of ``got`` mostly absent from gold."""

    def uncovered(lines: str, other: str) -> list[str]:
        have = shingles(tokens(other))
        flat = f" {' '.join(tokens(other))} "
        out = []
        for line in (x.strip() for x in lines.splitlines()):
            words = tokens(line)
            if len(words) < 4:  # one short shingle: look for the words in a row instead
                if words and f" {' '.join(words)} " not in flat:
                    out.append(line)
                continue
            grams = shingles(words)
            if sum(min(c, have[g]) for g, c in grams.items()) < 0.5 * sum(grams.values()):
                out.append(line)
        return out

    return uncovered(gold, got), uncovered(got, gold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lines", action="store_true", help="print missed and added lines")
    ap.add_argument("--below", type=float, default=0.95)
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--json", type=Path, help="write per-page scores here")
    a = ap.parse_args()
    pages = load_pages()
    extractors: dict[str, Callable[[bytes, str], str]] = {"newsflow": newsflow_body}
    if not a.no_trafilatura:
        extractors["trafilatura"] = trafilatura_body
    outputs = {
        name: {pid: fn(html, rec["url"]) for pid, (rec, html) in pages.items()}
        for name, fn in extractors.items()
    }
    counts = {
        name: {pid: page_counts(pages[pid][0]["articleBody"], out[pid]) for pid in pages}
        for name, out in outputs.items()
    }
    kinds: dict[str, list[str]] = defaultdict(list)
    for pid, (rec, _) in pages.items():
        kinds[rec["kind"]].append(pid)
    names = list(extractors)
    head = f"{'kind':<12}{'pages':>6}" + "".join(
        f"{n[:10] + ' F1':>15}{'P':>7}{'R':>7}{'empty':>6}" for n in names
    )
    print(head)
    for kind in [*sorted(kinds), "ALL"]:
        ids = list(pages) if kind == "ALL" else kinds[kind]
        row = f"{kind:<12}{len(ids):>6}"
        for n in names:
            m = aggregate([counts[n][i] for i in ids])
            empty = sum(1 for i in ids if not outputs[n][i].strip())
            row += f"{m['f1']:>15.3f}{m['precision']:>7.3f}{m['recall']:>7.3f}{empty:>6}"
        print(row)
    print()
    print(
        f"{'page':<6}{'kind':<12}{'theme':<10}"
        + "".join(f"{n[:10] + ' F1':>15}{'P':>7}{'R':>7}" for n in names)
    )
    for pid, (rec, _) in pages.items():
        row = f"{pid:<6}{rec['kind']:<12}{rec['theme']:<10}"
        for n in names:
            c = counts[n][pid]
            row += f"{page_f1(c):>15.3f}{page_precision(c):>7.3f}{page_recall(c):>7.3f}"
        print(row)
    if a.json:
        a.json.write_text(
            json.dumps(
                {n: {pid: page_f1(c) for pid, c in counts[n].items()} for n in names}, indent=1
            )
        )
    if a.lines:
        for pid, (rec, _) in pages.items():
            ours = page_f1(counts["newsflow"][pid])
            theirs = page_f1(counts["trafilatura"][pid]) if "trafilatura" in counts else 0.0
            if ours >= a.below and ours >= theirs:
                continue
            missed, added = line_faults(rec["articleBody"], outputs["newsflow"][pid])
            print(
                f"\n== {pid} {rec['kind']}/{rec['theme']}: "
                f"newsflow {ours:.3f}, trafilatura {theirs:.3f}"
            )
            for line in missed:
                print(f"  - MISSED {line[:110]}")
            for line in added:
                print(f"  + ADDED  {line[:110]}")


if __name__ == "__main__":
    main()
