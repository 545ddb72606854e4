"""Query API listing on moto: full pages across sparse partitions, bounded work per page, the
walk's end, unknown query parameters, and 404 for any article id."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from api.helpers import NOW, Api, Seeder, api_environment
from support.aws_stack import BUCKET, TABLE, Stack
from test_api_no_scan import ForbidScan

from newsflow import storage


def _api(monkeypatch: pytest.MonkeyPatch, **settings: str) -> Iterator[Api]:
    environment = api_environment(monkeypatch, **settings)
    next(environment)
    yield Api()
    next(environment, None)


@pytest.fixture
def api(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    # The deployed default floor (2000-01): the partition directory, not the floor, ends walks.
    yield from _api(monkeypatch)


@pytest.fixture
def seed(aws: Stack) -> Seeder:
    return Seeder(BUCKET, TABLE)


def _pages(api: Api, cursor: str | None = None, **query: Any) -> list[dict[str, Any]]:
    pages: list[dict[str, Any]] = []
    while True:
        reply = api.get("/articles", **query, **({"cursor": cursor} if cursor else {}))
        assert reply.status == 200, reply.body
        pages.append(reply.body)
        cursor = reply.body["next_cursor"]
        if cursor is None or len(pages) > 50:
            return pages


def _ids(page: dict[str, Any]) -> list[int]:
    return [int(item["article_id"], 16) for item in page["items"]]


def test_every_page_holds_limit_items_across_sparse_months(api: Api, seed: Seeder) -> None:
    # GIVEN 13 articles in 7 months spread over six years (most months in between empty)
    ages = [1, 2, 40, 41, 400, 401, 402, 900, 901, 1500, 1501, 2100, 2101]
    for number, days in enumerate(ages, start=1):
        seed.article(number, published_at=NOW - timedelta(days=days))

    # WHEN a client reads pages of 5
    pages = _pages(api, limit=5)

    # THEN pages hold 5, 5, 3, newest first, each article once, and the last says it is last
    assert [len(page["items"]) for page in pages] == [5, 5, 3]
    assert list(itertools.chain.from_iterable(_ids(p) for p in pages)) == list(range(1, 14))
    assert pages[-1]["next_cursor"] is None


def test_a_page_that_ends_the_listing_exactly_has_no_cursor(api: Api, seed: Seeder) -> None:
    seed.article(1, published_at=NOW - timedelta(days=1))
    seed.article(2, published_at=NOW - timedelta(days=800))

    page = api.get("/articles", limit=2).body

    assert _ids(page) == [1, 2]
    assert page["next_cursor"] is None


def test_empty_table_lists_nothing_and_ends(api: Api) -> None:
    assert api.get("/articles").body == {"items": [], "next_cursor": None}


def test_updated_since_first_page_is_full_however_far_back(api: Api, seed: Seeder) -> None:
    # GIVEN updates on three days in the last 300 days
    for number, days in enumerate([290, 150, 150, 1, 1, 0], start=1):
        seed.article(number, updated_at=NOW - timedelta(days=days))

    pages = _pages(api, updated_since=(NOW - timedelta(days=300)).isoformat(), limit=4)

    assert [len(page["items"]) for page in pages] == [4, 2]
    assert list(itertools.chain.from_iterable(_ids(p) for p in pages)) == [1, 2, 3, 4, 5, 6]


def test_page_work_is_bounded_when_every_month_holds_one_article(api: Api, seed: Seeder) -> None:
    # GIVEN 20 articles, each alone in its month
    for number in range(1, 21):
        seed.article(number, published_at=NOW - timedelta(days=31 * number))

    # WHEN pages of 100 are read, counting DynamoDB calls
    with ForbidScan() as guard:
        first = api.get("/articles", limit=100).body
    pages = [first, *_pages(api, first["next_cursor"], limit=100)]

    # THEN a page stops at 8 Queries (the directory and 7 months) and the next one resumes
    assert guard.calls.count("Query") == 8
    assert [len(page["items"]) for page in pages] == [7, 7, 6]
    assert list(itertools.chain.from_iterable(_ids(p) for p in pages)) == list(range(1, 21))


def test_page_stops_at_its_time_budget_and_resumes(api: Api, seed: Seeder) -> None:
    # GIVEN articles in 5 months and a clock that moves 1.5 s per reading of it
    for number in range(1, 6):
        seed.article(number, published_at=NOW - timedelta(days=31 * number))
    ticks = itertools.count()
    storage.query_ports().timer = lambda: 1.5 * next(ticks)

    # WHEN pages of 10 are read under the 2 s default budget
    pages = _pages(api, limit=10)

    # THEN each page made progress and stopped at its budget; all five came, once each
    assert all(page["items"] for page in pages)
    assert len(pages) > 1
    assert list(itertools.chain.from_iterable(_ids(p) for p in pages)) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("path", "query", "unknown"),
    [
        ("/articles", {"foo": "bar"}, "'foo'"),
        ("/articles", {"sourc": "x", "limit": "5"}, "'sourc'"),
        ("/articles/00000000000000000000000000000001", {"lang": "en"}, "'lang'"),
        ("/sources", {"page": "2"}, "'page'"),
        ("/health", {"verbose": "1"}, "'verbose'"),
    ],
)
def test_unknown_query_parameter_is_400_naming_it_and_the_accepted(
    api: Api, path: str, query: dict[str, str], unknown: str
) -> None:
    reply = api.get(path, **query)

    assert reply.status == 400
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.body["type"] == "/problems/bad-request"
    assert unknown in reply.body["detail"]
    assert reply.body["errors"][0]["type"] == "unknown_parameter"
    if path == "/articles":
        for accepted in ("source", "language", "section", "from", "to", "updated_since"):
            assert accepted in reply.body["detail"]


@pytest.mark.parametrize(
    "article_id",
    ["not-an-id", "ZZ", "0" * 33, "ABCDEF" + "0" * 26, "x" * 500, "%C3%A9", "0" * 32],
)
@pytest.mark.parametrize("suffix", ["", "/versions"])
def test_any_unknown_article_id_is_404_problem(api: Api, article_id: str, suffix: str) -> None:
    reply = api.get(f"/articles/{article_id}{suffix}")

    assert reply.status == 404
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.body["type"] == "/problems/not-found"


def test_unknown_route_with_a_query_is_still_404(api: Api) -> None:
    reply = api.get("/no/such/route", foo="bar")

    assert reply.status == 404
    assert reply.body["type"] == "/problems/not-found"
