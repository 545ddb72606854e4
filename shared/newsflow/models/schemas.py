"""JSON Schema export of the public models to docs/schemas/ (`make schemas`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from newsflow.models.api import (
    ArticleDetail,
    ArticlePage,
    Problem,
    SourcePage,
    SourceStatus,
    VersionPage,
)
from newsflow.models.article import Article
from newsflow.models.events import ArticleChanged, ArticleRejected
from newsflow.models.health import SourceDegraded, SourceHealth
from newsflow.models.stories import StoryDetail, StoryPage

PUBLIC_MODELS: tuple[type[BaseModel], ...] = (
    Article,
    ArticleChanged,
    ArticleRejected,
    # Query API responses (the served /openapi.json holds the same schemas)
    ArticlePage,
    ArticleDetail,
    VersionPage,
    SourcePage,
    SourceStatus,
    Problem,
    StoryDetail,
    StoryPage,
    # Source health: the drift event and GET /sources/{id}/health
    SourceDegraded,
    SourceHealth,
)


def render(model: type[BaseModel]) -> str:
    """The schema file's text for one model."""
    return (
        json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True) + "\n"
    )


def export(directory: Path) -> list[Path]:
    """Write one `<Model>.schema.json` per public model; returns the written paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for model in PUBLIC_MODELS:
        path = directory / f"{model.__name__}.schema.json"
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in export(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schemas")):
        print(written_path)
