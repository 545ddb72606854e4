"""API Gateway played on loopback: HTTP requests become REST proxy events for the handlers."""

from __future__ import annotations

import base64
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from newsflow.local.functions import FunctionHost
from newsflow.local.triggers import Route

_MAX_BODY = 10 * 1024 * 1024  # API Gateway's request limit
LOCAL_ADMIN = "arn:aws:iam::123456789012:user/local-admin"


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
    """The REST API (v1) proxy event API Gateway would send for one request."""
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
    """Serves the template's API routes on 127.0.0.1, enforcing the local API key."""

    def __init__(self, host: FunctionHost, routes: list[Route], api_key: str, port: int) -> None:
        self.routes = routes
        self.api_key = api_key
        self.requests = 0
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                api.handle(self, host)

            # http.server dispatches on these names; every method goes the same way.
            do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:
                return  # the runner shows progress; per-request logs would drown it

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
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
        self.requests += 1
        method = request.command
        path = urlsplit(request.path).path
        length = int(request.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self._send(request, 413, {"message": "Request Too Long"})
            return
        body = request.rfile.read(length) if length else b""
        matches = [(r, m) for r in self.routes if (m := r.pattern.match(path))]
        route_match = next(((r, m) for r, m in matches if r.method in {method, "ANY"}), None)
        if route_match is None:
            # API Gateway answers unknown routes itself, with 403 and this message.
            status = 403 if not matches else 405
            self._send(request, status, {"message": "Missing Authentication Token"})
            return
        route, match = route_match
        key = request.headers.get("x-api-key")
        # Locally one key stands for both API keys and IAM (admin routes): loopback only.
        if (route.api_key_required or route.iam) and key != self.api_key:
            self._send(request, 403, {"message": "Forbidden"})
            return
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
            self._send(request, 502, {"message": "Internal server error"})
            return
        self._reply(request, response)

    def _reply(self, request: BaseHTTPRequestHandler, response: dict[str, Any]) -> None:
        body = response.get("body") or ""
        data = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode()
        request.send_response(int(response.get("statusCode", 200)))
        headers = dict(response.get("headers") or {})
        for name, values in (response.get("multiValueHeaders") or {}).items():
            headers[name] = ", ".join(values)
        for name, value in headers.items():
            if name.lower() != "content-length":
                request.send_header(name, str(value))
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _send(self, request: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        self._reply(
            request,
            {
                "statusCode": status,
                "headers": {"Content-Type": "application/json"},
                "body": json.dumps(body),
            },
        )
