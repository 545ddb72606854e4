"""The English pre-filter that spares dateparser texts it cannot read as a date."""

import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from newsflow.extract.dateline import (
    _EN_DATE_WORD,
    _EN_NUMBER_WORD,
    _dateparser_parse,
    _no_english_date,
)

BASE = datetime(2026, 12, 1)  # noqa: DTZ001 - dateparser's RELATIVE_BASE is naive UTC


@pytest.fixture
def unfiltered(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, bool], datetime | None]:
    """`_dateparser_parse` on English text with the pre-filter off: dateparser itself, with
    the settings `dateline` gives it."""
    from newsflow.extract import dateline

    monkeypatch.setattr(dateline, "_no_english_date", lambda text: False)
    return lambda text, surrounded: _dateparser_parse(
        text, "en", "MDY", BASE, surrounded=surrounded
    )


def test_every_english_date_word_of_the_installed_dateparser_stops_the_filter() -> None:
    # The words of dateparser's own "en" data: month and weekday names, units, and the words
    # of its relative phrases ("last week", "till date", "day before yesterday").
    from dateparser.data.date_translation_data import en

    info = en.info
    months = ["january", "february", "march", "april", "may", "june", "july", "august"]
    months += ["september", "october", "november", "december"]
    days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    units = ["year", "month", "week", "day", "hour", "minute", "second", "decade", "fortnight"]
    parts = ["century", "morning", "afternoon", "evening", "night"]
    keys = months + days + units + parts
    words = [word for key in keys for word in info[key]]
    words += [word for phrases in info["relative-type"].values() for word in phrases]
    missed = [w for w in words if not _EN_DATE_WORD.search(w) and not _EN_NUMBER_WORD.search(w)]
    assert missed == []
    # the number words it substitutes ("a" -> "1") are counted as numbers
    numbers = [next(iter(s)) for s in info["simplifications"] if next(iter(s)).isalpha()]
    assert [n for n in numbers if n not in {"tonight", "noon"}] == [
        n for n in numbers if _EN_NUMBER_WORD.fullmatch(n)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "0:00 0:00",  # two clock times, no date
        "9. Google Data Studio",  # a numbered heading
        "Get 30% more sales with AI. Without doing a thing.",  # two numbers: 30 and "a"
        "$3.39",
        "Top 5 open source alternatives",
    ],
)
def test_a_text_the_filter_skips_is_one_dateparser_reads_as_no_date(
    text: str, unfiltered: Callable[[str, bool], datetime | None]
) -> None:
    assert _no_english_date(text)
    assert unfiltered(text, False) is None
    assert unfiltered(text, True) is None


@pytest.mark.parametrize(
    "text",
    [
        "12. MÄR 2025 18:03",  # dateparser folds accents: MAR
        "à 2019 20,",  # "à" is "a", which it reads as 1: three numbers
        "on.e 29 | 17",  # a period after a letter is dropped: "one"
        "19, 6 MMXXIV",  # a Roman year
        "3h ago",  # a unit glued to the number
        "1767704529",  # a Unix time
        "12 03 2024",  # three numbers
    ],
)
def test_a_text_dateparser_reads_is_never_skipped(
    text: str, unfiltered: Callable[[str, bool], datetime | None]
) -> None:
    assert not _no_english_date(text)
    assert unfiltered(text, False) or unfiltered(text, True)


_SCRIPT = """
import sys
from datetime import UTC, datetime
from support.pages import STORY, news_page
from newsflow.extract import extract_article
body = '<article><h1>Council approves the bridge</h1>' + sys.argv[1] + STORY + '</article>'
fetched = datetime(2024, 6, 1, tzinfo=UTC)
article = extract_article(news_page('', body), 'https://e.com/a', fetched_at=fetched)
print(article.published_at and article.published_at.isoformat(), 'dateparser' in sys.modules)
"""


def _date_and_dateparser_loaded(datelines: str) -> list[str]:
    """(published_at, whether dateparser got imported) of a fresh process extracting a page
    with `datelines` above its story."""
    tests = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, datelines],
        capture_output=True,
        text=True,
        check=True,
        cwd=tests,
    )
    return done.stdout.split()


@pytest.mark.parametrize(
    ("datelines", "expected"),
    [
        # only "date" elements that hold no date: dateparser (0.13 s of CPU) is not loaded
        ('<p class="date">9. Council agenda</p><time>0:00 0:00</time>', ["None", "False"]),
        # a relative form needs it
        ('<p class="date">Published 3 hours ago</p>', ["2024-05-31T21:00:00+00:00", "True"]),
    ],
)
def test_dateparser_is_loaded_only_for_a_text_that_may_be_a_date(
    datelines: str, expected: list[str]
) -> None:
    assert _date_and_dateparser_loaded(datelines) == expected


def test_the_installed_dateparsers_english_data_is_the_one_the_filter_was_checked_on() -> None:
    # dateparser is not pinned (pyproject: >=1.2). The filter's word lists were checked against
    # the "en" data of dateparser 1.5.0; a release that changes it (a new unit, a number word
    # in "simplifications", "a couple" -> 2) fails here: check that _EN_DATE_WORD and
    # _EN_NUMBER_WORD still hold every word it reads as a date part or a number, then update.
    import hashlib
    import json

    from dateparser.data.date_translation_data import en

    data = {key: value for key, value in en.info.items() if key != "locale_specific"}
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    assert digest == "2ce5d3c2641f7b4fbc7f317bfde757f4a7d7245c927694d255a76283e5256f3e"


_NUMBERS = ["0", "1", "12", "31", "0001", "2024"]
# dateparser's "en" separators and skipped words, and words of no date
_JOINS = [" ", "/", "-", ".", ",", ":", ";", "@", "|", "'", "，", " of ", " and ", " at ", " by "]
_JOINS += [" about ", " the ", ", page ", " No. ", " vol "]


def test_texts_of_two_numbers_the_filter_skips_are_none_to_dateparser(
    unfiltered: Callable[[str, bool], datetime | None],
) -> None:
    # a dateparser release that reads a day, a month and a year out of two numbers fails here
    texts = [f"{a}{join}{b}" for a in _NUMBERS for b in _NUMBERS for join in _JOINS]
    texts += [f"{clock} {a}" for clock in ("10:12", "10:12:24") for a in _NUMBERS]
    assert all(_no_english_date(text) for text in texts)
    read = {
        text: value
        for text in texts
        for surrounded in (False, True)
        if (value := unfiltered(text, surrounded)) is not None
    }
    assert read == {}
