"""Quality gate on 29 modern (2024-26) article pages: F1 floor, no empty body, confidence."""

import pytest
from support.aeb_metric import evaluate, page_counts, page_recall
from support.page_sets import TESTS, extract_set

from newsflow.extract.body import STRATEGIES
from newsflow.models import Article

MODERNSET = TESTS / "modernset"
# Measured 0.977 F1 on these 29 pages (0.975 before the issue-10 box, bullet and heading
# rules; 0.916 with 1 empty body before structure recovery and the recall strategy; on the
# first 25 pages trafilatura 2.3.1 alone 0.959) minus a small margin; raise it when the
# extractor improves.
F1_FLOOR = 0.970


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[str, Article]]:
    return extract_set(MODERNSET)


def test_modern_sample_f1_stays_above_floor(extracted: dict[str, tuple[str, Article]]) -> None:
    scores = evaluate([(gold, a.body_text) for gold, a in extracted.values()], n_bootstrap=0)
    assert len(extracted) == 29
    assert scores["f1"] >= F1_FLOOR, scores


def test_modern_sample_has_no_empty_body(extracted: dict[str, tuple[str, Article]]) -> None:
    assert not [page_id for page_id, (_, a) in extracted.items() if not a.body_text]


@pytest.mark.parametrize("page_id", ["4007", "4377", "5613"])
def test_story_precision_mode_misses_comes_from_the_next_strategy(
    extracted: dict[str, tuple[str, Article]], page_id: str
) -> None:
    # On these pages trafilatura's precision mode returns nothing: the story is a list of
    # entries under subheadings.
    gold, article = extracted[page_id]
    assert article.provenance["body_text"] == STRATEGIES[1].name
    assert page_recall(page_counts(gold, article.body_text)) > 0.9


def test_listicle_made_only_of_list_items_keeps_them(
    extracted: dict[str, tuple[str, Article]],
) -> None:
    gold, article = extracted["4052"]  # a ranked list of cars, every paragraph a list item
    assert article.provenance["body_text"] == STRATEGIES[0].name
    assert page_recall(page_counts(gold, article.body_text)) > 0.9


def test_every_body_carries_a_confidence_and_its_strategy(
    extracted: dict[str, tuple[str, Article]],
) -> None:
    names = {s.name for s in STRATEGIES}
    assert all(0.0 < a.extraction_confidence <= 1.0 for _, a in extracted.values())
    assert {a.provenance["body_text"] for _, a in extracted.values()} <= names
    # a body from the fallback strategy is less certain than a typical first-pass body
    fallback = [
        a.extraction_confidence
        for _, a in extracted.values()
        if a.provenance["body_text"] != STRATEGIES[0].name
    ]
    first = sorted(
        a.extraction_confidence
        for _, a in extracted.values()
        if a.provenance["body_text"] == STRATEGIES[0].name
    )
    assert max(fallback) < first[len(first) // 2]


@pytest.mark.parametrize("page_id", ["4111", "4267"])
def test_story_both_first_modes_miss_comes_from_recall_mode(
    extracted: dict[str, tuple[str, Article]], page_id: str
) -> None:
    # Precision and balanced modes return nothing (4111) or the first fifth (4267): the
    # story sits in blocks both discard.
    gold, article = extracted[page_id]
    assert article.provenance["body_text"] == STRATEGIES[2].name
    assert page_recall(page_counts(gold, article.body_text)) > 0.9


def test_dropped_lists_of_the_article_container_are_recovered(
    extracted: dict[str, tuple[str, Article]],
) -> None:
    gold, article = extracted["0317"]  # "- Term: explanation" lists under subheadings
    assert "- Scalability: Resources can be scaled" in article.body_text
    assert page_recall(page_counts(gold, article.body_text)) > 0.95  # 0.58 without


def test_dropped_subheadings_are_recovered_in_reading_order(
    extracted: dict[str, tuple[str, Article]],
) -> None:
    gold, article = extracted["5654"]  # precision mode keeps the sections, drops their h2/h3
    paragraphs = article.paragraphs
    heading = paragraphs.index("1. Google Meet")
    assert paragraphs[heading + 1].startswith("Google Meet is a video conferencing program")
    assert paragraphs.index("2. Microsoft Teams") > heading
    assert page_recall(page_counts(gold, article.body_text)) > 0.95  # 0.67 without
