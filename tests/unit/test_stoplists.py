"""The page's language chooses jusText's stop-word list, and never discards the page."""

from __future__ import annotations

import logging
import os
import pickle
import pkgutil
import subprocess
import sys
from collections.abc import Iterator

import justext.core
import lxml.html
import pytest
import trafilatura
import trafilatura.external
from justext.utils import get_stoplist, get_stoplists

from newsflow.extract import stoplists
from newsflow.extract.stoplists import (
    ALL_STOPWORDS,
    AllStopwords,
    justext_define_stoplist,
    stoplist_language,
)

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


@pytest.fixture(scope="module")
def every_stopword() -> Iterator[frozenset[str]]:
    """jusText's own set for trafilatura's all-language tuple (its define_stoplist, uncached)."""
    words = tuple({word for language in get_stoplists() for word in get_stoplist(language)})
    yield justext_define_stoplist.__wrapped__(words)


def test_all_stopwords_hold_every_list_word_and_no_other(every_stopword: frozenset[str]) -> None:
    assert all(word in ALL_STOPWORDS for word in every_stopword)
    others = [
        word + suffix for word in sorted(every_stopword)[::5] for suffix in ("qx", "\u00e9\u00e9")
    ]
    assert [w for w in others if w in ALL_STOPWORDS] == [w for w in others if w in every_stopword]
    assert 1 not in ALL_STOPWORDS


def test_justext_classifies_paragraphs_as_with_its_own_list() -> None:
    words = ["der", "die", "and", "the", "of", "la", "le", "et", "och", "og", "ja", "i", "w"]
    page = "<html><body>" + "".join(
        f"<p>{' '.join(words[: n % len(words) + 1])} {SENTENCE[: 20 * n]}</p>" for n in range(40)
    )
    classes = []
    for stoplist in (ALL_STOPWORDS, tuple(ALL_STOPWORDS)):
        paragraphs = justext.core.ParagraphMaker.make_paragraphs(lxml.html.fromstring(page))
        justext.core.classify_paragraphs(paragraphs, stoplist, 50, 150, 0.1, 0.2, 0.25, True)
        classes.append(
            [
                (p.cf_class, p.stopwords_count(justext.core.define_stoplist(stoplist)))
                for p in paragraphs
            ]
        )
    justext_define_stoplist.cache_clear()
    assert classes[0] == classes[1]
    assert {c for c, _ in classes[0]} >= {"good", "short"}


def test_trafilatura_takes_the_packed_list_for_every_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fresh list in trafilatura's global: jusText's words are looked up in it (its hashes
    # get built) and trafilatura builds no tuple of its own. Fails if either library stops
    # reading the global we set (the +27 MB list would come back without a word).
    packed = AllStopwords()
    monkeypatch.setattr(trafilatura.external, "JT_STOPLIST", packed)
    monkeypatch.setattr(trafilatura.external, "jt_stoplist_init", _no_tuple)

    body = trafilatura.external.try_justext(
        lxml.html.fromstring(f"<html><body><p>{SENTENCE} {SENTENCE}</p></body></html>"), None, None
    )

    assert SENTENCE in "".join(body.itertext())
    assert packed._hashes is not None  # built by the look-ups themselves
    assert trafilatura.external.JT_STOPLIST is packed


def _no_tuple() -> tuple[str, ...]:
    raise AssertionError("trafilatura built its own all-language tuple")


def test_a_copy_pickled_into_another_process_still_knows_every_word() -> None:
    # str hashes differ between processes: a copy carrying this one's would match nothing
    assert "the" in ALL_STOPWORDS
    child = subprocess.run(
        [sys.executable, "-c", _LOOKUP_PICKLED],
        input=pickle.dumps(ALL_STOPWORDS),
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "random"},
    )
    assert child.stdout.split() == [b"True", b"True", b"False"]


_LOOKUP_PICKLED = """
import pickle, sys
words = pickle.loads(sys.stdin.buffer.read())
print("the" in words, "und" in words, "harbourqx" in words)
"""


# A fresh process's peak RSS growth from its first look-up in every list (the kernel's count).
_FIRST_LOOKUP_RSS = """
import resource
from newsflow.extract.stoplists import ALL_STOPWORDS
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert "the" in ALL_STOPWORDS
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)
"""


def test_every_list_raises_peak_rss_by_under_ten_megabytes() -> None:
    # ours about 4 MB (reading the lists one by one, the largest 13k words; 1.2 MB of hashes
    # held); trafilatura's tuple and jusText's frozenset of the same words: +33 MB, held
    child = subprocess.run(
        [sys.executable, "-c", _FIRST_LOOKUP_RSS], capture_output=True, text=True, check=True
    )
    assert float(child.stdout) < 10


def test_the_hashes_are_those_of_justexts_lists_read_either_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the lists' files read directly (jusText 3.0.2) and, for another jusText, through its
    # get_stoplist: the same sorted array, the lower-cased words' hashes once each
    expected = sorted({hash(w.lower()) for lang in get_stoplists() for w in get_stoplist(lang)})
    assert list(AllStopwords()._sorted_hashes()) == expected
    monkeypatch.setattr(stoplists, "_JUSTEXT_UTILS", "another version")
    assert list(AllStopwords()._sorted_hashes()) == expected


@pytest.mark.parametrize(
    "content",
    [
        "Der\nΟΔΟΣ\r\nΣΑΣ\rquay\n",  # read whole: bytes' line breaks only, a final sigma
        "Ab\x0ccd\nef\u2028gh\nΟΔΟΣ",  # breaks str.splitlines knows and bytes' does not
    ],
)
def test_each_list_file_gives_the_words_justexts_reader_gives(
    content: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = content.encode()
    monkeypatch.setattr(stoplists, "get_stoplists", lambda: frozenset({"xx"}))
    monkeypatch.setattr(pkgutil, "get_data", lambda package, path: data)
    # jusText 3.0.2's get_stoplist, before its frozenset: each bytes line decoded, lowered
    assert list(stoplists._lowered_words()) == [w.decode("utf8").lower() for w in data.splitlines()]
