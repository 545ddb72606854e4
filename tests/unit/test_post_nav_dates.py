"""The links to a blog's previous and next posts carry those posts' dates: neither is the
story's, even when one stands before the story's own post meta block (new-user trial)."""

from datetime import UTC, datetime

import pytest
from support.pages import news_page

from newsflow.extract import extract_article

FETCHED = datetime(2026, 6, 1, tzinfo=UTC)
STORY = (
    "<div class='post'><h1>Notes from the allotment: March</h1><div class='post-meta'>"
    "<span class='author'>Gwen Harper</span> <span class='date'>Mar 1, 2026</span></div>"
    "<div class='body'><p>The broad beans I sowed in November have survived the frost, which "
    "surprised me, and the garlic is up in neat green rows.</p><p>This month I am chitting "
    "potatoes on the kitchen windowsill and clearing the last of the leeks to make room.</p>"
    "<p>If you have spare rhubarb crowns, the community plot would love them.</p></div></div>"
)


@pytest.mark.parametrize("marks", ["post-nav", "nav-previous", "prev-post", "previous-article"])
def test_a_previous_post_link_before_the_story_gives_no_date(marks: str) -> None:
    nav = (
        f"<div class='{marks}'><a href='/p/feb'>Notes from the allotment: February "
        "<span class='date'>Feb 2, 2026</span></a></div>"
    )
    page = news_page(body=nav + STORY)
    article = extract_article(page, "https://allotment.example/p/march", fetched_at=FETCHED)
    assert article.published_at == datetime(2026, 3, 1, tzinfo=UTC)
