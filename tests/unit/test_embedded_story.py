"""A story the page carries only in its scripts' data (`extract/embedded.py`), read when the
visible body is empty. Fixtures written for these tests."""

from __future__ import annotations

import json

import lxml.html

from newsflow.extract import extract_article
from newsflow.extract.embedded import EmbeddedStory
from newsflow.models import OutcomeKind

STORY = [
    f"Paragraph {n} of the story tells how the harbour board voted to dredge the channel, "
    "what the fishermen said about the plan and when the work will begin next spring."
    for n in range(1, 6)
]
STORY_HTML = "<div class='caption'><p>The harbour at dawn. Photo agency</p></div>" + "".join(
    f"<p class='editor-p'>{line}</p>" for line in STORY
)
URL = "https://news.example.org/article/harbour"


def _shell(data: dict[str, object], visible: str = "") -> str:
    """A framework shell: an empty root element and the story pushed into a cache."""
    payload = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        '<html lang="en"><head><title>Harbour to be dredged</title>'
        '<meta property="og:type" content="article"></head>'
        f'<body><div id="root">{visible}</div>'
        f'<script>window["__CACHE__"] = []; window["__CACHE__"].push({payload});</script>'
        "</body></html>"
    )


def test_story_only_in_script_data_is_the_body_when_the_page_shows_none() -> None:
    data = {"detail": {"title": "Harbour to be dredged", "contentHtml": STORY_HTML}}
    article = extract_article(_shell(data).encode(), URL)
    assert article.paragraphs == STORY  # the photo caption is left out
    assert article.provenance["body_text"] == "script-data"
    assert article.outcome.kind is OutcomeKind.ARTICLE


def test_script_data_without_paragraphs_gives_no_body() -> None:
    teasers = {"items": [{"title": f"Teaser {n}", "summary": STORY[0]} for n in range(9)]}
    tree = lxml.html.document_fromstring(_shell(teasers))
    assert EmbeddedStory(tree).paragraphs() == []


def test_short_fragment_is_not_a_story() -> None:
    data = {"html": "<p>One.</p><p>Two words.</p><p>Three more words.</p>" + " " * 400}
    tree = lxml.html.document_fromstring(_shell(data))
    assert EmbeddedStory(tree).paragraphs() == []


def test_a_visible_body_is_kept_whatever_the_scripts_hold() -> None:
    visible = "".join(f"<p>{line.replace('harbour', 'river')}</p>" for line in STORY)
    data = {"contentHtml": STORY_HTML}
    article = extract_article(_shell(data, f"<article>{visible}</article>").encode(), URL)
    assert "river" in article.body_text and "harbour board" not in article.body_text
    assert article.provenance["body_text"] != "script-data"


def test_the_scripts_given_are_read_as_those_of_the_tree() -> None:
    # GIVEN the page's <script> elements read already (page_tags.PageTags), as the pipeline has
    data = {"detail": {"contentHtml": STORY_HTML}}
    tree = lxml.html.document_fromstring(_shell(data))
    scripts = list(tree.iter("script"))
    # THEN the story is the one read from the tree, and only the scripts given are read
    assert EmbeddedStory(tree, scripts).paragraphs() == EmbeddedStory(tree).paragraphs() == STORY
    assert EmbeddedStory(tree, []).paragraphs() == []
