"""Sponsor blocks inside a newsletter's text (``extract/sponsor_box.py``). Pages are our own."""

import pytest

from newsflow.extract import extract_article

STORY = [
    "Good morning. This week I visited the smallest map shop I have ever loved, and a "
    "neighbour sent me sales figures that surprised both of us.",
    "The shop has sold walking maps from the same narrow room for thirty-one years, and "
    "its owner says sales have doubled since people started walking again.",
    "Her best sellers are large-scale maps printed on waterproof paper, and old survey "
    "sheets that people buy to frame and hang in their hallways.",
    "That is all for this week. Reply and tell me your favourite walk within an hour of a "
    "railway station, and I will share the best ones next month.",
]
PITCH = [
    "Your receipts, sorted in seconds. Nimbus reads every invoice in your inbox and files it "
    "for tax time, and readers get three months free.",
    "Try Nimbus free",
]


def _block(text: str) -> str:
    return f"<div style='padding:12px 28px'><p style='font-size:16px'>{text}</p></div>"


def _newsletter(label: str) -> str:
    sponsor = (
        f"<div style='padding:16px 28px;background:#f5f5f5'><p style='font-size:11px'>{label}</p>"
        f"<p>{PITCH[0]}</p><a href='https://nimbus.example/?utm_source=nl'>{PITCH[1]}</a></div>"
    )
    blocks = [_block(p) for p in STORY]
    return (
        "<html><head><title>The map shop that refused to close</title></head><body>"
        "<nav><a href='/'>Field &amp; Fold</a> <a href='/archive'>Archive</a></nav><main>"
        "<h1>The map shop that refused to close</h1><div id='content-blocks'>"
        + "".join(blocks[:2])
        + sponsor
        + "".join(blocks[2:])
        + "</div></main><footer><p>Powered by a newsletter platform</p></footer></body></html>"
    )


def _body(html: str) -> list[str]:
    return extract_article(html.encode(), "https://fold.example.org/p/map-shop").paragraphs


@pytest.mark.parametrize(
    "label", ["TOGETHER WITH NIMBUS", "Sponsored by Nimbus", "Presented by Nimbus:"]
)
def test_sponsor_block_between_a_newsletter_s_sections_leaves_the_body(label: str) -> None:
    # GIVEN a newsletter with a sponsor's pitch between its sections, in the same markup
    # WHEN it is extracted, THEN the body is the newsletter's own text only
    assert _body(_newsletter(label)) == STORY


def test_block_under_another_label_stays() -> None:
    # GIVEN the same block under a label that names no sponsor
    paragraphs = _body(_newsletter("A TOOL I LIKE"))
    # THEN its text stays in the body
    assert PITCH[0] in paragraphs


def test_story_section_under_a_sponsor_like_subheading_stays() -> None:
    # GIVEN a story set in one <section> per subheading, one headed "Together with Europe"
    # (a section of the story, linking nowhere: a sponsor's pitch links to the sponsor)
    heads = ["The first visit", "Together with Europe", "What comes next"]
    sections = "".join(
        f"<section><h2>{h}</h2><p>{p}</p></section>" for h, p in zip(heads, STORY, strict=False)
    )
    html = (
        "<html><head><title>The map shop that refused to close</title></head><body><main>"
        f"<h1>The map shop that refused to close</h1><div class='story'>{sections}"
        f"<p>{STORY[3]}</p></div></main></body></html>"
    )
    # WHEN it is extracted, THEN every paragraph of the story stays
    paragraphs = _body(html)
    assert all(p in paragraphs for p in STORY), paragraphs
