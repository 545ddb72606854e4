"""A short label over links to other pages ("Most read in Sport", "Auch interessant",
"Czytaj więcej", "おすすめ情報") is the page's, not the story's, wherever it stands.

The fault kind comes from the development sets (such labels kept on 4 modern pages and 9
metadata pages of 12 sites, none in any reference); the page here is our own.
"""

import pytest
from lxml.html import document_fromstring

from newsflow.extract.body import extract_paragraphs

URL = "https://harbour-news.example.net/2026/11/30/ferry-timetable"
STORY = [
    "The harbour ferry will run every fifteen minutes from May, the operator said on Monday, "
    "after a winter of complaints about crowded boats at the evening peak.",
    "Commuters on the east shore had asked for a later last crossing for years, and the new "
    "timetable adds two boats after midnight on Fridays and Saturdays.",
    "Tickets will cost the same as a bus fare, and monthly passes will cover both the ferry "
    "and the three bus lines that meet it at the east pier.",
    "Most readers of the council's survey wanted the Sunday service kept as it is, and it "
    "stays at one boat every half hour until the summer timetable begins.",
]
LABELS = [
    "Most read in Sport",
    "Auch interessant",
    "Czytaj więcej",
    "You may also be interested in the following reports:",
    "More news",
    "おすすめ情報",
]


def _page(label: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY[:2])
    rest = "".join(f"<p>{line}</p>" for line in STORY[2:])
    return (
        "<html><head><title>Ferry every fifteen minutes</title></head><body><article>"
        f"<h1>Ferry every fifteen minutes</h1>{paragraphs}<p><strong>{label}</strong></p>"
        f"{rest}</article></body></html>"
    )


@pytest.mark.parametrize("label", LABELS)
def test_a_label_over_other_pages_is_dropped_and_the_story_kept(label: str) -> None:
    # GIVEN a story with a related-links label standing between its paragraphs
    # WHEN its body is extracted
    paragraphs = extract_paragraphs(document_fromstring(_page(label)), URL)
    # THEN the label is gone and every story line, "Most readers of ..." included, is kept
    assert paragraphs == STORY
