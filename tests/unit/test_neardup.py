"""Near-duplicate signatures, band keys and the story decision (newsflow.neardup)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from support.story_collection import collection

from newsflow import neardup

DOCS = {doc.doc_id: doc.text for doc in collection()}
T0 = datetime(2019, 11, 19, 10, tzinfo=UTC)


def test_words_ignore_case_punctuation_and_unicode_forms() -> None:
    assert neardup.words("“Meth. We’re ON it,” said ﬁve officials") == neardup.words(
        '"meth we\'re on it" said five officials'
    )


def test_a_body_below_the_minimum_words_has_no_signature() -> None:
    assert neardup.signature("Markets rose on Tuesday. " * 7) is None  # 28 words
    assert neardup.signature("Markets rose on Tuesday. " * 10) is not None


def test_signature_bytes_round_trip_and_reject_other_lengths() -> None:
    sig = neardup.signature(DOCS["14cc2a0c-original"])
    assert sig is not None

    data = sig.to_bytes()

    assert len(data) == neardup.NUM_PERM * 4
    assert neardup.similarity(neardup.Signature.from_bytes(data), sig) == 1.0
    with pytest.raises(neardup.SignatureError):
        neardup.Signature.from_bytes(data[:-4])


def test_the_same_body_gives_the_same_bands_and_a_copy_shares_many() -> None:
    original = neardup.signature(DOCS["14cc2a0c-original"])
    again = neardup.signature(DOCS["14cc2a0c-original"])
    copy = neardup.signature(DOCS["14cc2a0c-paragraph_inserted"])
    other = neardup.signature(DOCS["6ebac05f-original"])  # another story
    assert original and again and copy and other

    keys = neardup.band_keys(original)

    assert keys == neardup.band_keys(again)
    assert len(set(keys)) == neardup.BANDS
    assert len(set(keys) & set(neardup.band_keys(copy))) > neardup.BANDS // 2
    assert not set(keys) & set(neardup.band_keys(other))


def test_candidates_rank_by_shared_bands_and_leave_out_the_article_itself() -> None:
    bands = [("b", "a", "self"), ("b",), ("c", "b"), ("a",)]

    assert neardup.rank_candidates(bands, exclude="self") == ["b", "a", "c"]


def test_the_earliest_similar_story_wins_whatever_the_order() -> None:
    article = _sig("6ebac05f-template")
    roots = [
        neardup.StoryRoot("later-copy", _sig("6ebac05f-rewrapped"), T0 + timedelta(hours=1)),
        neardup.StoryRoot("earlier-copy", _sig("6ebac05f-original"), T0),
        neardup.StoryRoot("other-report", _sig("7a457a4f-original"), T0 - timedelta(hours=1)),
    ]

    choices = {neardup.choose_story(article, order) for order in itertools.permutations(roots)}

    assert len(choices) == 1
    (choice,) = choices
    assert choice is not None and choice.story_id == "earlier-copy"
    assert choice.similarity >= neardup.JACCARD_THRESHOLD


def _sig(name: str) -> neardup.Signature:
    sig = neardup.signature(DOCS[name])
    assert sig is not None
    return sig


def test_no_story_is_chosen_below_the_threshold() -> None:
    article = neardup.signature(DOCS["7a457a4f-original"])
    root = neardup.signature(DOCS["6ebac05f-original"])
    assert article is not None and root is not None

    assert neardup.choose_story(article, [neardup.StoryRoot("x", root, T0)]) is None


def test_the_band_layout_finds_pairs_at_the_threshold() -> None:
    assert neardup.BANDS * neardup.ROWS <= neardup.NUM_PERM
    assert neardup.candidate_probability(neardup.JACCARD_THRESHOLD) > 0.97
    assert neardup.candidate_probability(0.002) < 0.05


def test_signatures_equal_datasketchs_minhash_value_for_value() -> None:
    from datasketch import MinHash

    for name in ("14cc2a0c-original", "6ebac05f-first_half", "7a457a4f-rewrapped"):
        ours = _sig(name)
        reference = MinHash(num_perm=neardup.NUM_PERM, seed=neardup.SEED, scheme="affine32")
        reference.update_batch(sorted(neardup.shingles(neardup.words(DOCS[name]))))

        assert ours.values.tolist() == reference.hashvalues.tolist()
        assert neardup.similarity(ours, _sig("14cc2a0c-original")) == reference.jaccard(
            MinHash(
                seed=neardup.SEED,
                scheme="affine32",
                hashvalues=_sig("14cc2a0c-original").values,
            )
        )
