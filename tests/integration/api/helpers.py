"""Query API test helpers: API Gateway REST events for the handler, a WSGI adapter, seeding."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from support.aws_stack import template
from support.index_fixtures import announced_index_item, fixture_commit
from support.lambda_context import LambdaContext

from newsflow import config, wiring
from newsflow.models import Article
from newsflow.storage.articles import DynamoArticleRepository
from newsflow.storage.clients import dynamodb_client, s3_client
from newsflow.storage.objects import S3ObjectStore
from newsflow.storage.template import functions, load_handler

ROOT = Path(__file__).resolve().parents[3]
CURSOR_KEY = "test-cursor-key-0123456789abcdef0123456789"
ADMIN_ARN = "arn:aws:iam::123456789012:user/admin"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CONTEXT = LambdaContext("api", 512)


@dataclass
class Reply:
    """A handler response, decoded."""

    status: int
    headers: dict[str, str]
    body: Any


def rest_event(
    method: str,
    path: str,
    query: Mapping[str, str | list[str]] | None = None,
    body: str | bytes | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    admin: bool = False,
) -> dict[str, Any]:
    """An API Gateway REST proxy event as the stage sends it (API key or IAM identity)."""
    multi = {k: v if isinstance(v, list) else [v] for k, v in (query or {}).items()}
    header_map = {"Host": "api.example.com", "x-api-key": "test-key", **(headers or {})}
    is_binary = isinstance(body, bytes)
    if isinstance(body, bytes):
        body = base64.b64encode(body).decode("ascii")
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": header_map,
        "multiValueHeaders": {k: [v] for k, v in header_map.items()},
        "queryStringParameters": {k: v[-1] for k, v in multi.items()} or None,
        "multiValueQueryStringParameters": multi or None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc123",
            "httpMethod": method,
            "path": f"/dev{path}",
            "protocol": "HTTP/1.1",
            "requestId": "req-1",
            "requestTimeEpoch": 1_790_000_000_000,
            "resourceId": "r1",
            "resourcePath": path,
            "stage": "dev",
            "identity": {
                "apiKey": "test-key",
                "sourceIp": "127.0.0.1",
                "userAgent": "pytest",
                "user": "AIDAEXAMPLE" if admin else None,
                "userArn": ADMIN_ARN if admin else None,
                "caller": "AIDAEXAMPLE" if admin else None,
                "accountId": "123456789012" if admin else None,
            },
        },
        "body": body,
        "isBase64Encoded": is_binary,
    }


def api_handler(attribute: str = "lambda_handler") -> Callable[..., Any]:
    """An attribute of the api function's module (by default its handler), imported the way
    Lambda imports it from the template."""
    function = functions(template())["ApiFunction"]
    return load_handler(ROOT, {**function, "Handler": f"app.{attribute}"})


class Api:
    """Calls the handler with REST events and decodes its answers."""

    def __init__(self) -> None:
        self.handler = api_handler()

    def call(self, method: str, path: str, **kwargs: Any) -> Reply:
        response = self.handler(rest_event(method, path, **kwargs), CONTEXT)
        assert response["statusCode"] < 500, response  # bad input must never be a 5xx
        return decode(response)

    def get(self, path: str, **query: Any) -> Reply:
        return self.call("GET", path, query={k: str(v) for k, v in query.items()})


def decode(response: Mapping[str, Any]) -> Reply:
    headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
    for name, values in (response.get("multiValueHeaders") or {}).items():
        headers[name.lower()] = values[-1]
    raw = response.get("body") or ""
    if response.get("isBase64Encoded"):
        raw = base64.b64decode(raw).decode("utf-8")
    body = json.loads(raw) if raw else None
    return Reply(status=int(response["statusCode"]), headers=headers, body=body)


def api_environment(monkeypatch: pytest.MonkeyPatch, **overrides: str) -> Iterator[None]:
    """The api function's settings on top of the moto stack's; caches forgotten both ways."""
    monkeypatch.setenv("NEWSFLOW_API_CURSOR_KEY", CURSOR_KEY)
    for name, value in overrides.items():
        monkeypatch.setenv(f"NEWSFLOW_API_{name.upper()}", value)
    _forget()
    # A fixed clock: month and day walks start from "now", and the seeded data sits at NOW.
    wiring.query_ports().clock = lambda: NOW
    wiring.source_ports().clock = lambda: NOW
    wiring.story_ports().clock = lambda: NOW
    yield
    _forget()


def _forget() -> None:
    # every port set the API's routes build once per process (wiring.DeployedApiAdapters):
    # one left cached keeps the clients of the stack it was built on
    config.get_api_settings.cache_clear()
    wiring.query_ports.cache_clear()
    wiring.source_ports.cache_clear()
    wiring.story_ports.cache_clear()
    wiring.health_store.cache_clear()


@dataclass
class Seeder:
    """Writes articles the way processing does (same repository code, same items)."""

    bucket: str
    table: str
    versions: dict[str, int] = field(default_factory=dict)

    def article(
        self,
        number: int,
        *,
        source: str | None = "example",
        language: str | None = "en",
        section: str | None = "World",
        published_at: datetime | None = None,
        updated_at: datetime = NOW,
        title: str | None = None,
        body_text: str = "Body text.",
        announce: bool = True,
        tdm_reservation: bool | None = None,
        undated: bool = False,
    ) -> Article:
        """Article `number`, published `published_at` (default `number` hours before NOW)
        and fetched then; `undated`: the page gave no date, it was fetched then."""
        url = f"https://news.example.com/story-{number}"
        article_id = f"{number:032x}"
        published = published_at or NOW - timedelta(hours=number)
        article = Article.model_validate(
            {
                "article_id": article_id,
                "url": url,
                "final_url": url,
                "canonical_url": url,
                "source_id": source,
                "title": title or f"Story {number}",
                "published_at": None if undated else published,
                "language": language,
                "section": section,
                "body_text": body_text,
                "paragraphs": [body_text],
                "content_hash": f"hash-{number}-{len(body_text)}-{title}",
                "extractor_version": "test",
                "fetched_at": published,
                "outcome": {"kind": "article", "reason": "test"},
                "rights": {"tdm_reservation": tdm_reservation},
            }
        )
        repository = DynamoArticleRepository(dynamodb_client(), self.table)
        previous = repository.get_article(article_id)
        commit = fixture_commit(
            article,
            source=source,
            number=number,
            updated=updated_at,
            previous=previous,
            changed_fields=("title",) if previous else (),
        )
        assert repository.commit_version(commit)
        objects = S3ObjectStore(s3_client(), self.bucket)
        if announce:
            objects.put_article(
                commit.article_key,
                article.model_dump_json().encode("utf-8"),
                content_hash=article.content_hash,
            )
            repository.mark_announced(article_id, commit.version)
        return article

    def many(self, numbers: Iterable[int], **kwargs: Any) -> list[Article]:
        return [self.article(n, **kwargs) for n in numbers]


def bulk_load(table: str, count: int, *, source: str = "daily", start: int = 1) -> None:
    """`count` announced index items, one a minute back from NOW, written 25 per
    BatchWriteItem: the shape processing writes, at a speed that lets tables grow."""
    items = [
        announced_index_item(
            number,
            source=source,
            language="en",
            published=NOW - timedelta(minutes=number),
            updated=NOW,
        )
        for number in range(start, start + count)
    ]
    client = dynamodb_client()
    for first in range(0, len(items), 25):
        batch = [{"PutRequest": {"Item": item}} for item in items[first : first + 25]]
        client.batch_write_item(RequestItems={table: batch})


def wsgi_app(handler: Callable[[dict[str, Any], Any], dict[str, Any]], *, admin: bool) -> Any:
    """A WSGI app that turns each HTTP request into an API Gateway REST event for the handler,
    so schemathesis can drive it in-process."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else None
        headers = {
            key[5:].replace("_", "-").title(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        text = body.decode("utf-8", "replace") if body is not None else None
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        event = rest_event(environ["REQUEST_METHOD"], path, query, text, headers, admin=admin)
        response = handler(event, CONTEXT)
        reply = response.get("body") or ""
        data = base64.b64decode(reply) if response.get("isBase64Encoded") else reply.encode("utf-8")
        pairs = [(k, str(v)) for k, v in (response.get("headers") or {}).items()]
        for name, values in (response.get("multiValueHeaders") or {}).items():
            pairs.extend((name, str(v)) for v in values)
        status = int(response["statusCode"])
        start_response(f"{status} {_reason(status)}", pairs)
        return [data]

    return app


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
