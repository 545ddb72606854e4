"""Quality gate of near-duplicate grouping on the story collection (docs/stories.md)."""

from __future__ import annotations

import pytest
from support.story_collection import Copy, collection, hard_negative_pairs
from support.story_quality import (
    group,
    grouped_pairs,
    grouping_scores,
    pair_scores,
    signatures,
    true_pairs,
)

from newsflow import neardup

# The targets; the collection measures 1.000 / 1.000 at the chosen threshold.
PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.95


@pytest.fixture(scope="module")
def docs() -> list[Copy]:
    return collection()


@pytest.fixture(scope="module")
def sigs(docs: list[Copy]) -> dict[str, neardup.Signature]:
    return signatures(docs)


def test_every_document_gets_a_signature(docs: list[Copy], sigs: dict[str, object]) -> None:
    assert len(sigs) == len(docs) > 100
    assert len(true_pairs(docs)) > 300


def test_pair_precision_and_recall_at_the_threshold(
    docs: list[Copy], sigs: dict[str, neardup.Signature]
) -> None:
    result = pair_scores(docs, sigs, [neardup.JACCARD_THRESHOLD])[neardup.JACCARD_THRESHOLD]

    assert result.precision >= PRECISION_FLOOR
    assert result.recall >= RECALL_FLOOR


def test_grouping_precision_and_recall_in_several_arrival_orders(
    docs: list[Copy], sigs: dict[str, neardup.Signature]
) -> None:
    t = neardup.JACCARD_THRESHOLD
    result = grouping_scores(docs, sigs, [t], orders=4)[t]

    assert result.precision >= PRECISION_FLOOR
    assert result.recall >= RECALL_FLOOR


def test_hard_negatives_stay_below_the_threshold(
    docs: list[Copy], sigs: dict[str, neardup.Signature]
) -> None:
    pairs = hard_negative_pairs(docs)
    worst = max(neardup.similarity(sigs[a], sigs[b]) for a, b in pairs)

    assert len(pairs) > 100
    assert worst < neardup.JACCARD_THRESHOLD


def test_the_grouping_is_the_same_in_reverse_order(
    docs: list[Copy], sigs: dict[str, neardup.Signature]
) -> None:
    forward = grouped_pairs(group(docs, sigs, neardup.JACCARD_THRESHOLD))
    backward = grouped_pairs(group(list(reversed(docs)), sigs, neardup.JACCARD_THRESHOLD))

    assert forward == backward == true_pairs(docs)
