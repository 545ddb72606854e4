"""The yield rule on moto: a source whose feed keeps listing new URLs while none of them
becomes an article gets one SourceDegraded (field `yield`) for that day, shown by the health
route; discovery runs on a loopback site, pages are processed by the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from api.helpers import NOW, Api, api_environment
from scraping.helpers import ROBOTS_ALLOW, XML, Reply, Scrape, Site, rss, scrape, site
from support.aws_stack import Stack

from newsflow.services.discover_source import discover_source
from newsflow.services.process_object import Status, process_object

__all__ = ["scrape", "site"]  # fixtures, imported so pytest finds them here

SOURCE = "daily"
JUDGED = NOW.replace(hour=9) - timedelta(days=1)  # the day its yield fell to zero
PAGES_A_DAY = 2


@pytest.fixture
def api(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    environment = api_environment(monkeypatch)
    next(environment)
    yield Api()
    next(environment, None)


def _page(number: int) -> bytes:
    paragraphs = "".join(
        f"<p>Item {number}, part {i}: the council agreed the harbour budget after residents "
        f"asked about the ferry timetable and the cost of the repairs at the hearing.</p>"
        for i in range(6)
    )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Harbour item {number}</title></head><body><article><h1>Harbour item {number}"
        f"</h1>{paragraphs}</article></body></html>"
    ).encode()


def _articles_on(aws: Stack, day: datetime, start: int) -> None:
    for number in range(start, start + PAGES_A_DAY):
        key = f"raw/{SOURCE}/{day:%Y/%m/%d}/{number}.html"
        url = f"https://daily.example/{day:%Y/%m/%d}/item-{number}"
        aws.put_page(key, _page(number), url=url, fetched_at=day, source_id=SOURCE)
        result = process_object(
            aws.ports.objects.bucket, key, aws.ports, max_bytes=1 << 20, lease_seconds=90
        )
        assert result.status is Status.INGESTED


def _discover(scrape: Scrape, site: Site, aws: Stack, when: datetime, paths: list[str]) -> int:
    site.routes["/feed.xml"] = Reply(200, rss(site.base_url, paths), XML)
    ports = scrape.discover_ports(
        health=aws.ports.health, events=aws.ports.events, clock=lambda: when
    )
    report = discover_source(SOURCE, ports)
    return report.counts.get("new", 0)


def _degraded(aws: Stack) -> list[dict[str, object]]:
    return [e["detail"] for e in aws.events() if e["detail-type"] == "SourceDegraded"]


def test_yield_dropping_to_zero_while_feeds_list_new_urls_gives_one_source_degraded(
    scrape: Scrape, site: Site, aws: Stack, api: Api
) -> None:
    # GIVEN a source whose pages became articles on each of the three days before
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", ROBOTS_ALLOW)
    scrape.add_source(SOURCE, feeds=[site.url("/feed.xml")])
    for back in (3, 2, 1):
        _articles_on(aws, JUDGED - timedelta(days=back), start=back * 10)
    # AND on the judged day its feed listed new URLs, none of which became an article
    feed = [f"/news/item-{i}" for i in range(3)]
    assert _discover(scrape, site, aws, JUDGED, feed) == 3
    assert _discover(scrape, site, aws, JUDGED + timedelta(hours=2), [*feed, "/news/x"]) == 1
    assert _degraded(aws) == []  # a day is judged once it is over

    # WHEN the next day's runs find new URLs (the first one judges the day before)
    after = JUDGED + timedelta(days=1)
    feed += ["/news/x", "/news/item-3"]
    assert _discover(scrape, site, aws, after, feed) == 1
    assert _discover(scrape, site, aws, after + timedelta(hours=1), [*feed, "/news/y"]) == 1

    # THEN exactly one SourceDegraded for the yield of the judged day
    [detail] = _degraded(aws)
    assert (detail["source_id"], detail["field"], detail["day"]) == (
        SOURCE,
        "yield",
        JUDGED.date().isoformat(),
    )
    assert (detail["baseline"], detail["observed"], detail["articles"]) == (2.0, 0.0, 0)
    assert detail["discovered"] == 4
    assert detail["schema_version"] == "1.2"
    # AND the health route shows the day's discoveries and the drift event
    reply = api.get(f"/sources/{SOURCE}/health", days=5)
    assert reply.status == 200, reply.body
    days = {d["day"]: d for d in reply.body["days"]}
    judged = days[JUDGED.date().isoformat()]
    assert (judged["discovered"], judged["articles"]) == (4, 0)
    assert days[(JUDGED - timedelta(days=1)).date().isoformat()]["articles"] == PAGES_A_DAY
    assert [(d["field"], d["day"]) for d in reply.body["drift"]] == [
        ("yield", JUDGED.date().isoformat())
    ]


def test_day_with_articles_or_without_new_urls_is_not_degraded(
    scrape: Scrape, site: Site, aws: Stack
) -> None:
    # GIVEN four days with articles, the last also with new URLs discovered
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", ROBOTS_ALLOW)
    scrape.add_source(SOURCE, feeds=[site.url("/feed.xml")])
    for back in (3, 2, 1, 0):
        _articles_on(aws, JUDGED - timedelta(days=back), start=back * 10 + 100)
    assert _discover(scrape, site, aws, JUDGED, ["/news/a"]) == 1
    # WHEN the next day's first run judges it, and a quiet source's later day is never judged
    assert _discover(scrape, site, aws, JUDGED + timedelta(days=1), ["/news/a", "/news/b"]) == 1
    assert _discover(scrape, site, aws, JUDGED + timedelta(days=3), ["/news/a", "/news/b"]) == 0
    # THEN no SourceDegraded
    assert _degraded(aws) == []
