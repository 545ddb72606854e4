"""German datelines with a month name ("01. April 2025, 15:25") read without dateparser, as
dateparser reads them (fresh-user trial: such a page loaded it, 0.4 s of CPU and 7 MB)."""

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsflow.extract.dateline import _dateparser_parse, _read_plain

FETCHED = datetime(2026, 6, 1, tzinfo=UTC)

_SCRIPT = """
import json, sys
from datetime import datetime
from newsflow.extract.dateline import parse_dateline
out = []
for text in json.loads(sys.argv[1]):
    read = parse_dateline(text, "de", datetime.fromisoformat(sys.argv[2]))
    out.append(read and read[0].isoformat())
print(json.dumps([out, "dateparser" in sys.modules]))
"""


def test_german_datelines_are_read_without_loading_dateparser() -> None:
    expected = {
        "erstellt: 01. April 2025, 15:25": "2025-04-01T15:25:00+02:00",
        "Veröffentlicht am 14. Januar 2026, 10:30 Uhr": "2026-01-14T10:30:00+01:00",
        "Mittwoch, 14. Januar 2026": "2026-01-14T00:00:00+00:00",
        "3. März 2024 um 8:05 Uhr": "2024-03-03T08:05:00+01:00",
        "12. Jänner 2025": "2025-01-12T00:00:00+00:00",
        "01. Apr. 2025 - 15:25": "2025-04-01T15:25:00+02:00",
    }
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(list(expected)), FETCHED.isoformat()],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    readings, loaded = json.loads(done.stdout)
    assert dict(zip(expected, readings, strict=True)) == expected
    assert not loaded


_MONTHS = [
    "Januar",
    "Jänner",
    "Jan.",
    "Februar",
    "Feb.",
    "März",
    "Mär.",
    "April",
    "Apr.",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "Aug.",
    "September",
    "Sept.",
    "Oktober",
    "Okt.",
    "November",
    "Nov.",
    "Dezember",
    "Dez.",
]


@pytest.mark.parametrize("month", _MONTHS)
@pytest.mark.parametrize("form", ["{day}. {month} 2025", "{day}. {month} 2025, 15:25"])
def test_the_plain_reading_is_dateparser_s(month: str, form: str) -> None:
    text = form.format(day="07", month=month)
    base = datetime(2026, 6, 1)  # noqa: DTZ001 - dateparser's RELATIVE_BASE is naive UTC
    decided, ours = _read_plain(text, "de", "DMY", base.year)
    assert decided
    assert ours == _dateparser_parse(text, "de", "DMY", base)


def test_an_impossible_day_is_left_to_dateparser() -> None:
    # 31 February: not read here; dateparser, which has the last word, finds no date either
    assert _read_plain("31. Februar 2025", "de", "DMY", 2026) == (False, None)
