"""A copyright notice is boilerplate; a subheading or item that merely starts with the word
"Copyright" is the story's. A notice carries a year, a sign (©, (c)) or "all rights
reserved"; a credit names its holder in a few words ("Copyright AP Photo")."""

import pytest
from support.pages import news_page

from newsflow.extract import extract_article

# An invented explainer on a publishing site: its sections, one about copyright itself.
PARAGRAPHS = [
    f"The {n} section of this explainer walks through how small studios license the music "
    "and the pictures they use, and what each kind of licence allows them to do."
    for n in ("first", "second", "third", "fourth", "fifth", "sixth")
]
SUBHEADING = "Copyright rules in a market split across borders"
ITEM = "Copyright office weighs in on training and fair use"
NOTICE = "Copyright 2025 Lantern Media Group. All rights reserved."


def _page() -> bytes:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    story += f"<h2>{SUBHEADING}</h2>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    story += f"<ul><li>{ITEM}</li><li>Licences for pictures used in print</li></ul>"
    return news_page(
        head="<title>How small studios license music</title>",
        body=f"<article><h1>How small studios license music</h1>{story}<p>{NOTICE}</p></article>",
    )


def test_subheading_and_item_starting_with_copyright_are_kept() -> None:
    body = extract_article(_page(), "https://lantern.example.com/licensing").body_text
    assert SUBHEADING in body
    assert ITEM in body


def test_copyright_notice_is_dropped() -> None:
    body = extract_article(_page(), "https://lantern.example.com/licensing").body_text
    assert "All rights reserved" not in body
    assert PARAGRAPHS[-1] in body


@pytest.mark.parametrize(
    "notice",
    [
        "Copyright © Lantern Media Group",
        "Copyright 2025 Lantern Media Group",
        "Copyright AP Photo",
        "Copyright: Jane Doe/Reuters",
        "Copyright Lantern Media Group, all rights reserved",
    ],
)
def test_notices_and_credits_are_dropped_wherever_they_stand(notice: str) -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    story += f"<p>{notice}</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    page = news_page(body=f"<article><h1>How small studios license music</h1>{story}</article>")
    body = extract_article(page, "https://lantern.example.com/licensing").body_text
    assert notice not in body
    assert PARAGRAPHS[3] in body
