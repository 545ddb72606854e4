"""Tables that name their columns without header cells (``blocks.has_header``): a block
editor's price table, its header row in bold and its cells holding paragraphs, stays a table
and its rows stay in the body. The pages are our own (an invented cycle-hire guide)."""

from lxml.html import HtmlElement, document_fromstring, fragment_fromstring

from newsflow.extract import body
from newsflow.extract.blocks import has_header
from newsflow.extract.tables import is_data_table

STORY = [
    "The city's cycle hire scheme changes its prices next month, the first rise since the "
    "scheme opened, and adds a monthly pass for people who ride to work every day.",
    "Riders who pay by the ride will see the fee for the first half hour rise by ten pence, "
    "while members keep their current price until their membership is due for renewal.",
    "The council said the money would pay for two hundred new electric bikes and for docking "
    "stations in the three districts the scheme does not reach today.",
]
ROWS = [
    ("Pay as you ride", "£1.75 per half hour", "No sign-up; unlock with the app or a card"),
    ("Monthly pass", "£20 per month", "Unlimited rides up to an hour each; cancel any time"),
    ("Annual membership", "£120 per year", "Unlimited rides up to an hour; one free guest pass"),
]


def _cell(text: str, bold: bool = False) -> str:
    return f"<td><p><strong>{text}</strong></p></td>" if bold else f"<td><p>{text}</p></td>"


def _price_table(bold: bool = True) -> str:
    head = "<tr>" + "".join(_cell(t, bold) for t in ("Plan", "Price", "What you get")) + "</tr>"
    rows = "".join("<tr>" + "".join(_cell(t) for t in row) + "</tr>" for row in ROWS)
    return f"<figure class='wp-block-table'><table><tbody>{head}{rows}</tbody></table></figure>"


def _page(table: str) -> str:
    paragraphs = [f"<p>{p}</p>" for p in STORY]
    return (
        "<html><body><header><a href='/'>City Cycles News</a></header><main><article>"
        "<h1>Cycle hire prices to rise</h1><div class='entry-content'>"
        f"{paragraphs[0]}{paragraphs[1]}<h2>The new prices</h2>{table}{paragraphs[2]}"
        "</div></article></main></body></html>"
    )


def test_a_bold_first_row_is_a_header() -> None:
    table = fragment_fromstring(_price_table())
    assert isinstance(table, HtmlElement)
    assert has_header(table.find(".//table"))
    plain = fragment_fromstring(_price_table(bold=False))
    assert not has_header(plain.find(".//table"))  # a grid of paragraphs: maybe layout


def test_a_thead_without_header_cells_is_a_header() -> None:
    html = "<table><thead><tr><td>Plan</td><td>Price</td></tr></thead></table>"
    assert has_header(fragment_fromstring(html))


def test_a_price_table_with_a_bold_header_keeps_its_rows_in_the_body() -> None:
    # GIVEN a guide whose price table has a bold header row and paragraphs in its cells
    tree = document_fromstring(_page(_price_table()))
    # WHEN its body is extracted
    lines = body.extract_body(tree, "https://cycles.example/news/prices").paragraphs
    # THEN every row of the table is a line of the body, between the story's paragraphs
    rows = [line.strip("| ") for line in lines if "|" in line]
    assert rows == ["Plan | Price | What you get", *(" | ".join(row) for row in ROWS)]
    assert lines[0] == STORY[0] and lines[-1] == STORY[2]


def test_a_first_row_of_empty_cells_or_a_logo_and_one_title_names_no_columns() -> None:
    # GIVEN old layout tables: a spacer row, or a logo beside the site's bold name, over rows
    # of two cells (a menu beside the story)
    rows = "<tr><td><a href='/'>Home</a></td><td><p>The story's paragraph.</p></td></tr>" * 3
    for first in (
        "<tr><td></td><td>&nbsp;</td></tr>",
        "<tr><td><img src='/logo.gif'></td><td><b>The Valley Courier</b></td></tr>",
    ):
        table = fragment_fromstring(f"<table>{first}{rows}</table>")
        # THEN no column is named: the table is layout, flattened into blocks
        assert not has_header(table), first
        assert not is_data_table(table), first
    # ... while a header row with a blank corner above the row labels names its columns
    corner = "<tr><td></td><td><strong>Basic</strong></td><td><strong>Plus</strong></td></tr>"
    priced = "<tr><td>Storage</td><td>1 TB</td><td>2 TB</td></tr>" * 2
    assert is_data_table(fragment_fromstring(f"<table>{corner}{priced}</table>"))
