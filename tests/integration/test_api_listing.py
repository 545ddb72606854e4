"""Query API listing on moto: full pages however sparse the articles, flat work per page, the
listing's end, unknown query parameters, and 404 for any article id."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from api.helpers import NOW, Api, Seeder, api_environment
from support.aws_stack import BUCKET, TABLE, Stack
from test_api_no_scan import ForbidScan

from newsflow import wiring
from newsflow.storage.table import LISTING_SHARDS


def _api(monkeypatch: pytest.MonkeyPatch, **settings: str) -> Iterator[Api]:
    environment = api_environment(monkeypatch, **settings)
    next(environment)
    yield Api()
    next(environment, None)


@pytest.fixture
def api(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
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


def test_limit_100_over_40_sparse_months_is_one_full_page(api: Api, seed: Seeder) -> None:
    # GIVEN 39 articles, each alone in its month, over 39 months (most months between empty)
    for number in range(1, 40):
        seed.article(number, published_at=NOW - timedelta(days=31 * number + number % 5))

    # WHEN a client asks for 100, counting DynamoDB calls
    with ForbidScan() as guard:
        page = api.get("/articles", limit=100).body

    # THEN one page holds all 39 newest first and says it is the last, from one Query a shard
    assert _ids(page) == list(range(1, 40))
    assert page["next_cursor"] is None
    assert guard.calls.count("Query") == LISTING_SHARDS


def test_page_work_does_not_grow_with_the_spread(api: Api, seed: Seeder) -> None:
    # GIVEN 30 articles spread over 30 years
    for number in range(1, 31):
        seed.article(number, published_at=NOW - timedelta(days=365 * number))

    # WHEN pages of 7 are read, counting the Queries of each
    calls = []
    cursor = None
    pages = []
    while True:
        with ForbidScan() as guard:
            reply = api.get("/articles", limit=7, **({"cursor": cursor} if cursor else {}))
        calls.append(guard.calls.count("Query"))
        pages.append(reply.body)
        cursor = reply.body["next_cursor"]
        if cursor is None:
            break

    # THEN every page is full but the last, each read with one Query per shard
    assert [len(page["items"]) for page in pages] == [7, 7, 7, 7, 2]
    assert calls == [LISTING_SHARDS] * 5


@pytest.mark.parametrize(
    "query",
    [
        {"updated_since": (NOW - timedelta(days=360)).isoformat()},
        {"source": "example"},
        {"source": "example", "from": (NOW - timedelta(days=20 * 365)).isoformat()},
        {"tdm_reserved": "true"},
    ],
    ids=["updated_since", "source", "source-from", "tdm_reserved"],
)
def test_filtered_first_page_is_full_and_never_empty_with_a_cursor(
    api: Api, seed: Seeder, query: dict[str, str]
) -> None:
    # GIVEN 24 matching articles (published and updated months apart) among 24 that do not
    for number in range(1, 49):
        matching = number % 2 == 0
        seed.article(
            number,
            source="example" if matching else "other",
            published_at=NOW - timedelta(days=150 * number),
            updated_at=NOW - timedelta(days=7 * number) if matching else NOW - timedelta(days=700),
            tdm_reservation=matching,
        )

    # WHEN a client reads pages of 10 with the filter
    pages = _pages(api, limit=10, **query)

    # THEN every page but the last holds 10, each matching article comes once, the last ends
    assert [len(page["items"]) for page in pages] == [10, 10, 4]
    seen = sorted(itertools.chain.from_iterable(_ids(p) for p in pages))
    assert seen == list(range(2, 49, 2))
    assert pages[-1]["next_cursor"] is None


@pytest.mark.parametrize(
    ("since", "reserved"),
    [
        (None, range(26, 38)),  # newest first: the 25 misses are the newest
        ((NOW - timedelta(days=30)).isoformat(), range(1, 13)),  # oldest first: the oldest
    ],
    ids=["newest-first", "updated_since-oldest-first"],
)
def test_a_filter_the_index_cannot_serve_fills_a_small_page_behind_many_misses(
    api: Api, seed: Seeder, since: str | None, reserved: range
) -> None:
    # GIVEN 37 articles an hour apart, 12 with a reservation and 25 without, the 25 first in
    # the listing's order (as on the local fixture site, where one publisher of three
    # reserves text and data mining)
    for number in range(1, 38):
        moment = NOW - timedelta(hours=number)
        seed.article(
            number, published_at=moment, updated_at=moment, tdm_reservation=number in reserved
        )
    query = {"tdm_reserved": "true"} | ({"updated_since": since} if since else {})
    # WHEN a client asks for one reserved article at a time
    first = api.get("/articles", limit=1, **query)
    # THEN the first page holds the first reserved one, not nothing and a cursor
    assert first.status == 200
    assert _ids(first.body) == [reserved[-1] if since else reserved[0]]
    # AND walking on returns each reserved article once
    pages = _pages(api, limit=1, **query)
    assert sorted(itertools.chain.from_iterable(_ids(p) for p in pages)) == list(reserved)


@pytest.mark.parametrize("limit", [1, 3, 10, 100])
def test_cursor_walk_returns_every_article_exactly_once(api: Api, seed: Seeder, limit: int) -> None:
    # GIVEN 40 articles: some in the same second, some months apart, two undated
    for number in range(1, 39):  # threes share a second, 37 days from the next three
        seed.article(number, published_at=NOW - timedelta(days=37 * (number // 3)))
    seed.article(39, undated=True, published_at=NOW - timedelta(days=1))
    seed.article(40, undated=True, published_at=NOW - timedelta(days=2))

    # WHEN a client follows every cursor
    pages = _pages(api, limit=limit)

    # THEN each article comes exactly once, full pages until the last, no empty page
    seen = list(itertools.chain.from_iterable(_ids(p) for p in pages))
    assert sorted(seen) == list(range(1, 41))
    assert len(seen) == len(set(seen))
    assert all(len(page["items"]) == limit for page in pages[:-1])
    assert pages[-1]["items"]


def test_undated_articles_list_after_every_dated_one(api: Api, seed: Seeder) -> None:
    # GIVEN an article dated four years ago and two undated ones fetched just now
    seed.article(1, published_at=NOW - timedelta(days=4 * 365))
    seed.article(2, undated=True, published_at=NOW - timedelta(minutes=5))
    seed.article(3, undated=True, published_at=NOW - timedelta(minutes=1))
    seed.article(4, published_at=NOW - timedelta(days=1))

    # WHEN the articles are listed, unfiltered, by source and within a range
    unfiltered = _ids(api.get("/articles").body)
    by_source = _ids(api.get("/articles", source="example").body)
    ranged = _ids(api.get("/articles", **{"to": NOW.isoformat()}).body)

    # THEN dated news comes first, newest first; then the undated, newest fetch first; a
    # published range holds only dated articles
    assert unfiltered == by_source == [4, 1, 3, 2]
    assert ranged == [4, 1]


def test_page_stops_at_its_time_budget_and_resumes(api: Api, seed: Seeder) -> None:
    # GIVEN 6 reserved articles among 60 (the filter has no index: rounds read on) and a
    # clock that moves 2.5 s per reading of it
    for number in range(1, 61):
        seed.article(number, tdm_reservation=number % 10 == 0)
    ticks = itertools.count()
    wiring.query_ports().timer = lambda: 2.5 * next(ticks)

    # WHEN pages of 5 are read under the 2 s default budget
    pages = _pages(api, limit=5, tdm_reserved="true")

    # THEN each page stopped after its first round, short and with a cursor, and all six
    # came, once each, newest first
    assert len(pages) > 2
    assert len(pages[0]["items"]) < 5 and pages[0]["next_cursor"]
    assert list(itertools.chain.from_iterable(_ids(p) for p in pages)) == [10, 20, 30, 40, 50, 60]


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


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("updated_since", "2026-11-20T10:00:00 00:00"),  # sent as …+00:00, '+' unencoded
        ("from", "2026-11-20T10:00:00.5 0530"),
        ("to", "2026-11-20 10:00 01:00"),
    ],
)
def test_a_date_time_whose_plus_arrived_as_a_space_is_400_saying_to_encode_it(
    api: Api, name: str, value: str
) -> None:
    reply = api.get("/articles", **{name: value})

    assert reply.status == 400
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.body["type"] == "/problems/bad-request"
    assert repr(name) in reply.body["detail"]
    assert "%2B" in reply.body["detail"]
    assert reply.body["errors"] == [{"loc": ["query", name], "type": "unencoded_plus"}]


def test_an_encoded_plus_offset_is_read_and_another_bad_date_time_stays_422(api: Api) -> None:
    # API Gateway hands the handler %2B already decoded: a real "+".
    assert api.get("/articles", updated_since="2026-11-20T10:00:00+01:00").status == 200

    reply = api.get("/articles", updated_since="yesterday 10")

    assert reply.status == 422
    assert reply.body["errors"][0]["loc"] == ["query", "updated_since"]


@pytest.mark.parametrize(
    ("path", "query", "repeated"),
    [
        ("/articles", {"limit": ["3", "5"]}, ["limit"]),
        ("/articles", {"source": ["a", "b"]}, ["source"]),  # a str param passes validation
        ("/articles", {"source": ["a", "a"], "limit": ["2", "2", "2"]}, ["limit", "source"]),
        ("/sources", {"cursor": ["x", "y"]}, ["cursor"]),
    ],
)
def test_a_repeated_query_parameter_is_400_naming_it(
    api: Api, path: str, query: dict[str, list[str]], repeated: list[str]
) -> None:
    reply = api.call("GET", path, query=query)

    assert reply.status == 400
    assert reply.body["type"] == "/problems/bad-request"
    for name in repeated:
        assert f"'{name}' ({len(query[name])} times)" in reply.body["detail"]
    assert reply.body["errors"] == [
        {"loc": ["query", name], "type": "repeated_parameter"} for name in repeated
    ]
