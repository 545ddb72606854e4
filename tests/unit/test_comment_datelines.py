"""A dateline inside the comments is a reader's, not the story's.

A comment's "Posted March 9, 2024 by Bob" opens with a dateline label; it was read as the
story's dateline and beat the byline's date, or stood as the date of a story that shows none
(a trial's finding). The comments, whether a section, a list or a div marked "comments", are
skipped as teasers are. The pages here are our own.
"""

from datetime import UTC, datetime

import pytest

from newsflow.extract import extract_article

URL = "https://westmoor-gazette.example.org/news/harbour-bridge"
STORY = [
    "The harbour bridge in Westmoor reopened to traffic on Sunday after four months of "
    "repairs to its deck and cables, the town council said.",
    "Engineers replaced more than two hundred steel plates and repainted the towers, work "
    "that had been delayed twice by winter storms.",
    "Commuters had faced detours of up to forty minutes while the crossing was closed, and "
    "local shops reported fewer customers.",
    "The council said a second phase of work on the approach roads would begin in the "
    "autumn and last about six weeks.",
]
COMMENT = "Posted March 9, 2024 by Bob: great news"
COMMENTS = {
    "section": f'<section class="comments"><h3>Comments</h3><p>{COMMENT}</p></section>',
    "list": f'<ol class="comment-list"><li><p>{COMMENT}</p></li></ol>',
    "div": f'<div id="comments">{COMMENT}</div>',
}


def _page(byline: str, comments: str, story: list[str] = STORY) -> bytes:
    paragraphs = "".join(f"<p>{text}</p>" for text in story)
    return (
        "<html><head><title>Harbour bridge reopens</title></head><body><article>"
        f'<h1>Harbour bridge reopens</h1><p class="byline">{byline}</p>{paragraphs}'
        f"</article>{comments}</body></html>"
    ).encode()


@pytest.mark.parametrize("kind", COMMENTS)
def test_the_byline_date_beats_a_later_comment(kind: str) -> None:
    # GIVEN a story dated in its byline, then comments with a later "Posted" date
    # WHEN it is extracted
    article = extract_article(_page("By Ana Li | March 3, 2024", COMMENTS[kind]), URL)
    # THEN the story's date is the byline's
    assert article.published_at == datetime(2024, 3, 3, tzinfo=UTC)


@pytest.mark.parametrize("kind", COMMENTS)
def test_a_comment_date_is_not_an_undated_story_date(kind: str) -> None:
    # GIVEN a story that shows no date, then the same comments
    # WHEN it is extracted
    article = extract_article(_page("By Ana Li", COMMENTS[kind]), URL)
    # THEN it has no date
    assert article.published_at is None


def test_a_posted_line_in_the_story_is_its_date() -> None:
    # GIVEN a story whose own dateline reads "Posted …", without comments
    # WHEN it is extracted
    article = extract_article(_page("By Ana Li", "", ["Posted March 9, 2024", *STORY]), URL)
    # THEN that line dates the story
    assert article.published_at == datetime(2024, 3, 9, tzinfo=UTC)
