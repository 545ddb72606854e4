"""The searches' kept attribute values: one str per value, whichever search keeps it."""

from __future__ import annotations

import lxml.html

from newsflow.extract.content_paths import ValueSearch


def test_two_searches_keep_one_str_of_a_class_value() -> None:
    page = lxml.html.fromstring('<div><p class="story-body__text">a</p></div>')
    paragraph = page.find(".//p")
    assert paragraph is not None
    story, footer = ValueSearch(r"story"), ValueSearch(r"footer")
    # each read of the attribute is a new str, as the walks read it element by element
    first, second = paragraph.get("class"), paragraph.get("class")
    assert first is not None and first is not second
    assert story[first] and not footer[second]
    (kept_by_story,), (kept_by_footer,) = story.keys(), footer.keys()
    assert kept_by_story is kept_by_footer
