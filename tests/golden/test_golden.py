"""Golden pages: hand-built pages modelled on publishers' markup, with expected fields.

Each case is `cases/<name>.html` (bytes as served) and `cases/<name>.json` (see
cases/README.md): omitted keys are not checked, null means "must be absent".
"""

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newsflow.extract import extract_article
from newsflow.models import Article

CASES = Path(__file__).resolve().parent / "cases"
NAMES = sorted(p.stem for p in CASES.glob("*.json"))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _load(name: str) -> tuple[dict[str, Any], Article]:
    case = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    article = extract_article(
        (CASES / f"{name}.html").read_bytes(),
        case["url"],
        http_charset=case.get("http_charset"),
        fetched_at=datetime.fromisoformat(case["fetched_at"]),
    )
    return case["expect"], article


def test_there_are_at_least_thirty_cases() -> None:
    assert len(NAMES) >= 30


@pytest.mark.parametrize("name", NAMES)
def test_golden_case(name: str) -> None:
    expect, article = _load(name)
    failures = []

    def check(field: str, got: object, want: object) -> None:
        if got != want:
            failures.append(f"{field}: got {got!r}, want {want!r}")

    if "outcome" in expect:
        check("outcome", article.outcome.kind.value, expect["outcome"])
    for field in ("title", "language", "canonical_url", "section"):
        if field in expect:
            check(field, getattr(article, field), expect[field])
    if "authors" in expect:
        check("authors", [a.name for a in article.authors], expect["authors"])
    for field in ("published_at", "modified_at"):
        if field in expect:
            check(field, getattr(article, field), _instant(expect[field]))
    paragraphs = [_squash(p) for p in article.paragraphs]
    if expect.get("paragraphs") is not None:
        check("paragraphs", paragraphs, [_squash(p) for p in expect["paragraphs"]])
    if expect.get("first_paragraph"):
        check("first_paragraph", paragraphs[:1], [_squash(expect["first_paragraph"])])
    if expect.get("last_paragraph"):
        check("last_paragraph", paragraphs[-1:], [_squash(expect["last_paragraph"])])
    failures.extend(
        f"boilerplate present in body: {boilerplate!r}"
        for boilerplate in expect.get("absent", [])
        if boilerplate in article.body_text
    )
    assert not failures, "\n".join(failures)
