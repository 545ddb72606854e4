"""newsflow against trafilatura on the held-out invented set (tests/fixtures/heldout_invented/).

The set is 44 article pages written for this check only (invented sites and people, English
with a few German, French and Spanish pages) in the markup of many kinds of site; nobody tunes
extraction rules on it (see its README). Both extractors get the same input, the page's bytes
and URL: newsflow's ``extract_article(...).body_text`` in this process and trafilatura's
default ``extract(html, url=url)``. ``--baseline-shared DIR`` also runs another newsflow tree
(its ``shared/`` directory first on PYTHONPATH, in a child process) to compare two versions.

Scores use the benchmark's metric (tests/support/aeb_metric.py): set F1 of mean precision and
mean recall, per page F1, empties; per layout family and overall. ``--lines`` prints, for every
page where newsflow scores below ``--below`` (default 0.95) or below trafilatura, the gold lines
it missed and the lines it added, to name the fault's kind.

Run from the repository root: ``.venv/bin/python benchmarks/heldout_invented.py [--lines]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "fixtures" / "heldout_invented"
sys.path.insert(0, str(ROOT / "tests"))

from support.aeb_metric import aggregate, page_counts, shingles, tokens  # noqa: E402

FAMILY = {  # layout kind -> family, for the per-family rows
    "arc-national": "news",
    "wpvip-regional": "news",
    "react-ssr-tech": "news",
    "wire-syndicated": "news",
    "paywall-teaser": "news",
    "multi-story": "news",
    "amp-news": "news",
    "short-brief": "news",
    "live-blog": "news",
    "science-news": "news",
    "obituary": "news",
    "opinion-column": "opinion/review",
    "film-review": "opinion/review",
    "interview-qa": "opinion/review",
    "sports-match": "sport",
    "magazine-feature": "magazine",
    "personal-blog": "blog/newsletter",
    "newsletter": "blog/newsletter",
    "newsletter-ghost": "blog/newsletter",
    "podcast-notes": "blog/newsletter",
    "recipe-blog": "blog/newsletter",
    "company-blog": "company/gov/pr",
    "gov-press": "company/gov/pr",
    "press-release-wire": "company/gov/pr",
    "university-news": "company/gov/pr",
    "explainer-table": "guide/explainer",
    "product-roundup": "guide/explainer",
    "travel-guide": "guide/explainer",
    "faq-explainer": "guide/explainer",
    "split-body-columns": "messy markup",
    "br-separated-oldcms": "messy markup",
    "layout-table-gov": "messy markup",
    "custom-elements": "messy markup",
    "email-archive": "messy markup",
    "slideshow-listicle": "messy markup",
    "heavy-comments-blog": "messy markup",
    "social-embeds": "messy markup",
}


def load_set() -> dict[str, dict]:
    truth = json.loads((SET / "truth.json").read_text(encoding="utf-8"))
    for pid, t in truth.items():
        t["html"] = (SET / "pages" / f"{pid}.html").read_bytes()
    return truth


def run_newsflow(truth: dict[str, dict]) -> dict[str, str]:
    sys.path.insert(0, os.environ.get("HELDOUT_SHARED", str(ROOT / "shared")))
    from newsflow.extract.article import extract_article

    return {pid: extract_article(t["html"], t["url"]).body_text or "" for pid, t in truth.items()}


def run_trafilatura(truth: dict[str, dict]) -> dict[str, str]:
    import trafilatura

    return {pid: trafilatura.extract(t["html"], url=t["url"]) or "" for pid, t in truth.items()}


def run_baseline(shared: str) -> dict[str, str]:
    env = dict(os.environ, HELDOUT_SHARED=shared, PYTHONPATH=shared)
    out = subprocess.run(
        [sys.executable, __file__, "--dump"], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def family(t: dict) -> str:
    return t["lang"] if t["lang"] != "en" else FAMILY.get(t["kind"], "other")


def f1_of(c: tuple[float, float, float]) -> float:
    tp, fp, fn = c
    return 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if not fp and not fn else 0.0)


def row(name: str, counts: list, preds: list[str]) -> str:
    agg = aggregate(counts)
    empty = sum(1 for p in preds if not tokens(p))
    return f"{name:<24} {agg['f1']:.4f} {agg['precision']:.4f} {agg['recall']:.4f} {empty:>5}"


def line_diff(gold: str, pred: str) -> tuple[list[str], list[str]]:
    """Gold lines mostly absent from pred (missed), pred lines mostly absent from gold (added)."""

    def absent(lines: list[str], other: str) -> list[str]:
        have = shingles(tokens(other))
        words = " ".join(tokens(other))
        out = []
        for ln in lines:
            toks = tokens(ln)
            if 0 < len(toks) < 4:
                if f" {' '.join(toks)} " not in f" {words} ":
                    out.append(ln.strip()[:110])
                continue
            s = shingles(toks)
            if s and sum(min(v, have.get(k, 0)) for k, v in s.items()) < 0.5 * sum(s.values()):
                out.append(ln.strip()[:110])
        return out

    g = [ln for ln in gold.split("\n") if ln.strip()]
    p = [ln for ln in pred.split("\n") if ln.strip()]
    return absent(g, pred), absent(p, gold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--dump", action="store_true", help="print newsflow's bodies as JSON (child mode)"
    )
    ap.add_argument("--baseline-shared", help="another tree's shared/ to score as 'newsflow-base'")
    ap.add_argument(
        "--lines", action="store_true", help="name the missed/added lines of weak pages"
    )
    ap.add_argument("--below", type=float, default=0.95)
    args = ap.parse_args()
    truth = load_set()
    if args.dump:
        print(json.dumps(run_newsflow(truth)))
        return
    runs = {"newsflow": run_newsflow(truth)}
    if args.baseline_shared:
        runs["newsflow-base"] = run_baseline(args.baseline_shared)
    runs["trafilatura"] = run_trafilatura(truth)
    ids = sorted(truth)
    counts = {
        n: {pid: page_counts(truth[pid]["articleBody"], r[pid]) for pid in ids}
        for n, r in runs.items()
    }
    print(f"{'set (' + str(len(ids)) + ' pages)':<24} {'F1':<6} {'P':<6} {'R':<6} empty")
    for n in runs:
        print(row(n, list(counts[n].values()), [runs[n][p] for p in ids]))
    groups: dict[str, list[str]] = defaultdict(list)
    for pid in ids:
        groups[family(truth[pid])].append(pid)
    print("\nper family (set F1): " + "  ".join(runs))
    for g, pids in sorted(groups.items()):
        vals = "  ".join(f"{aggregate([counts[n][p] for p in pids])['f1']:.3f}" for n in runs)
        print(f"  {g:<18} n={len(pids):<3} {vals}")
    print("\nper page F1: id kind " + " ".join(runs))
    for pid in ids:
        vals = " ".join(f"{f1_of(counts[n][pid]):.3f}" for n in runs)
        print(f"  {pid} {truth[pid]['kind']:<20} {vals}")
    if args.lines:
        for pid in ids:
            ours, traf = f1_of(counts["newsflow"][pid]), f1_of(counts["trafilatura"][pid])
            if ours >= args.below and ours >= traf:
                continue
            missed, added = line_diff(truth[pid]["articleBody"], runs["newsflow"][pid])
            print(f"\n{pid} {truth[pid]['kind']} newsflow {ours:.3f} trafilatura {traf:.3f}")
            for ln in missed:
                print(f"   - missed: {ln}")
            for ln in added:
                print(f"   + added:  {ln}")


if __name__ == "__main__":
    main()
