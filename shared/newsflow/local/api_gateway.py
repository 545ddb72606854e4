"""API Gateway played on loopback: HTTP requests become REST proxy events for the handlers.

What API Gateway does before a request reaches the function is played here too, from the
template: API keys on reader routes, SigV4 on IAM routes (checked by re-signing the request
with botocore and the local credentials), the body and URL limits, and its own error answers
rendered from the template's `GatewayResponses`, so a client sees the same problem documents
locally as deployed. Whatever a client sends, it gets an HTTP answer: never a dropped
connection or a traceback.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import re
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from newsflow.local.triggers import Route

_MAX_BODY = 10 * 1024 * 1024  # API Gateway's payload limit (10 MB)
# Longer request targets get 414 (API Gateway's URL limit is 8 KB on the edge, 10 KB
# regional; the lower one, so what works locally works deployed).
_MAX_TARGET = 8192
_SIGNATURE_SKEW = timedelta(minutes=5)  # API Gateway refuses SigV4 dates further off
_READ_TIMEOUT = 30  # seconds a client may take to send what its headers announced
SIGV4_SERVICE = "execute-api"
LOCAL_ADMIN = "arn:aws:iam::123456789012:user/local-admin"
_AUTHORIZATION = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/,\s]+)/(?P<date>\d{8})/(?P<region>[^/,\s]+)/"
    r"(?P<service>[^/,\s]+)/aws4_request,\s*SignedHeaders=(?P<signed>[a-z0-9;-]+),\s*"
    r"Signature=(?P<signature>[0-9a-f]{64})"
)
_SIGNATURE_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your AWS Secret Access Key and signing method."
)


class FunctionHost(Protocol):
    """Runs a function's handler on an event (newsflow.local.functions.FunctionHost)."""

    def invoke(self, name: str, event: dict[str, Any]) -> Any: ...


@dataclass(frozen=True)
class GatewayResponse:
    """One entry of the API's `GatewayResponses`: its status (None keeps the error's own),
    headers and the application/json body template."""

    status: int | None
    headers: Mapping[str, str]
    template: str

    def render(self, status: int, message: str) -> tuple[int, dict[str, str], bytes]:
        """The answer for an error with `message`: `$context.error.messageString` is the
        message as a JSON string, `$context.error.message` the same without quotes."""
        quoted = json.dumps(message)
        body = self.template.replace("$context.error.messageString", quoted).replace(
            "$context.error.message", quoted[1:-1]
        )
        return self.status or status, dict(self.headers), body.encode("utf-8")


def gateway_responses(template: Mapping[str, Any]) -> dict[str, GatewayResponse]:
    """The `GatewayResponses` of the template's (first) AWS::Serverless::Api, by type."""
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") != "AWS::Serverless::Api":
            continue
        declared = resource.get("Properties", {}).get("GatewayResponses", {})
        return {
            kind: GatewayResponse(
                status=int(entry["StatusCode"]) if "StatusCode" in entry else None,
                headers={
                    name: str(value).strip("'")
                    for name, value in entry.get("ResponseParameters", {})
                    .get("Headers", {})
                    .items()
                },
                template=entry.get("ResponseTemplates", {}).get("application/json", ""),
            )
            for kind, entry in declared.items()
        }
    return {}


class GatewayRefusal(Exception):  # noqa: N818 (API Gateway refuses; not our error)
    """API Gateway answers the request itself: a response type, its status and message."""

    def __init__(self, kind: str, status: int, message: str, *, close: bool = False) -> None:
        super().__init__(message)
        self.kind, self.status, self.message, self.close = kind, status, message, close


def sign(
    method: str,
    url: str,
    *,
    body: bytes = b"",
    headers: Mapping[str, str] | None = None,
    credentials: tuple[str, str],
    region: str,
) -> dict[str, str]:
    """The headers of a SigV4-signed (service execute-api) request: what awscurl or an AWS
    SDK sends to an IAM-authorized API Gateway route."""
    request = AWSRequest(method=method, url=url, data=body, headers=dict(headers or {}))
    SigV4Auth(Credentials(*credentials), SIGV4_SERVICE, region).add_auth(request)
    return dict(request.headers.items())


def verify_sigv4(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    credentials: tuple[str, str],
    region: str,
    now: datetime,
) -> None:
    """Check a request's SigV4 signature by signing it again with `credentials` over the
    headers it says it signed; GatewayRefusal as API Gateway words each refusal."""
    lowered = {name.lower(): value for name, value in headers.items()}
    lowered.setdefault("host", urlsplit(url).netloc)  # HTTP/1.1 clients always send it
    match = _AUTHORIZATION.fullmatch(lowered.get("authorization", "").strip())
    if match is None:
        raise GatewayRefusal("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token")
    if match["key"] != credentials[0]:
        raise GatewayRefusal(
            "INVALID_SIGNATURE", 403, "The security token included in the request is invalid."
        )
    if match["service"] != SIGV4_SERVICE or match["region"] != region:
        raise GatewayRefusal(
            "INVALID_SIGNATURE", 403, f"Credential should be scoped to {region}/{SIGV4_SERVICE}."
        )
    stamp = lowered.get("x-amz-date", "")
    try:
        signed_at = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise GatewayRefusal("INVALID_SIGNATURE", 403, _SIGNATURE_MISMATCH) from None
    if abs(now - signed_at) > _SIGNATURE_SKEW or stamp[:8] != match["date"]:
        raise GatewayRefusal("INVALID_SIGNATURE", 403, f"Signature expired: {stamp}")
    names = match["signed"].split(";")
    if "host" not in names or any(name not in lowered for name in names):
        raise GatewayRefusal("INVALID_SIGNATURE", 403, _SIGNATURE_MISMATCH)
    request = AWSRequest(
        method=method, url=url, data=body, headers={name: lowered[name] for name in names}
    )
    request.context["timestamp"] = stamp
    signer = SigV4Auth(Credentials(*credentials), SIGV4_SERVICE, region)
    expected = signer.signature(
        signer.string_to_sign(request, signer.canonical_request(request)), request
    )
    if not hmac.compare_digest(expected, match["signature"]):
        raise GatewayRefusal("INVALID_SIGNATURE", 403, _SIGNATURE_MISMATCH)


def proxy_event(
    *,
    route: Route,
    method: str,
    target: str,
    headers: dict[str, str],
    body: bytes,
    path_parameters: dict[str, str],
    api_key: str | None,
    iam_user: str | None = None,
) -> dict[str, Any]:
    """The REST API (v1) proxy event API Gateway would send for one request (`body` is
    UTF-8 text: LocalApi refuses any other before it gets here)."""
    parts = urlsplit(target)
    multi_query = parse_qs(parts.query, keep_blank_values=True)
    text = body.decode("utf-8") if body else None
    return {
        "resource": route.path,
        "path": parts.path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": path_parameters or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": route.path,
            "httpMethod": method,
            # Served at the root, as `sam local` serves it: no stage prefix in the path.
            "path": parts.path,
            "stage": "local",
            "requestId": str(uuid.uuid4()),
            "requestTimeEpoch": int(time.time() * 1000),
            "accountId": "123456789012",
            "apiId": "local",
            "protocol": "HTTP/1.1",
            "identity": {
                "apiKey": api_key,
                "sourceIp": "127.0.0.1",
                "userAgent": headers.get("User-Agent"),
                # What API Gateway adds after verifying a SigV4 signature on an IAM route.
                "userArn": iam_user,
                "caller": iam_user,
            },
        },
        "body": text,
        "isBase64Encoded": False,
    }


class LocalApi:
    """Serves the template's API routes on 127.0.0.1: the local API key on reader routes,
    SigV4 with the local credentials on IAM routes, the template's gateway responses."""

    def __init__(
        self,
        host: FunctionHost,
        routes: list[Route],
        api_key: str,
        port: int,
        *,
        responses: Mapping[str, GatewayResponse] | None = None,
        credentials: tuple[str, str] | None = None,
        region: str | None = None,
    ) -> None:
        self.routes = routes
        self.api_key = api_key
        self.responses = dict(responses or {})
        self.credentials = credentials or (
            os.environ.get("AWS_ACCESS_KEY_ID", "local"),
            os.environ.get("AWS_SECRET_ACCESS_KEY", "local"),
        )
        self.region = region or os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
        self.requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler_class(self, host))
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(self, request: BaseHTTPRequestHandler, host: FunctionHost) -> None:
        """Answer one request; a refusal is sent as API Gateway's own response."""
        self.requests += 1
        try:
            self._serve(request, host)
        except GatewayRefusal as rejection:
            if rejection.close:
                request.close_connection = True
            self.send_gateway(request, rejection.kind, rejection.status, rejection.message)
        except (ConnectionError, TimeoutError):
            raise
        except Exception:  # noqa: BLE001 - a fault of this emulator: an answer, not a trace
            request.close_connection = True
            self.send_gateway(request, "DEFAULT_5XX", 500, "Internal server error")

    def send_gateway(
        self, request: BaseHTTPRequestHandler, kind: str, status: int, message: str
    ) -> None:
        """API Gateway's answer of type `kind` (its template, else the DEFAULT_4XX/5XX one,
        else API Gateway's built-in `{"message": ...}`)."""
        fallback = "DEFAULT_5XX" if status >= 500 else "DEFAULT_4XX"
        response = self.responses.get(kind) or self.responses.get(fallback)
        if response is None:
            response = GatewayResponse(
                None,
                {"Content-Type": "application/json"},
                '{"message":$context.error.messageString}',
            )
        code, headers, body = response.render(status, message)
        if request.close_connection:
            headers["Connection"] = "close"
        self._write(request, code, headers, body)

    def _serve(self, request: BaseHTTPRequestHandler, host: FunctionHost) -> None:
        method = request.command
        if len(request.path) > _MAX_TARGET:
            raise GatewayRefusal("DEFAULT_4XX", 414, "Request-URI Too Long", close=True)
        body = _read_body(request)
        path = urlsplit(request.path).path
        route, match = self._route(method, path)
        key = request.headers.get("x-api-key")
        if route.iam:
            url = f"http://{request.headers.get('Host', f'127.0.0.1:{self.port}')}{request.path}"
            verify_sigv4(
                method,
                url,
                dict(request.headers.items()),
                body,
                credentials=self.credentials,
                region=self.region,
                now=datetime.now(UTC),
            )
        elif route.api_key_required and key != self.api_key:
            raise GatewayRefusal("INVALID_API_KEY", 403, "Forbidden")
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            raise GatewayRefusal(
                "BAD_REQUEST_BODY", 400, "The request body is not UTF-8 text (JSON is UTF-8)."
            ) from None
        headers = dict(request.headers.items())
        event = proxy_event(
            route=route,
            method=method,
            target=request.path,
            headers=headers,
            body=body,
            path_parameters=match.groupdict(),
            api_key=key,
            iam_user=LOCAL_ADMIN if route.iam else None,
        )
        try:
            response = host.invoke(route.function, event)
        except Exception:  # noqa: BLE001 - API Gateway turns a crashed Lambda into a 502
            raise GatewayRefusal("DEFAULT_5XX", 502, "Internal server error") from None
        self._reply(request, response)

    def _route(self, method: str, path: str) -> tuple[Route, re.Match[str]]:
        for route in self.routes:
            match = route.pattern.match(path)
            if match and route.method in {method, "ANY"}:
                return route, match
        # API Gateway answers an unknown path or method itself, whatever the credentials.
        raise GatewayRefusal("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token")

    def _reply(self, request: BaseHTTPRequestHandler, response: dict[str, Any]) -> None:
        body = response.get("body") or ""
        data = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode()
        headers = {str(k): str(v) for k, v in (response.get("headers") or {}).items()}
        for name, values in (response.get("multiValueHeaders") or {}).items():
            headers[name] = ", ".join(str(value) for value in values)
        self._write(request, int(response.get("statusCode", 200)), headers, data)

    @staticmethod
    def _write(
        request: BaseHTTPRequestHandler, status: int, headers: dict[str, str], data: bytes
    ) -> None:
        request.send_response(status)
        for name, value in headers.items():
            if name.lower() != "content-length":
                request.send_header(name, value)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(data)


def _read_body(request: BaseHTTPRequestHandler) -> bytes:
    """The body its Content-Length announces; a missing, malformed or oversized length is
    answered (and the connection closed, since where the next request starts is unknown)."""
    if request.headers.get("Transfer-Encoding"):
        raise GatewayRefusal(
            "BAD_REQUEST_BODY",
            411,
            "Send a Content-Length (chunked bodies are not read).",
            close=True,
        )
    values = request.headers.get_all("Content-Length") or []
    if not values:
        return b""
    text = values[0].strip()
    if len(set(values)) > 1 or not text.isdigit() or not text.isascii():
        raise GatewayRefusal(
            "BAD_REQUEST_BODY", 400, "Content-Length must be one number of bytes.", close=True
        )
    length = int(text)
    if length > _MAX_BODY:
        raise GatewayRefusal("REQUEST_TOO_LARGE", 413, "Request Too Long", close=True)
    body = request.rfile.read(length) if length else b""
    if len(body) < length:
        raise GatewayRefusal(
            "BAD_REQUEST_BODY", 400, "The body ended before its Content-Length.", close=True
        )
    return body


def _handler_class(api: LocalApi, host: FunctionHost) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = _READ_TIMEOUT

        def do_GET(self) -> None:
            try:
                api.handle(self, host)
            except (ConnectionError, TimeoutError):
                self.close_connection = True  # the client left: nobody to answer

        # http.server dispatches on these names; every method goes the same way.
        do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET  # noqa: N815

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            # http.server's own refusals (request line over 64 KB, header too long, a method
            # no do_* serves) as the gateway's problem documents, not its HTML page.
            self.close_connection = True
            if self.request_version == "HTTP/0.9":  # unparsed: answer with a status line
                self.request_version = "HTTP/1.0"
            phrase = message or HTTPStatus(code).phrase
            kind = "DEFAULT_5XX" if code >= 500 else "DEFAULT_4XX"
            api.send_gateway(self, kind, code, phrase)

        def log_message(self, format: str, *args: Any) -> None:
            return  # the runner shows progress; per-request logs would drown it

    return Handler
