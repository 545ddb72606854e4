"""Source health on moto: counters at processing time equal what was stored, the health
route's series and baseline, and one SourceDegraded when a source's pages lose their bylines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from api.helpers import NOW, Api, api_environment
from support.aws_stack import TABLE, Stack

from newsflow.models import Source
from newsflow.services.health import MIN_ARTICLES
from newsflow.services.process_object import Status, process_object
from newsflow.storage.clients import dynamodb_client
from newsflow.storage.sources import DynamoSourceRepository

SOURCE = "daily"
BREAK_DAY = NOW.replace(hour=6)
BASELINE_DAYS = 3


@pytest.fixture
def api(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    environment = api_environment(monkeypatch)
    next(environment)
    DynamoSourceRepository(dynamodb_client(), TABLE).put(
        Source(id=SOURCE, name="Daily", homepage="https://daily.example/"),
        now=NOW,
        create_only=True,
    )
    yield Api()
    next(environment, None)


def _page(number: int, *, byline: bool) -> bytes:
    author = ',"author": {"@type": "Person", "name": "Jane Smith"}' if byline else ""
    paragraphs = "".join(
        f"<p>Report {number}, part {i}: the harbour authority met the council to discuss the "
        f"ferry timetable, the repair budget and what residents asked for at the hearing.</p>"
        for i in range(6)
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Harbour report {number}</title>"
        f'<script type="application/ld+json">{{"@context": "https://schema.org", '
        f'"@type": "NewsArticle", "headline": "Harbour report {number}", '
        f'"datePublished": "2026-11-01T08:00:00Z"{author}}}</script>'
        f"</head><body><article><h1>Harbour report {number}</h1>{paragraphs}</article>"
        f"</body></html>"
    ).encode()


def _ingest(aws: Stack, day: datetime, count: int, *, byline: bool, start: int) -> list[Status]:
    statuses = []
    for number in range(start, start + count):
        key = f"raw/{SOURCE}/{day:%Y/%m/%d}/{number}.html"
        url = f"https://daily.example/{day:%Y/%m/%d}/report-{number}"
        aws.put_page(key, _page(number, byline=byline), url=url, fetched_at=day, source_id=SOURCE)
        result = process_object(
            aws.ports.objects.bucket, key, aws.ports, max_bytes=1 << 20, lease_seconds=90
        )
        statuses.append(result.status)
    return statuses


def test_bylines_lost_from_one_day_give_one_source_degraded_for_authors(
    aws: Stack, api: Api
) -> None:
    # GIVEN three days of pages with bylines, then a day on which they vanish
    number = 0
    for back in range(BASELINE_DAYS, 0, -1):
        _ingest(aws, BREAK_DAY - timedelta(days=back), MIN_ARTICLES, byline=True, start=number)
        number += MIN_ARTICLES
    broken = 4 * MIN_ARTICLES  # past three check points: 10, 20 and 40
    statuses = _ingest(aws, BREAK_DAY, broken, byline=False, start=number)
    assert set(statuses) == {Status.INGESTED}
    # AND the same pages processed again (a redelivery) change nothing
    _ingest(aws, BREAK_DAY, 5, byline=False, start=number)

    # THEN exactly one SourceDegraded, for authors, on the break day
    degraded = [e for e in aws.events() if e["detail-type"] == "SourceDegraded"]
    assert len(degraded) == 1
    detail = degraded[0]["detail"]
    assert (detail["source_id"], detail["field"], detail["day"]) == (
        SOURCE,
        "authors",
        BREAK_DAY.date().isoformat(),
    )
    assert (detail["baseline"], detail["observed"]) == (1.0, 0.0)
    assert detail["articles"] == MIN_ARTICLES  # seen at the first check point
    assert 1 <= len(detail["sample_article_ids"]) <= 8

    # AND the health route shows counts equal to the stored articles, the baseline, the drift
    reply = api.get(f"/sources/{SOURCE}/health", days=5)
    assert reply.status == 200, reply.body
    days = {d["day"]: d for d in reply.body["days"]}
    assert len(days) == 5
    today = days[BREAK_DAY.date().isoformat()]
    assert (today["pages"], today["articles"]) == (broken, broken)
    assert today["outcomes"] == {"article": broken}
    assert today["fill_rates"]["authors"] == 0.0
    assert today["fill_rates"]["title"] == 1.0
    assert today["baseline"]["authors"] == 1.0
    assert today["body_words_median"] is not None and 100 <= today["body_words_median"] < 200
    before = days[(BREAK_DAY - timedelta(days=1)).date().isoformat()]
    assert (before["articles"], before["fill_rates"]["authors"]) == (MIN_ARTICLES, 1.0)
    assert before["baseline"]["authors"] is None  # two earlier days: too few for a baseline
    stored = sum(d["articles"] for d in days.values())
    assert stored == len(aws.keys("articles/")) == BASELINE_DAYS * MIN_ARTICLES + broken
    assert [(d["field"], d["day"]) for d in reply.body["drift"]] == [
        ("authors", BREAK_DAY.date().isoformat())
    ]

    # AND the source itself tells what became of its pages, beside its discovery totals
    source = api.get(f"/sources/{SOURCE}")
    assert source.status == 200, source.body
    assert source.body["outcomes"] == {
        "days": 30,
        "fetch": {},  # uploaded here, never fetched
        "extraction": {"article": BASELINE_DAYS * MIN_ARTICLES + broken},
    }


def test_health_of_unknown_source_is_404_and_days_are_bounded(api: Api) -> None:
    assert api.get("/sources/nobody/health").status == 404
    assert api.get(f"/sources/{SOURCE}/health", days=0).status == 422
    reply = api.get(f"/sources/{SOURCE}/health")
    assert reply.status == 200
    assert len(reply.body["days"]) == 30
    assert all(d["pages"] == 0 and d["fill_rates"] == {} for d in reply.body["days"])
