"""Story grouping on the process path (moto): copies join the first one's story, hard negatives
do not, concurrent copies end in one story, arrival order does not matter, updates."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from support.aws_stack import BUCKET, CallCounter, Stack
from support.story_collection import Copy, collection, put_copy

from newsflow.services.process_object import ProcessResult, Status, process_object
from newsflow.storage.clients import dynamodb_client
from newsflow.storage.table import ARTICLE_SK, STORY_SK, article_pk, story_pk

LEASE = 90
DOCS = {doc.doc_id: doc for doc in collection()}
# Copies of the Hill's report of a guilty plea; NBC's report of the same plea (hard negative).
HILL = ("6ebac05f-original", "6ebac05f-template", "6ebac05f-first_half")
NBC = ("7a457a4f-original", "7a457a4f-lead_trimmed")


def _put(aws: Stack, doc_id: str, published: str = "2019-11-19T10:00:00Z", **kw: Any) -> str:
    return put_copy(aws, DOCS[doc_id], published, **kw)


def _process(aws: Stack, key: str) -> ProcessResult:
    return process_object(BUCKET, key, aws.ports, max_bytes=10 * 2**20, lease_seconds=LEASE)


def _index(aws: Stack, result: ProcessResult) -> dict[str, Any]:
    assert result.article_id is not None
    item = aws.item(article_pk(result.article_id), ARTICLE_SK)
    assert item is not None
    return item


def _story_size(aws: Stack, story_id: str) -> int:
    item = aws.item(story_pk(story_id), STORY_SK)
    assert item is not None
    return int(item["story_size"])


def test_copies_join_the_first_story_and_a_report_of_the_same_event_does_not(
    aws: Stack,
) -> None:
    first = _process(aws, _put(aws, HILL[0], "2019-11-19T10:00:00Z"))
    copies = [_process(aws, _put(aws, d, "2019-11-19T11:00:00Z")) for d in HILL[1:]]
    other = _process(aws, _put(aws, NBC[0], "2019-11-19T10:30:00Z"))

    story = _index(aws, first)["story_id"]
    assert story == first.article_id
    assert [_index(aws, c)["story_id"] for c in copies] == [story, story]
    assert [int(_index(aws, c)["story_size"]) for c in copies] == [2, 3]
    assert 0.25 <= float(_index(aws, copies[1])["story_similarity"]) < 1.0
    assert _index(aws, other)["story_id"] == other.article_id
    assert _story_size(aws, story) == 3
    assert _story_size(aws, other.article_id or "") == 1
    ingested = {e["detail"]["article_id"]: e["detail"] for e in aws.events()}
    assert ingested[copies[1].article_id or ""]["story_id"] == story
    assert ingested[copies[1].article_id or ""]["story_size"] == 3
    assert ingested[copies[1].article_id or ""]["schema_version"] == "1.2"
    stored = aws.read_json(ingested[story]["article"]["key"])
    assert (stored["story_id"], stored["story_size"]) == (story, 1)


def test_a_copy_within_the_call_budget_reads_bands_and_its_story_once(aws: Stack) -> None:
    _process(aws, _put(aws, HILL[0]))
    key = _put(aws, HILL[1])

    with CallCounter() as calls:
        _process(aws, key)

    extra = [c for c in calls.calls if c == "dynamodb.BatchGetItem"]
    assert extra == ["dynamodb.BatchGetItem", "dynamodb.BatchGetItem"]
    assert calls.calls.count("dynamodb.TransactWriteItems") == 1


@contextmanager
def _first_writes_wait_for_each_other(writers: int) -> Iterator[None]:
    """Each thread's first TransactWriteItems waits until all threads reached theirs: every
    thread has read the (empty) band items before any writes, so the race is certain."""
    barrier = threading.Barrier(writers)
    waited: set[int] = set()

    def wait(**_: Any) -> None:
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            with suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=5)

    dynamodb_client().meta.events.register("before-call.dynamodb.TransactWriteItems", wait)
    try:
        yield
    finally:
        dynamodb_client().meta.events.unregister("before-call.dynamodb.TransactWriteItems", wait)


def test_two_copies_processed_at_once_end_in_one_story(aws: Stack) -> None:
    keys = [_put(aws, HILL[0]), _put(aws, HILL[1])]

    with (
        _first_writes_wait_for_each_other(2),
        CallCounter() as calls,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        results = list(pool.map(lambda k: _process(aws, k), keys))

    # both founded on the same empty bands; one commit lost, read again and joined
    assert calls.calls.count("dynamodb.TransactWriteItems") == 3
    assert [r.status for r in results] == [Status.INGESTED, Status.INGESTED]
    stories = {_index(aws, r)["story_id"] for r in results}
    assert len(stories) == 1
    (story,) = stories
    assert _story_size(aws, story) == 2
    assert sorted(int(_index(aws, r)["story_size"]) for r in results) == [1, 2]


@pytest.mark.parametrize("order", ["forward", "reverse", "mixed"])
def test_the_grouping_does_not_depend_on_arrival_order(aws: Stack, order: str) -> None:
    docs = [*HILL, *NBC]
    arrival = {
        "forward": docs,
        "reverse": docs[::-1],
        "mixed": [NBC[1], HILL[2], NBC[0], HILL[0], HILL[1]],
    }[order]
    results = {d: _process(aws, _put(aws, d)) for d in arrival}

    story_of = {d: _index(aws, r)["story_id"] for d, r in results.items()}
    assert len({story_of[d] for d in HILL}) == 1
    assert len({story_of[d] for d in NBC}) == 1
    assert story_of[HILL[0]] != story_of[NBC[0]]
    assert _story_size(aws, story_of[HILL[0]]) == 3
    assert _story_size(aws, story_of[NBC[0]]) == 2


def test_an_update_keeps_its_story_without_reads_unless_the_body_changed(aws: Stack) -> None:
    root = _process(aws, _put(aws, HILL[0]))
    copy = _process(aws, _put(aws, HILL[1]))
    retitled = _put(aws, HILL[1], title="A new headline")
    aws.clock.advance(60)

    with CallCounter() as calls:
        updated = _process(aws, retitled)

    assert updated.status is Status.UPDATED
    assert "dynamodb.BatchGetItem" not in calls.calls
    assert _index(aws, updated)["story_id"] == root.article_id
    assert int(_index(aws, updated)["story_size"]) == 2
    assert _story_size(aws, root.article_id or "") == 2
    assert copy.article_id == updated.article_id


def test_a_copy_whose_body_becomes_another_story_moves_to_it(aws: Stack) -> None:
    hill = _process(aws, _put(aws, HILL[0]))
    nbc = _process(aws, _put(aws, NBC[0]))
    moving = _process(aws, _put(aws, HILL[1]))
    assert _index(aws, moving)["story_id"] == hill.article_id

    # the same URL now serves NBC's text (a site that reused its slot for another story)
    doc = DOCS[HILL[1]]
    body = Copy(f"{HILL[1]}-v2", doc.story, doc.variant, DOCS[NBC[1]].text)
    moved = _process(aws, put_copy(aws, body, "2019-11-19T10:00:00Z"))

    assert moved.status is Status.UPDATED
    assert _index(aws, moved)["story_id"] == nbc.article_id
    assert _story_size(aws, nbc.article_id or "") == 2
    assert _story_size(aws, hill.article_id or "") == 1


def test_a_first_copy_keeps_its_story_when_its_body_changes(aws: Stack) -> None:
    root = _process(aws, _put(aws, HILL[0]))
    _process(aws, _put(aws, HILL[1]))
    doc = DOCS[HILL[0]]
    edited = Copy(f"{doc.doc_id}-v2", doc.story, doc.variant, DOCS[HILL[2]].text)

    updated = _process(aws, put_copy(aws, edited, "2019-11-19T10:00:00Z"))

    assert updated.status is Status.UPDATED
    assert _index(aws, updated)["story_id"] == root.article_id
    assert _story_size(aws, root.article_id or "") == 2
