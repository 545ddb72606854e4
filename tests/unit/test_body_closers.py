"""Site blocks closing a story's body: contact blocks, author cards, organisation notes."""

import pytest
from lxml.html import document_fromstring

from newsflow.extract import body
from newsflow.extract.closers import (
    drop_author_card,
    drop_contact_block,
    drop_organisation_note,
    is_contact_label,
)

STORY = [
    "The glassworks on Canal Street will reopen its furnace to visitors from the first of June.",
    "Apprentices will demonstrate blowing and casting twice a day, the workshop's owner said.",
    "Tickets for the demonstrations cost the same as last year, and children under ten go free.",
    "A new gallery on the upper floor shows pieces made by the studio's students this spring.",
    "The owner said the furnace had been relined over the winter after forty years of use.",
]


def _page(paragraphs: list[str]) -> str:
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><body><article><h1>Glassworks opens its furnace</h1>{html}</article>"
        "<footer><a href='/'>Home</a></footer></body></html>"
    )


def _extracted(paragraphs: list[str]) -> list[str]:
    """The body ``extract_body`` finds in a small article page of these paragraphs."""
    tree = document_fromstring(_page(paragraphs))
    return body.extract_body(tree, "https://blog.example.org/glassworks", page_words=200).paragraphs


CONTACT = [
    "Contact Us",
    "Canal Street Glass Ltd, 14 Canal Street, Eastbridge EB4 2QT",
    "Phone: 0123 456 789",
    "Email: studio@glass.example.org",
    "BOOK YOUR FIRST CLASS",
]


def test_extracted_body_ends_before_the_sites_contact_block() -> None:
    # GIVEN a post whose container ends with the site's contact details as paragraphs
    # WHEN the body is extracted, THEN the contact block is not part of it
    assert _extracted([*STORY, *CONTACT]) == STORY


@pytest.mark.parametrize("label", ["Contact Us", "CONTACT INFO", "Get in touch:", "Our Offices"])
def test_contact_labels(label: str) -> None:
    assert is_contact_label(label)


def test_contact_sentence_is_no_label() -> None:
    assert not is_contact_label("Contact us if you would like to book a demonstration.")


def test_contact_label_over_a_long_section_is_story() -> None:
    # a guide's own "Contact us" section: more than a block of addresses follows
    section = [
        "Contact Us",
        *[f"{line} It gives every visitor a reason to write back." for line in STORY * 8],
    ]
    lines = [*STORY, *section]
    assert drop_contact_block(lines) == lines


CARD = [
    "Nadia Okafor",
    "Senior Content Writer",
    "Read more posts about studio life, apprenticeships and glass.",
]


def test_extracted_body_ends_before_the_author_card() -> None:
    # GIVEN a post that closes with the writer's name and job title on lines of their own
    # WHEN the body is extracted, THEN the card and what follows it are not part of it
    assert _extracted([*STORY, *CARD]) == STORY


@pytest.mark.parametrize(
    "bio",
    [
        "Hi there! I'm Nadia, and I started this blog in 2015 to share the craft of glass.",
        "As a writer, Nadia creates guides that help new studios find their first customers.",
    ],
)
def test_bio_opening_on_greeting_or_role_is_dropped(bio: str) -> None:
    assert drop_author_card([*STORY, bio]) == STORY


@pytest.mark.parametrize(
    ("name", "next_line"),
    [
        # a book list's entry: author, translator and publisher
        ("Ice", "Jacek Dukaj translated by Ursula Phillips (Head of Zeus)"),
        # a subheading over a story line
        ("Opening Hours", "The studio opens at ten on weekdays and at noon on Sundays."),
    ],
)
def test_name_over_a_line_that_is_no_job_title_is_story(name: str, next_line: str) -> None:
    lines = [*STORY, name, next_line]
    assert drop_author_card(lines) == lines


def test_a_list_of_people_closing_the_body_is_story() -> None:
    # two name-and-title pairs are the story's list (the studio's team), not a writer's card
    team = ["Nadia Okafor", "Head of Glassblowing", "Tomas Lind", "Studio Manager"]
    lines = [*STORY, "The studio's team:", *team]
    assert drop_author_card(lines) == lines


NOTE = [
    "About Canal Street Glass",
    "Canal Street Glass is a family-owned glassmaking company founded in 1961 in Eastbridge.",
]


def test_extracted_body_ends_before_the_organisations_note() -> None:
    # GIVEN a company blog post that closes with the company's note about itself
    # WHEN the body is extracted, THEN the note and its heading are not part of it
    assert _extracted([*STORY, *NOTE]) == STORY


def test_organisation_note_answering_a_question_is_story() -> None:
    # the story's own FAQ: "Where can I learn more about ...?" answered by the note
    lines = [*STORY, "Who runs the workshop?", NOTE[1]]
    assert drop_organisation_note(lines) == lines


def test_body_of_a_single_closing_block_is_kept() -> None:
    # never an empty body: the first line is never cut
    assert drop_organisation_note([NOTE[1]]) == [NOTE[1]]
    assert drop_author_card(CARD) == CARD
    assert drop_contact_block(CONTACT) == CONTACT
