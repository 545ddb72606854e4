"""A relative dateline ("Updated an hour ago", "Posted just now") is a dateline.

``body._DATELINE_LABEL`` reads a line opening with "Updated"/"Published"/"Posted" as a
dateline only when a date can follow it; a relative time without a digit ("an hour ago",
"moments ago", "just now") is a date too, and was dropped before that rule (issue 10). The
page here is our own.
"""

import pytest
from lxml.html import document_fromstring

from newsflow.extract.body import extract_paragraphs

STORY = [
    "The Eastbridge council voted on Tuesday to approve a new budget for the coming year, "
    "ending months of debate over spending on roads, schools and the harbour ferries.",
    "Council members said the plan would raise property taxes by two percent while keeping "
    "most services at their current levels for residents across the district.",
    "Opponents argued that the increase would hurt families already struggling with higher "
    "costs, and several residents spoke against it at the meeting.",
    "The mayor defended the budget, saying the city had put off needed repairs for too long "
    "and could not afford to wait another year.",
]


@pytest.mark.parametrize(
    "dateline",
    ["Updated an hour ago", "Posted just now", "Published: moments ago", "Last updated a day ago"],
)
def test_relative_dateline_is_dropped(dateline: str) -> None:
    # GIVEN a story that closes with a relative dateline
    html = "".join(f"<p>{p}</p>" for p in [*STORY, dateline])
    page = f"<html><body><article><h1>Council budget</h1>{html}</article></body></html>"
    # WHEN its paragraphs are extracted, THEN the dateline is not among them
    paragraphs = extract_paragraphs(
        document_fromstring(page), "https://eastbridge-news.example.org/2026/11/30/budget"
    )
    assert paragraphs == STORY


def test_a_sentence_ending_in_ago_is_story() -> None:
    line = "Posted notices about the plan went up across the district two weeks ago."
    html = "".join(f"<p>{p}</p>" for p in [*STORY, line])
    page = f"<html><body><article><h1>Council budget</h1>{html}</article></body></html>"
    paragraphs = extract_paragraphs(
        document_fromstring(page), "https://eastbridge-news.example.org/2026/11/30/budget"
    )
    assert paragraphs == [*STORY, line]
