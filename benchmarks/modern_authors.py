"""Authors of newsflow on the modern development set, against its ground truth (issue 9).

The modern set (../shared/data/modern-devset beside the repository; not shipped with it) has
an ``author`` display string for most pages ("Danielle DeSiato, Donna Enzmann, and Natalie
Nguyen", "Dylan Bailey, MS, RD, FAND", "Everfit Team"; null where the page names none). Its
truth was drafted by a language model and reviewed: read the page before trusting a
mismatch. No one tuned on it for authors before, so it is a second, independent check beside
the metadata set (``benchmarks/metadata.py``).

The string is split into names by the metadata set's convention (its README: every named
author, organisations included; no roles, no "By"): at ";", " / ", ", and", " and ", " & ",
" with " and ","; a comma piece of post-nominal letters only ("MS", "M.D. FACLM", "E-RYT
200": capitals, dots, hyphens and numbers) is dropped. The few strings that need a reading
(a job title after a comma, "Last, First") are in ``READINGS``, keyed by the string. Names
compare as their casefolded word tokens (the metadata scorer's relaxed form); P/R/F1 are
micro over all pages, a page without an author counting its predicted names as false.

  python benchmarks/modern_authors.py [--data DIR] [--list] [--save OUT.json]
      [--compare OLD.json]

``--save`` writes each page's predicted names; ``--compare`` lists the pages whose names
differ from such a file, better or worse by the page's F1. Exits 0 with a note when the data
is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "modern-devset"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
# Strings whose names need a reading, not a split.
READINGS = {
    "Paul Frew, Home and Digital Security Expert": ["Paul Frew"],
    "Agatha Caleo, Candidate Representative to the Candidate Liaison Committee": ["Agatha Caleo"],
    "Nicole Forbes, Master Horticulturalist & Garden Educator": ["Nicole Forbes"],
    "Kaufman, Jeff T.": ["Kaufman, Jeff T."],
    "AAA Travel Editor, SMT": ["AAA Travel Editor"],
    "Laura / House Plant House": ["Laura"],
    "The Team, edited by Walter": ["The Team"],
}
_SEPARATOR = re.compile(r"\s*(?:;|\s/\s|,\s*and\s|\sand\s|\s&\s|\swith\s|,)\s*")
_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Z.\-]*[A-Z.]|\d+)$")
_MAX_CREDENTIAL_CHARS = 6
_WORD = re.compile(r"\w+")


def truth_names(display: str | None) -> list[str]:
    """The names in a ground-truth ``author`` string; [] for None or ""."""
    if not display:
        return []
    if display in READINGS:
        return READINGS[display]
    names = []
    for piece in _SEPARATOR.split(display):
        words = piece.split()
        credential = all(_CREDENTIAL.match(w) for w in words)
        if words and not (credential and len(words[0]) <= _MAX_CREDENTIAL_CHARS):
            names.append(piece.strip())
    return names or [display.strip()]  # an acronym alone names an organisation ("JWU")


def key(name: str) -> str:
    """A name's comparison key: its casefolded word tokens."""
    return " ".join(_WORD.findall(name.casefold()))


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0
    pages_equal: int = 0
    pages: int = 0

    def add(self, truth: set[str], predicted: set[str]) -> None:
        self.true_positives += len(truth & predicted)
        self.predicted += len(predicted)
        self.expected += len(truth)
        self.pages_equal += truth == predicted
        self.pages += 1

    def line(self, label: str) -> str:
        precision = self.true_positives / self.predicted if self.predicted else 1.0
        recall = self.true_positives / self.expected if self.expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (
            f"{label}: authors P {precision:.3f} R {recall:.3f} F1 {f1:.3f}  "
            f"equal sets {self.pages_equal}/{self.pages}"
        )


def page_f1(truth: set[str], predicted: set[str]) -> float:
    if not truth and not predicted:
        return 1.0
    return 2 * len(truth & predicted) / (len(truth) + len(predicted))


def predict(data: Path, truth: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """newsflow's author names for every page of the set, by page id."""
    from newsflow.extract import extract_article  # imported after the data check

    names = {}
    for page_id, values in sorted(truth.items()):
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        url = str(values.get("url") or f"https://example.com/{page_id}")
        article = extract_article(html, url, fetched_at=FETCHED)
        names[page_id] = [author.name for author in article.authors]
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--list", action="store_true", help="print every page that differs")
    parser.add_argument("--save", type=Path, help="write the predicted names as JSON")
    parser.add_argument("--compare", type=Path, help="pages that differ from a --save file")
    args = parser.parse_args(argv)
    truth_file = args.data / "ground-truth.json"
    if not truth_file.exists():
        print(f"no modern dev set at {args.data}: nothing to score")
        return 0
    truth = json.loads(truth_file.read_text())
    predicted = predict(args.data, truth)
    every, named = Score(), Score()
    for page_id, values in sorted(truth.items()):
        display = values.get("author")
        expected = {key(n) for n in truth_names(display)}
        got = {key(n) for n in predicted[page_id]}
        every.add(expected, got)
        if display:
            named.add(expected, got)
        if args.list and expected != got:
            print(f"{page_id}\t{display!r}\t{predicted[page_id]}")
    print(every.line(f"all {every.pages} pages"))
    print(named.line(f"{named.pages} pages naming an author"))
    if args.save:
        args.save.write_text(json.dumps(predicted, ensure_ascii=False, indent=0))
    if args.compare:
        compare(truth, json.loads(args.compare.read_text()), predicted)
    return 0


def compare(
    truth: dict[str, dict[str, Any]], old: dict[str, list[str]], new: dict[str, list[str]]
) -> None:
    """Print the pages whose names differ between `old` and `new`, better or worse."""
    better = worse = 0
    for page_id, values in sorted(truth.items()):
        display = values.get("author")
        expected = {key(n) for n in truth_names(display)}
        before = {key(n) for n in old.get(page_id, [])}
        after = {key(n) for n in new.get(page_id, [])}
        if before == after:
            continue
        change = page_f1(expected, after) - page_f1(expected, before)
        verdict = "better" if change > 0 else "worse" if change < 0 else "same"
        better, worse = better + (change > 0), worse + (change < 0)
        print(f"{verdict}\t{page_id}\t{display!r}\t{old.get(page_id)} -> {new.get(page_id)}")
    print(f"pages better {better}, worse {worse}")


if __name__ == "__main__":
    sys.exit(main())
