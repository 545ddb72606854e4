"""Query API story routes on moto, over stories the process path grouped: a story and its
copies, a range of days' stories largest first, the articles' story filter, errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from api.helpers import Api, api_environment
from support.aws_stack import BUCKET, CallCounter, Stack
from support.story_collection import collection, put_copy

from newsflow.models.api import ArticlePage
from newsflow.models.stories import StoryDetail, StoryPage
from newsflow.services.process_object import process_object

DOCS = {doc.doc_id: doc for doc in collection()}
# (document, publication time): three copies of one report, two of another the same day,
# one story the next day.
ARRIVALS = (
    ("6ebac05f-original", "2019-11-19T10:00:00Z"),
    ("6ebac05f-template", "2019-11-19T12:00:00Z"),
    ("6ebac05f-first_half", "2019-11-19T11:00:00Z"),
    ("7a457a4f-original", "2019-11-19T09:00:00Z"),
    ("7a457a4f-rewrapped", "2019-11-19T13:00:00Z"),
    ("14cc2a0c-original", "2019-11-20T08:00:00Z"),
)


@pytest.fixture
def stories(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Article id of each document, after processing them all."""
    ids = {}
    for doc_id, published in ARRIVALS:
        key = put_copy(aws, DOCS[doc_id], published, title=f"Title of {doc_id}")
        result = process_object(BUCKET, key, aws.ports, max_bytes=2**24, lease_seconds=90)
        assert result.article_id is not None
        ids[doc_id] = result.article_id
    return ids


@pytest.fixture
def api(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    environment = api_environment(monkeypatch, oldest_month="2019-01")
    next(environment)
    yield Api()
    next(environment, None)


def test_a_story_lists_its_copies_first_copy_first(api: Api, stories: dict[str, str]) -> None:
    story_id = stories["6ebac05f-original"]

    with CallCounter() as calls:
        reply = api.get(f"/stories/{story_id}")

    assert reply.status == 200
    story = StoryDetail.model_validate(reply.body)
    assert (story.story_id, story.size, story.title) == (
        story_id,
        3,
        "Title of 6ebac05f-original",
    )
    assert [c.article_id for c in story.copies] == [
        stories["6ebac05f-original"],
        stories["6ebac05f-first_half"],
        stories["6ebac05f-template"],
    ]
    assert story.copies[0].similarity == 1.0
    assert all(0.25 <= c.similarity <= 1.0 for c in story.copies[1:])
    assert story.copies[1].similarity < 0.75  # the copy cut to its first half
    assert {c.source_id for c in story.copies} == {"example"}
    assert story.copies[2].title == "Title of 6ebac05f-template"
    assert str(story.copies[1].published_at) == "2019-11-19 11:00:00+00:00"
    assert sorted(calls.calls) == ["dynamodb.GetItem", "dynamodb.Query"]


def test_a_story_pages_through_its_copies(api: Api, stories: dict[str, str]) -> None:
    story_id = stories["6ebac05f-original"]

    first = api.get(f"/stories/{story_id}", limit="2")
    second = api.get(f"/stories/{story_id}", limit="2", cursor=first.body["next_cursor"])

    ids = [c["article_id"] for c in first.body["copies"] + second.body["copies"]]
    assert len(ids) == len(set(ids)) == 3
    assert first.body["next_cursor"] is not None
    assert second.body["next_cursor"] is None


def test_stories_of_two_days_newest_day_first_largest_first(
    api: Api, stories: dict[str, str]
) -> None:
    with CallCounter() as calls:
        reply = api.get("/stories", **{"from": "2019-11-19", "to": "2019-11-20"})

    page = StoryPage.model_validate(reply.body)
    assert [(s.story_id, s.size) for s in page.items] == [
        (stories["14cc2a0c-original"], 1),
        (stories["6ebac05f-original"], 3),
        (stories["7a457a4f-original"], 2),
    ]
    assert page.next_cursor is None
    assert set(calls.calls) == {"dynamodb.Query"}


def test_stories_page_one_at_a_time_gives_the_same_list(api: Api, stories: dict[str, str]) -> None:
    query: dict[str, Any] = {"from": "2019-11-19", "to": "2019-11-20", "limit": "1"}
    seen = []
    for _ in range(5):
        reply = api.get("/stories", **query)
        assert reply.status == 200
        seen += [item["story_id"] for item in reply.body["items"]]
        if reply.body["next_cursor"] is None:
            break
        query["cursor"] = reply.body["next_cursor"]

    whole = api.get("/stories", **{"from": "2019-11-19", "to": "2019-11-20"})
    assert seen == [item["story_id"] for item in whole.body["items"]]


def test_stories_of_a_range_of_empty_days_then_one_story_fill_the_first_page(
    api: Api, stories: dict[str, str]
) -> None:
    # GIVEN 31 days, the newest 29 of them without a story
    query = {"from": "2019-11-20", "to": "2019-12-20", "limit": "1"}
    # WHEN the first page is asked for
    with CallCounter() as calls:
        page = StoryPage.model_validate(api.get("/stories", **query).body)
    # THEN it holds the story of the 20th, not an empty page with a cursor (it took 4 pages)
    assert [s.story_id for s in page.items] == [stories["14cc2a0c-original"]]
    assert page.next_cursor is None
    assert calls.calls.count("dynamodb.Query") == 31  # one a day
    # and a range with no story at all is one empty page, with no cursor
    empty = api.get("/stories", **{"from": "2019-12-01", "to": "2019-12-31"})
    assert empty.body == {"items": [], "next_cursor": None}


def test_articles_filtered_by_story_are_its_copies(api: Api, stories: dict[str, str]) -> None:
    story_id = stories["7a457a4f-original"]

    reply = api.get("/articles", story=story_id)

    page = ArticlePage.model_validate(reply.body)
    assert [a.article_id for a in page.items] == [
        stories["7a457a4f-rewrapped"],
        stories["7a457a4f-original"],
    ]


@pytest.mark.parametrize(
    ("path", "query", "status"),
    [
        ("/stories/" + "0" * 32, {}, 404),
        ("/stories/not-an-id", {}, 404),  # any id not stored, whatever its shape
        ("/stories", {"from": "2019-11-20", "to": "2019-11-19"}, 400),
        ("/stories", {"from": "2019-01-01", "to": "2019-11-19"}, 400),
        ("/stories", {"from": "yesterday"}, 422),
        ("/stories", {"cursor": "forged.cursor"}, 400),
        ("/articles", {"story": "not-an-id"}, 422),
        ("/articles", {"story": "0" * 32, "source": "example"}, 400),
    ],
)
def test_bad_story_requests_get_problems(
    api: Api, aws: Stack, path: str, query: dict[str, str], status: int
) -> None:
    reply = api.get(path, **query)

    assert reply.status == status
    assert reply.headers["content-type"] == "application/problem+json"


def test_a_cursor_of_other_days_is_refused(api: Api, stories: dict[str, str]) -> None:
    first = api.get("/stories", **{"from": "2019-11-19", "to": "2019-11-20", "limit": "1"})

    reply = api.get("/stories", to="2019-11-20", cursor=first.body["next_cursor"])

    assert reply.status == 400
