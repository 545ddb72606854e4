"""`newsflow extract` arguments and batch lines: a usage error, or an error record, for what it
cannot take; never a traceback, an option silently left unused or a field read into the URL."""

import json
from pathlib import Path

import pytest

from newsflow.cli import main

PAGE = (
    "<html lang='en'><head><title>Ferry timetable changes for winter</title></head><body>"
    "<article><h1>Ferry timetable changes for winter</h1><p class='dateline'>Updated 3 hours "
    "ago</p>"
    + "".join(
        f"<p>Line {i}: the ferry company said the winter timetable would add a late crossing "
        "on weekdays and drop the first boat on Sundays from next month.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
)
URL = "https://lakeside-ledger.example/ferry"


@pytest.fixture
def page(tmp_path: Path) -> Path:
    """A page whose relative dateline is read against the fetch time."""
    path = tmp_path / "ferry.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.mark.parametrize("when", ["0001-01-01T00:00+14:00", "9999-12-31T23:00-14:00"])
def test_a_fetch_time_outside_the_utc_calendar_is_a_usage_error(
    when: str, page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # WHEN the fetch time in UTC falls before year 1 or after 9999, THEN exit 2 names it
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(page), "--fetched-at", when])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"'{when}' is outside years 1-9999 in UTC" in err
    # ... while the same moments inside the calendar are read as before
    assert (
        main(["extract", str(page), "--fetched-at", "0001-01-01T00:00Z", "--format", "text"]) == 0
    )


@pytest.mark.parametrize("fmt", ["text", "summary"])
def test_batch_refuses_a_format_it_would_not_use(
    fmt: str, page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a list of one page
    listing = tmp_path / "list.tsv"
    listing.write_text(f"p1\t{page}\t{URL}\n", encoding="utf-8")
    # WHEN --format asks for other than the JSON lines a batch prints, THEN a usage error
    assert main(["extract", "--batch", str(listing), "--format", fmt]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith("prints JSON lines: not --format\n")
    # ... while --format json, what it prints, is taken
    assert main(["extract", "--batch", str(listing), "--format", "json"]) == 0
    assert capsys.readouterr().out.startswith('{"id": "p1"')


def test_a_batch_line_with_a_fourth_field_is_a_record_with_its_error(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a list whose second line has a field after the URL (its tab and words were read
    # into the URL: "https://…/ferry\tnote", canonical "https://…/ferrynote")
    listing = tmp_path / "list.tsv"
    listing.write_text(f"p1\t{page}\t{URL}\np2\t{page}\t{URL}\tnote\n", encoding="utf-8")
    # WHEN it is extracted, THEN that line is a record with its error, the first one an article
    assert main(["extract", "--batch", str(listing)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["canonical_url"] == URL
    assert lines[1] == {
        "id": "p2",
        "text": "",
        "error": "not an id<TAB>path<TAB>url line: a fourth field",
    }
