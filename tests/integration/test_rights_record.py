"""The rights record end to end: a loopback site's signals → fetch → processing → stored
article, its event and the index item the API filters on."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scraping.helpers import ROBOTS_ALLOW, Reply, Scrape, Site, scrape, site
from support.aws_stack import BUCKET, Stack, article_html, template
from support.lambda_context import LambdaContext

from newsflow.services.ports import FetchMessage
from newsflow.storage.clients import s3_client
from newsflow.storage.table import ARTICLE_SK, article_pk
from newsflow.storage.template import functions, load_handler

__all__ = ["scrape", "site"]  # fixtures, imported so pytest finds them here

ROOT = Path(__file__).resolve().parents[2]
ROBOTS = b"User-agent: *\nDisallow: /private/\nAllow: /news/\n"
SIGNALS = (
    '<meta name="robots" content="noarchive, noimageai">'
    '<meta name="tdm-reservation" content="0">'
    '<link rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">'
)


def _page() -> bytes:
    return article_html().replace(b"</title>", b"</title>" + SIGNALS.encode(), 1)


def _fetch_and_process(scrape: Scrape, site: Site, aws: Stack, headers: dict[str, str]) -> str:
    site.routes["/robots.txt"] = Reply(200, ROBOTS, ROBOTS_ALLOW)
    site.routes["/news/bridge"] = Reply(
        200, _page(), {"Content-Type": "text/html; charset=utf-8", **headers}
    )
    message = FetchMessage(
        url=site.url("/news/bridge"),
        source_id="example",
        discovered_at=datetime.now(UTC),
        min_delay_seconds=0.0,
    )
    handlers = functions(template())
    fetch = load_handler(ROOT, handlers["FetchFunction"])
    event = scrape.sqs_event(scrape.fetch_queue_arn, [message.model_dump_json()])
    assert fetch(event, LambdaContext(function_name="fetch")) == {"batchItemFailures": []}
    [raw_key] = aws.keys("raw/")
    [delivery] = aws.deliveries()
    process = load_handler(ROOT, handlers["ProcessFunction"])
    assert process({"Records": [delivery]}, LambdaContext()) == {"batchItemFailures": []}
    return raw_key


def test_rights_from_robots_headers_and_page_reach_article_event_and_index(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    raw_key = _fetch_and_process(
        scrape,
        site,
        aws,
        {"X-Robots-Tag": "noai", "TDM-Reservation": "1", "TDM-Policy": "/tdm/policy.json"},
    )

    stored = s3_client().head_object(Bucket=BUCKET, Key=raw_key)["Metadata"]
    assert stored["robots-rule"] == "user-agent:%20*%20/%20allow:%20/news/"
    [event] = [e for e in aws.events() if e["detail-type"] == "ArticleIngested"]
    rights = event["detail"]["rights"]
    assert rights["robots_verdict"] == "allowed"
    assert rights["robots_rule"] == "user-agent: * / allow: /news/"
    assert rights["x_robots_tag"] == ["noai"]
    assert rights["meta_robots"] == ["noarchive", "noimageai"]
    # the header's reservation outranks the page's <meta> (TDMRep processing priority)
    assert (rights["tdm_reservation"], rights["tdm_source"]) == (True, "header")
    assert rights["tdm_policy"] == site.url("/tdm/policy.json")
    assert rights["license_url"] == "https://creativecommons.org/licenses/by-nd/4.0/"
    assert rights["license_source"] == "link:rel=license"
    article = aws.read_json(event["detail"]["article"]["key"])
    assert article["rights"] == rights
    index = aws.item(article_pk(event["detail"]["article_id"]), ARTICLE_SK)
    assert index is not None and index["tdm_reserved"] is True


def test_page_reservation_stands_when_headers_say_nothing(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    _fetch_and_process(scrape, site, aws, {})

    [event] = [e for e in aws.events() if e["detail-type"] == "ArticleIngested"]
    rights = event["detail"]["rights"]
    assert (rights["tdm_reservation"], rights["tdm_source"]) == (False, "meta")
    assert rights["x_robots_tag"] == []
    assert json.loads(json.dumps(rights))["tdm_policy"] is None
    index = aws.item(article_pk(event["detail"]["article_id"]), ARTICLE_SK)
    assert index is not None and index["tdm_reserved"] is False


def test_fetch_and_processing_outcomes_are_counted_on_the_source_day(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    # GIVEN one page fetched and processed, and one URL that is gone
    _fetch_and_process(scrape, site, aws, {})
    site.routes["/news/removed"] = Reply(410, b"", {})
    message = FetchMessage(
        url=site.url("/news/removed"),
        source_id="example",
        discovered_at=datetime.now(UTC),
        min_delay_seconds=0.0,
    )
    fetch = load_handler(ROOT, functions(template())["FetchFunction"])
    event = scrape.sqs_event(scrape.fetch_queue_arn, [message.model_dump_json()])
    assert fetch(event, LambdaContext(function_name="fetch")) == {"batchItemFailures": []}

    # THEN the source's day holds both fetch outcomes and the one processed page
    assert aws.ports.health is not None
    today = datetime.now(UTC).date()
    [day] = aws.ports.health.days("example", today, today)
    counters = dict(day.counters)
    assert (counters["fetch:ok"], counters["fetch:gone"]) == (1, 1)
    assert (counters["pages"], counters["articles"], counters["outcome:article"]) == (1, 1, 1)


# -- the origin's /.well-known/tdmrep.json (TDMRep: the file first, then header, then <meta>) --

TDMREP_FILE = json.dumps(
    [
        {"location": "/news/open-*", "tdm-reservation": 0},
        {"location": "/news/", "tdm-reservation": 1, "tdm-policy": "/policies/tdm.json"},
    ]
).encode()
JSON_TYPE = {"Content-Type": "application/json"}


def _rights(aws: Stack) -> dict[str, object]:
    [event] = [e for e in aws.events() if e["detail-type"] == "ArticleIngested"]
    rights: dict[str, object] = event["detail"]["rights"]
    index = aws.item(article_pk(event["detail"]["article_id"]), ARTICLE_SK)
    assert index is not None and index["tdm_reserved"] is rights["tdm_reservation"]
    return rights


def test_tdmrep_file_rule_for_a_reserved_path_outranks_header_and_meta(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    # GIVEN the file reserves /news/ with a policy; the header and <meta> say "not reserved"
    site.routes["/.well-known/tdmrep.json"] = Reply(200, TDMREP_FILE, JSON_TYPE)
    _fetch_and_process(scrape, site, aws, {"TDM-Reservation": "0"})

    rights = _rights(aws)
    assert (rights["tdm_reservation"], rights["tdm_source"]) == (True, "tdmrep.json")
    assert rights["tdm_policy"] == site.url("/policies/tdm.json")
    assert (rights["tdmrep_file"], rights["tdmrep_location"]) == ("found", "/news/")
    assert site.paths().count("/.well-known/tdmrep.json") == 1


def test_tdmrep_file_rule_for_an_unreserved_path(scrape: Scrape, site: Site, aws: Stack) -> None:
    # GIVEN the file opens /news/open-* (first match wins); the header says "reserved"
    site.routes["/.well-known/tdmrep.json"] = Reply(200, TDMREP_FILE, JSON_TYPE)
    site.routes["/news/open-bridge"] = Reply(
        200, _page(), {"Content-Type": "text/html; charset=utf-8", "TDM-Reservation": "1"}
    )
    message = FetchMessage(
        url=site.url("/news/open-bridge"),
        source_id="example",
        discovered_at=datetime.now(UTC),
        min_delay_seconds=0.0,
    )
    site.routes["/robots.txt"] = Reply(200, ROBOTS, ROBOTS_ALLOW)
    handlers = functions(template())
    fetch = load_handler(ROOT, handlers["FetchFunction"])
    event = scrape.sqs_event(scrape.fetch_queue_arn, [message.model_dump_json()])
    assert fetch(event, LambdaContext(function_name="fetch")) == {"batchItemFailures": []}
    process = load_handler(ROOT, handlers["ProcessFunction"])
    assert process({"Records": aws.deliveries()}, LambdaContext()) == {"batchItemFailures": []}

    rights = _rights(aws)
    assert (rights["tdm_reservation"], rights["tdm_source"]) == (False, "tdmrep.json")
    assert rights["tdm_policy"] is None  # a policy means something only with a reservation
    assert rights["tdmrep_location"] == "/news/open-*"


@pytest.mark.parametrize(
    ("reply", "outcome"),
    [
        (None, "absent"),  # 404: the site does not implement the file
        (Reply(200, b'[{"location": "/news/", "tdm-reservation": 1', JSON_TYPE), "malformed"),
        (Reply(200, b'{"location": "/"}', JSON_TYPE), "malformed"),  # not an array
    ],
)
def test_tdmrep_file_missing_or_malformed_is_recorded_and_header_stands(
    scrape: Scrape, site: Site, aws: Stack, reply: Reply | None, outcome: str
) -> None:
    if reply is not None:
        site.routes["/.well-known/tdmrep.json"] = reply
    _fetch_and_process(scrape, site, aws, {"TDM-Reservation": "1"})

    rights = _rights(aws)
    assert (rights["tdm_reservation"], rights["tdm_source"]) == (True, "header")
    assert (rights["tdmrep_file"], rights["tdmrep_location"]) == (outcome, None)
