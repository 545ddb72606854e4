"""process_object: versions, bad objects and crash recovery on the in-memory adapters of
tests/fakes (what processing decides); races, the stored page format and the call budget on moto
(what DynamoDB and S3 do)."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from datetime import timedelta
from typing import Any

import pytest
from fakes.processing import InMemoryStack
from support.aws_stack import BUCKET, FETCHED_AT, CallCounter, Stack, article_html

from newsflow.models.events import ArticleChanged, ArticleRejected
from newsflow.services.process_object import Status, process_object
from newsflow.storage.clients import dynamodb_client
from newsflow.storage.table import URL_OUTCOME_SK, article_pk, url_pk

URL = "https://news.example.com/2026/11/20/harbour-bridge"
BAD_URL = "https://news.example.com/bad"
MAX_BYTES = 10 * 1024 * 1024
LEASE = 90


def _process(
    stack: Stack | InMemoryStack, key: str, *, max_bytes: int = MAX_BYTES, bucket: str = BUCKET
) -> Any:
    return process_object(bucket, key, stack.ports, max_bytes=max_bytes, lease_seconds=LEASE)


def test_process_concurrent_duplicates_give_one_version_and_one_event(aws: Stack) -> None:
    aws.put_page("raw/example/a.html", article_html(), url=URL)

    with _all_read_before_any_writes(8) as counter, ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: _process(aws, "raw/example/a.html"), range(8)))

    assert counter.calls.count("dynamodb.TransactWriteItems") == 8  # all raced, one won
    statuses = sorted(r.status for r in results)
    assert statuses == [Status.INGESTED] + [Status.UNCHANGED] * 7
    assert [e["detail-type"] for e in aws.events()] == ["ArticleIngested"]
    article_id = results[0].article_id
    assert len(aws.partition(article_pk(article_id))) == 2


def test_process_two_urls_with_one_canonical_at_once_give_one_article(aws: Stack) -> None:
    # GIVEN the same story fetched under two URLs that name one canonical URL
    aws.put_page("raw/example/a.html", article_html(), url=URL + "?ref=home")
    aws.put_page("raw/example/b.html", article_html(), url="https://m.news.example.com/bridge")

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(
            pool.map(lambda k: _process(aws, k), ["raw/example/a.html", "raw/example/b.html"])
        )

    assert sorted(r.status for r in results) == [Status.INGESTED, Status.UNCHANGED]
    assert len({r.article_id for r in results}) == 1
    assert [e["detail-type"] for e in aws.events()] == ["ArticleIngested"]
    # both URLs are in the registry, resolved to the one article
    for url in (URL + "?ref=home", "https://m.news.example.com/bridge"):
        item = aws.item(url_pk(url), URL_OUTCOME_SK)
        assert item is not None
        assert item["article_id"] == results[0].article_id


def test_process_changed_content_makes_version_2_with_changed_fields(
    memory: InMemoryStack,
) -> None:
    memory.put_page("raw/example/1.html", article_html(), url=URL)
    first = _process(memory, "raw/example/1.html")
    later = FETCHED_AT + timedelta(hours=2)
    memory.put_page(
        "raw/example/2.html",
        article_html(title="Harbour bridge closure postponed", extra="Update: "),
        url=URL,
        fetched_at=later,
    )

    second = _process(memory, "raw/example/2.html")
    again = _process(memory, "raw/example/2.html")

    assert (first.status, second.status, again.status) == (
        Status.INGESTED,
        Status.UPDATED,
        Status.UNCHANGED,
    )
    assert second.version == 2
    events = memory.events()
    assert [e["detail-type"] for e in events] == ["ArticleIngested", "ArticleUpdated"]
    updated = ArticleChanged.model_validate(events[1]["detail"])
    assert updated.changed_fields == ["title", "body_text"]
    assert updated.title == "Harbour bridge closure postponed"
    assert memory.read_json(f"articles/{second.article_id}/v2.json")["title"] == updated.title
    assert memory.read_json(f"articles/{second.article_id}/v1.json")["title"] != updated.title
    version = memory.table.versions[(second.article_id, 2)]
    assert version.changed_fields == ("title", "body_text")
    index = memory.table.get_article(second.article_id)
    assert index is not None
    assert (index.version, index.announced_version) == (2, 2)


def test_process_older_fetch_arriving_late_is_stale(memory: InMemoryStack) -> None:
    memory.put_page("raw/example/new.html", article_html(title="Newer title"), url=URL)
    memory.put_page(
        "raw/example/old.html",
        article_html(),
        url=URL,
        fetched_at=FETCHED_AT - timedelta(days=1),
    )

    assert _process(memory, "raw/example/new.html").status is Status.INGESTED
    assert _process(memory, "raw/example/old.html").status is Status.STALE
    assert [e["detail-type"] for e in memory.events()] == ["ArticleIngested"]


def test_process_gzip_page_is_inflated_and_stored(aws: Stack) -> None:
    aws.put_page("raw/example/a.html.gz", gzip.compress(article_html()), url=URL)

    result = _process(aws, "raw/example/a.html.gz")

    assert result.status is Status.INGESTED


@pytest.mark.parametrize(
    ("body", "max_bytes", "outcome"),
    [
        (b"", MAX_BYTES, "not_article"),
        (b"\x00\x01\x02binary\xff\xfe" * 50, MAX_BYTES, "not_html"),
        (b"<html>" + b"x" * 5000 + b"</html>", 4096, "too_large"),
    ],
    ids=["empty", "binary", "too-big"],
)
def test_process_bad_page_is_rejected_once(
    memory: InMemoryStack, body: bytes, max_bytes: int, outcome: str
) -> None:
    _put_and_process_twice_rejected_once(memory, body, max_bytes, outcome)
    stored = memory.table.urls[BAD_URL]
    assert (stored.record.outcome, stored.announced_outcome) == (outcome, outcome)


def test_process_page_whose_body_step_fails_is_rejected_as_extraction_failed(
    aws: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a real article page and a main-text step that raises (the injected fault only)
    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("boom in the body step")

    monkeypatch.setattr("newsflow.extract.body.extract_body", broken)

    _put_and_process_twice_rejected_once(aws, article_html(), MAX_BYTES, "extraction_failed")

    item = aws.item(url_pk(BAD_URL), URL_OUTCOME_SK)
    assert item is not None
    assert (item["outcome"], item["announced_outcome"]) == (
        "extraction_failed",
        "extraction_failed",
    )
    assert "RuntimeError: boom in the body step" in item["reason"]
    [event] = aws.events()
    assert event["detail"]["reason"] == item["reason"]


@pytest.mark.parametrize(
    ("body", "max_bytes", "outcome"),
    [
        (gzip.compress(b"<p>" + b"a" * 100_000), 4096, "too_large"),  # a small gzip bomb
        (gzip.compress(article_html())[:-20], MAX_BYTES, "corrupt_object"),
    ],
    ids=["gzip-bomb", "truncated-gzip"],
)
def test_process_bad_stored_gzip_is_rejected_once(
    aws: Stack, body: bytes, max_bytes: int, outcome: str
) -> None:
    _put_and_process_twice_rejected_once(aws, body, max_bytes, outcome)
    item = aws.item(url_pk(BAD_URL), URL_OUTCOME_SK)
    assert item is not None
    assert (item["outcome"], item["announced_outcome"]) == (outcome, outcome)


def _put_and_process_twice_rejected_once(
    stack: Stack | InMemoryStack, body: bytes, max_bytes: int, outcome: str
) -> None:
    stack.put_page("uploads/bad.html", body, url=BAD_URL)

    first = _process(stack, "uploads/bad.html", max_bytes=max_bytes)
    again = _process(stack, "uploads/bad.html", max_bytes=max_bytes)

    assert (first.status, again.status) == (Status.REJECTED, Status.REJECTED_AGAIN)
    [event] = stack.events()
    assert event["detail-type"] == "ArticleRejected"
    assert ArticleRejected.model_validate(event["detail"]).outcome.value == outcome


def test_process_too_large_object_body_is_not_read(aws: Stack) -> None:
    aws.put_page("uploads/big.html", b"<html>" + b"x" * 20_000, url=URL)

    with CallCounter() as counter:
        result = _process(aws, "uploads/big.html", max_bytes=1000)

    assert result.status is Status.REJECTED
    assert result.reason == "20006 bytes > limit 1000"
    assert counter.calls.count("s3.GetObject") == 1


def test_process_upload_without_url_uses_the_pages_canonical_link(memory: InMemoryStack) -> None:
    memory.put_page("uploads/story.html", article_html(), source_id=None)

    result = _process(memory, "uploads/story.html")

    assert result.status is Status.INGESTED
    [event] = memory.events()
    assert event["detail"]["url"] == URL
    assert event["detail"]["source_id"] is None


def test_process_upload_without_url_or_canonical_is_rejected_as_missing_url(
    memory: InMemoryStack,
) -> None:
    page = article_html().replace(b'rel="canonical"', b'rel="author"')
    memory.put_page("uploads/anonymous.html", page, source_id=None)

    result = _process(memory, "uploads/anonymous.html")

    assert result.status is Status.REJECTED
    [event] = memory.events()
    rejected = ArticleRejected.model_validate(event["detail"])
    assert (rejected.outcome.value, rejected.url) == (
        "missing_url",
        f"s3://{BUCKET}/uploads/anonymous.html",
    )


@pytest.mark.parametrize(
    ("bucket", "key"),
    [(BUCKET, "articles/x/v1.json"), (BUCKET, "other/a.html"), ("someone-else", "raw/a.html")],
    ids=["articles-prefix", "other-prefix", "foreign-bucket"],
)
def test_process_object_outside_our_prefixes_is_skipped(
    memory: InMemoryStack, bucket: str, key: str
) -> None:
    memory.put_page(key, article_html(), url=URL)

    result = _process(memory, key, bucket=bucket)

    assert result.status is Status.SKIPPED
    assert memory.events() == []


def test_process_deleted_object_is_skipped(memory: InMemoryStack) -> None:
    assert _process(memory, "raw/example/gone.html").status is Status.SKIPPED


def test_process_crash_before_announcing_is_completed_once_after_the_lease(
    memory: InMemoryStack,
) -> None:
    # GIVEN a writer that committed version 1 and then failed to reach EventBridge
    memory.put_page("raw/example/a.html", article_html(), url=URL)
    memory.bus.outage = ConnectionError("EventBridge unreachable")
    with pytest.raises(ConnectionError):
        _process(memory, "raw/example/a.html")
    memory.bus.outage = None
    assert memory.events() == []

    # WHEN the message comes back while the writer's lease still runs, nothing is sent twice
    assert _process(memory, "raw/example/a.html").status is Status.UNCHANGED
    assert memory.events() == []

    # THEN after the lease the retry finishes the job: object, one event, mark
    memory.clock.advance(LEASE + 1)
    assert _process(memory, "raw/example/a.html").status is Status.COMPLETED
    assert _process(memory, "raw/example/a.html").status is Status.UNCHANGED
    [event] = memory.events()
    assert event["detail-type"] == "ArticleIngested"
    assert memory.keys("articles/") == [event["detail"]["article"]["key"]]


def test_process_crash_before_announcing_rejection_is_completed_after_the_lease(
    memory: InMemoryStack,
) -> None:
    memory.put_page("uploads/empty.html", b"", url="https://news.example.com/empty")
    memory.bus.outage = ConnectionError("EventBridge unreachable")
    with pytest.raises(ConnectionError):
        _process(memory, "uploads/empty.html")
    memory.bus.outage = None

    assert _process(memory, "uploads/empty.html").status is Status.REJECTED_AGAIN
    memory.clock.advance(LEASE + 1)
    assert _process(memory, "uploads/empty.html").status is Status.REJECTED
    assert _process(memory, "uploads/empty.html").status is Status.REJECTED_AGAIN
    assert [e["detail-type"] for e in memory.events()] == ["ArticleRejected"]


def test_process_new_article_and_redelivery_stay_within_call_budget(aws: Stack) -> None:
    aws.put_page("raw/example/a.html", article_html(), url=URL)

    with CallCounter() as new:
        _process(aws, "raw/example/a.html")
    with CallCounter() as unchanged:
        _process(aws, "raw/example/a.html")

    other = article_html(title="Another").replace(b'rel="canonical"', b'rel="x"')  # own id
    aws.put_page("raw/example/b.html", other, url=URL + "-b")
    with CallCounter() as second:
        _process(aws, "raw/example/b.html")

    written = [
        "dynamodb.TransactWriteItems",
        "s3.PutObject",
        "eventbridge.PutEvents",
        "dynamodb.UpdateItem",
        "dynamodb.UpdateItem",  # the source's health counters of the day (one ADD)
    ]
    # The first article's band items find no story; the second (same body) finds the first's
    # bands, then reads that story: the two batched reads of story grouping.
    bands, story = ["dynamodb.BatchGetItem"], ["dynamodb.BatchGetItem"]
    assert new.calls == ["s3.GetObject", "dynamodb.GetItem", *bands, *written]
    assert unchanged.calls == ["s3.GetObject", "dynamodb.GetItem"]
    assert second.calls == ["s3.GetObject", "dynamodb.GetItem", *bands, *story, *written]


@contextmanager
def _all_read_before_any_writes(writers: int) -> Iterator[CallCounter]:
    """Holds each TransactWriteItems until `writers` threads have reached theirs, so every
    thread decides on the same (empty) state: the race is certain, not left to scheduling."""
    barrier = threading.Barrier(writers)

    def wait(**_: Any) -> None:
        with suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=5)

    dynamodb_client().meta.events.register("before-call.dynamodb.TransactWriteItems", wait)
    try:
        with CallCounter() as counter:
            yield counter
    finally:
        dynamodb_client().meta.events.unregister("before-call.dynamodb.TransactWriteItems", wait)
