"""English datelines read without dateparser: dates inside other words, ordinal days, the
other day/month order, two-digit years; texts with no full date refused before loading it."""

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsflow.extract.dateline import _dateparser_parse, _four_digit_year, parse_dateline

FETCHED = datetime(2026, 12, 1, tzinfo=UTC)

# (text, fetched_at, published_at as parse_dateline gives it, in UTC, or None)
_KINDS: list[tuple[str, datetime, str | None]] = [
    # a month name with its day and year among other words: a name before, words after
    ("Ora Vance Sep 9, 2024", FETCHED, "2024-09-09T00:00:00+00:00"),
    ("Tamsin Reed Aug 03, 2025 ∙ Members only", FETCHED, "2025-08-03T00:00:00+00:00"),
    ("HOME GARDEN AUGUST 14, 2021", FETCHED, "2021-08-14T00:00:00+00:00"),
    ("February 02, 2026 Written by Ida Holm Staff Writer", FETCHED, "2026-02-02T00:00:00+00:00"),
    ("Ida Holm @ Brightside June 7, 2025 6:05 pm", FETCHED, "2025-06-07T18:05:00+00:00"),
    # an ordinal day, alone or among words
    ("October 31st, 2023", FETCHED, "2023-10-31T00:00:00+00:00"),
    ("2nd March 2022", FETCHED, "2022-03-02T00:00:00+00:00"),
    ("Field Notes July 3rd, 2023 garden", FETCHED, "2023-07-03T00:00:00+00:00"),
    # a count beside the date (views, an id) is no part of it
    ("Pim Jan 5, 2025 98213", FETCHED, "2025-01-05T00:00:00+00:00"),
    # an ISO date in parentheses after a title, a numeric date with its time among words
    ("Weekly notes: ⚡ Edge caching (2024-05-17)", FETCHED, "2024-05-17T00:00:00+00:00"),
    ("the 23/08/2024 18:30 by", FETCHED, "2024-08-23T18:30:00+00:00"),
    # a day/month order the page's (US: month first) cannot read is read the other way
    ("25/12/2024 10:00", FETCHED, "2024-12-25T10:00:00+00:00"),
    # two-digit years: the latest year with those digits not after the fetch year
    ("14.02.24", FETCHED, "2024-02-14T00:00:00+00:00"),
    ("Published on 07/30/25", FETCHED, "2025-07-30T00:00:00+00:00"),
    ("Upd: 28.09.26", FETCHED, "2026-09-28T00:00:00+00:00"),
    ("07/30/98", FETCHED, "1998-07-30T00:00:00+00:00"),
    # ... so a year after the fetch year is a century earlier: before MIN_YEAR, no date
    ("03/01/27", FETCHED, None),
    # no full date: a month and a year, an ordinal, a score, an address, a postcode, a
    # reading time, a year in a sentence
    ("Last checked May 2021", FETCHED, None),
    ("Revised September 2019", FETCHED, None),
    ("3rd", FETCHED, None),
    ("8.4/10 Editor's Choice for Speed", FETCHED, None),
    ("9.1/10", FETCHED, None),
    ("Unit No. 14, 2nd floor, Harbour Road, Westfield", FETCHED, None),
    ("560034", FETCHED, None),
    ("3m read", FETCHED, None),
    ("Garden Guides 12 minutes", FETCHED, None),
    ("Midway through 2024, here's what's changed", FETCHED, None),
]

_SCRIPT = """
import json, sys
from datetime import datetime
from newsflow.extract.dateline import parse_dateline
out = []
for text, fetched in json.loads(sys.argv[1]):
    read = parse_dateline(text, "en", datetime.fromisoformat(fetched), "US")
    out.append(read and read[0].isoformat())
print(json.dumps([out, "dateparser" in sys.modules]))
"""


def _read_in_a_fresh_process(texts: list[tuple[str, datetime]]) -> tuple[list[str | None], bool]:
    """parse_dateline's readings of `texts` (English, US) in a new interpreter, and whether
    dateparser got imported there."""
    arg = json.dumps([(text, fetched.isoformat()) for text, fetched in texts])
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, arg],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    readings, loaded = json.loads(done.stdout)
    return readings, loaded


def test_english_dateline_kinds_are_read_or_refused_without_loading_dateparser() -> None:
    readings, loaded = _read_in_a_fresh_process([(text, fetched) for text, fetched, _ in _KINDS])
    assert dict(zip([k[0] for k in _KINDS], readings, strict=True)) == {
        text: expected for text, _, expected in _KINDS
    }
    assert not loaded


def test_a_text_that_needs_dateparser_still_loads_it() -> None:
    # the check above is no artefact of the script: a relative form is read by dateparser
    readings, loaded = _read_in_a_fresh_process([("3 hours ago", FETCHED)])
    assert readings == ["2026-11-30T21:00:00+00:00"]
    assert loaded


@pytest.mark.parametrize(
    ("year", "base_year", "expected"),
    [(26, 2026, 2026), (25, 2026, 2025), (27, 2026, 1927), (99, 2026, 1999), (0, 2026, 2000)],
)
def test_a_two_digit_year_is_the_latest_not_after_the_base_year(
    year: int, base_year: int, expected: int
) -> None:
    assert _four_digit_year(year, base_year) == expected


def test_a_two_digit_year_dateparser_reads_is_put_in_the_same_century() -> None:
    # dateparser (PREFER_DATES_FROM past) puts "13.03.26" fetched in January 2026 in 1926
    base = datetime(2026, 1, 2)  # noqa: DTZ001 - dateparser's RELATIVE_BASE is naive UTC
    assert _dateparser_parse("Mar 13 26", "en", "MDY", base) == datetime(2026, 3, 13)  # noqa: DTZ001
    assert _dateparser_parse("13.03.26", "de", "DMY", base) == datetime(2026, 3, 13)  # noqa: DTZ001
    # ... and a year written in full stays as written
    assert _dateparser_parse("13. März 1926", "de", "DMY", base) == datetime(1926, 3, 13)  # noqa: DTZ001


@pytest.fixture
def dateparser_reading() -> Callable[[str], datetime | None]:
    """dateparser itself (the pre-filter off) as `_parse_piece` calls it: without surrounding
    text, then with it."""
    from newsflow.extract import dateline

    base = FETCHED.replace(tzinfo=None)

    def read(text: str) -> datetime | None:
        saved = dateline._no_english_date
        dateline._no_english_date = lambda text: False
        try:
            return _dateparser_parse(text, "en", "MDY", base) or _dateparser_parse(
                text, "en", "MDY", base, surrounded=True
            )
        finally:
            dateline._no_english_date = saved

    return read


_BEFORE = ["", "Ann Lee ", "Health Notes ", "Kim Ode @ Example "]
_DATES = ["Mar 3, 2025", "DECEMBER 22, 2022", "July 4th, 2024", "Sept. 9 2023", "1 May 2024"]
# (not "Written by Bo Ek": dateparser's IGNORE_SURROUNDING_TEXT stops at a word it knows,
# "by", and reads no date there; `_KINDS` has it read)
_AFTER = ["", " ∙ Paid", " tech", " Members only"]


def test_a_date_among_words_is_read_as_dateparser_reads_it(
    dateparser_reading: Callable[[str], datetime | None],
) -> None:
    texts = [f"{b}{d}{a}" for b in _BEFORE for d in _DATES for a in _AFTER]
    ours = {text: parse_dateline(text, "en", FETCHED) for text in texts}
    theirs = {text: dateparser_reading(text) for text in texts}
    assert {t: r and r[0].replace(tzinfo=None) for t, r in ours.items()} == theirs


@pytest.mark.parametrize(
    "text",
    [
        "Last checked May 2021",
        "last June 2020",
        "Revised Sept 2019",
        "5th",
        "12th, 2024",
        "Unit No. 14, 2nd floor, Harbour Road",
        "560034",
        "Block 7 560034",
        "Midway through 2024, here's what's changed",
    ],
)
def test_a_text_refused_as_dateless_is_one_dateparser_reads_as_no_date(
    text: str, dateparser_reading: Callable[[str], datetime | None]
) -> None:
    # refused by our rules alone: a score ("9.1/10": dateparser reads 7 September 2010) and
    # a reading time after words ("Garden Guides 12 minutes": 12 minutes ago to it)
    assert parse_dateline(text, "en", FETCHED) is None
    assert dateparser_reading(text) is None


_ONE_NUMBER = ["2017", "17", "3rd", "MMXVII", "twelve"]
_MONTH_FORMS = ["April", "apr.", "SEPT", "May", "december"]
_WORDS = ["", "Last ", "last reviewed ", "this ", "next ", "Revised "]


def test_month_names_with_one_number_are_refused_and_none_to_dateparser(
    dateparser_reading: Callable[[str], datetime | None],
) -> None:
    # a month and a year, or a month and a day: no full date (REQUIRE_PARTS day, month, year)
    texts = [f"{w}{m} {n}" for w in _WORDS for m in _MONTH_FORMS for n in _ONE_NUMBER]
    texts += [f"{n} {m}" for m in _MONTH_FORMS for n in _ONE_NUMBER]
    from newsflow.extract.dateline import _no_english_date

    assert [t for t in texts if not _no_english_date(t)] == []
    assert {t: v for t in texts if (v := dateparser_reading(t))} == {}


_SUFFIXED = ["1st", "22nd", "3rd", "14th", "600102", "1234567"]
_OTHER = ["", " 12", " 2024", " floor", ", Main Road", " let's go"]


def test_ordinals_and_counts_with_one_more_number_are_refused_and_none_to_dateparser(
    dateparser_reading: Callable[[str], datetime | None],
) -> None:
    texts = [f"{s}{o}" for s in _SUFFIXED for o in _OTHER]
    texts += [f"Door No. {n}, {s} floor" for n in ("7", "61") for s in _SUFFIXED]
    from newsflow.extract.dateline import _no_english_date

    assert [t for t in texts if not _no_english_date(t)] == []
    assert {t: v for t in texts if (v := dateparser_reading(t))} == {}
