"""The cheap tests before the metadata's text searches refuse only what the search refuses:
the byline-text test reads only a node's opening, and `xpath.may_match` on a page with a
non-ASCII class searches the other values as on an ASCII page."""

from __future__ import annotations

import lxml.html
import pytest

from newsflow.extract.metadata import _BYLINE_OPENING, _is_byline_text, collect
from newsflow.extract.xpath import may_match

TEXTS = [
    "By Karen Sobczak",
    "  \n\tBy Karen Sobczak",
    "\u00a0Por Ana Lima",
    "Von Max Muster",
    "Door\u2003Jan Smit",  # an em space after the role word: \\s and str.strip agree
    "By\u00a0Ana Li By the editors",
    "Di Mario Rossi",
    "PAR Jean Dupont",
    "Photos by Ana Lima",  # the role word is not the opening
    "Byline",
    "BY",
    "Por sua causa, Carlos.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_opening_test_keeps_every_byline_text_the_search_kept(text: str) -> None:
    # the test it replaced: a role word and a space somewhere in the node
    roles = ("By", "BY", "Von", "VON", "Par", "PAR", "Por", "POR", "Door", "Di")
    searched = any(f"{word} " in text for word in roles)
    if searched and _is_byline_text(text.strip()):
        assert _BYLINE_OPENING.match(text)
    if _BYLINE_OPENING.match(text):
        assert searched


def test_a_role_word_inside_a_node_is_no_byline_text_the_opening_one_is() -> None:
    # GIVEN a page without author markup: "by" inside a caption, then a byline text
    page = (
        "<html><body><p>Photos by Ana Lima</p><p>Some story text.</p>"
        "<p>\n  By Karen Sobczak</p></body></html>"
    )
    found = collect(lxml.html.document_fromstring(page))
    # THEN the byline is the node that opens with the role word
    assert [(r.name, s) for refs, s in found.authors for r in refs] == [
        ("By Karen Sobczak", "byline:text")
    ]
    assert _BYLINE_OPENING.match("Photos by Ana Lima") is None


def test_may_match_searches_the_ascii_values_of_a_page_with_a_non_ascii_one() -> None:
    # GIVEN class values with non-ASCII ones among them, one between "…aut" and "hor…"
    values = ["post-author", "\u212aicker", "site-aut", "caf\u00e9", "hor-x", "nav", "By-Line"]
    words = ("author", "byline", "kicker")
    # THEN the non-ASCII values are kept, the others only when they hold a word, in order
    assert may_match(values, words) == ["post-author", "\u212aicker", "caf\u00e9"]
    assert may_match(values, ("line",)) == ["\u212aicker", "caf\u00e9", "By-Line"]


def test_split_names_kept_for_the_next_call_gives_each_caller_its_own_list() -> None:
    from newsflow.extract.authors import split_names

    # GIVEN a byline split once and the list changed by its caller
    first = split_names("By Ana Lima and Bo Ekberg")
    assert first == ["Ana Lima", "Bo Ekberg"]
    first.append("Someone Else")
    # THEN the next split of the same byline is as the first was
    assert split_names("By Ana Lima and Bo Ekberg") == ["Ana Lima", "Bo Ekberg"]
    # ... and a text lxml returned (a str subclass holding its tree) splits alike
    found = lxml.html.fromstring("<p>By Ana Lima and Bo Ekberg</p>").xpath("//p/text()")
    raw = found[0] if isinstance(found, list) else None
    assert isinstance(raw, str) and type(raw) is not str
    assert split_names(raw) == ["Ana Lima", "Bo Ekberg"]
