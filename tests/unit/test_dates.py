"""Date strings to timezone-aware datetimes."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsflow.extract.dates import date_from_url, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-05-04T08:30:00Z", datetime(2019, 5, 4, 8, 30, tzinfo=UTC)),
        (
            "2019-05-04T08:30:00.123+02:00",
            datetime(2019, 5, 4, 8, 30, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2019-05-04T08:30:00+0530", datetime(2019, 5, 4, 3, 0, tzinfo=UTC)),
        ("2019-05-04", datetime(2019, 5, 4, tzinfo=UTC)),
        ("2019-05-04 08:30", datetime(2019, 5, 4, 8, 30, tzinfo=UTC)),
        ("Sat, 04 May 2019 08:30:00 GMT", datetime(2019, 5, 4, 8, 30, tzinfo=UTC)),
        ("Sat, 04 May 2019 10:30:00 +0200", datetime(2019, 5, 4, 8, 30, tzinfo=UTC)),
        ("20190504T083000Z", datetime(2019, 5, 4, 8, 30, tzinfo=UTC)),
        ("Published: 2019-05-04T08:30:00Z", datetime(2019, 5, 4, 8, 30, tzinfo=UTC)),
    ],
)
def test_parse_date_known_formats_give_aware_instants(raw: str, expected: datetime) -> None:
    parsed = parse_date(raw)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize("raw", ["", "   ", "yesterday", "2019-13-45", "1850-01-01", "9" * 500])
def test_parse_date_garbage_gives_none(raw: str) -> None:
    assert parse_date(raw) is None


def test_date_from_url_reads_path_dates() -> None:
    found = date_from_url("https://news.example.com/2019/05/04/world/slug")
    assert found is not None
    assert found[0] == datetime(2019, 5, 4, tzinfo=UTC)


def test_date_from_url_without_date_gives_none() -> None:
    assert date_from_url("https://news.example.com/world/slug-2019") is None
