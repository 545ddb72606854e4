"""extraction_confidence: a number in [0, 1] that drops with each doubt about the body."""

from newsflow.extract import extract_article
from newsflow.extract.body import STRATEGIES, confidence

URL = "https://news.example.com/2026/11/29/flood-barrier"
SENTENCE = (
    "The committee heard evidence from residents, engineers and the mayor's office about "
    "the cost and timing of the flood barrier works along the river."
)


def test_confidence_of_a_full_story_on_a_plain_page_is_high() -> None:
    assert confidence(800, 1200, 0.1, fallback=False) > 0.8


def test_confidence_drops_with_each_doubt() -> None:
    plain = confidence(800, 1200, 0.1, fallback=False)
    assert confidence(60, 1200, 0.1, fallback=False) < plain  # short body, most text missed
    assert confidence(1190, 1200, 0.1, fallback=False) < plain  # the whole page kept
    assert confidence(800, 1200, 0.9, fallback=False) < plain  # a page of links
    assert confidence(800, 1200, 0.1, fallback=True) < plain  # the fallback strategy


def test_confidence_stays_in_unit_range_for_extreme_inputs() -> None:
    for args in ((0, 0, 0.0), (10_000, 10, 2.0), (5, 100_000, -1.0), (300, 0, 0.5)):
        assert 0.0 <= confidence(*args, fallback=True) <= 1.0


STORY = "".join(f"<p>{i}. {SENTENCE}</p>" for i in range(12))
# a site's chrome around the story: navigation and a footer of about a third of the words
CHROME = (
    "<nav><ul>"
    + "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(20))
    + "</ul></nav>"
)
FOOTER = (
    "<footer><p>"
    + " ".join(["Contact the newsroom, jobs, terms and privacy."] * 15)
    + "</p></footer>"
)


def test_article_of_a_story_page_records_strategy_and_confidence() -> None:
    story = f"<article><h1>Flood barrier</h1>{STORY}</article>"
    page = f"<html><body>{CHROME}{story}{FOOTER}</body></html>"
    article = extract_article(page.encode(), URL)
    assert article.provenance["body_text"] == STRATEGIES[0].name
    assert article.extraction_confidence > 0.8


def test_article_whose_story_is_a_sliver_of_the_page_has_lower_confidence() -> None:
    links = "".join(
        f"<li><a href='/s/{i}'>Another headline about event {i} in town</a></li>"
        for i in range(150)
    )
    page = "<html><body>{}<article>{}</article>{}</body></html>"
    full = extract_article(page.format(CHROME, STORY, FOOTER).encode(), URL)
    sliver = extract_article(
        page.format(f"<nav><ul>{links}</ul></nav>", STORY, FOOTER).encode(), URL
    )
    assert sliver.body_text == full.body_text
    assert sliver.extraction_confidence < full.extraction_confidence


def test_page_without_text_has_zero_confidence() -> None:
    article = extract_article(b"<html><body><div></div></body></html>", URL)
    assert article.body_text == ""
    assert article.extraction_confidence == 0.0
