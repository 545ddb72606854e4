"""The shared XPath helpers: one walk for many class/id markers finds what one walk each did."""

from __future__ import annotations

import lxml.html

from newsflow.extract.xpath import (
    class_and_id_values,
    elements_by_marker,
    elements_with_any,
    elements_with_values,
    may_match,
)

PAGE = """<html><head><title>t</title></head><body>
<div class="byline" id="top"><span class="author-name">Ana Lima</span></div>
<p class="byline">By Ana Lima</p>
<div id="byline">Second</div>
<span class='say "hi" o&#39;clock'>quoted</span>
<aside class="other">not asked for</aside>
</body></html>"""


def test_each_marker_gets_its_elements_in_document_order() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    found = elements_by_marker(tree, ["byline", "author-name", "missing"])
    assert [e.tag for e in found["byline"]] == ["div", "p", "div"]  # class or id
    assert [e.text_content() for e in found["author-name"]] == ["Ana Lima"]
    assert found["missing"] == []
    assert list(found) == ["byline", "author-name", "missing"]  # the markers' order


def test_a_marker_holding_both_quotes_is_still_found() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    marker = 'say "hi" o\'clock'
    assert [e.text for e in elements_by_marker(tree, [marker])[marker]] == ["quoted"]


def test_an_element_marked_twice_is_listed_under_both_markers() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    found = elements_by_marker(tree, ["top", "byline"])
    assert found["top"] == [found["byline"][0]]
    assert elements_by_marker(tree, []) == {}


def test_class_and_id_values_are_distinct_classes_first() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    values = class_and_id_values(tree)
    # the id "byline" repeats the class "byline": one value
    assert values == ["byline", "author-name", 'say "hi" o\'clock', "other", "top"]


def test_one_walk_answers_each_query_as_its_own_walk_does() -> None:
    tree = lxml.html.document_fromstring(PAGE)
    queries = [
        ("class", {"byline", "other"}),
        ("id", {"byline", "top"}),
        ("class", {"byline"}),  # a value asked twice, for two queries
        ("style", set()),
    ]
    found = elements_with_any(tree, queries)
    assert found == [elements_with_values(tree, name, values) for name, values in queries]
    assert [e.tag for e in found[0]] == ["div", "p", "aside"]  # document order
    assert found[3] == []


def test_may_match_keeps_the_values_holding_a_word_in_order() -> None:
    # GIVEN class values: words at either end of a value, twice in one, across the joint of
    # two values ("…aut" + "hor…" must not count), in capitals, with a line break inside
    values = ["post-author", "Byline", "site-aut", "hor-x", "authorauthor", "x\nwriter", "nav"]
    words = ("author", "byline", "writer")
    # THEN they are the values whose lower-cased form holds a word, each once, in order
    expected = [v for v in values if any(w in v.lower() for w in words)]
    assert (
        may_match(values, words)
        == expected
        == [
            "post-author",
            "Byline",
            "authorauthor",
            "x\nwriter",
        ]
    )
    # ... and on a page with a non-ASCII value, that value may match whatever it holds
    # (re.I folds the Kelvin sign onto "k"; str.lower() does not)
    assert may_match(["\u212aicker", "nav", "Author"], ("kicker",)) == ["\u212aicker"]
