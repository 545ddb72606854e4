"""Each Lambda handler imports only what it runs: a cold start pays for every module it loads.

Every handler is imported in a fresh interpreter (the way a cold start imports it) and the
modules it must not load are looked for in `sys.modules`. Heavier libraries a handler does
need, but only on some calls, are imported where they are used (see `make bench-cold-start`).
Our pydantic models are declared with `defer_build=True`: the import builds none of them, each
is built on its first use, so a function never builds the models it does not use.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A name forbids that module and everything under it ("newsflow.extract", "numpy").
# Page parsing and extraction (process only), near-duplicates (process, when it stores an
# article), date words (process, only for a page without a markup date).
EXTRACTION = (
    "trafilatura",
    "lxml",
    "charset_normalizer",
    "numpy",
    "dateparser",
    "htmldate",
    "newsflow.extract",
    # Text decoded twice is repaired everywhere, but ftfy loads only for a suspect text.
    "ftfy",
)
# The Query API's side: its response models, its services and their read views, and
# Powertools' OpenAPI models (hundreds of pydantic models, built only for /openapi.json and
# /docs).
QUERY_API = (
    "newsflow.models.api",
    "newsflow.models.stories",
    "newsflow.services.query",
    "newsflow.services.sources",
    "newsflow.services.stories",
    "newsflow.services.source_reports",
    "aws_lambda_powertools.event_handler.openapi.models",
)
# Powertools' parser models (a few hundred pydantic models): its batch utility imports them
# when pydantic was imported before it, for typing only; no handler parses events with them.
POWERTOOLS_PARSER = ("aws_lambda_powertools.utilities.parser",)
SCRAPING = ("httpx", "feedparser", "protego", "newsflow.fetch", "newsflow.discover")
# The normalized Article's models (newsflow.models.article): process writes articles and the
# api serves them; fetch and discover record outcomes only (newsflow.models.outcome).
ARTICLE_MODELS = ("newsflow.models.article",)
# AWS clients come from botocore's session (storage/clients.py): boto3, its resources and
# s3transfer (S3's managed transfers, which `boto3.compat` imports) are never needed to make
# one. Only the adapters' DynamoDB value (de)serializers are boto3's, loaded with the adapters.
BOTO3 = ("boto3", "s3transfer")
# Settings are read by config.EnvironmentSettings: pydantic-settings' package (and with it
# dotenv and its CLI, AWS, Azure and GCP sources) is no handler's.
SETTINGS_SOURCES = ("pydantic_settings", "dotenv")
# Adapters are built on a function's first call (newsflow.wiring), never at import.
ADAPTERS = tuple(
    f"newsflow.storage.{path.stem}"
    for path in sorted((ROOT / "shared" / "newsflow" / "storage").glob("*.py"))
    if path.stem not in {"__init__", "clients"}
)
FORBIDDEN = {
    "api": (
        *EXTRACTION,
        *SCRAPING,
        "aws_lambda_powertools.event_handler.openapi.models",
        *POWERTOOLS_PARSER,
        *BOTO3,
        *SETTINGS_SOURCES,
        *ADAPTERS,
    ),
    "fetch": (
        *EXTRACTION,
        *ARTICLE_MODELS,
        *QUERY_API,
        "feedparser",
        "newsflow.discover",
        *POWERTOOLS_PARSER,
        *BOTO3,
        *SETTINGS_SOURCES,
        *ADAPTERS,
    ),
    # Discovery parses feeds and sitemaps with lxml and feedparser: those it keeps.
    "discover": (
        *(name for name in EXTRACTION if name != "lxml"),
        *ARTICLE_MODELS,
        *QUERY_API,
        *POWERTOOLS_PARSER,
        *BOTO3,
        *SETTINGS_SOURCES,
        *ADAPTERS,
    ),
    # Processing parses pages; numpy and dateparser wait for the first page that needs them.
    "process": (
        "numpy",
        "dateparser",
        *SCRAPING,
        *QUERY_API,
        *POWERTOOLS_PARSER,
        *BOTO3,
        *SETTINGS_SOURCES,
        *ADAPTERS,
    ),
}
_PROBE = """
import json, sys
import app
import pydantic
assert callable(app.lambda_handler)
models = [
    (name, value)
    for name, module in list(sys.modules.items())
    if name == "app" or name.startswith("newsflow.")
    for value in vars(module).values()
    if isinstance(value, type) and issubclass(value, pydantic.BaseModel)
    and value.__module__ == name
]
built = sorted(f"{name}.{cls.__qualname__}" for name, cls in models if cls.__pydantic_complete__)
print(json.dumps({"modules": sorted(sys.modules), "models": len(models), "built": built}))
"""


def _after_import(function: str) -> dict[str, Any]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFLOW_")}
    environment.update(AWS_DEFAULT_REGION="us-east-1", POWERTOOLS_METRICS_NAMESPACE="newsflow")
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=ROOT / "functions" / function,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize("function", sorted(FORBIDDEN))
def test_handler_import_loads_no_module_it_does_not_run(function: str) -> None:
    loaded = set(_after_import(function)["modules"])

    assert "newsflow.wiring" in loaded  # the probe imported the real handler
    pulled = sorted(
        name
        for name in FORBIDDEN[function]
        if any(module == name or module.startswith(f"{name}.") for module in loaded)
    )
    assert pulled == []


@pytest.mark.parametrize("function", sorted(FORBIDDEN))
def test_handler_import_builds_none_of_our_models(function: str) -> None:
    found = _after_import(function)

    assert found["models"] > 0  # the probe saw the handler's models
    assert found["built"] == []  # each is built on its first use (defer_build)


# The Query API's port sets are built by the first route that reads each: an article listing
# makes the article index's adapters only, never the sources', stories' or health counters'.
_ARTICLE_ROUTE = """
import json, sys
from newsflow.wiring import api_adapters
api_adapters().query
print(json.dumps(sorted(name for name in sys.modules if name.startswith("newsflow.storage."))))
"""
OTHER_ROUTES = (
    "newsflow.storage.sources",
    "newsflow.storage.stories",
    "newsflow.storage.source_health",
)


def test_article_routes_build_none_of_the_other_routes_adapters() -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSFLOW_", "AWS_"))}
    environment.update(
        AWS_DEFAULT_REGION="us-east-1",
        NEWSFLOW_TABLE="articles",
        NEWSFLOW_BUCKET="raw-pages",
        NEWSFLOW_EVENT_BUS="newsflow",
        NEWSFLOW_API_CURSOR_KEY="k" * 32,
    )
    result = subprocess.run(
        [sys.executable, "-c", _ARTICLE_ROUTE],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])

    assert "newsflow.storage.article_index" in loaded  # the article routes' adapters were built
    assert [name for name in OTHER_ROUTES if name in loaded] == []
