"""The first invocation of each handler after its cold import, on a realistic event against a
moto server and a loopback site (used by cold_start.py --first-call).

A cold start is not over when the import is: the first call makes the boto3 clients (botocore
loads each service's model), builds what was deferred and runs the use case once. Each fresh
interpreter imports the handler, then calls it once; the two times are reported apart, so that
work moved from the import to the first call shows. Every call must succeed (no failed batch
item, API status 200) or the benchmark stops.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from support.built_artifacts import ROOT, Handler, lambda_environment

from newsflow.local.api_gateway import proxy_event
from newsflow.local.cloud import Deployment, deploy
from newsflow.local.runner import sqs_record
from newsflow.local.triggers import Route
from newsflow.models import Source
from newsflow.models.raw_page import RawPage
from newsflow.storage.raw_pages import S3RawPageStore
from newsflow.storage.sources import DynamoSourceRepository
from newsflow.storage.template import functions

REGION = "us-east-1"
_QUEUE_ARN = f"arn:aws:sqs:{REGION}:123456789012:benchmark"
# A development-set page (tests/devset, with its licence): a real article of typical size.
ARTICLE_FILE = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856.html.gz"
ARTICLE = gzip.decompress((ROOT / "tests/devset/html" / ARTICLE_FILE).read_bytes())
_CHILD = """\
import json, sys, time
sys.path[:0] = [{code!r}, {layer!r}]
clock = time.{clock}
event = json.loads(sys.stdin.read())
start = clock()
import {module} as module
imported = clock()

class Context:
    function_name = {name!r}
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:" + {name!r}
    aws_request_id = "benchmark"
    def get_remaining_time_in_millis(self):
        return 900_000  # Lambda's longest timeout: no use case cuts its work short here

result = getattr(module, {attribute!r})(event, Context())
called = clock()
print("BENCH " + json.dumps([imported - start, called - imported, result], default=str))
"""


class _Site(BaseHTTPRequestHandler):
    """robots.txt allowing everything, no tdmrep.json, an RSS feed naming 20 articles not
    named before, the article at any other path."""

    feeds = itertools.count()

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            body, status, kind = b"User-agent: *\nAllow: /\n", 200, "text/plain"
        elif self.path == "/feed.xml":
            body, status, kind = _feed(self.headers["Host"], next(self.feeds)), 200, "text/xml"
        elif self.path.startswith("/.well-known/"):
            body, status, kind = b"", 404, "text/plain"
        else:
            body, status, kind = ARTICLE, 200, "text/html; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


def _feed(host: str, serial: int) -> bytes:
    items = "".join(
        f"<item><title>Story {serial}-{n}</title>"
        f"<link>http://{host}/feed/{serial}/story-{n}.html</link>"
        f"<pubDate>Mon, 30 Nov 2026 04:{n:02d}:00 GMT</pubDate></item>"
        for n in range(20)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>'
        f"<link>http://{host}/</link>{items}</channel></rss>"
    ).encode()


@contextmanager
def stack(moto_port: int = 5931) -> Iterator[FirstCall]:
    """moto (server mode, this interpreter) with template.yaml deployed, and the site."""
    endpoint = f"http://127.0.0.1:{moto_port}"
    os.environ.update(
        AWS_ACCESS_KEY_ID="local",
        AWS_SECRET_ACCESS_KEY="local",  # noqa: S106 (moto takes any)
        AWS_DEFAULT_REGION=REGION,
    )
    moto = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(moto_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        deployment = _deploy_when_up(endpoint)
        calls = FirstCall(deployment, f"http://127.0.0.1:{site.server_port}")
        calls.register_source()
        yield calls
    finally:
        site.shutdown()
        moto.terminate()
        moto.wait()


def _deploy_when_up(endpoint: str) -> Deployment:
    deadline = time.monotonic() + 60
    while True:
        try:
            return deploy(endpoint, ROOT / "template.yaml", REGION)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


class FirstCall:
    """Events and environments of the deployed stack, one fresh event per call."""

    def __init__(self, deployment: Deployment, site: str) -> None:
        self.deployment = deployment
        self.site = site
        self._serial = itertools.count()
        template = deployment.template
        self._variables = {
            name: properties.get("Environment", {}).get("Variables", {})
            for name, properties in functions(template).items()
        }

    def environment(self, handler: Handler) -> dict[str, str]:
        resolved = {
            key: str(self.deployment.resolve(value))
            for key, value in self._variables[handler.name].items()
        }
        return {
            **resolved,
            "AWS_ENDPOINT_URL": self.deployment.endpoint,
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            "NEWSFLOW_FETCH_ALLOW_LOOPBACK": "true",
            "AWS_LAMBDA_FUNCTION_NAME": handler.name,
        }

    def register_source(self) -> None:
        """The site as source `bench`, with its feed (discovery's work on the first call)."""
        source = Source(
            id="bench", name="Bench", homepage=f"{self.site}/", feeds=[f"{self.site}/feed.xml"]
        )
        table = self.deployment.ref("ArticlesTable")
        repository = DynamoSourceRepository(self.deployment.client("dynamodb"), table)
        repository.put(source, now=datetime.now(UTC), create_only=False)

    def event(self, handler: Handler) -> dict[str, Any]:
        """FetchQueue: a new URL of the site; process: a raw page stored for it; the API:
        GET /articles; DiscoverQueue: the source, whose feed names 20 new articles."""
        serial = next(self._serial)
        if handler.name == "FetchFunction":
            self._forget_origin()
            message = {
                "url": f"{self.site}/news/story-{serial}.html",
                "source_id": "bench",
                "discovered_at": datetime.now(UTC).isoformat(),
            }
            return _sqs_event(json.dumps(message))
        if handler.name == "ProcessFunction":
            return _sqs_event(json.dumps(self._raw_page(serial)))
        if handler.name == "ApiFunction":
            return _articles_request()
        return _sqs_event(json.dumps({"source_id": "bench"}))

    def _raw_page(self, serial: int) -> dict[str, Any]:
        bucket = self.deployment.ref("Bucket")
        key = f"raw/bench/{serial}.html.gz"
        page = RawPage(
            body=ARTICLE,
            url=f"{self.site}/news/story-{serial}.html",
            fetched_at=datetime.now(UTC),
            source_id="bench",
            content_type="text/html; charset=utf-8",
            status=200,
        )
        S3RawPageStore(self.deployment.client("s3"), bucket).put_raw(key, page)
        record = {"s3": {"bucket": {"name": bucket}, "object": {"key": key}}}
        return {"Records": [{"eventName": "ObjectCreated:Put", **record}]}

    def _forget_origin(self) -> None:
        """Every fetch starts alike: the site's robots, tdmrep and host-delay items removed."""
        dynamodb = self.deployment.client("dynamodb")
        table = self.deployment.ref("ArticlesTable")
        for page in dynamodb.get_paginator("scan").paginate(TableName=table):
            for item in page["Items"]:
                if item["pk"]["S"].startswith(("ROBOTS#", "TDMREP#", "HOST#")):
                    dynamodb.delete_item(TableName=table, Key={"pk": item["pk"], "sk": item["sk"]})


def _sqs_event(body: str) -> dict[str, Any]:
    message = {
        "MessageId": f"m{time.monotonic_ns()}",
        "ReceiptHandle": "benchmark",
        "Body": body,
        "Attributes": {"ApproximateReceiveCount": "1"},
    }
    return {"Records": [sqs_record(message, _QUEUE_ARN, REGION)]}


def _articles_request() -> dict[str, Any]:
    """GET /articles with an API key, as the local API Gateway builds it."""
    route = Route("ApiFunction", "GET", "/articles", api_key_required=True, iam=False)
    return proxy_event(
        route=route,
        method="GET",
        target="/articles",
        headers={"Accept": "application/json"},
        body=b"",
        path_parameters={},
        api_key="bench",
    )


def first_call_seconds(
    python: str, layer: Path, handler: Handler, calls: FirstCall, clock: str
) -> tuple[float, float]:
    """(import, first call) seconds of one handler in a fresh interpreter."""
    code = _CHILD.format(
        code=str(handler.code_dir),
        layer=str(layer),
        clock=clock,
        module=handler.module,
        attribute=handler.attribute,
        name=handler.name,
    )
    # The deployed stack's values over the template's placeholders.
    environment = {**os.environ, **lambda_environment(handler), **calls.environment(handler)}
    environment["AWS_DEFAULT_REGION"] = REGION
    result = subprocess.run(
        [python, "-c", code],
        input=json.dumps(calls.event(handler)),
        check=True,
        capture_output=True,
        text=True,
        env=environment,
        cwd="/",
    )
    line = next(x for x in reversed(result.stdout.splitlines()) if x.startswith("BENCH "))
    imported, called, response = json.loads(line.removeprefix("BENCH "))
    _check(handler, response, result.stdout)
    return imported, called


def _check(handler: Handler, response: Any, output: str) -> None:
    failed = isinstance(response, dict) and (
        response.get("batchItemFailures") or response.get("statusCode", 200) != 200
    )
    if failed:
        raise RuntimeError(f"{handler.name}: the call failed: {response}\n{output[-2000:]}")
