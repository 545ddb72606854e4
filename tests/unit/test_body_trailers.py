"""Lines that trail a story without being part of it: bios, notices, references, appeals."""

import pytest

from newsflow.extract.trailers import (
    drop_author_bio,
    drop_closing_references,
    drop_reading_list,
    drop_sign_off,
    drop_support_appeal,
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


@pytest.mark.parametrize(
    "closing",
    [
        # the sources' bare addresses under a short label
        [
            "Article Sources:",
            "https://harbour.example.org/timetable-2025.pdf",
            "https://www.example.com/ferries/east-shore?ref=news",
            "www.example.net/fares",
        ],
        # addresses without a label
        ["https://harbour.example.org/a", "https://harbour.example.org/b"],
        # a copyright notice and what follows it
        ["Timetable data © Harbour Board Ltd. 2024", "Used with permission."],
        ["Copyright 2025 The East Shore Courier. All rights reserved."],
        # the blog's latest posts with their dates
        [
            "- Packing for a winter crossing - December 8, 2025",
            "- Five quiet beaches on the east shore – 27 November 2025",
        ],
        ["05/03/2026 by Mara Ellison", "13/01/2026 by Mara Ellison"],
    ],
)
def test_reference_matter_closing_the_body_is_dropped(closing: list[str]) -> None:
    # GIVEN a story followed by reference matter set as plain lines
    # WHEN trailers are dropped, THEN the story ends where the reference matter starts
    assert drop_closing_references([*STORY, *closing]) == STORY
    assert drop_trailers([*STORY, *closing]) == STORY


@pytest.mark.parametrize(
    "closing",
    [
        # one address is the story's own last link
        ["The full timetable is online:", "https://harbour.example.org/timetable"],
        # a story line about copyright, and one about a date
        ["The board said the copyright law of 2019 did not cover the timetable."],
        ["The ferry's first crossing is planned for December 8, 2025."],
        # a single dated line: one post, or the story's own update note
        ["- Packing for a winter crossing - December 8, 2025"],
    ],
)
def test_story_lines_like_reference_matter_stay(closing: list[str]) -> None:
    assert drop_closing_references([*STORY, *closing]) == [*STORY, *closing]


def test_a_body_that_is_only_addresses_is_kept() -> None:
    # never an empty body: the first line stays, and one address is not a list
    lines = ["https://harbour.example.org/a", "https://harbour.example.org/b"]
    assert drop_closing_references(lines) == lines


MORE = [
    "The operator will add two boats to the fleet before the summer timetable begins.",
    "A spokesperson said the east pier would be repaired during the winter closure.",
]


def _extracted(paragraphs: list[str]) -> list[str]:
    """The body ``extract_body`` finds in an article page of these paragraphs."""
    from lxml.html import document_fromstring

    from newsflow.extract import body

    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    tree = document_fromstring(
        f"<html><body><article><h1>Ferry every fifteen minutes</h1>{html}</article></body></html>"
    )
    return body.extract_body(tree, "https://news.example.org/ferry", page_words=120).paragraphs


def test_extracted_body_ends_before_its_source_list() -> None:
    # GIVEN a page whose article container ends with a list of source addresses
    sources = [
        "https://harbour.example.org/board-minutes-2025.pdf",
        "https://www.example.com/ferries/east-shore-survey",
        "https://www.example.net/fares/monthly-pass",
    ]
    # WHEN the body is extracted, THEN the sources are not part of it
    assert _extracted([*STORY, *MORE, "Sources:", *sources]) == [*STORY, *MORE]


@pytest.mark.parametrize(
    "appeal",
    [
        "The Harbour Review is kept alive by reader donations: no ads, no paywall.",
        "Our newsroom is free to read. Your one-off or monthly donation keeps it so.",
        "Support our mission to keep local reporting free by joining the members' club.",
        "By sending this form you are consenting to be contacted by text message. "
        "Message and data rates may apply. Reply STOP to opt out.",
    ],
)
def test_support_appeal_closing_the_body_is_dropped_with_the_lines_after_it(appeal: str) -> None:
    # GIVEN a story that ends with the site's appeal to its readers, then a date line
    lines = [*STORY, appeal, "Feb 2, 2023"]
    # WHEN trailers are dropped, THEN the story ends where the appeal starts
    assert drop_support_appeal(lines) == STORY
    assert drop_trailers(lines) == STORY


@pytest.mark.parametrize(
    "line",
    [
        "The charity said donations had fallen by a third since the ferry fares went up.",
        "Residents said they would support the operator's plan if the last crossing moved.",
    ],
)
def test_story_lines_about_donations_and_support_stay(line: str) -> None:
    assert drop_support_appeal([*STORY, line]) == [*STORY, line]


def test_appeal_earlier_than_the_last_four_lines_is_kept() -> None:
    # an appeal at the top of a post, with the story after it, is the page's own business
    lines = ["Support our mission: this review is free to read.", *STORY, *STORY]
    assert drop_support_appeal(lines) == lines


def test_extracted_body_ends_before_the_sites_appeal() -> None:
    # GIVEN a page whose article container ends with a call for donations and a date
    appeal = [
        "The Harbour Review is a non-profit project kept alive by reader donations, with no "
        "ads and no paywall: if this story helped you, please consider giving.",
        "Feb 2, 2023",
    ]
    # WHEN the body is extracted, THEN the appeal is not part of it
    assert _extracted([*STORY, *MORE, *appeal]) == [*STORY, *MORE]


@pytest.mark.parametrize(
    "closing",
    [
        ["Written by Mara Ellison", "Why the east pier closes every winter"],
        ["About the Author:", "Mara Ellison covers ports and ferries from Lisbon."],
        ["Medically reviewed by", "Tomas Ridley, MD"],
        ["Thank you for reading The Harbour Weekly", "Share this post"],
        ["Thanks for reading!"],
        ["Be sure to follow me on social media to hear about the next crossing."],
        ["You can also connect with me here:", "Instagram | Mastodon"],
    ],
)
def test_sign_off_closing_the_body_is_dropped_with_the_lines_after_it(closing: list[str]) -> None:
    # GIVEN a story that ends with a credit label or a farewell, and what it heads
    lines = [*STORY, *closing]
    # WHEN trailers are dropped, THEN the story ends where the sign-off starts
    assert drop_sign_off(lines) == STORY
    assert drop_trailers(lines) == STORY


@pytest.mark.parametrize(
    "line",
    [
        "Written by hand in 1911, the ferry log lists every crossing of the first winter.",
        "Reviewed by the port authority last year, the timetable was found too thin.",
        "Commuters said they would follow the new timetable closely once the boats arrive.",
        "Thanks to the new boats, the last crossing will leave at midnight.",
    ],
)
def test_story_lines_opening_like_a_sign_off_stay(line: str) -> None:
    assert drop_sign_off([*STORY, line]) == [*STORY, line]


def test_sign_off_earlier_than_the_last_four_lines_is_kept() -> None:
    lines = ["Written by Mara Ellison", *STORY, *STORY]
    assert drop_sign_off(lines) == lines


def test_extracted_body_ends_before_the_newsletters_farewell() -> None:
    # GIVEN a newsletter page whose article container ends with a farewell and its footer
    farewell = ["Thank you for reading The Harbour Weekly.", "See you on the next crossing!"]
    # WHEN the body is extracted, THEN the farewell is not part of it
    assert _extracted([*STORY, *MORE, *farewell]) == [*STORY, *MORE]
