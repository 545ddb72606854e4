"""JSON-LD values json reads as non-finite floats (NaN, Infinity, 1e400: no JSON numbers) are
no value: never an author "nan" or a headline "inf"."""

from newsflow.extract import extract_article

STORY = "".join(
    f"<p>Line {i}: the ferry company said the winter timetable would add a late crossing on "
    "weekdays and drop the first boat on Sundays from next month.</p>"
    for i in range(6)
)


def _page(jsonld: str) -> bytes:
    return (
        "<html lang='en'><head><title>Ferry timetable changes for winter</title>"
        f"<script type='application/ld+json'>{jsonld}</script></head><body><article>"
        f"<h1>Ferry timetable changes for winter</h1>{STORY}</article></body></html>"
    ).encode()


def test_non_finite_numbers_are_no_author() -> None:
    jsonld = (
        '{"@type": "NewsArticle", "headline": "Ferry timetable changes for winter", '
        '"author": [{"@type": "Person", "name": NaN}, {"@type": "Person", "name": Infinity}, '
        '{"@type": "Person", "name": 1e400}, {"@type": "Person", "name": "Lena Okafor"}]}'
    )
    article = extract_article(_page(jsonld), "https://lakeside-ledger.example/news/ferry")
    assert [a.name for a in article.authors] == ["Lena Okafor"]
