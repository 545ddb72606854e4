"""The label "Upd:" marks an update wherever the dateline's other update labels do: also after a
byline or a first date, where the dateline is split before the label (`_PIECES`)."""

from datetime import UTC, datetime

import pytest

from newsflow.extract.dateline import parse_dateline

FETCHED = datetime(2026, 3, 15, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected", "updated"),
    [
        # after a byline: the same reading as "Updated:" there
        ("By Nell Ortiz Upd: Oct 4, 2025", "2025-10-04T00:00:00+00:00", True),
        ("By Nell Ortiz Updated: Oct 4, 2025", "2025-10-04T00:00:00+00:00", True),
        ("Nell Ortiz Upd. 04/10/2025 09:30", "2025-04-10T09:30:00+00:00", True),
        # after the publication date, in parentheses or not: the first date, not updated
        ("Oct 3, 2025 (Upd: Oct 4, 2025)", "2025-10-03T00:00:00+00:00", False),
        ("Oct 3, 2025 Upd: Oct 4, 2025", "2025-10-03T00:00:00+00:00", False),
        # a word that only begins with the letters is no label
        ("Updike Oct 4, 2025", "2025-10-04T00:00:00+00:00", False),
    ],
)
def test_upd_label_inside_a_dateline(text: str, expected: str, updated: bool) -> None:
    reading = parse_dateline(text, "en", FETCHED)
    assert reading is not None
    value, is_updated, _ = reading
    assert (value.isoformat(), is_updated) == (expected, updated)
