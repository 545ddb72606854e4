"""The local API (newsflow.local.api_gateway) over a real loopback socket, in front of the
real api handler on moto: API Gateway's own answers as the template's problem documents,
every malformed request answered, SigV4 on admin routes."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from api.helpers import CONTEXT, Api, Seeder, api_environment
from support.aws_stack import BUCKET, REGION, TABLE, Stack, template

from newsflow.local.api_gateway import (
    GatewayRefusal,
    LocalApi,
    gateway_responses,
    sign,
    verify_sigv4,
)
from newsflow.local.triggers import api_routes

API_KEY = "local-test-key"
CREDENTIALS = ("testing", "testing")  # the moto stack's, as the runner's are "local"
SOURCE = {"id": "daily", "name": "Daily", "homepage": "https://daily.example/"}


class InProcessHost:
    """Runs the api function's real handler in this process (the runner runs it the same
    way, inside its environment variables)."""

    def __init__(self) -> None:
        self.api = Api()

    def invoke(self, name: str, event: dict[str, Any]) -> Any:
        assert name == "ApiFunction"
        return self.api.handler(event, CONTEXT)


@pytest.fixture
def local(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalApi]:
    environment = api_environment(monkeypatch, oldest_month="2026-01")
    next(environment)
    resources = template()
    api = LocalApi(
        InProcessHost(),
        api_routes(resources),
        API_KEY,
        0,
        responses=gateway_responses(resources),
        credentials=CREDENTIALS,
        region=REGION,
    )
    api.start()
    yield api
    api.stop()
    next(environment, None)


def _call(
    api: LocalApi,
    method: str,
    path: str,
    *,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], Any]:
    request = urllib.request.Request(  # noqa: S310 - the loopback API's http URL
        api.url + path, data=body or None, method=method, headers=headers or {}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            status, got, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, got, raw = error.code, dict(error.headers), error.read()
    lowered = {k.lower(): v for k, v in got.items()}
    return status, lowered, json.loads(raw) if raw else None


def _raw(api: LocalApi, request: bytes) -> tuple[int, dict[str, str], Any]:
    """Send bytes as they are (what urllib would refuse to send) and read the answer."""
    with socket.create_connection(("127.0.0.1", api.port), timeout=30) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    lowered = {k.lower(): v for k, v in headers.items()}
    return int(lines[0].split()[1]), lowered, json.loads(body) if body else None


def _signed(api: LocalApi, method: str, path: str, body: bytes = b"") -> dict[str, str]:
    return sign(
        method,
        api.url + path,
        body=body,
        headers={"Content-Type": "application/json"},
        credentials=CREDENTIALS,
        region=REGION,
    )


def _is_gateway_problem(status: int, headers: dict[str, str], body: Any, expected: int) -> None:
    assert status == expected, body
    assert headers["content-type"] == "application/problem+json"
    assert body["type"].startswith("/problems/")
    assert body["detail"]
    assert "Traceback" not in json.dumps(body)


# -- gateway responses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "kind"),
    [
        ("GET", "/articles", {}, 403, "/problems/forbidden"),  # no API key
        ("GET", "/articles", {"x-api-key": "wrong"}, 403, "/problems/forbidden"),
        ("GET", "/no/such/route", {"x-api-key": API_KEY}, 403, "/problems/forbidden"),
        ("PATCH", "/articles", {"x-api-key": API_KEY}, 403, "/problems/forbidden"),  # method
    ],
)
def test_gateway_refusals_are_the_templates_problems(  # noqa: PLR0917 (parametrized)
    local: LocalApi, method: str, path: str, headers: dict[str, str], status: int, kind: str
) -> None:
    got = _call(local, method, path, headers=headers)

    _is_gateway_problem(*got, status)
    assert got[2]["type"] == kind
    assert got[2]["status"] == status


def test_gateway_bodies_are_rendered_from_template_yaml(local: LocalApi) -> None:
    # The same document API Gateway renders: the template's, with the message as JSON string.
    resources = template()
    declared = resources["Resources"]["Api"]["Properties"]["GatewayResponses"]
    expected = declared["INVALID_API_KEY"]["ResponseTemplates"]["application/json"].replace(
        "$context.error.messageString", '"Forbidden"'
    )

    _, _, body = _call(local, "GET", "/articles")

    assert body == json.loads(expected)


def test_docs_and_the_document_they_show_both_load_without_a_key(local: LocalApi) -> None:
    # As deployed: Swagger UI embeds the OpenAPI document, so neither asks for the key
    status, headers, document = _call(local, "GET", "/openapi.json")
    with urllib.request.urlopen(local.url + "/docs", timeout=30) as response:  # noqa: S310
        docs = (response.status, response.headers["content-type"])

    assert (status, headers["content-type"]) == (200, "application/json")
    assert document["openapi"].startswith("3.")
    assert docs[0] == 200 and docs[1].startswith("text/html")
    # while the data itself still wants it
    assert _call(local, "GET", "/articles")[0] == 403


# -- malformed requests -------------------------------------------------------------------


def test_body_that_is_not_utf8_is_400(local: LocalApi) -> None:
    body = b'{"id": "daily", "name": "\xff\xfe"}'

    got = _call(
        local,
        "PUT",
        "/sources/daily",
        body=body,
        headers=_signed(local, "PUT", "/sources/daily", body),
    )

    _is_gateway_problem(*got, 400)


@pytest.mark.parametrize("length", ["abc", "-5", "1e3", "5, 6"])
def test_bad_content_length_is_400_not_a_dropped_connection(local: LocalApi, length: str) -> None:
    request = (
        f"POST /sources HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {length}\r\n"
        f"Connection: close\r\n\r\n{{}}"
    ).encode()

    _is_gateway_problem(*_raw(local, request), 400)


def test_body_over_the_limit_is_413_without_reading_it(local: LocalApi) -> None:
    request = (
        b"POST /sources HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10485761\r\n"
        b"Content-Type: application/json\r\n\r\n{"
    )

    _is_gateway_problem(*_raw(local, request), 413)


@pytest.mark.parametrize("length", [9000, 70000])
def test_absurdly_long_url_is_414(local: LocalApi, length: int) -> None:
    target = "/articles?source=" + "a" * length
    request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: {API_KEY}\r\n\r\n"

    _is_gateway_problem(*_raw(local, request.encode()), 414)


def test_unknown_method_and_garbage_request_line_get_problems(local: LocalApi) -> None:
    status, headers, _ = _raw(local, b"BREW /articles HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 501
    assert headers["content-type"] == "application/problem+json"

    status, headers, _ = _raw(local, b"\x16\x03\x01garbage\r\n\r\n")
    assert 400 <= status < 500
    assert headers["content-type"] == "application/problem+json"


def test_the_server_keeps_answering_after_malformed_requests(local: LocalApi) -> None:
    for request in (b"POST /sources HTTP/1.1\r\nContent-Length: abc\r\n\r\n", b"junk\r\n\r\n"):
        _raw(local, request)

    status, _, _ = _call(local, "GET", "/health", headers={"x-api-key": API_KEY})

    assert status == 200


# -- SigV4 on admin routes ----------------------------------------------------------------


def test_admin_routes_take_a_signed_request(local: LocalApi) -> None:
    body = json.dumps(SOURCE).encode()

    put = _call(
        local,
        "PUT",
        "/sources/daily",
        body=body,
        headers=_signed(local, "PUT", "/sources/daily", body),
    )
    delete = _call(
        local, "DELETE", "/sources/daily", headers=_signed(local, "DELETE", "/sources/daily")
    )

    assert put[0] == 201, put
    assert delete[0] == 204, delete


@pytest.mark.parametrize("method", ["PUT", "DELETE", "POST"])
def test_admin_routes_refuse_an_api_key_alone(local: LocalApi, method: str) -> None:
    path = "/sources" if method == "POST" else "/sources/daily"
    body = json.dumps(SOURCE).encode() if method != "DELETE" else b""

    got = _call(
        local,
        method,
        path,
        body=body,
        headers={"x-api-key": API_KEY, "Content-Type": "application/json"},
    )

    _is_gateway_problem(*got, 403)
    assert got[2]["detail"] == "Missing Authentication Token"


def test_admin_route_refuses_a_tampered_or_foreign_signature(local: LocalApi) -> None:
    body = json.dumps(SOURCE).encode()
    headers = _signed(local, "PUT", "/sources/daily", body)
    other = json.dumps({**SOURCE, "name": "Changed"}).encode()
    foreign = sign(
        "PUT",
        local.url + "/sources/daily",
        body=body,
        credentials=("testing", "other-secret"),
        region=REGION,
    )

    tampered = _call(local, "PUT", "/sources/daily", body=other, headers=headers)
    wrong_key = _call(local, "PUT", "/sources/daily", body=body, headers=foreign)

    _is_gateway_problem(*tampered, 403)
    _is_gateway_problem(*wrong_key, 403)
    assert "signature" in tampered[2]["detail"]


def test_signature_older_than_five_minutes_is_refused() -> None:
    url = "http://127.0.0.1:3000/sources/daily"
    headers = sign("DELETE", url, credentials=CREDENTIALS, region=REGION)
    signed_at = datetime.strptime(headers["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)

    verify_sigv4("DELETE", url, headers, b"", credentials=CREDENTIALS, region=REGION, now=signed_at)
    with pytest.raises(GatewayRefusal, match="expired"):
        verify_sigv4(
            "DELETE",
            url,
            headers,
            b"",
            credentials=CREDENTIALS,
            region=REGION,
            now=signed_at + timedelta(minutes=6),
        )


def test_reader_routes_through_the_socket_serve_seeded_articles(
    aws: Stack, local: LocalApi
) -> None:
    Seeder(BUCKET, TABLE).many(range(1, 4))

    status, _, body = _call(local, "GET", "/articles?limit=2", headers={"x-api-key": API_KEY})
    unknown = _call(local, "GET", "/articles?sourc=x", headers={"x-api-key": API_KEY})
    bad_id = _call(local, "GET", "/articles/nope", headers={"x-api-key": API_KEY})

    assert status == 200
    assert len(body["items"]) == 2
    assert unknown[0] == 400 and "'sourc'" in unknown[2]["detail"]
    assert bad_id[0] == 404 and bad_id[1]["content-type"] == "application/problem+json"
