"""The Query API's bounds: a plain pydantic model, apart from the settings that read them
(config.py), so that the query services load no settings machinery (pydantic-settings) when a
handler is imported; the settings are read on the first call (cold start, issue 14)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field


class QueryLimits(BaseModel):
    """Bounds of every Query API request, each read from `NEWSFLOW_API_<NAME>`
    (`config.ApiSettings`) and passed to the query services."""

    model_config = ConfigDict(frozen=True)

    max_limit: ClassVar[int] = 100  # the largest page a client may ask for
    default_limit: int = Field(default=20, ge=1, le=100, description="Page size when none given.")
    max_queries_per_page: int = Field(
        default=8,
        ge=2,
        le=100,
        description=(
            "DynamoDB Query calls one list page may make: a round reads every partition of "
            "its index once (4 shards for the unfiltered and updated_since listings), further "
            "rounds only while filters without an index leave the page short; a page that "
            "runs out before it holds `limit` items returns what it has and a cursor."
        ),
    )
    page_seconds: float = Field(
        default=2.0,
        gt=0,
        le=20,
        description=(
            "Time budget of one list page: no further Query starts after it (API Gateway "
            "gives up at 29 s); a page cut short returns what it has and a cursor."
        ),
    )
    max_sync_days: int = Field(
        default=366, ge=1, le=3660, description="How far back `updated_since` may reach."
    )
    inline_article_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        description=(
            "Stored article JSON up to this size is returned inline; a larger one as a "
            "presigned S3 link, so the response stays under Lambda's 6 MB (JSON escaping "
            "can grow text up to 4x)."
        ),
    )
    link_expiry_seconds: int = Field(
        default=900, ge=60, le=43200, description="Lifetime of a presigned article link."
    )
