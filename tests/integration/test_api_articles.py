"""Query API article routes on moto: filters, pages, cursors, versions, large bodies, errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

import pytest
from api.helpers import NOW, Api, Seeder, api_environment
from support.aws_stack import BUCKET, TABLE, Stack

from newsflow.models import Article
from newsflow.models.api import ArticleDetail, ArticlePage, VersionPage


@pytest.fixture
def api(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    yield from _with(monkeypatch)


def _with(monkeypatch: pytest.MonkeyPatch, **settings: str) -> Iterator[Api]:
    # The month walk stops here: the seeded data is recent, and an older floor only adds
    # empty pages at the end of an unfiltered listing (measured in the bounded-walk test).
    settings = {"oldest_month": "2026-01", **settings}
    environment = api_environment(monkeypatch, **settings)
    next(environment)
    yield Api()
    next(environment, None)


@pytest.fixture
def seed(aws: Stack) -> Seeder:
    return Seeder(BUCKET, TABLE)


def _ids(reply_body: dict[str, Any]) -> list[int]:
    return [int(item["article_id"], 16) for item in reply_body["items"]]


def _all_pages(api: Api, **query: Any) -> tuple[list[int], int]:
    seen: list[int] = []
    pages = 0
    cursor = None
    while True:
        params = {**query, **({"cursor": cursor} if cursor else {})}
        reply = api.get("/articles", **params)
        assert reply.status == 200, reply.body
        ArticlePage.model_validate(reply.body)
        seen += _ids(reply.body)
        pages += 1
        cursor = reply.body["next_cursor"]
        if cursor is None:
            return seen, pages


def test_list_articles_no_filter_pages_newest_first_each_once(api: Api, seed: Seeder) -> None:
    seed.many(range(1, 8))  # story n published n hours before NOW

    seen, pages = _all_pages(api, limit=3)

    assert seen == [1, 2, 3, 4, 5, 6, 7]
    assert pages == 3  # 3 + 3 + 1, and the last page says so (next_cursor null)


def test_list_articles_item_carries_index_fields(api: Api, seed: Seeder) -> None:
    seed.article(1, source="daily", language="de", section="Politik")

    item = api.get("/articles").body["items"][0]

    assert item["article_id"] == f"{1:032x}"
    assert item["title"] == "Story 1"
    assert item["url"] == "https://news.example.com/story-1"
    assert (item["source_id"], item["language"], item["section"]) == ("daily", "de", "Politik")
    assert item["published_at"] == "2026-11-20T11:00:00Z"
    assert item["version"] == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"source": "daily"}, [2, 4]),
        ({"language": "DE"}, [3, 4]),  # language codes are matched lowercased
        ({"section": "politik"}, [1, 4]),  # sections casefolded, as the index stores them
        ({"source": "daily", "from": "2026-11-20T08:30:00Z"}, [2]),
        ({"to": "2026-11-20T08:00:00Z"}, [4, 5]),  # inclusive to the second
        ({"from": "2026-11-20T08:00:00", "to": "2026-11-20T10:00:00+00:00"}, [2, 3, 4]),
    ],
)
def test_list_articles_filter_served_by_its_index(
    api: Api, seed: Seeder, query: dict[str, str], expected: list[int]
) -> None:
    seed.article(1, source="wire", language="en", section="Politik")
    seed.article(2, source="daily", language="en", section="Sport")
    seed.article(3, source="wire", language="de", section="Sport")
    seed.article(4, source="daily", language="de", section="POLITIK")
    seed.article(5, source="wire", language="en", section=None)

    reply = api.get("/articles", **query)

    assert reply.status == 200, reply.body
    assert _ids(reply.body) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"to": "2026-11-20"}, [1, 2, 3]),  # a date alone: that whole UTC day included
        ({"to": "2026-11-19"}, [3]),
        ({"to": "2026-11-20T00:00:00Z"}, [3]),  # an explicit midnight stays a moment
        ({"from": "2026-11-20", "to": "2026-11-20"}, [1, 2]),  # one day, from a date alone
        ({"source": "daily", "to": "2026-11-20"}, [1, 2, 3]),
    ],
)
def test_list_articles_date_only_to_takes_in_the_whole_day(
    api: Api, seed: Seeder, query: dict[str, str], expected: list[int]
) -> None:
    seed.article(1, source="daily", published_at=NOW.replace(hour=23, minute=59, second=59))
    seed.article(2, source="daily", published_at=NOW.replace(hour=0, minute=0, second=1))
    seed.article(3, source="daily", published_at=NOW - timedelta(days=1))

    reply = api.get("/articles", **query)

    assert reply.status == 200, reply.body
    assert _ids(reply.body) == expected


def test_list_articles_to_an_impossible_date_is_422(api: Api) -> None:
    reply = api.get("/articles", to="2026-13-01")

    assert reply.status == 422, reply.body
    assert reply.body["errors"][0]["loc"] == ["query", "to"]


def test_list_articles_updated_since_oldest_update_first_across_days(
    api: Api, seed: Seeder
) -> None:
    seed.article(1, updated_at=NOW - timedelta(days=3))
    seed.article(2, updated_at=NOW - timedelta(days=1, hours=2))
    seed.article(3, updated_at=NOW - timedelta(days=1))
    seed.article(4, updated_at=NOW - timedelta(minutes=5))

    seen, _ = _all_pages(api, updated_since=(NOW - timedelta(days=2)).isoformat(), limit=2)

    assert seen == [2, 3, 4]


def test_list_articles_updated_since_too_far_back_is_400(api: Api) -> None:
    reply = api.get("/articles", updated_since=(NOW - timedelta(days=400)).isoformat())

    assert reply.status == 400
    assert "366 days" in reply.body["detail"]


@pytest.mark.parametrize(
    "query",
    [
        {"source": "a", "language": "en"},
        {"language": "en", "section": "world"},
        {"updated_since": "2026-11-19T00:00:00Z", "source": "a"},
        {"updated_since": "2026-11-19T00:00:00Z", "from": "2026-11-01T00:00:00Z"},
    ],
)
def test_list_articles_unserved_combination_is_400_listing_supported(
    api: Api, query: dict[str, str]
) -> None:
    reply = api.get("/articles", **query)

    assert reply.status == 400
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.body["type"] == "/problems/bad-request"
    assert "Supported filter combinations" in reply.body["detail"]


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "101"},
        {"limit": "0"},
        {"limit": "ten"},
        {"language": "english!"},
        {"from": "yesterday"},
        {"source": ""},
        {"cursor": "x" * 3000},
    ],
)
def test_list_articles_invalid_parameter_is_422_problem(api: Api, query: dict[str, str]) -> None:
    reply = api.get("/articles", **query)

    assert reply.status == 422
    assert reply.body["type"] == "/problems/validation"
    assert reply.body["errors"][0]["loc"][0] == "query"
    assert "Traceback" not in json.dumps(reply.body)


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ({"limit": "101"}, "query.limit: at most 100"),
        ({"limit": "0"}, "query.limit: at least 1"),
        ({"limit": "ten"}, "query.limit: not a whole number"),
        ({"to": "yesterday"}, "query.to: not an ISO 8601 date-time (2026-11-29T08:00:00Z) or "),
        ({"from": "2026-13-01"}, "query.from: not an ISO 8601 date-time"),
        ({"source": ""}, "query.source: 1 or more characters"),
        ({"tdm_reserved": "maybe"}, "query.tdm_reserved: not true or false"),
        ({"language": "english!"}, "query.language: not of the accepted form"),
    ],
)
def test_list_articles_invalid_parameter_is_named_in_words(
    api: Api, query: dict[str, str], detail: str
) -> None:
    reply = api.get("/articles", **query)

    assert reply.status == 422
    assert reply.body["detail"].startswith(f"invalid input: {detail}"), reply.body["detail"]
    assert "yesterday" not in reply.body["detail"]  # words of ours, never the input echoed


def test_list_articles_from_after_to_is_400(api: Api) -> None:
    reply = api.get("/articles", **{"from": "2026-11-02T00:00:00Z", "to": "2026-11-01T00:00:00Z"})

    assert reply.status == 400


def test_list_articles_extreme_dates_are_not_a_server_error(api: Api) -> None:
    for value in ("9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "0001-01-01"):
        reply = api.get("/articles", to=value)
        assert reply.status in {200, 400}, (value, reply.body)


def _first_cursor(api: Api, seed: Seeder, **query: str) -> str:
    seed.many(range(1, 4), source="daily")
    cursor: str = api.get("/articles", limit=1, **query).body["next_cursor"]
    return cursor


def test_cursor_altered_is_400(api: Api, seed: Seeder) -> None:
    cursor = _first_cursor(api, seed)
    body, signature = cursor.split(".")
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]

    for forged in (f"{flipped}.{signature}", f"{body}.{signature[::-1]}", "garbage", "a.b.c"):
        reply = api.get("/articles", limit=1, cursor=forged)
        assert reply.status == 400, forged
        assert reply.body["type"] == "/problems/bad-request"


def test_cursor_replayed_with_other_filters_is_400(api: Api, seed: Seeder) -> None:
    cursor = _first_cursor(api, seed, source="daily")

    same = api.get("/articles", limit=1, source="daily", cursor=cursor)
    other = api.get("/articles", limit=1, source="other", cursor=cursor)
    unfiltered = api.get("/articles", limit=1, cursor=cursor)

    assert same.status == 200
    assert other.status == unfiltered.status == 400
    assert "another query" in other.body["detail"]


def test_cursor_of_versions_route_is_refused_by_articles(api: Api, seed: Seeder) -> None:
    seed.article(1)
    seed.article(1, title="Changed")
    cursor = api.get(f"/articles/{1:032x}/versions", limit=1).body["next_cursor"]

    assert api.get("/articles", cursor=cursor).status == 400


def test_cursor_signed_with_another_key_is_400(
    aws: Stack, seed: Seeder, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed.many(range(1, 4))
    first = _with(monkeypatch)
    cursor = next(first).get("/articles", limit=1).body["next_cursor"]
    second = _with(monkeypatch, cursor_key="another-key-another-key-another-key-0")

    assert next(second).get("/articles", limit=1, cursor=cursor).status == 400


def test_list_articles_month_walk_skips_empty_months_and_ends_with_the_oldest(
    aws: Stack, seed: Seeder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN articles 40 months apart, a budget of 4 Queries a page and the floor far back
    api = next(_with(monkeypatch, max_queries_per_page="4", oldest_month="2000-01"))
    seed.article(1, published_at=NOW - timedelta(days=1))
    seed.article(2, published_at=NOW - timedelta(days=40 * 30))

    # WHEN a client follows the cursors
    seen, pages = _all_pages(api, limit=5)

    # THEN one page holds both: the months between and before them are never read
    assert seen == [1, 2]
    assert pages == 1


def test_list_articles_unannounced_version_1_is_not_listed(api: Api, seed: Seeder) -> None:
    seed.article(1)
    seed.article(2, announce=False)  # claimed, object not yet written

    assert _ids(api.get("/articles").body) == [1]
    assert api.get(f"/articles/{2:032x}").status == 404


def test_get_article_returns_stored_article_with_index_fields(api: Api, seed: Seeder) -> None:
    stored = seed.article(7, title="Harbour bridge")

    reply = api.get(f"/articles/{7:032x}")

    assert reply.status == 200
    detail = ArticleDetail.model_validate(reply.body)
    assert detail.article == stored
    assert (detail.version, detail.requested_version, detail.title) == (1, 1, "Harbour bridge")
    assert detail.article_link is None


def test_get_article_older_version_and_versions_list(api: Api, seed: Seeder) -> None:
    seed.article(7, title="First")
    seed.article(7, title="Second", updated_at=NOW + timedelta(minutes=1))

    latest = api.get(f"/articles/{7:032x}").body
    older = api.get(f"/articles/{7:032x}", version=1).body
    versions = VersionPage.model_validate(api.get(f"/articles/{7:032x}/versions").body)

    assert (latest["version"], latest["article"]["title"]) == (2, "Second")
    assert (older["version"], older["requested_version"], older["article"]["title"]) == (
        2,
        1,
        "First",
    )
    assert [(v.version, v.changed_fields) for v in versions.items] == [(1, []), (2, ["title"])]
    assert versions.next_cursor is None


def test_list_versions_pages_with_cursor(api: Api, seed: Seeder) -> None:
    for n in range(5):
        seed.article(7, title=f"Take {n}")

    first = api.get(f"/articles/{7:032x}/versions", limit=2).body
    second = api.get(f"/articles/{7:032x}/versions", limit=2, cursor=first["next_cursor"]).body
    third = api.get(f"/articles/{7:032x}/versions", limit=2, cursor=second["next_cursor"]).body

    assert [v["version"] for v in first["items"] + second["items"] + third["items"]] == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert third["next_cursor"] is None


@pytest.mark.parametrize(
    ("path", "query", "status"),
    [
        (f"/articles/{9:032x}", {}, 404),
        (f"/articles/{7:032x}", {"version": "3"}, 404),
        (f"/articles/{7:032x}", {"version": "0"}, 422),
        ("/articles/not-an-id", {}, 404),
        (f"/articles/{9:032x}/versions", {}, 404),
        ("/articles/ZZ/versions", {}, 404),
        ("/no/such/route", {}, 404),
    ],
)
def test_article_routes_errors_are_problems(
    api: Api, seed: Seeder, path: str, query: dict[str, str], status: int
) -> None:
    seed.article(7)

    reply = api.get(path, **query)

    assert reply.status == status
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.body["status"] == status
    assert {"type", "title", "detail"} <= set(reply.body)


def test_get_article_too_large_is_a_presigned_link_not_truncated(
    aws: Stack, seed: Seeder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN an inline limit below the stored article's size
    api = next(_with(monkeypatch, inline_article_bytes="2048"))
    seed.article(7, body_text="word " * 2000)

    reply = api.get(f"/articles/{7:032x}")

    # THEN no body comes inline, and the link downloads the whole stored article
    assert reply.status == 200
    detail = ArticleDetail.model_validate(reply.body)
    assert detail.article is None
    assert detail.article_link is not None
    assert detail.article_link.size > 2048
    assert detail.article_link.expires_at == NOW + timedelta(seconds=900)
    link = urlparse(detail.article_link.url)
    assert link.path.endswith(f"/articles/{7:032x}/v1.json")
    assert "X-Amz-Signature=" in link.query
    key = f"articles/{7:032x}/v1.json"
    assert Article.model_validate(aws.read_json(key)).body_text == "word " * 2000


def test_health_and_openapi_routes(api: Api) -> None:
    assert api.get("/health").body == {"status": "ok"}
    document = api.get("/openapi.json").body
    assert document["openapi"].startswith("3.")
    assert "/articles" in document["paths"]


def test_cors_header_only_when_configured(
    aws: Stack, monkeypatch: pytest.MonkeyPatch, api: Api
) -> None:
    assert "access-control-allow-origin" not in api.get("/health").headers

    configured = next(_with(monkeypatch, cors_origin="https://app.example.com"))

    headers = configured.get("/health").headers
    assert headers["access-control-allow-origin"] == "https://app.example.com"


def test_list_articles_tdm_reserved_filter_combines_with_listings_and_pages(
    api: Api, seed: Seeder
) -> None:
    # GIVEN stories 1..9: every third reserves TDM rights, others declare 0 or nothing
    reservations = {n: [True, False, None][n % 3] for n in range(1, 10)}
    for number, reserved in reservations.items():
        seed.article(number, tdm_reservation=reserved)
    free = [n for n, r in reservations.items() if not r]
    reserved_ids = [n for n, r in reservations.items() if r]

    # WHEN listing with the filter, alone and with a source, two per page
    unfiltered, _ = _all_pages(api, limit=2)
    without, _ = _all_pages(api, tdm_reserved="false", limit=2)
    with_source, _ = _all_pages(api, tdm_reserved="false", source="example", limit=2)
    only_reserved, _ = _all_pages(api, tdm_reserved="true", limit=2)

    # THEN each listing holds exactly the matching stories, newest first, each once
    assert unfiltered == list(range(1, 10))
    assert without == with_source == free
    assert only_reserved == reserved_ids


def test_list_articles_cursor_is_bound_to_the_tdm_filter(api: Api, seed: Seeder) -> None:
    seed.many(range(1, 4))
    first = api.get("/articles", tdm_reserved="false", limit=1)
    assert first.status == 200 and first.body["next_cursor"]

    reply = api.get("/articles", limit=1, cursor=first.body["next_cursor"])

    assert reply.status == 400
