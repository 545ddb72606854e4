"""Reference lists and edit prompts closing a story's body (``trailers``)."""

import pytest

from newsflow.extract.trailers import drop_closing_references, drop_sign_off

STORY = [
    "The harbour ferry will run every fifteen minutes from May, the operator said on Monday.",
    "Commuters on the east shore had asked for a later last crossing for years.",
    "Tickets will cost the same as a bus fare, and monthly passes will cover both.",
]
CITATIONS = [
    "- Harbour Transit Board. (2024). Ferry ridership by quarter, 2020 to 2024. "
    "https://transit.example.org/ridership",
    "- Coastal Weather Service. (Retrieved 2025). Winter wind records.",
    "https://weather.example.org/records/winter",
    "- Lin, M. (2023b). Night crossings and shift work. Port Studies, 12(3), 44-61.",
]


@pytest.mark.parametrize("label", [[], ["Sources"]])
def test_closing_reference_list_is_dropped_with_its_label(label: list[str]) -> None:
    # GIVEN a story closed by its sources, one entry wrapping its address onto a line
    lines = [*STORY, *label, *CITATIONS]
    # WHEN reference matter is dropped, THEN the story ends before the list
    assert drop_closing_references(lines) == STORY


def test_one_citation_or_a_cited_sentence_in_the_story_stays() -> None:
    # one entry may be the story's own last line; a story's sentence may cite a year
    cited = "Ridership on the night crossings doubled over four years, the board reported (2024)."
    assert drop_closing_references([*STORY, CITATIONS[1]]) == [*STORY, CITATIONS[1]]
    assert drop_closing_references([*STORY, CITATIONS[0], cited]) == [*STORY, CITATIONS[0], cited]


@pytest.mark.parametrize(
    "prompt",
    ["Improve this Blog Post", "Edit this page on GitHub", "Found a typo? Tell the desk."],
)
def test_edit_prompt_closing_the_body_is_dropped_with_the_lines_after_it(prompt: str) -> None:
    lines = [*STORY, prompt, "All our posts are open source: anyone can suggest a change."]
    assert drop_sign_off(lines) == STORY


def test_story_line_about_improving_a_page_stays() -> None:
    line = "The operator said it would improve this page of the timetable before May."
    assert drop_sign_off([*STORY, line]) == [*STORY, line]
