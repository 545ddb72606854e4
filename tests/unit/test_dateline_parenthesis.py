"""A dateline whose update stands in parentheses after the publication time: the publication
time is read ("12 March 2024 14:35 (updated 13 March 2024 09:00)" read as nothing before)."""

import pytest

from newsflow.extract import extract_article

STORY = "".join(
    f"<p>Line {i}: the ferry company said the winter timetable would add a late crossing on "
    "weekdays and drop the first boat on Sundays from next month.</p>"
    for i in range(6)
)


@pytest.mark.parametrize(
    "dateline",
    [
        "12 March 2024 14:35 GMT (updated 13 March 2024 09:00 GMT)",
        "12 March 2024 14:35 GMT (Updated: 2 hours ago)",
        "12 March 2024 14:35 GMT (last modified 13 March 2024)",
    ],
)
def test_the_publication_time_before_an_update_in_parentheses_is_read(dateline: str) -> None:
    page = (
        "<html lang='en'><head><title>Ferry timetable changes for winter</title></head><body>"
        f"<article><h1>Ferry timetable changes for winter</h1><div class='date'>{dateline}"
        f"</div>{STORY}</article></body></html>"
    ).encode()
    article = extract_article(page, "https://lakeside-ledger.example/news/ferry")
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2024-03-12T14:35:00+00:00"
    assert article.provenance["published_at"] == "dateline"
