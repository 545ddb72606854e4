"""Pair precision and recall of near-duplicate grouping on the story collection (tests/support/
story_collection.py): the threshold curve of docs/stories.md and the quality gate's numbers.

Two measurements per threshold:
- pairs: a pair is called a copy when its estimated Jaccard (MinHash) is at or above it;
- grouping: documents arrive one by one and join stories as the process path decides (LSH band
  candidates, then the earliest story whose first copy is similar enough), in the collection's
  order and in shuffled orders; two documents in one story are a predicted pair.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import combinations

from newsflow import neardup
from support.story_collection import Copy, collection

THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8)
_EPOCH = datetime(2019, 11, 19, tzinfo=UTC)


@dataclass(frozen=True)
class Score:
    """Pair precision and recall (1.0 when nothing was predicted or expected)."""

    precision: float
    recall: float
    predicted: int
    expected: int


def score(predicted: set[tuple[str, str]], expected: set[tuple[str, str]]) -> Score:
    """Precision and recall of `predicted` pairs against `expected` ones (sorted id pairs)."""
    hits = len(predicted & expected)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(expected) if expected else 1.0
    return Score(precision, recall, len(predicted), len(expected))


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def true_pairs(docs: Sequence[Copy]) -> set[tuple[str, str]]:
    """Pairs of documents of the same story."""
    return {_pair(a.doc_id, b.doc_id) for a, b in combinations(docs, 2) if a.story == b.story}


def signatures(docs: Iterable[Copy]) -> dict[str, neardup.Signature]:
    """Each document's signature (every document of the collection has enough words)."""
    found = {doc.doc_id: neardup.signature(doc.text) for doc in docs}
    return {doc_id: sig for doc_id, sig in found.items() if sig is not None}


def pair_scores(
    docs: Sequence[Copy], sigs: dict[str, neardup.Signature], thresholds: Iterable[float]
) -> dict[float, Score]:
    """The pair classifier's precision and recall at each threshold."""
    expected = true_pairs(docs)
    similar = [
        (_pair(a.doc_id, b.doc_id), neardup.similarity(sigs[a.doc_id], sigs[b.doc_id]))
        for a, b in combinations(docs, 2)
    ]
    return {t: score({pair for pair, value in similar if value >= t}, expected) for t in thresholds}


def group(
    order: Sequence[Copy], sigs: dict[str, neardup.Signature], threshold: float
) -> dict[str, str]:
    """Story id per document when they arrive in `order`, decided as the process path does:
    candidates from shared bands, then `neardup.choose_story` against their first copies.
    A document's time is its arrival index (the earliest copy founds the story)."""
    bands: dict[str, list[str]] = {}
    roots: dict[str, neardup.StoryRoot] = {}
    story_of: dict[str, str] = {}
    for index, doc in enumerate(order):
        sig = sigs[doc.doc_id]
        keys = neardup.band_keys(sig)
        candidates = neardup.rank_candidates((bands.get(key, []) for key in keys), doc.doc_id)
        match = neardup.choose_story(sig, (roots[c] for c in candidates), threshold)
        if match is None:
            roots[doc.doc_id] = neardup.StoryRoot(
                doc.doc_id, sig, _EPOCH + timedelta(minutes=index)
            )
            for key in keys:
                bands.setdefault(key, []).append(doc.doc_id)
            story_of[doc.doc_id] = doc.doc_id
        else:
            story_of[doc.doc_id] = match.story_id
    return story_of


def grouped_pairs(story_of: dict[str, str]) -> set[tuple[str, str]]:
    """Pairs of documents that ended in one story."""
    return {_pair(a, b) for a, b in combinations(story_of, 2) if story_of[a] == story_of[b]}


def grouping_scores(
    docs: Sequence[Copy],
    sigs: dict[str, neardup.Signature],
    thresholds: Iterable[float],
    orders: int,
) -> dict[float, Score]:
    """Grouping precision and recall at each threshold, pooled over the collection's order and
    `orders` - 1 shuffled orders (seeded)."""
    expected = true_pairs(docs)
    sequences = [list(docs)]
    rng = random.Random(16)
    for _ in range(orders - 1):
        shuffled = list(docs)
        rng.shuffle(shuffled)
        sequences.append(shuffled)
    results = {}
    for t in thresholds:
        hits = predicted = 0
        for sequence in sequences:
            pairs = grouped_pairs(group(sequence, sigs, t))
            hits += len(pairs & expected)
            predicted += len(pairs)
        results[t] = Score(
            hits / predicted if predicted else 1.0,
            hits / (len(expected) * len(sequences)),
            predicted,
            len(expected) * len(sequences),
        )
    return results


def main() -> None:
    """Print the curve as a Markdown table (docs/stories.md)."""
    docs = collection()
    sigs = signatures(docs)
    pairs = pair_scores(docs, sigs, THRESHOLDS)
    grouped = grouping_scores(docs, sigs, THRESHOLDS, orders=10)
    stories = len({doc.story for doc in docs})
    print(f"{len(docs)} documents, {stories} stories, {len(true_pairs(docs))} true pairs")
    print(f"shingles of {neardup.SHINGLE_WORDS} words, {neardup.BANDS}x{neardup.ROWS} bands")
    print("| threshold | pair P | pair R | grouping P | grouping R | LSH candidate prob. |")
    print("|---:|---:|---:|---:|---:|---:|")
    for t in THRESHOLDS:
        p, g = pairs[t], grouped[t]
        mark = " **(chosen)**" if t == neardup.JACCARD_THRESHOLD else ""
        print(
            f"| {t:.2f}{mark} | {p.precision:.3f} | {p.recall:.3f} | {g.precision:.3f} "
            f"| {g.recall:.3f} | {neardup.candidate_probability(t):.3f} |"
        )


if __name__ == "__main__":
    main()
