"""A dateline's label is not the story; a line that only opens with its word is.

"Updated: 3 March 2026", "Posted on Monday" and a bare "Published:" over a date of its own
are datelines; a changelog's "Updated the timetables for every pier", a category line
"Posted in Council notices" and a schema's "updatedAt: DateTime!" are the story's (issue 10:
3 modern development pages of 3 sites lost such lines). The page here is our own.
"""

import pytest
from lxml.html import document_fromstring

from newsflow.extract.body import extract_paragraphs

URL = "https://harbour-news.example.net/2026/11/30/pier-changelog"
STORY = [
    "The harbour authority publishes a short changelog of its online timetable every month, "
    "so that regular passengers can see what moved before they travel.",
    "This month's changes follow the survey of east shore commuters, who asked for clearer "
    "departure boards and for the night boats to be listed with the day ones.",
    "The authority said the next changelog would cover the summer timetable, which starts in "
    "May and adds two boats after midnight on Fridays and Saturdays.",
    "Passengers can still ask for a printed timetable at the east pier office, which is open "
    "every day from seven in the morning until eight in the evening.",
]


def _page(item: str) -> str:
    """Our story with a list after its second paragraph, its first item ``item``."""
    first = "".join(f"<p>{text}</p>" for text in STORY[:2])
    rest = "".join(f"<p>{text}</p>" for text in STORY[2:])
    items = f"<li>{item}</li><li>Night boats now listed with the day boats</li>"
    return (
        "<html><head><title>Pier changelog</title></head><body><article>"
        f"<h1>Pier changelog</h1>{first}<ul>{items}</ul>{rest}</article></body></html>"
    )


@pytest.mark.parametrize(
    "item",
    ["Updated the timetables for every pier", "Posted in Council notices", "updatedAt: DateTime!"],
)
def test_a_line_opening_with_a_dateline_word_but_no_date_is_kept(item: str) -> None:
    # GIVEN a story whose list opens with an item starting with "Updated"/"Posted", no date
    # WHEN its body is extracted
    paragraphs = extract_paragraphs(document_fromstring(_page(item)), URL)
    # THEN the item stays in its list, between the story's paragraphs
    assert paragraphs[2] == f"- {item}"
    assert paragraphs[:2] == STORY[:2] and paragraphs[-2:] == STORY[2:]


@pytest.mark.parametrize(
    "item", ["Updated: 3 March 2026", "Posted on Monday", "Published:", "Last updated 10:30"]
)
def test_a_dateline_label_is_dropped(item: str) -> None:
    # GIVEN the same story with a dateline standing as that item
    # WHEN its body is extracted
    paragraphs = extract_paragraphs(document_fromstring(_page(item)), URL)
    # THEN the dateline is gone and the rest of the list and the story are kept
    assert not any(item.rstrip(":") in line for line in paragraphs)
    assert "- Night boats now listed with the day boats" in paragraphs
