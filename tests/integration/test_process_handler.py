"""The process function end to end on moto (S3 put, SQS message, handler, table, bucket, bus),
and on the in-memory adapters of tests/fakes passed as the handler's `adapters`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from fakes.processing import InMemoryStack
from support.aws_stack import BUCKET, REGION, ROOT, Stack, article_html, received, template
from support.lambda_context import LambdaContext

from newsflow.limits import MAX_PAGE_ELEMENTS
from newsflow.local.runner import sqs_record
from newsflow.models import Article
from newsflow.models.events import ArticleChanged, ArticleRejected
from newsflow.storage.table import (
    ARTICLE_SK,
    URL_OUTCOME_SK,
    article_pk,
    listing_shard,
    url_pk,
)
from newsflow.storage.template import functions, load_handler

URL = "https://news.example.com/2026/11/20/harbour-bridge"


def _handler() -> Any:
    process = functions(template())["ProcessFunction"]
    return load_handler(ROOT, process)


def _invoke(records: list[dict[str, Any]], context: Any = None) -> dict[str, Any]:
    response: dict[str, Any] = _handler()({"Records": records}, context or LambdaContext())
    return response


@dataclass(frozen=True)
class _RunningOut(LambdaContext):
    """A context whose remaining time is read off `millis`, one reading a call (the last stays)."""

    millis: list[int] = field(default_factory=list)

    def get_remaining_time_in_millis(self) -> int:
        return self.millis.pop(0) if len(self.millis) > 1 else self.millis[0]


def test_handler_new_page_stores_indexes_and_announces(aws: Stack) -> None:
    # GIVEN a fetched page put under raw/
    aws.put_page("raw/example/2026/11/20/a b.html", article_html(), url=URL + "?utm_source=x")

    # WHEN the queue delivers its notification to the handler
    response = _invoke(aws.deliveries())

    # THEN the article is stored once, indexed and announced through the bus
    assert response == {"batchItemFailures": []}
    events = aws.events()
    assert [e["detail-type"] for e in events] == ["ArticleIngested"]
    detail = ArticleChanged.model_validate(events[0]["detail"])
    assert detail.version == 1
    assert detail.url == URL + "?utm_source=x"
    assert detail.canonical_url == URL
    assert detail.source_id == "example"
    assert detail.title == "Harbour bridge to close for repairs"
    assert detail.raw.key == "raw/example/2026/11/20/a b.html"
    assert detail.article.key == f"articles/{detail.article_id}/v1.json"
    stored = Article.model_validate(aws.read_json(detail.article.key))
    assert stored.content_hash == detail.content_hash
    assert stored.article_id == detail.article_id

    index = aws.item(article_pk(detail.article_id), ARTICLE_SK)
    assert index is not None
    assert (index["version"], index["announced_version"]) == (1, 1)
    assert "lease_until" not in index
    assert index["source_pk"] == "SOURCE#example"
    assert index["published_pk"] == f"PUBLISHED#{listing_shard(detail.article_id)}"
    # the one time format of storage/table.py: microseconds, so a time reads back exactly
    assert index["published_sk"] == f"2026-11-19T10:00:00.000000Z#{detail.article_id}"
    url_item = aws.item(url_pk(URL + "?utm_source=x"), URL_OUTCOME_SK)
    assert url_item is not None
    assert (url_item["outcome"], url_item["article_id"]) == ("article", detail.article_id)
    assert len(aws.partition(article_pk(detail.article_id))) == 2  # index + version 1


def test_handler_duplicate_delivery_stores_once_and_announces_once(aws: Stack) -> None:
    aws.put_page("raw/example/a.html", article_html(), url=URL)
    records = aws.deliveries()

    first = _invoke(records)
    second = _invoke(records)  # SQS delivers at least once: the same message again

    assert first == second == {"batchItemFailures": []}
    assert [e["detail-type"] for e in aws.events()] == ["ArticleIngested"]
    assert aws.keys("articles/") == [f"articles/{_only_article_id(aws)}/v1.json"]


def test_handler_batch_with_poison_record_reports_only_that_record(aws: Stack) -> None:
    # GIVEN a batch: a good page, a message that is not JSON, and an s3:TestEvent
    aws.put_page("uploads/good.html", article_html(), url=URL)
    good = aws.deliveries()[0]
    poison = {**good, "messageId": "poison", "body": "{not json"}
    test_event = {
        **good,
        "messageId": "test-event",
        "body": json.dumps({"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": BUCKET}),
    }

    response = _invoke([good, poison, test_event])

    # THEN only the poison message is failed (retried, then dead-lettered); the rest is done
    assert response == {"batchItemFailures": [{"itemIdentifier": "poison"}]}
    assert [e["detail-type"] for e in aws.events()] == ["ArticleIngested"]


def test_handler_bad_objects_are_rejected_once_without_failing(aws: Stack) -> None:
    # GIVEN an empty page, a binary file and a page under a prefix we do not process
    aws.put_page("uploads/empty.html", b"", url="https://news.example.com/empty")
    aws.put_page("raw/example/logo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), url=URL)
    records = aws.deliveries()

    first = _invoke(records)
    again = _invoke(records)

    assert first == again == {"batchItemFailures": []}
    rejected = [ArticleRejected.model_validate(e["detail"]) for e in aws.events()]
    assert sorted((r.outcome.value, r.raw.key) for r in rejected) == [
        ("not_article", "uploads/empty.html"),
        ("not_html", "raw/example/logo.html"),
    ]
    assert aws.keys("articles/") == []


def _notification(key: str, number: int = 0) -> dict[str, Any]:
    """An SQS record carrying the S3 notification of one object, as Lambda receives it."""
    body = {"Records": [{"s3": {"bucket": {"name": BUCKET}, "object": {"key": key}}}]}
    return sqs_record(
        received(json.dumps(body), number), f"arn:aws:sqs:{REGION}:123456789012:process", REGION
    )


def test_handler_runs_on_the_adapters_it_is_given(memory: InMemoryStack) -> None:
    # GIVEN pages in the in-memory bucket, one of them under a quote_plus-encoded key
    memory.put_page("raw/example/a b.html", article_html(), url=URL)
    memory.put_page("uploads/empty.html", b"", url="https://news.example.com/empty")
    records = [_notification("raw/example/a+b.html", 0), _notification("uploads/empty.html", 1)]

    # WHEN the handler gets them with those adapters (twice: SQS delivers at least once)
    first = _handler()({"Records": records}, LambdaContext(), memory.ports)
    again = _handler()({"Records": records}, LambdaContext(), memory.ports)

    # THEN it processed them there, once each
    assert first == again == {"batchItemFailures": []}
    ingested, rejected = memory.events()
    assert (ingested["detail-type"], rejected["detail-type"]) == (
        "ArticleIngested",
        "ArticleRejected",
    )
    assert ingested["detail"]["raw"]["key"] == "raw/example/a b.html"
    assert memory.keys("articles/") == [ingested["detail"]["article"]["key"]]
    state = memory.table.get_article(ingested["detail"]["article_id"])
    assert state is not None
    assert (state.version, state.announced_version) == (1, 1)


def _only_article_id(aws: Stack) -> str:
    [event] = aws.events()
    return str(event["detail"]["article_id"])


def test_handler_page_over_the_element_limit_is_rejected_and_the_batch_goes_on(
    aws: Stack,
) -> None:
    # GIVEN a batch: an upload of more short paragraphs than the element limit, and a good page
    paragraphs = "".join(f"<p>Line {i}.</p>" for i in range(MAX_PAGE_ELEMENTS))
    big = f"<html><body>{paragraphs}</body></html>".encode()
    aws.put_page("uploads/many.html", big, url="https://news.example.com/many")
    aws.put_page("uploads/good.html", article_html(), url=URL)

    response = _invoke(aws.deliveries())

    # THEN neither message fails: the big page is recorded as too_large, the good one stored
    assert response == {"batchItemFailures": []}
    events = {e["detail-type"]: e["detail"] for e in aws.events()}
    assert set(events) == {"ArticleIngested", "ArticleRejected"}
    rejected = ArticleRejected.model_validate(events["ArticleRejected"])
    assert rejected.outcome.value == "too_large"
    assert rejected.reason == f"{MAX_PAGE_ELEMENTS + 2} elements > limit {MAX_PAGE_ELEMENTS}"
    item = aws.item(url_pk("https://news.example.com/many"), URL_OUTCOME_SK)
    assert item is not None
    assert item["outcome"] == "too_large"
    stored = events["ArticleIngested"]["article_id"]
    assert aws.keys("articles/") == [f"articles/{stored}/v1.json"]


def test_handler_near_its_timeout_leaves_the_rest_of_the_batch_for_a_retry(aws: Stack) -> None:
    # GIVEN two pages, and an invocation with 25 s left at the first record and 5 s at the next
    urls = {"uploads/a.html": URL, "uploads/b.html": URL + "?copy"}
    for key, url in urls.items():
        aws.put_page(key, article_html(), url=url)
    records = aws.deliveries()
    first, second = (
        unquote_plus(json.loads(r["body"])["Records"][0]["s3"]["object"]["key"]) for r in records
    )

    response = _invoke(records, _RunningOut(millis=[25_000, 5_000]))

    # THEN the first is processed; the second is not started and is reported as failed
    assert response == {"batchItemFailures": [{"itemIdentifier": records[1]["messageId"]}]}
    assert [e["detail-type"] for e in aws.events()] == ["ArticleIngested"]
    assert aws.item(url_pk(urls[first]), URL_OUTCOME_SK) is not None
    assert aws.item(url_pk(urls[second]), URL_OUTCOME_SK) is None
