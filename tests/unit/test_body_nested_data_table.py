"""A data table inside a layout table keeps its rows.

The fault kind (found by a held-out check): an old municipal page laid out in tables, its
notice in a layout cell, and inside that cell a real data table (a schedule with a header
row). Flattening the layout table flattened the data table with it and its rows were lost.
The pages here are our own: a header row of ``<th>`` cells, a ``<thead>``, and a bold first
row, in a layout of two or three columns.
"""

from __future__ import annotations

import pytest

from newsflow.extract.article import extract_article

URL = "https://www.example-borough.gov/notices/2026/winter-waste-collection"
TITLE = "Winter waste collection dates announced"
PROSE = [
    "The borough will change its waste collection days over the winter holidays, as the "
    "depot closes for two days and crews move to a shorter rota until the new year begins.",
    "Residents are asked to put their bins out by seven in the morning on the day shown "
    "below for their district, and to flatten cardboard so that more fits into each load.",
    "Garden waste collections pause from the middle of December and restart in the second "
    "week of January, when the depot returns to its usual summer and winter timetable.",
]
ROWS = [
    ("Northfield", "Monday 22 December", "Saturday 27 December"),
    ("Old Town", "Tuesday 23 December", "Monday 29 December"),
    ("Riverside", "Wednesday 24 December", "Tuesday 30 December"),
    ("Hill Park", "Friday 26 December", "Friday 2 January"),
]
HEADER = ("District", "Usual day", "Holiday day")


def _schedule(header: str) -> str:
    cells = {
        "th": "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>",
        "thead": "<thead><tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr></thead>",
        "bold": "<tr>" + "".join(f"<td><b>{h}</b></td>" for h in HEADER) + "</tr>",
    }[header]
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in ROWS)
    return f"<table border='1' cellpadding='3'>{cells}{rows}</table>"


def _page(header: str, columns: int) -> bytes:
    links = "".join(f"<a href='/dept/{i}'>Department {i}</a><br>" for i in range(12))
    story = (
        f"<h1>{TITLE}</h1><p>{PROSE[0]}</p><p>{PROSE[1]}</p>{_schedule(header)}<p>{PROSE[2]}</p>"
    )
    left = f"<td width='160' valign='top' class='nav'>{links}</td>"
    right = "<td width='140' valign='top'><b>Contact us</b><br>Town Hall, Market Square</td>"
    row = left + f"<td valign='top' class='content'>{story}</td>" + (right if columns == 3 else "")
    return (
        f"<html><head><title>{TITLE}</title></head><body>"
        "<table width='100%' cellspacing='0'><tr><td colspan='3'>"
        "<img src='/logo.gif' alt='Borough Council'></td></tr>"
        f"<tr>{row}</tr><tr><td colspan='3'>Borough Council 2026</td></tr></table>"
        "</body></html>"
    ).encode()


@pytest.mark.parametrize("columns", [2, 3])
@pytest.mark.parametrize("header", ["th", "thead", "bold"])
def test_data_table_in_a_layout_cell_keeps_its_rows(header: str, columns: int) -> None:
    # GIVEN a page laid out in a table, whose notice holds a schedule table with a header
    page = _page(header, columns)
    # WHEN it is extracted
    lines = extract_article(page, URL).paragraphs
    text = "\n".join(lines)
    # THEN the notice's prose and every row of the schedule are in the body, in order
    wanted = [PROSE[0], PROSE[1], *(" ".join(row) for row in ROWS), PROSE[2]]
    flat = " ".join(text.replace("|", " ").split())
    positions = [flat.find(w) for w in wanted]
    assert -1 not in positions, [w for w, p in zip(wanted, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
