"""A declared body in Markdown with a publishing system's marks is read as plain text."""

import json

from support.pages import news_page

from newsflow.extract import extract_article
from newsflow.extract.markdown import plain_lines

# Our own text, marked up the way such systems write it.
MARKED = [
    "+++dropcap",
    "The ferry to the islands ran again on Monday after [a week of storms](https://example.org/"
    "storms) kept it in port, the *Harbour Gazette*{: .small} reported.",
    "+++",
    "[#image: /photos/ferry-42]",
    '{: legacyType="feature-small"}',
    "## Back on time",
    "Its captain said the **first crossing** took forty minutes, as it did before.",
]
PLAIN = [
    "The ferry to the islands ran again on Monday after a week of storms kept it in port, "
    "the Harbour Gazette reported.",
    "Back on time",
    "Its captain said the first crossing took forty minutes, as it did before.",
]


def test_markup_lines_go_and_marks_leave_the_text() -> None:
    assert plain_lines(MARKED) == PLAIN


def test_plain_body_with_a_bracket_or_an_asterisk_is_left_alone() -> None:
    lines = [
        "The council [which met on Tuesday] voted 7-2 for the *new* bridge.",
        "Tickets cost 5 * 2 euros for a return crossing, the operator said.",
    ]
    assert plain_lines(lines) == lines


def test_declared_markdown_body_reaches_body_text_as_plain_text() -> None:
    # GIVEN a page whose visible text is a paywall stub and whose JSON-LD holds the story
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry back"}
    more = [
        f"On day {n} of the new timetable the ferry left the quay at seven, and the island's "
        "shops reported that their deliveries arrived before noon for the first time in weeks."
        for n in range(1, 9)
    ]
    ld["articleBody"] = "\n".join(MARKED + more)
    page = news_page(
        head=f'<script type="application/ld+json">{json.dumps(ld)}</script>',
        body="<article><h1>Ferry back</h1><p>Subscribe to read.</p></article>",
    )
    article = extract_article(page, "https://example.org/ferry")
    # THEN no mark reaches the body
    assert article.body_text is not None
    for mark in ("+++", "](", "{:", "[#image", "**"):
        assert mark not in article.body_text
