"""A guide whose table of contents links its own subheadings is an article, not an index page:
a link to a place on the page is no other page's headline (issue 10). Invented pages."""

import pytest

from newsflow.extract import extract_article
from newsflow.models import OutcomeKind

URL = "https://trail-notes.example/guides/packing-for-a-hut-trek"
SECTIONS = [
    ("Choose a light rucksack for the hut trek", "A rucksack of 30 to 40 litres"),
    ("Pack layers for cold mornings and warm afternoons", "Mountain weather turns fast"),
    ("Bring a sleeping bag liner for the huts", "Most huts give you blankets"),
    ("Carry enough water between the huts", "Streams run dry by late summer"),
    ("Keep the first aid kit small and complete", "Blister plasters matter most"),
    ("Leave the heavy camera lenses at home", "Every gram counts on the climbs"),
]


def _page(toc_link: str) -> bytes:
    toc = "".join(
        f"<li>{toc_link.format(id=i, text=heading)}</li>" for i, (heading, _) in enumerate(SECTIONS)
    )
    body = "".join(
        f"<h2 id='s{i}'>{heading}</h2><p>{opening}, and this section of the guide explains "
        "what to look for, what to leave behind and how walkers we met on the trail dealt "
        "with it during a week between the huts of the high valley last September.</p>"
        for i, (heading, opening) in enumerate(SECTIONS)
    )
    first = (
        "<p><a href='https://gear-shop.example/rucksack-35'>A rucksack of 30 to 40 litres</a> "
        "is enough for a week of hut to hut walking.</p>"
    )
    return (
        "<html lang='en'><head><title>Packing for a hut trek | Trail Notes</title>"
        "<meta property='og:type' content='article'></head><body>"
        "<header><a href='/'>Trail Notes</a> <a href='/guides/'>Guides</a></header><main>"
        f"<h1>Packing for a hut trek</h1><nav class='toc'><ol>{toc}</ol></nav>"
        f"<div class='guide'>{body.replace('<p>A rucksack', first + '<p>A rucksack', 1)}</div>"
        "</main><footer><a href='/about/'>About Trail Notes</a></footer></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "toc_link",
    [
        "<a href='#s{id}'>{text}</a>",  # fragment links
        "<a class='toc-anchor' data-target='s{id}'>{text}</a>",  # a script scrolls
    ],
)
def test_guide_with_a_table_of_contents_is_an_article(toc_link: str) -> None:
    article = extract_article(_page(toc_link), URL)
    assert article.outcome.kind is OutcomeKind.ARTICLE, article.outcome.reason
    assert "Carry enough water between the huts" in article.paragraphs


def test_same_headings_linking_other_pages_make_an_index() -> None:
    article = extract_article(_page("<a href='/guides/{id}'>{text}</a>"), URL)
    assert article.outcome.kind is OutcomeKind.NOT_ARTICLE
    assert "open with a link's text" in article.outcome.reason
