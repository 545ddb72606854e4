"""The paywall-text search around the hints finds what a search of the whole text finds."""

from __future__ import annotations

import importlib

import pytest

from newsflow.extract import classify

FILLER = "The council met on Monday to discuss the flood barrier. " * 40
TEXTS = [
    FILLER,
    FILLER + "Subscribe now to continue reading." + FILLER,  # mid-page
    "Already a subscriber? Log in." + FILLER,  # at the start
    FILLER + "This content is only reserved for members",  # at the end
    FILLER + "Members of the club met. " * 100 + "To continue reading, please log in.",
    FILLER + "Jetzt weiterlesen mit Abo",
    FILLER + "Contenu réservé aux abonnés",
    FILLER + "subscribers and members alike voted",  # hints, no match
]


def _whole(text: str) -> bool:
    return classify._PAYWALL_TEXT.search(text.lower()) is not None


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_the_windowed_search_agrees_with_the_whole_search(text: str) -> None:
    assert classify._has_paywall_text(text) == _whole(text)


def test_the_window_holds_the_longest_match() -> None:
    # the standard library's own regex parser gives a pattern's (shortest, longest) match
    parser = importlib.import_module("re._parser")
    longest = parser.parse(classify._PAYWALL_TEXT.pattern).getwidth()[1]
    assert longest <= classify._PAYWALL_SPAN


def test_the_cases_cover_matches_and_the_many_hints_fallback() -> None:
    assert [_whole(text) for text in TEXTS] == [False, True, True, True, True, True, True, False]
    assert TEXTS[4].lower().count("members") > classify._PAYWALL_MAX_WINDOWS
