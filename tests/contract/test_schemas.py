"""The JSON Schemas in docs/schemas/ are the models' own, regenerated with `make schemas`."""

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from newsflow.models.schemas import PUBLIC_MODELS, render

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


@pytest.mark.parametrize("model", PUBLIC_MODELS, ids=lambda m: m.__name__)
def test_committed_schema_matches_model(model: type[BaseModel]) -> None:
    committed = (SCHEMAS / f"{model.__name__}.schema.json").read_text(encoding="utf-8")
    assert committed == render(model), "run `make schemas` and commit docs/schemas/"


def test_article_schema_names_the_author_kinds() -> None:
    schema = json.loads((SCHEMAS / "Article.schema.json").read_text(encoding="utf-8"))
    kind = schema["$defs"]["AuthorKind"]
    assert kind["enum"] == ["person", "organization"]
    assert schema["$defs"]["Author"]["properties"]["kind"]["default"] == "person"
