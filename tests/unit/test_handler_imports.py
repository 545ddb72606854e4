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
# Page parsing and extraction (process only), near-duplicates (process, when it stores an
# article), date words (process, only for a page without a markup date).
EXTRACTION = ("trafilatura", "lxml", "charset_normalizer", "numpy", "dateparser", "htmldate")
FORBIDDEN = {
    "api": (*EXTRACTION, "httpx", "feedparser", "protego"),
    "fetch": (*EXTRACTION, "feedparser"),
    # Discovery parses feeds and sitemaps with lxml and feedparser: those it keeps.
    "discover": tuple(name for name in EXTRACTION if name != "lxml"),
    # Processing parses pages; numpy and dateparser wait for the first page that needs them.
    "process": ("numpy", "dateparser", "httpx", "feedparser", "protego"),
}
_PROBE = """
import json, sys
import app
assert callable(app.lambda_handler)
print(json.dumps(sorted({name.partition(".")[0] for name in sys.modules})))
"""


def _top_level_modules_after_import(function: str) -> set[str]:
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
    loaded = _top_level_modules_after_import(function)

    assert "newsflow" in loaded  # the probe imported the real handler
    assert sorted(set(FORBIDDEN[function]) & loaded) == []
