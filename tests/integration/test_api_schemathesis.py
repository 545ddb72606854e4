"""schemathesis drives the Query API in-process from the OpenAPI document it serves: no 5xx,
and every response conforms to that document (status code, content type, body schema)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from api.helpers import Api, Seeder, api_environment, wsgi_app
from support.aws_stack import BUCKET, TABLE, Stack

# Per operation: enough to hit every parameter's edges, small enough for a fast `make test`.
EXAMPLES = 50


@pytest.fixture
def stack(aws: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stack]:
    environment = api_environment(monkeypatch, oldest_month="2026-01")
    next(environment)
    seeder = Seeder(BUCKET, TABLE)
    seeder.many(range(1, 4), source="daily")
    seeder.article(1, title="Changed")
    yield aws
    next(environment, None)


def test_api_schemathesis_no_server_error_and_schema_conformance(stack: Stack) -> None:
    # schemathesis and hypothesis are imported here, not at the top: every xdist worker of
    # make test collects this module, and only the one running it needs them.
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    # Administrator identity on: the write routes must hold up to fuzzing too.
    schema = schemathesis.openapi.from_wsgi("/openapi.json", wsgi_app(Api().handler, admin=True))
    operations = [result.ok() for result in schema.get_all_operations()]
    failures: list[str] = []

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case: Any) -> None:
            response = case.call()
            case.validate_response(response, checks=checks)

        try:
            exercise()
        except Exception as exc:  # noqa: BLE001 (collect every operation's failure, then report)
            failures.append(f"{operation.label}: {exc}")

    assert failures == []
    # Every route; schemathesis leaves out the document's own GET /openapi.json.
    assert len(operations) == 12, ", ".join(operation.label for operation in operations)
