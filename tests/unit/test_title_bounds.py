"""A title candidate over a thousand characters (keyword stuffing) is no headline: the page's
short one wins, and the cuts between separators, whose cost grows with the square of a
value's length, never see the stuffed one."""

from newsflow.extract import extract_article

STORY = "".join(
    f"<p>Line {i}: the ferry company said the winter timetable would add a late crossing on "
    "weekdays and drop the first boat on Sundays from next month.</p>"
    for i in range(6)
)


def test_a_stuffed_title_and_og_title_lose_to_the_headline() -> None:
    stuffed = "ferry: cheap ferry - ferry tickets | " * 60  # 2,220 characters
    page = (
        f"<html lang='en'><head><title>{stuffed}</title>"
        f"<meta property='og:title' content='{stuffed}'></head><body><article>"
        f"<h1>Ferry timetable changes for winter</h1>{STORY}</article></body></html>"
    ).encode()
    article = extract_article(page, "https://lakeside-ledger.example/news/ferry")
    assert article.title == "Ferry timetable changes for winter"
    assert article.provenance["title"] == "h1"
