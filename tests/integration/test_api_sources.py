"""Query API sources routes on moto: reads for API-key callers, writes for IAM administrators."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from api.helpers import NOW, Api, api_environment, api_handler
from support.aws_stack import TABLE, Stack

from newsflow import wiring
from newsflow.models import Source
from newsflow.models.api import SourcePage, SourceStatus
from newsflow.services.ports import SourceRepository, StoredSource
from newsflow.storage.clients import dynamodb_client
from newsflow.storage.sources import DynamoSourceRepository


@pytest.fixture
def api(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    environment = api_environment(monkeypatch)
    next(environment)
    yield Api()
    next(environment, None)


def _source(source_id: str = "harbour-times", **fields: Any) -> str:
    return json.dumps(
        {
            "id": source_id,
            "name": "Harbour Times",
            "homepage": "https://harbour.example.com/",
            "feeds": ["https://harbour.example.com/rss"],
            "min_delay_seconds": 2.5,
            **fields,
        }
    )


def test_create_source_then_get_and_list(api: Api) -> None:
    created = api.call("POST", "/sources", body=_source(), admin=True)

    assert created.status == 201
    assert created.headers["location"] == "/sources/harbour-times"
    status = SourceStatus.model_validate(api.get("/sources/harbour-times").body)
    assert status.source.feeds == ["https://harbour.example.com/rss"]
    assert status.source.min_delay_seconds == 2.5
    assert (status.created_at, status.last_run, status.totals) == (NOW, None, {})
    page = SourcePage.model_validate(api.get("/sources").body)
    assert [r.source.id for r in page.items] == ["harbour-times"]


def test_create_existing_source_is_409(api: Api) -> None:
    api.call("POST", "/sources", body=_source(), admin=True)

    reply = api.call("POST", "/sources", body=_source(name="Other"), admin=True)

    assert reply.status == 409
    assert reply.body["type"] == "/problems/conflict"
    assert api.get("/sources/harbour-times").body["source"]["name"] == "Harbour Times"


def test_create_sent_again_after_its_answer_was_lost_gets_the_same_success(api: Api) -> None:
    # GIVEN a create whose write landed, but whose answer the client never saw (a timeout,
    # or the 503 of a store that answered too late): its retry got 409 for its own write
    first = api.call("POST", "/sources", body=_source(), admin=True)
    # WHEN the client sends it again as it was
    retry = api.call("POST", "/sources", body=_source(), admin=True)
    # THEN it gets the first answer again: created, with the same record and location
    assert (first.status, retry.status) == (201, 201)
    assert retry.body == first.body
    assert retry.headers["location"] == "/sources/harbour-times"
    # AND the same id with another body is still a conflict
    other = api.call("POST", "/sources", body=_source(min_delay_seconds=5), admin=True)
    assert other.status == 409
    # AND the API's document tells clients so
    document = json.loads(api_handler("openapi_document")())
    responses = document["paths"]["/sources"]["post"]["responses"]
    assert "can be retried as it was" in responses["201"]["description"]
    assert responses["409"]["description"].startswith("A different source with this id")


class _OthersMeanwhile:
    """The API's source repository (DynamoDB on moto), with other requests' writes landing
    between a create's calls: another administrator's DELETE just before each read, and,
    with `rival`, a create of this rival just before each conditional write."""

    def __init__(self, store: SourceRepository, rival: Source | None = None) -> None:
        self._store = store
        self._rival = rival
        self.calls: list[str] = []

    def put(self, source: Source, **kwargs: Any) -> tuple[StoredSource, bool] | None:
        if self._rival is not None:
            self._store.put(self._rival, now=NOW, create_only=False)
        self.calls.append("put")
        return self._store.put(source, **kwargs)

    def get(self, source_id: str) -> StoredSource | None:
        self._store.delete(source_id)
        self.calls.append("get")
        return self._store.get(source_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_create_refused_by_a_source_deleted_before_the_read_creates_it(api: Api) -> None:
    # GIVEN a different source with the id, which another administrator deletes after the
    # create's conditional write was refused and before the create reads what refused it
    api.call("POST", "/sources", body=_source(name="Old Times"), admin=True)
    ports = wiring.source_ports()
    store = ports.sources
    ports.sources = meanwhile = _OthersMeanwhile(store)
    # WHEN the create arrives
    reply = api.call("POST", "/sources", body=_source(), admin=True)
    ports.sources = store  # the API's own repository again (the fixture drops both)
    # THEN nothing is in its way any more: it is created (it came after the DELETE), not
    # refused for "a different source" that no longer exists
    assert reply.status == 201, reply.body
    assert meanwhile.calls == ["put", "get", "put"]
    assert reply.headers["location"] == "/sources/harbour-times"
    assert api.get("/sources/harbour-times").body["source"]["name"] == "Harbour Times"


def test_create_whose_way_is_blocked_and_freed_twice_says_so_in_a_409(api: Api) -> None:
    # GIVEN other requests that create a rival source before each of the create's writes and
    # delete it before each of its reads
    rival = Source.model_validate_json(_source(name="Rival Times"))
    ports = wiring.source_ports()
    store = ports.sources
    ports.sources = meanwhile = _OthersMeanwhile(store, rival)
    # WHEN the create arrives
    reply = api.call("POST", "/sources", body=_source(), admin=True)
    ports.sources = store  # the API's own repository again (the fixture drops both)
    # THEN after one more try it stops with a 409 that says what happened, not "a different
    # source exists" (none does), and the client may send it again as it was
    assert meanwhile.calls == ["put", "get", "put", "get"]
    assert reply.status == 409
    assert reply.body["detail"] == (
        "source harbour-times was created and deleted by other requests while this one ran; "
        "send it again"
    )
    assert api.get("/sources/harbour-times").status == 404
    assert api.call("POST", "/sources", body=_source(), admin=True).status == 201


def test_replace_source_creates_then_replaces_keeping_created_at(api: Api) -> None:
    first = api.call("PUT", "/sources/harbour-times", body=_source(), admin=True)
    second = api.call("PUT", "/sources/harbour-times", body=_source(enabled=False), admin=True)

    assert (first.status, second.status) == (201, 200)
    assert second.body["source"]["enabled"] is False
    assert second.body["created_at"] == first.body["created_at"]


def test_replace_source_with_other_id_in_body_is_400(api: Api) -> None:
    reply = api.call("PUT", "/sources/harbour-times", body=_source("other"), admin=True)

    assert reply.status == 400
    assert api.get("/sources/harbour-times").status == 404


def test_delete_source_then_404(api: Api) -> None:
    api.call("POST", "/sources", body=_source(), admin=True)

    deleted = api.call("DELETE", "/sources/harbour-times", admin=True)
    again = api.call("DELETE", "/sources/harbour-times", admin=True)

    assert deleted.status == 204
    assert deleted.body is None
    assert again.status == 404
    assert api.get("/sources/harbour-times").status == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/sources", _source()),
        ("PUT", "/sources/harbour-times", _source()),
        ("DELETE", "/sources/harbour-times", None),
    ],
)
def test_admin_route_without_iam_identity_is_403(
    api: Api, method: str, path: str, body: str | None
) -> None:
    reply = api.call(method, path, body=body)  # API key only, as a reader calls

    assert reply.status == 403
    assert reply.body["type"] == "/problems/forbidden"
    assert api.get("/sources").body["items"] == []


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        json.dumps({"id": "Bad Id!", "name": "x", "homepage": "https://x.example"}),
        _source(poll_interval_seconds=5),
        json.dumps({"name": "no id"}),
    ],
)
def test_create_source_invalid_body_is_422(api: Api, body: str) -> None:
    reply = api.call("POST", "/sources", body=body, admin=True)

    assert reply.status == 422
    assert reply.body["type"] == "/problems/validation"
    assert reply.body["errors"][0]["loc"][0] == "body"


def test_get_source_shows_last_run_and_totals(api: Api) -> None:
    api.call("POST", "/sources", body=_source(), admin=True)
    repository = DynamoSourceRepository(dynamodb_client(), TABLE)
    repository.record_run(
        "harbour-times",
        started_at=NOW - timedelta(minutes=10),
        finished_at=NOW - timedelta(minutes=9),
        counts={"ok": 3, "gone": 1},
    )
    repository.record_run(
        "harbour-times", started_at=NOW, finished_at=NOW + timedelta(minutes=1), counts={"ok": 2}
    )

    status = SourceStatus.model_validate(api.get("/sources/harbour-times").body)

    assert status.last_run is not None
    assert status.last_run.started_at == NOW
    assert status.last_run.counts == {"ok": 2}
    assert status.totals == {"ok": 5, "gone": 1}


def test_list_sources_pages_in_id_order(api: Api) -> None:
    for source_id in ("c-news", "a-news", "b-news"):
        api.call("POST", "/sources", body=_source(source_id), admin=True)

    first = api.get("/sources", limit=2).body
    second = api.get("/sources", limit=2, cursor=first["next_cursor"]).body

    assert [r["source"]["id"] for r in first["items"] + second["items"]] == [
        "a-news",
        "b-news",
        "c-news",
    ]
    assert second["next_cursor"] is None
    assert api.get("/sources", cursor=first["next_cursor"] + "x").status == 400


@pytest.mark.parametrize("path", ["/sources/Not Valid", "/sources/" + "a" * 65])
def test_get_source_invalid_id_is_422(api: Api, path: str) -> None:
    assert api.get(path).status == 422


# Each rejected value, the field the 400 names (as `errors[].loc` after "body").
REJECTED: list[tuple[dict[str, Any], list[str | int]]] = [
    ({"homepage": "file:///etc/passwd"}, ["homepage"]),
    ({"homepage": "http://169.254.169.254/latest/meta-data/"}, ["homepage"]),
    ({"homepage": "http://[fd00:ec2::254]/"}, ["homepage"]),  # EC2's IPv6 metadata
    ({"homepage": "http://127.0.0.1:8080/"}, ["homepage"]),
    ({"homepage": "http://2130706433/"}, ["homepage"]),  # 127.0.0.1 spelled as a number
    ({"homepage": "http://localhost/"}, ["homepage"]),
    ({"homepage": "http://user:secret@harbour.example.com/"}, ["homepage"]),
    ({"homepage": "harbour.example.com"}, ["homepage"]),
    ({"feeds": ["https://harbour.example.com/rss", "gopher://harbour.example.com/"]}, ["feeds", 1]),
    ({"feeds": ["http://10.0.0.7/rss"]}, ["feeds", 0]),
    ({"feeds": [f"https://harbour.example.com/{i}.xml" for i in range(51)]}, ["feeds"]),
    ({"sitemaps": ["http://192.168.1.1/sitemap.xml"]}, ["sitemaps", 0]),
    ({"sitemaps": ["https://harbour.example.com/" + "a" * 2100]}, ["sitemaps", 0]),
    ({"allowed_url_patterns": ["(unclosed"]}, ["allowed_url_patterns", 0]),
    ({"blocked_url_patterns": ["/news/(?!live)"]}, ["blocked_url_patterns", 0]),  # lookahead
    ({"blocked_url_patterns": [r"(\w+)\1"]}, ["blocked_url_patterns", 0]),  # backreference
    ({"allowed_url_patterns": ["x" * 501]}, ["allowed_url_patterns", 0]),
    ({"allowed_url_patterns": [f"/s{i}/" for i in range(51)]}, ["allowed_url_patterns"]),
    ({"name": "n" * 201}, ["name"]),
    ({"name": "   "}, ["name"]),
]


@pytest.mark.parametrize(("fields", "loc"), REJECTED)
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_write_source_breaking_a_rule_is_400_naming_the_field(
    api: Api, method: str, fields: dict[str, Any], loc: list[str | int]
) -> None:
    path = "/sources" if method == "POST" else "/sources/harbour-times"

    reply = api.call(method, path, body=_source(**fields), admin=True)

    assert reply.status == 400
    assert reply.body["type"] == "/problems/bad-request"
    assert reply.body["errors"] == [{"loc": ["body", *loc], "type": "source_rule"}]
    assert ".".join(str(part) for part in loc) + ":" in reply.body["detail"]
    assert api.get("/sources").body["items"] == []  # nothing stored


def test_catastrophic_regex_is_stored_because_re2_cannot_backtrack(api: Api) -> None:
    # (a+)+$ takes exponential time in a backtracking engine; RE2 matches it in linear time
    body = _source(blocked_url_patterns=["(a+)+$"])
    assert api.call("PUT", "/sources/harbour-times", body=body, admin=True).status == 201


ACCEPTED: list[dict[str, Any]] = [
    {},
    {
        "homepage": "https://Harbour.Example.com:8443/front?edition=uk&lang=en#top",
        "feeds": [
            "https://harbour.example.com/rss?q=a&l=en",
            "http://harbour.example.com/feed?item",
        ],
        "sitemaps": [
            "https://[2606:4700:4700::1111]/sitemap.xml",
            "https://93.184.215.14/news.xml",
        ],
        "allowed_url_patterns": [r"/news/\d{4}/", "(a+)+$", "^https://harbour\\.example\\.com/"],
        "blocked_url_patterns": ["/(video|audio)/"],
        "name": "Harbour Times — Édition",
    },
    {
        "feeds": [f"https://harbour.example.com/{i}.xml" for i in range(50)],
        "allowed_url_patterns": [f"/s{i}/" for i in range(50)],
        "name": "n" * 200,
    },
]


@pytest.mark.parametrize("fields", ACCEPTED)
def test_accepted_source_round_trips_unchanged(api: Api, fields: dict[str, Any]) -> None:
    body = json.loads(_source(**fields))

    put = api.call("PUT", "/sources/harbour-times", body=json.dumps(body), admin=True)
    assert put.status == 201, put.body
    got = api.get("/sources/harbour-times").body["source"]

    # every field as sent, byte for byte (URLs are not normalised, patterns not rewritten)
    assert {k: got[k] for k in body} == body
    assert Source.model_validate(got) == Source.model_validate(body)


@pytest.mark.parametrize(
    "fields",
    [
        # Per-source selectors were accepted and read by nothing; retired (issue 14).
        {"extraction": {"body": ["article .story"], "title": "h1"}},
        {"poll_interval": 600},  # misspelt: would otherwise be dropped without a word
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_write_source_with_a_field_it_does_not_have_is_422_naming_it(
    api: Api, method: str, fields: dict[str, Any]
) -> None:
    path = "/sources" if method == "POST" else "/sources/harbour-times"

    reply = api.call(method, path, body=_source(**fields), admin=True)

    assert reply.status == 422
    assert reply.body["type"] == "/problems/validation"
    assert reply.body["errors"] == [{"loc": ["body", *fields], "type": "extra_forbidden"}]
    # the detail says what is wrong in words, not only where
    assert reply.body["detail"] == f"invalid input: body.{next(iter(fields))}: unknown field"
    assert api.get("/sources").body["items"] == []  # nothing stored


def test_write_source_whose_body_is_not_json_is_422_saying_so(api: Api) -> None:
    cut = _source()[:-1]  # the closing brace missing

    reply = api.call("PUT", "/sources/harbour-times", body=cut, admin=True)

    assert reply.status == 422
    assert reply.body["detail"] == (
        f"invalid input: body: not valid JSON (at character {len(cut)})"
    )
    assert api.get("/sources").body["items"] == []


def test_write_source_without_a_required_field_is_422_naming_it(api: Api) -> None:
    body = json.loads(_source())
    del body["homepage"]

    reply = api.call("PUT", "/sources/harbour-times", body=json.dumps(body), admin=True)

    assert reply.status == 422
    assert reply.body["detail"] == "invalid input: body.homepage: required"


def test_source_stored_with_the_retired_extraction_field_still_loads(api: Api) -> None:
    assert api.call("PUT", "/sources/harbour-times", body=_source(), admin=True).status == 201
    # As a version that still had `extraction` wrote it: the same item, the field in its config.
    client = dynamodb_client()
    items = client.scan(TableName=TABLE)["Items"]
    (item,) = [item for item in items if "config" in item]
    config = json.loads(item["config"]["S"])
    item["config"]["S"] = json.dumps({**config, "extraction": {"body": ["div.story"]}})
    client.put_item(TableName=TABLE, Item=item)

    reply = api.get("/sources/harbour-times")

    assert reply.status == 200
    assert "extraction" not in reply.body["source"]
    assert Source.model_validate(reply.body["source"]) == Source.model_validate(config)
