"""Lines that trail a story without being part of it: the author's bio set as plain text."""

import pytest

from newsflow.extract.trailers import (
    drop_author_bio,
    drop_reading_list,
    drop_trailers,
    is_author_bio,
    is_disclaimer,
)

STORY = [
    "The harbour ferry will run every fifteen minutes from May, the operator said on Monday.",
    "Commuters on the east shore had asked for a later last crossing for years.",
    "Tickets will cost the same as a bus fare, and monthly passes will cover both.",
]


@pytest.mark.parametrize(
    "bio",
    [
        "Mara Ellison is a freelance travel writer based in Lisbon who covers ports and ferries.",
        "Tomas Ridley, MD, is a board-certified physician and a volunteer at the harbour clinic.",
        "(Priya Nandakumar is an associate attorney at a maritime law firm in Rotterdam.)",
        "Owen Bright is adjunct faculty at the city college and a former ferry captain.",
    ],
)
def test_bio_closing_the_body_is_dropped_with_the_lines_after_it(bio: str) -> None:
    # GIVEN a story whose last paragraphs are the author's bio, set as plain text
    lines = [*STORY, bio, "When not writing, she sails a small dinghy on the estuary."]
    # WHEN trailers are dropped, THEN the story ends where the bio starts
    assert drop_author_bio(lines) == STORY


@pytest.mark.parametrize(
    "line",
    [
        "Hugo Marsh is back at the helm of the old ferry after a year in the shipyard.",
        "The Harbour Board is the operator of the ferry and its two piers.",
        "Ferry operators are hiring: the company is looking for a new engineer.",
    ],
)
def test_sentences_about_people_without_a_job_title_stay_story(line: str) -> None:
    # a name followed by "is" and no job noun, a "The ..." organisation, or no name at all
    assert not is_author_bio(line)
    assert drop_author_bio([*STORY, line]) == [*STORY, line]


def test_an_obituary_closing_on_the_persons_past_work_stays_story() -> None:
    # a news story about someone ends on what they were: past tense is the story's, not a bio
    line = "Edda Holm was a harbour reporter for the Evening Post for thirty years."
    assert not is_author_bio(line)
    assert drop_author_bio([*STORY, line]) == [*STORY, line]


def test_bio_earlier_than_the_last_four_lines_is_story() -> None:
    # a profile inside the story ("Mara Ellison is a ...") followed by more story
    bio = "Mara Ellison is a ferry engineer who has worked on the harbour boats since 2004."
    lines = [bio, *STORY, *STORY]
    assert drop_author_bio(lines) == lines


def test_a_body_that_is_only_a_bio_is_kept() -> None:
    # never an empty body: a one-line body is what the page has
    bio = ["Mara Ellison is a freelance travel writer based in Lisbon."]
    assert drop_author_bio(bio) == bio


def test_extracted_body_ends_before_the_authors_bio() -> None:
    # GIVEN a page whose article container ends with the author's bio as a paragraph
    from lxml.html import document_fromstring

    from newsflow.extract import body

    bio = "Mara Ellison is a freelance travel writer based in Lisbon who covers ports and ferries."
    more = [
        "The operator will add two boats to the fleet before the summer timetable begins.",
        "A spokesperson said the east pier would be repaired during the winter closure.",
    ]
    paragraphs = "".join(f"<p>{p}</p>" for p in [*STORY, *more, bio])
    tree = document_fromstring(
        f"<html><body><article><h1>Ferry every fifteen minutes</h1>{paragraphs}</article>"
        "</body></html>"
    )
    # WHEN the body is extracted, THEN the bio is not part of it
    lines = body.extract_body(tree, "https://news.example.org/ferry", page_words=120).paragraphs
    assert lines == [*STORY, *more]


@pytest.mark.parametrize(
    "notice",
    [
        "All investing is subject to risk, including the possible loss of the money you put in.",
        "Harbour Wealth LLC is a registered investment adviser; advice is given to clients only.",
        "Disclaimer: we may earn a commission when you buy through the links on this page.",
        "*Affiliate links are used in this post, at no extra cost to you.",
    ],
)
def test_legal_notice_closing_the_body_is_dropped_with_the_lines_after_it(notice: str) -> None:
    # GIVEN a story that ends with the site's legal notices set as plain paragraphs
    lines = [*STORY, notice, "The funds' prospectuses hold more on their risks and costs."]
    # WHEN trailers are dropped, THEN the story ends where the notice starts
    assert drop_trailers(lines) == STORY


@pytest.mark.parametrize(
    "line",
    [
        # a story line that reports a notice opens otherwise
        "At the council meeting on Tuesday evening the operator's chief engineer said the new "
        "timetable was not intended as a final plan and was subject to the risk of delays.",
        "Passengers told the council the fares were too high for a daily crossing.",
    ],
)
def test_story_lines_about_risks_stay(line: str) -> None:
    assert not is_disclaimer(line)
    assert drop_trailers([*STORY, line]) == [*STORY, line]


def test_notice_at_the_top_of_the_body_stays() -> None:
    # an affiliate disclosure above a post is kept as often as not by the references
    lines = ["Disclaimer: this post contains affiliate links.", *STORY, *STORY]
    assert drop_trailers(lines) == lines


def test_bio_and_notice_closing_the_body_both_go() -> None:
    bio = "Mara Ellison is a freelance travel writer based in Lisbon who covers ports."
    notice = "Disclosure: we may earn a commission from the links above."
    assert drop_trailers([*STORY, notice, bio]) == STORY
    assert drop_trailers([*STORY, bio, notice]) == STORY


@pytest.mark.parametrize(
    "label",
    [
        "Further reading",
        "Related Articles from the Harbour Notes blog:",
        "You may also be interested in the following articles:",
        "More ferry stories",
    ],
)
def test_labelled_reading_list_closing_the_body_is_dropped(label: str) -> None:
    # GIVEN a story that ends with a label and a list of other pages to read
    reading = ["- New piers for the west shore", "- How the night ferry got its timetable"]
    # WHEN trailers are dropped, THEN the story ends before the label
    assert drop_trailers([*STORY, label, *reading]) == STORY


def test_the_storys_own_closing_list_stays() -> None:
    # a list introduced by a sentence of the story, or a reading list with story after it
    own = [*STORY, "The operator listed the stops it will serve:", "- East pier", "- Old town"]
    assert drop_reading_list(own) == own
    between = [*STORY[:1], "Further reading", "- New piers", *STORY[1:]]
    assert drop_reading_list(between) == between
