"""The page signals' word counts: exact on every script, and not kept in the measures' cache."""

from __future__ import annotations

import lxml.html
import pytest

from newsflow.extract import classify, text
from newsflow.extract.text import count_words, count_words_once, forget_measures, visible_texts

# Invented pages: Latin and typographic spaces, CJK and Thai (one word per character), text
# split over inline markup, script and style text that is not seen.
PAGES = {
    "latin": (
        "<html><body><h1>Flood\u00a0barrier opens</h1><p>The council\u2009met on "
        "<b>Monday</b>\u2003to vote.</p><script>var a = 1;</script><a href='/x'>Read "
        "the full council minutes</a></body></html>",
        15,
    ),
    "cjk": (
        "<html><body><p>東京で会議</p><p>new 市長 said</p><style>p{}</style>"
        "<a href='/y'>More council news here</a></body></html>",
        # 5 + (new, 市, 長, said) + (More, council, news, here)
        13,
    ),
    "thai": (
        "<html><body><p>ข่าว today</p>\u3000<p>two\u2028lines</p></body></html>",
        # 4 Thai characters and "today", then "two", "lines" (U+3000 a space to str.split)
        7,
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_page_words_are_counted_exactly(name: str) -> None:
    page, words = PAGES[name]
    tree = lxml.html.fromstring(page)
    joined = " ".join(visible_texts(tree))
    assert count_words_once(joined) == count_words(joined) == words
    assert classify.page_signals(tree, article_markup=False).words == words


def test_the_page_text_is_not_kept_in_the_measures_cache() -> None:
    # ASCII link texts are counted by their spaces: nothing of this page is cached
    tree = lxml.html.fromstring(PAGES["latin"][0])
    forget_measures()
    signals = classify.page_signals(tree, article_markup=False)
    assert signals.link_words == 5
    assert text._count_words.cache_info().currsize == 0


@pytest.mark.parametrize(
    ("phrase", "found"),
    [
        ("SUBSCRIBE NOW TO CONTINUE READING", True),
        ("Already A Subscriber? Sign in", True),
        ("Contenu RÉSERVÉ AUX ABONNÉS", True),
        ("Jetzt\u00a0weiterlesen", False),  # a no-break space is not the pattern's space
        ("SUBSCRİBE to continue reading", False),  # dotted İ lowers to two characters
    ],
)
def test_paywall_phrases_are_found_in_any_case(phrase: str, found: bool) -> None:
    page = f"<html><body><p>The council met.</p><p>{phrase}</p></body></html>"
    signals = classify.page_signals(lxml.html.fromstring(page), article_markup=False)
    assert signals.paywall_marker is found


def test_every_spaceless_character_is_seen_by_its_utf8_lead() -> None:
    # all of the Basic Multilingual Plane the spaceless-script pattern matches
    spaceless = [chr(c) for c in range(0x10000) if text._SPACELESS_SCRIPT.match(chr(c))]
    assert len(spaceless) > 20_000
    assert all(text._may_hold_spaceless("a\u2019b " + ch) for ch in spaceless)


@pytest.mark.parametrize(
    "sample",
    [
        "Flood\u00a0barrier \u201copens\u201d \u2014 council\u2009met",  # E2, C2: no lead
        "broken \ud800 surrogate and 市長",  # a lone surrogate does not raise
        "Café\u3000ข่าว today",
        "\ufeffBOM-led text",  # a lead (EF) without a spaceless character: counted exactly
    ],
)
def test_the_once_count_is_the_cached_count(sample: str) -> None:
    assert count_words_once(sample) == count_words(sample)
