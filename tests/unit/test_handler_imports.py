"""Each Lambda handler imports only what it runs: a cold start pays for every module it loads.

Every handler is imported in a fresh interpreter (the way a cold start imports it) and the
modules it must not load are looked for in `sys.modules`. Heavier libraries a handler does
need, but only on some calls, are imported where they are used (see `make bench-cold-start`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
SCRAPING = ("httpx", "feedparser", "protego", "newsflow.fetch", "newsflow.discover")
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
        *ADAPTERS,
    ),
    "fetch": (*EXTRACTION, *QUERY_API, "feedparser", "newsflow.discover", *ADAPTERS),
    # Discovery parses feeds and sitemaps with lxml and feedparser: those it keeps.
    "discover": (*(name for name in EXTRACTION if name != "lxml"), *QUERY_API, *ADAPTERS),
    # Processing parses pages; numpy and dateparser wait for the first page that needs them.
    "process": ("numpy", "dateparser", *SCRAPING, *QUERY_API, *ADAPTERS),
}
_PROBE = """
import json, sys
import app
assert callable(app.lambda_handler)
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after_import(function: str) -> set[str]:
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
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return set(loaded)


@pytest.mark.parametrize("function", sorted(FORBIDDEN))
def test_handler_import_loads_no_module_it_does_not_run(function: str) -> None:
    loaded = _modules_after_import(function)

    assert "newsflow.wiring" in loaded  # the probe imported the real handler
    pulled = sorted(
        name
        for name in FORBIDDEN[function]
        if any(module == name or module.startswith(f"{name}.") for module in loaded)
    )
    assert pulled == []
