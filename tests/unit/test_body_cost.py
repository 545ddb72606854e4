"""Cost cuts in body extraction decide exactly as the rules they stand in front of."""

import gzip
import re
from pathlib import Path

import pytest
from lxml import etree
from lxml.html import HtmlElement, document_fromstring
from trafilatura.utils import load_html

from newsflow.extract import body
from newsflow.extract.xpath import class_and_id_values

SETS = Path(__file__).resolve().parents[1]


def test_every_promo_alternative_names_a_prefilter_word() -> None:
    alternatives = body.top_level_alternatives(body._PROMO_RE.pattern)
    assert len(alternatives) > 20
    for alternative in alternatives:
        assert any(word in alternative.lower() for word in body._PROMO_WORDS), alternative


def _page_lines() -> list[str]:
    lines: list[str] = []
    for sample in ("devset", "modernset"):
        for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:8]:
            tree = load_html(gzip.decompress(path.read_bytes()))
            assert isinstance(tree, HtmlElement)
            lines += [line.strip() for line in tree.text_content().split("\n") if line.strip()]
    return lines


PROMOS = [
    "Sign up for our newsletter to get the latest news.",
    "Follow Jane Doe on Twitter.",
    "Have a tip? Email us.",
    "Get the latest stories delivered to your inbox",
    "ſign up for our daily briefing",  # a long s: re.IGNORECASE reads it as "s"
    "Версия для печати",
    "Residents can sign up for flood alerts at the town hall.",  # a story's line: no match
]


@pytest.mark.parametrize("line", PROMOS)
def test_promo_test_agrees_with_the_pattern(line: str) -> None:
    assert body._is_promo(line, body._lower_if_alike(line)) == (
        body._PROMO_RE.search(line) is not None
    )


def test_promo_test_agrees_with_the_pattern_on_page_text() -> None:
    lines = _page_lines()
    assert len(lines) > 1000
    assert [body._is_promo(line, body._lower_if_alike(line)) for line in lines] == [
        body._PROMO_RE.search(line) is not None for line in lines
    ]
    assert any(body._is_promo(line, body._lower_if_alike(line)) for line in lines)


def test_each_promo_alternative_is_searched_for_the_words_it_spells() -> None:
    # a line holding "follow" is searched with the alternatives spelling "follow", and only
    # those: each word's pattern is its alternatives of the whole pattern
    alternatives = body.top_level_alternatives(body._PROMO_RE.pattern)
    follow = body._PROMO_BY_WORD["follow"].pattern
    assert all((f"(?:{a})" in follow) == ("follow" in a.lower()) for a in alternatives)
    assert body._is_promo("Follow us on Instagram for more.", "follow us on instagram for more.")
    assert not body._is_promo(
        "Officials follow the rules closely, the report said.",
        "officials follow the rules closely, the report said.",
    )


def _consent_by_patterns(line: str) -> bool:
    """``_is_consent_line`` without its "cookie" prefilter: the two patterns alone."""
    if body._CONSENT_ROW_RE.search(line):
        return True
    return (
        body._CONSENT_RE.search(line) is not None
        and body._CONSENT_ADDRESS_RE.search(line) is not None
        and body._REPORTED_RE.search(line) is None
    )


CONSENT_LINES = [
    "cookielawinfo-checkbox-analytics | 11 months | This cookie is set by the plugin.",
    "Cookie | Duration | Description",
    "Necessary cookies are absolutely essential for the website to function properly.",
    "COOKIES ARE USED on this site to remember your choice.",
    "Coo\u212aies are used to remember your choice.",  # a Kelvin sign: re.IGNORECASE reads "k"
    "The bakery's cookie is set apart by its brown butter.",  # a story's line: no match
]


@pytest.mark.parametrize("line", CONSENT_LINES)
def test_consent_test_agrees_with_its_patterns(line: str) -> None:
    assert body._is_consent_line(line, body._lower_if_alike(line)) == _consent_by_patterns(line)


def test_consent_test_agrees_with_its_patterns_on_page_text() -> None:
    lines = _page_lines()
    assert [body._is_consent_line(line, body._lower_if_alike(line)) for line in lines] == [
        _consent_by_patterns(line) for line in lines
    ]


# The whole-part patterns as first written: ``_whole_name_parts`` must find what they found.
_CTA_AS_WRITTEN = re.compile(r"(?:^|[\s_-])cta(?:$|[\s_-])")
_POPUP_AS_WRITTEN = re.compile(
    r"(?:^|[\s_-])(?:tooltip|popover|hovercard|hover-card|sr-only|"
    r"visually-hidden|visuallyhidden|screen-reader|element-invisible)(?:$|[\s_-])"
)
NAMES = [
    "cta", "article-cta-box", "cta_banner", "x cta", "actas", "ctab", "cta\n", "a-cta\nb",
    "sr-only", "btn sr-only-focusable", "nosr-only", "tooltip", "has-tooltip", "tooltips",
    "c-hover-card__body", "visually-hidden", "screen-reader-text", "element-invisible x",
]  # fmt: skip


def _page_names() -> list[str]:
    names: list[str] = []
    for sample in ("devset", "modernset"):
        for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:8]:
            tree = load_html(gzip.decompress(path.read_bytes()))
            assert isinstance(tree, HtmlElement)
            names += [str(v).lower() for v in tree.xpath("//@class|//@id")]
    return names


def test_whole_part_patterns_find_what_the_written_ones_found() -> None:
    names = NAMES + _page_names()
    promo = [body._PROMO_BOX_RE.search(n) is not None for n in names]
    assert promo == [
        bool(re.search("newsletter|mailmagazine|subscribe|signup|sign-up|promo", n))
        or _CTA_AS_WRITTEN.search(n) is not None
        for n in names
    ]
    assert [body._POPUP_CLASS_RE.search(n) is not None for n in names] == [
        _POPUP_AS_WRITTEN.search(n) is not None for n in names
    ]
    assert any(promo) and body._POPUP_CLASS_RE.search("btn sr-only-focusable")


BOXES = (
    "<html><body><article><p>The council approved the flood barrier on Monday after a long "
    "debate about its cost and timing.</p>"
    "<div id='newsletter-signup'><p>Get our newsletter every morning.</p></div>"
    "<div class='author-bio'><p>Jane Doe covers the city council.</p></div>"
    "<div id='story-body' class='newsletter'><p>Sign up now.</p></div>"
    "<p>Work starts in spring and ends in two years, the council said.</p>"
    "</article></body></html>"
)


def test_preclean_with_the_page_marks_drops_the_boxes_it_drops_without() -> None:
    # GIVEN a page with boxes named by id, by class, and an element with both
    ours, theirs = load_html(BOXES), load_html(BOXES)
    assert isinstance(ours, HtmlElement) and isinstance(theirs, HtmlElement)
    # WHEN one pre-cleaning gets the page's marks (ids and classes read in one go) and the
    # other reads the ids and classes itself
    body._preclean(ours, class_and_id_values(ours))
    body._preclean(theirs)
    # THEN both trees are the same, without the id box and the class box
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert "newsletter every morning" not in ours.text_content()
    assert "covers the city council" not in ours.text_content()
    assert "flood barrier" in ours.text_content()


def test_the_word_prefilters_read_a_line_lowered_unless_ignorecase_reads_it_otherwise() -> None:
    assert body._lower_if_alike("Sign Up for The Brief") == "sign up for the brief"
    assert body._lower_if_alike("Café Crème — Ümlaut") == "café crème — ümlaut"
    # the four letters re.IGNORECASE matches to ASCII ones, unlike str.lower()
    for letter in "\u0130\u0131\u017f\u212a":
        assert body._lower_if_alike(f"Straße {letter} Ufer") is None


SIGNOFFS = [
    "Reporting by Jane Doe; Editing by John Roe",
    "(Additional reporting by Ana Lima in Lisbon)",
    "Staff writer Kim Park contributed to this report.",
    "ED\u0130T\u0130NG BY the night desk",  # a dotted capital I: re.IGNORECASE reads "i"
    "Editors are reporting a rise in letters.",  # a story's line: no match
]


@pytest.mark.parametrize("line", SIGNOFFS)
def test_signoff_test_agrees_with_the_pattern(line: str) -> None:
    expected = body._SIGNOFF_RE.match(line) is not None
    assert body._is_signoff(line, body._lower_if_alike(line)) == expected


def test_signoff_test_agrees_with_the_pattern_on_page_text() -> None:
    lines = _page_lines()
    assert [body._is_signoff(line, body._lower_if_alike(line)) for line in lines] == [
        body._SIGNOFF_RE.match(line) is not None for line in lines
    ]


def test_link_texts_are_read_as_the_page_was_before_recovery_spaced_its_breaks() -> None:
    # recovery puts a line break after every <br>; the link keys are read on first use, and
    # a link holding a <br> keeps the key it had when the page's links were taken
    story = "The ferry from the old pier to the island runs twice a day in the summer months."
    tree = document_fromstring(
        "<html><body><article>"
        f"<p>{story}</p>"
        '<ul><li><a href="/a">Harbour<br>side walks</a></li><li><a href="/b">Dune trails</a></li>'
        "</ul></article></body></html>"
    )
    links = body._link_texts(tree)
    body._recover(tree, [story])
    assert "harbourside walks" in links
    assert "harbour side walks" not in links
    assert "dune trails" in links
    assert sorted(links) == ["dune trails", "harbourside walks"]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [(body._POPUP_CLASS_RE, body._POPUP_WORDS), (body._BOX_RE, body._BOX_WORDS)],
)
def test_every_class_pattern_alternative_spells_one_of_its_words(
    pattern: re.Pattern[str], words: tuple[str, ...]
) -> None:
    alternatives = body.top_level_alternatives(f"(?:{pattern.pattern})")
    assert len(alternatives) > 5
    for alternative in alternatives:
        literal = re.sub(r"\(\?<!\[\^\\s_-\]\w\)|\(\?!\[\^\\s_-\]\)|\\b|\\", "", alternative)
        assert any(word in literal for word in words), alternative


def test_popup_and_box_classes_are_the_values_the_patterns_find() -> None:
    names = list(dict.fromkeys([*NAMES, *_page_names(), "Tooltip-Wrap", "authorBio", "x\ny cta"]))
    popups, boxes = body._popup_and_box_classes(names)
    assert popups == {n for n in names if body._POPUP_CLASS_RE.search(n.lower())}
    assert boxes == {n for n in names if body._BOX_RE.search(n.lower())}
    assert "Tooltip-Wrap" in popups and "authorBio" in boxes and "x\ny cta" in boxes
