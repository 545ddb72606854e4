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
    "Ferries between the east and west piers will run every twenty minutes from Monday, the "
    "harbour authority said, after a winter of hourly crossings while two boats were refitted.",
    "The refitted boats carry more bicycles and have a heated cabin on the upper deck, which "
    "regular passengers had asked for in the authority's survey last spring.",
    "Night crossings on Fridays and Saturdays return with the summer timetable, and the last "
    "boat from the west pier will leave shortly after midnight.",
    "Season tickets bought for the winter stay valid, and the authority will refund the "
    "difference to passengers who paid the higher weekly fare in January.",
]


@pytest.mark.parametrize(
    "dateline",
    ["Updated an hour ago", "Posted just now", "Published: moments ago", "Last updated a day ago"],
)
def test_relative_dateline_is_dropped(dateline: str) -> None:
    # GIVEN a story that closes with a relative dateline
    html = "".join(f"<p>{p}</p>" for p in [*STORY, dateline])
    page = (
        f"<html><body><article><h1>Ferries every twenty minutes</h1>{html}</article></body></html>"
    )
    # WHEN its paragraphs are extracted, THEN the dateline is not among them
    paragraphs = extract_paragraphs(
        document_fromstring(page), "https://harbour-news.example.net/2026/11/30/ferries"
    )
    assert paragraphs == STORY


def test_a_sentence_ending_in_ago_is_story() -> None:
    line = "Posted timetables went up on both piers two weeks ago."
    html = "".join(f"<p>{p}</p>" for p in [*STORY, line])
    page = (
        f"<html><body><article><h1>Ferries every twenty minutes</h1>{html}</article></body></html>"
    )
    paragraphs = extract_paragraphs(
        document_fromstring(page), "https://harbour-news.example.net/2026/11/30/ferries"
    )
    assert paragraphs == [*STORY, line]
