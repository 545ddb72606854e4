"""The Query API's served OpenAPI document, its API Gateway routes and its samples agree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsflow.config import ApiSettings
from newsflow.storage.template import functions, load_handler, load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template(ROOT / "template.yaml")
API_FUNCTION = functions(TEMPLATE)["ApiFunction"]
SAMPLES = ROOT / "events" / "api"
ADMIN_ROUTES = {
    ("POST", "/sources"),
    ("PUT", "/sources/{source_id}"),
    ("DELETE", "/sources/{source_id}"),
}
# Served, but not part of the document: the interactive page (Swagger UI) that shows it,
# and the console (docs/console.md); both load without a key and call the API with one.
DOCS_ROUTE = ("GET", "/docs")
CONSOLE_ROUTE = ("GET", "/console")
PAGE_ROUTES = {DOCS_ROUTE, CONSOLE_ROUTE}
# The document itself: public like the page that embeds it.
OPENAPI_ROUTE = ("GET", "/openapi.json")


def _document() -> dict[str, Any]:
    render = load_handler(ROOT, {**API_FUNCTION, "Handler": "app.openapi_document"})
    document: dict[str, Any] = json.loads(render())
    return document


def _template_routes() -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (event["Properties"]["Method"].upper(), event["Properties"]["Path"]): event["Properties"]
        for event in API_FUNCTION["Events"].values()
        if event["Type"] == "Api"
    }


def test_served_openapi_has_exactly_the_template_routes() -> None:
    served = {
        (method.upper(), path)
        for path, operations in _document()["paths"].items()
        for method in operations
    }

    assert served | PAGE_ROUTES == set(_template_routes())


@pytest.mark.parametrize("route", sorted(PAGE_ROUTES))
def test_pages_load_without_an_api_key(route: tuple[str, str]) -> None:
    assert _template_routes()[route]["Auth"] == {"ApiKeyRequired": False}


def test_openapi_document_loads_without_an_api_key_like_the_docs_page() -> None:
    document = _document()

    assert _template_routes()[OPENAPI_ROUTE]["Auth"] == {"ApiKeyRequired": False}
    assert document["paths"]["/openapi.json"]["get"]["security"] == [{}]


def test_admin_routes_are_iam_only_and_the_rest_need_an_api_key() -> None:
    api = TEMPLATE["Resources"]["Api"]["Properties"]
    document = _document()

    assert api["Auth"]["ApiKeyRequired"] is True
    assert "UsagePlan" in api["Auth"]
    for route, properties in _template_routes().items():
        if route in PAGE_ROUTES | {OPENAPI_ROUTE}:
            continue
        method, path = route
        security = document["paths"][path][method.lower()].get("security", document["security"])
        if route in ADMIN_ROUTES:
            assert properties["Auth"] == {"Authorizer": "AWS_IAM", "ApiKeyRequired": False}
            assert security == [{"sigv4": []}]
        else:
            assert "Auth" not in properties, route
            assert security == [{"apiKey": []}]


def test_stage_throttling_is_set() -> None:
    settings = TEMPLATE["Resources"]["Api"]["Properties"]["MethodSettings"][0]

    assert {"ThrottlingRateLimit", "ThrottlingBurstLimit"} <= set(settings)


def test_error_responses_are_documented_as_problems() -> None:
    for operations in _document()["paths"].values():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"]


def test_api_function_sets_every_api_setting() -> None:
    variables = API_FUNCTION["Environment"]["Variables"]

    expected = {f"NEWSFLOW_API_{name.upper()}" for name in ApiSettings.model_fields}
    assert expected <= set(variables)


def test_api_function_may_write_only_source_items() -> None:
    statements = API_FUNCTION["Policies"][0]["Statement"]
    writes = [s for s in statements if any("Update" in a or "Delete" in a for a in s["Action"])]

    assert len(writes) == 1
    leading = writes[0]["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]
    assert leading == ["SOURCES", "SOURCE#*"]


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.json")))
def test_api_sample_is_a_rest_event_for_a_template_route(name: str) -> None:
    event = json.loads((SAMPLES / name).read_text(encoding="utf-8"))

    assert (event["httpMethod"], event["resource"]) in _template_routes()
    assert event["requestContext"]["resourcePath"] == event["resource"]


def test_date_time_query_parameters_are_documented_as_taking_a_date_alone_too() -> None:
    # The API reads a date alone (2026-11-29) wherever it reads a date-time (README, "Query
    # API"); a client generated from the document must be allowed to send one.
    dated = {}
    for operations in _document()["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                text = json.dumps(parameter["schema"])
                if '"date-time"' in text:
                    dated[parameter["name"]] = '"format": "date"' in text
    assert dated == {"from": True, "to": True, "updated_since": True}
