"""The page's language chooses jusText's stop-word list, and never discards the page."""

from __future__ import annotations

import logging

import lxml.html
import pytest
import trafilatura

from newsflow.extract.stoplists import stoplist_language

SENTENCE = (
    "The harbour board heard evidence from fishermen, engineers and the council about "
    "the cost and timing of the dredging works along the eastern quay."
)


def _page(head: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(
        f"<html><head>{head}</head><body><p>{SENTENCE}</p></body></html>"
    )


@pytest.mark.parametrize(
    ("language", "code"),
    [("de", "de"), ("en-GB", "en"), ("pt_BR", "pt"), ("NB-no", "nb"), (None, None), ("", None)],
)
def test_markup_language_becomes_its_iso_639_1_code(language: str | None, code: str | None) -> None:
    assert stoplist_language(_page(), language) == code


def test_a_language_without_a_justext_list_gives_none() -> None:
    assert stoplist_language(_page(), "tlh") is None  # Klingon: no list, all lists as before


def test_a_language_the_pages_locale_contradicts_gives_none() -> None:
    # trafilatura discards a page whose og:locale or content-language names other languages
    french = _page('<meta property="og:locale" content="fr_FR">')
    assert stoplist_language(french, "de") is None
    assert stoplist_language(french, "fr") == "fr"


def test_a_target_language_without_a_detector_logs_no_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    page = "<html><body><article>" + f"<p>{SENTENCE}</p>" * 4 + "</article></body></html>"
    with caplog.at_level(logging.WARNING):
        trafilatura.extract(page, target_language="en", fast=False)
    assert not [r for r in caplog.records if "detector" in r.getMessage()]
