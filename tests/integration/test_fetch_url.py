"""Fetching on moto with a real loopback site: raw pages, outcomes, robots, shared rate limits."""

from __future__ import annotations

import gzip
import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from scraping.helpers import ROBOTS_ALLOW, Reply, Scrape, Site, scrape, site
from support.aws_stack import BUCKET, TABLE, Stack, template
from support.lambda_context import LambdaContext

from newsflow.fetch.robots import RobotsRecord
from newsflow.fetch.tdmrep import TdmrepRecord
from newsflow.models import FetchOutcome, RobotsVerdict
from newsflow.models.rights import TdmrepOutcome
from newsflow.services.fetch_url import fetch_url, raw_key_for
from newsflow.services.ports import FetchMessage
from newsflow.storage.clients import dynamodb_client, s3_client
from newsflow.storage.host_limiter import DynamoHostRateLimiter
from newsflow.storage.robots_cache import MAX_STORED_BYTES, DynamoRobotsCache
from newsflow.storage.table import url_pk
from newsflow.storage.tdmrep_cache import DynamoTdmrepCache
from newsflow.storage.template import functions, load_handler

__all__ = ["scrape", "site"]  # fixtures, imported so pytest finds them here

ROOT = Path(__file__).resolve().parents[2]
PAGE = b"<!doctype html><html><head><title>Story</title></head><body><p>Text.</p></body></html>"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _message(url: str, **fields: Any) -> FetchMessage:
    return FetchMessage(
        url=url,
        source_id="example",
        discovered_at=datetime.now(UTC),
        min_delay_seconds=0.0,
        **fields,
    )


def _handler() -> Any:
    resources = template()
    return load_handler(ROOT, functions(resources)["FetchFunction"])


def _allow_all(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", ROBOTS_ALLOW)


def test_fetch_handler_stores_gzipped_page_with_metadata_that_triggers_processing(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    # GIVEN a page behind a redirect
    _allow_all(site)
    site.routes["/old"] = Reply(301, b"", {"Location": "/story"})
    site.routes["/story"] = Reply(200, PAGE, {**HTML, "ETag": '"e1"'})
    message = _message(site.url("/old"))
    event = scrape.sqs_event(scrape.fetch_queue_arn, [message.model_dump_json()])

    # WHEN the fetch function handles the message
    result = _handler()(event, LambdaContext(function_name="fetch"))

    # THEN the page is in raw/ gzipped, with the metadata processing reads
    assert result == {"batchItemFailures": []}
    [key] = aws.keys("raw/")
    stored = s3_client().get_object(Bucket=BUCKET, Key=key)
    today = datetime.now(UTC)
    assert key == raw_key_for("example", message.url, today)
    assert key.startswith(f"raw/example/{today:%Y/%m/%d}/") and key.endswith(".html.gz")
    assert gzip.decompress(stored["Body"].read()) == PAGE
    assert stored["ContentType"] == "text/html; charset=utf-8"
    metadata = stored["Metadata"]
    assert metadata["url"] == site.url("/old")
    assert metadata["final-url"] == site.url("/story")
    assert metadata["source"] == "example"
    assert datetime.fromisoformat(metadata["fetched-at"]).tzinfo is not None
    assert (metadata["status"], metadata["robots"]) == ("200", "allowed")
    assert json.loads(metadata["headers"])["etag"] == '"e1"'
    # AND the bucket notified processing, which reads the page under the requested URL
    [delivery] = aws.deliveries()
    process = load_handler(ROOT, functions(template())["ProcessFunction"])
    assert process({"Records": [delivery]}, LambdaContext()) == {"batchItemFailures": []}
    processed = aws.item(url_pk(message.url), "URL")
    assert processed is not None and processed["raw_key"] == key
    # AND the fetch outcome is on the URL, next to what processing recorded
    item = scrape.registry.get(message.url)
    assert item is not None
    assert (item["fetch_outcome"], item["raw_key"], item["etag"]) == ("ok", key, '"e1"')
    assert (item["robots_verdict"], item["robots_allowed"]) == ("allowed", True)


def test_fetch_robots_disallowed_is_recorded_and_nothing_stored(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nDisallow: /private\n", ROBOTS_ALLOW)
    site.routes["/private/story"] = Reply(200, PAGE, HTML)

    report = fetch_url(_message(site.url("/private/story")), scrape.fetch_ports())

    assert (report.outcome, report.action) == (FetchOutcome.ROBOTS_DISALLOWED, "recorded")
    assert "/private/story" not in site.paths()
    assert aws.keys("raw/") == []
    item = scrape.registry.get(site.url("/private/story"))
    assert item is not None
    assert (item["fetch_outcome"], item["robots_verdict"], item["robots_allowed"]) == (
        "robots_disallowed",
        "disallowed",
        False,
    )


@pytest.mark.parametrize(
    ("status", "outcome"),
    [(404, FetchOutcome.GONE), (403, FetchOutcome.BLOCKED), (304, FetchOutcome.NOT_MODIFIED)],
)
def test_fetch_final_outcomes_are_recorded_without_a_page(
    scrape: Scrape, site: Site, aws: Stack, status: int, outcome: FetchOutcome
) -> None:
    _allow_all(site)
    site.routes["/story"] = Reply(status, b"", HTML)

    report = fetch_url(_message(site.url("/story"), etag='"e0"'), scrape.fetch_ports())

    assert (report.outcome, report.action) == (outcome, "recorded")
    assert aws.keys("raw/") == []
    assert scrape.fetch_messages() == []
    item = scrape.registry.get(site.url("/story"))
    assert item is not None and item["fetch_outcome"] == outcome.value


def test_fetch_not_html_is_recorded(scrape: Scrape, site: Site) -> None:
    _allow_all(site)
    site.routes["/file.pdf"] = Reply(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})

    report = fetch_url(_message(site.url("/file.pdf")), scrape.fetch_ports())

    assert report.outcome is FetchOutcome.NOT_HTML


def test_fetch_429_with_retry_after_requeues_with_delay_and_closes_the_host(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    # GIVEN a site that answers 429 with Retry-After: 120
    _allow_all(site)
    site.routes["/story"] = Reply(429, b"slow down", {**HTML, "Retry-After": "120"})
    site.routes["/other"] = Reply(200, PAGE, HTML)
    event = scrape.sqs_event(
        scrape.fetch_queue_arn, [_message(site.url("/story")).model_dump_json()]
    )

    # WHEN the fetch function handles it
    result = _handler()(event, LambdaContext(function_name="fetch"))

    # THEN the message is not a failure: a copy waits on the queue for 120 s
    assert result == {"batchItemFailures": []}
    assert scrape.fetch_messages() == []  # not visible before its delay
    attributes = aws.sqs.get_queue_attributes(
        QueueUrl=scrape.fetch_queue_url, AttributeNames=["ApproximateNumberOfMessagesDelayed"]
    )["Attributes"]
    assert attributes["ApproximateNumberOfMessagesDelayed"] == "1"
    # AND no other fetcher sends to that host until then (shared limiter in the table)
    requests = len(site.requests)
    other = fetch_url(_message(site.url("/other")), scrape.fetch_ports())
    assert (other.outcome, other.action) == (FetchOutcome.RATE_LIMITED, "requeued")
    assert 115 <= (other.delay_seconds or 0) <= 120
    assert len(site.requests) == requests
    assert aws.keys("raw/") == []


def test_fetch_retry_after_beyond_sqs_delay_is_capped_and_requeues_are_bounded(
    scrape: Scrape, site: Site
) -> None:
    _allow_all(site)
    site.routes["/story"] = Reply(503, b"", {**HTML, "Retry-After": "3600"})
    ports = scrape.fetch_ports(max_requeues=1)

    first = fetch_url(_message(site.url("/story")), ports)
    last = fetch_url(_message(site.url("/story"), requeues=1), ports)

    assert (first.action, first.delay_seconds) == ("requeued", 900)
    assert (last.outcome, last.action) == (FetchOutcome.RATE_LIMITED, "recorded")
    item = scrape.registry.get(site.url("/story"))
    assert item is not None and item["fetch_outcome"] == "rate_limited"


def test_fetch_server_error_retries_with_backoff_then_gives_up(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    _allow_all(site)
    site.routes["/story"] = Reply(500, b"", HTML)
    ports = scrape.fetch_ports(max_attempts=2)

    first = fetch_url(_message(site.url("/story")), ports)
    last = fetch_url(_message(site.url("/story"), attempt=2), ports)

    assert (first.outcome, first.action, first.delay_seconds) == (
        FetchOutcome.SERVER_ERROR,
        "retrying",
        30,
    )
    assert last.action == "recorded"
    item = scrape.registry.get(site.url("/story"))
    assert item is not None
    assert (item["fetch_outcome"], item["attempts"]) == ("server_error", 2)


def test_fetch_out_of_time_sends_the_message_back_untried(scrape: Scrape, site: Site) -> None:
    _allow_all(site)
    site.routes["/story"] = Reply(200, PAGE, HTML)

    report = fetch_url(_message(site.url("/story")), scrape.fetch_ports(), time_left=lambda: 10.0)

    assert report.action == "deferred"
    assert site.paths() == []
    assert [m.url for m in scrape.fetch_messages()] == [site.url("/story")]


def test_fetch_ssrf_guard_refuses_loopback_unless_allowed(scrape: Scrape, site: Site) -> None:
    site.routes["/story"] = Reply(200, PAGE, HTML)
    ports = scrape.fetch_ports(client=scrape.client(allow_loopback=False))

    report = fetch_url(_message(site.url("/story")), ports)

    assert report.outcome is FetchOutcome.SSRF_BLOCKED
    assert site.paths() == []


def test_fetch_handler_reports_only_the_bad_message(scrape: Scrape, site: Site) -> None:
    _allow_all(site)
    site.routes["/story"] = Reply(200, PAGE, HTML)
    bodies = [_message(site.url("/story")).model_dump_json(), '{"url": "no source"}']

    result = _handler()(scrape.sqs_event(scrape.fetch_queue_arn, bodies), LambdaContext())

    assert result == {"batchItemFailures": [{"itemIdentifier": "m-1"}]}


# -- the DynamoDB implementations of the client's Protocols ---------------------------------


def test_host_limiter_hands_out_distinct_slots_to_concurrent_fetchers(aws: Stack) -> None:
    # GIVEN eight fetchers (separate limiter objects, as separate Lambdas) and one host
    now = 1_800_000_000.0
    results: list[float] = []
    lock = threading.Lock()

    def claim() -> None:
        limiter = DynamoHostRateLimiter(dynamodb_client(), TABLE)
        reservation = limiter.reserve("news.example", 2.0, now, 60.0)
        assert reservation.granted
        with lock:
            results.append(reservation.wait)

    # WHEN they all ask for a slot at once
    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    # THEN each got its own slot, two seconds apart
    assert sorted(results) == [2.0 * i for i in range(8)]


def test_host_limiter_refuses_beyond_max_wait_and_honours_defer(aws: Stack) -> None:
    limiter = DynamoHostRateLimiter(dynamodb_client(), TABLE)
    now = 1_800_000_000.0

    assert limiter.reserve("a.example", 5.0, now, 4.0).granted
    refused = limiter.reserve("a.example", 5.0, now, 4.0)
    limiter.defer("b.example", now + 300)
    deferred = limiter.reserve("b.example", 1.0, now, 10.0)
    later = limiter.reserve("b.example", 1.0, now + 301, 10.0)

    assert (refused.granted, refused.wait) == (False, 5.0)
    assert (deferred.granted, deferred.wait) == (False, 300.0)
    assert (later.granted, later.wait) == (True, 0.0)


def test_robots_cache_round_trips_and_keeps_oversized_files_within_an_item(aws: Stack) -> None:
    now = datetime.now(UTC)
    # Random-looking lines compress badly: this one cannot fit whole in a DynamoDB item.
    lines = "".join(f"Disallow: /{i * 7919 % 1000003:x}/{i}\n" for i in range(40_000))
    record = RobotsRecord(
        origin="https://news.example",
        robots_url="https://news.example/robots.txt",
        verdict=RobotsVerdict.ALLOWED,
        status=200,
        body="User-agent: *\n" + lines,
        fetched_at=now,
        expires_at=now + timedelta(hours=24),
    )
    DynamoRobotsCache(dynamodb_client(), TABLE).put(record)

    # A fresh cache (another Lambda) reads it from the table.
    stored = DynamoRobotsCache(dynamodb_client(), TABLE).get("https://news.example")

    assert stored is not None
    assert stored.verdict is RobotsVerdict.ALLOWED
    assert record.body.startswith(stored.body)
    assert len(stored.body) <= len(record.body)
    item = aws.item("ROBOTS#https://news.example", "ROBOTS")
    assert item is not None and len(item["record"].value) <= MAX_STORED_BYTES
    assert DynamoRobotsCache(dynamodb_client(), TABLE).get("https://other.example") is None


def test_tdmrep_cache_round_trips_and_serves_an_expired_record_for_replacement(
    aws: Stack,
) -> None:
    now = datetime.now(UTC)
    record = TdmrepRecord(
        origin="https://news.example",
        outcome=TdmrepOutcome.ABSENT,
        status=404,
        fetched_at=now - timedelta(days=2),
        expires_at=now - timedelta(days=1),
    )
    DynamoTdmrepCache(dynamodb_client(), TABLE).put(record)

    # Another Lambda reads it from the table, expired: the client fetches and puts anew.
    assert DynamoTdmrepCache(dynamodb_client(), TABLE).get("https://news.example") == record
    item = aws.item("TDMREP#https://news.example", "TDMREP")
    assert item is not None and (item["kind"], item["outcome"]) == ("tdmrep", "absent")
    assert int(item["ttl"]) == int((record.expires_at + timedelta(days=7)).timestamp())
    assert DynamoTdmrepCache(dynamodb_client(), TABLE).get("https://other.example") is None
