"""A news story's own last lines that only look like a site's closing block stay.

The closers step (``extract/closers.py``) cuts an organisation's note about itself ("Acme is
a global solutions provider ...") and a writer's card (a name over a job title, or a bio
opening on the role: "As a writer, Jane creates ...") closing the body. A story's closing
sentence about a person ("She is the first woman to lead the agency", "He is a former
leader of the transport agency") or a market ("There is a growing market for the platform
...") is no organisation's note; a subheading over a short line of the story ("What Happens
Next" / "Council staff will publish marketing materials") is no card, nor is a role-first
sentence of the story ("As a lawyer, Smith said ...", "As a physician, I urge ..."). The
page here is our own (an invented council story).
"""

import pytest
from lxml.html import document_fromstring

from newsflow.extract import body
from newsflow.extract.closers import drop_author_card, drop_organisation_note

STORY = [
    "The Eastbridge council voted on Tuesday to approve a new budget for the coming year, "
    "ending months of debate over spending on roads, schools and the harbour ferries.",
    "Council members said the plan would raise property taxes by two percent while keeping "
    "most services at their current levels for residents across the district.",
    "Opponents argued that the increase would hurt families already struggling with higher "
    "costs, and several residents spoke against it at the meeting.",
    "The mayor defended the budget, saying the city had put off needed repairs for too long "
    "and could not afford to wait another year.",
    "Maria Lopez, the city manager, will oversee the spending from January.",
]


def _extracted(paragraphs: list[str]) -> list[str]:
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        "<html><body><article><h1>Council approves budget</h1>"
        f"<div class='article-body'>{html}</div></article>"
        "<footer><a href='/'>Home</a></footer></body></html>"
    )
    tree = document_fromstring(page)
    url = "https://eastbridge-news.example.org/2026/11/30/budget"
    return body.extract_body(tree, url, page_words=200).paragraphs


@pytest.mark.parametrize(
    "last",
    [
        "She is the first woman to lead the agency.",
        "He is a former leader of the regional transport agency.",
        "There is a growing market for the platform among small towns.",
        "Ruth Okafor is a former head of the ferry agency.",
        # a role-first sentence of the story: a quote's attribution, a writer's own "I"
        "As a lawyer, Smith said she had seen families lose their homes over smaller rises.",
        "As a physician, I urge the council to fund the clinics before the winter.",
    ],
)
def test_closing_sentence_about_a_person_or_market_is_story(last: str) -> None:
    # GIVEN a story whose last line says who someone is, or what the market is
    # WHEN the body is extracted, THEN that line is kept: it is not an organisation's note
    assert _extracted([*STORY, last]) == [*STORY, last]
    assert drop_organisation_note([*STORY, last]) == [*STORY, last]


def test_role_first_bio_naming_the_writer_still_goes() -> None:
    bio = "As a writer, Jane creates guides that help councils explain their budgets."
    assert drop_author_card([*STORY, bio]) == STORY


def test_organisations_own_note_still_goes() -> None:
    note = "Eastbridge Ferries is a family-owned ferry company founded in 1961."
    assert drop_organisation_note([*STORY, note]) == STORY


def test_subheading_over_a_short_story_line_is_no_card() -> None:
    # GIVEN a story closing with a subheading and two short lines, one naming "marketing"
    tail = [
        "What Happens Next",
        "Council staff will publish marketing materials",
        "Residents can comment until March.",
    ]
    # WHEN the body is extracted, THEN the subheading and its lines stay
    assert _extracted([*STORY, *tail]) == [*STORY, *tail]
    assert drop_author_card([*STORY, *tail]) == [*STORY, *tail]


def test_writers_card_in_title_case_still_goes() -> None:
    card = ["Jane Roe", "Content and Email Manager at Eastbridge News"]
    assert drop_author_card([*STORY, *card]) == STORY
