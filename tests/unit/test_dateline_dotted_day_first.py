"""A fresh-user trial's dateline fault: an English page without a region ("en", read month
first as US English) wrote "Posted on 9.12.2025" and got 12 September. A numeric date with
dots is the European form, day first; month-first English writes slashes or dashes."""

from datetime import UTC, datetime

import pytest

from newsflow.extract.dateline import parse_dateline

FETCHED = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Posted on 9.12.2025", datetime(2025, 12, 9, tzinfo=UTC)),
        ("9.12.2025", datetime(2025, 12, 9, tzinfo=UTC)),
        ("Published 03.02.26", datetime(2026, 2, 3, tzinfo=UTC)),
    ],
)
def test_a_dotted_english_date_is_day_first(text: str, day: datetime) -> None:
    reading = parse_dateline(text, "en", FETCHED)
    assert reading is not None and reading[0] == day


@pytest.mark.parametrize("text", ["Posted on 9/12/2025", "Posted on 9-12-2025"])
def test_a_slashed_or_dashed_us_date_stays_month_first(text: str) -> None:
    reading = parse_dateline(text, "en", FETCHED)
    assert reading is not None and reading[0] == datetime(2025, 9, 12, tzinfo=UTC)
