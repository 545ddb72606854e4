"""Query API request and response bodies (their JSON Schemas feed the served OpenAPI document)."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from newsflow.models.article import Article
from newsflow.models.source import Source

# Problem `type` URIs (RFC 9457): relative references a client can compare, documented in
# docs/architecture.md, "Query API".
PROBLEM_BAD_REQUEST = "/problems/bad-request"
PROBLEM_VALIDATION = "/problems/validation"
PROBLEM_NOT_FOUND = "/problems/not-found"
PROBLEM_CONFLICT = "/problems/conflict"
PROBLEM_FORBIDDEN = "/problems/forbidden"
PROBLEM_INTERNAL = "/problems/internal"
PROBLEM_UNAVAILABLE = "/problems/unavailable"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldProblem(BaseModel):
    """One invalid input: where it is (`query`, `limit`) and what kind of error it has."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    loc: list[str | int]
    type: str


class Problem(BaseModel):
    """An error as an RFC 9457 problem document; never a stack trace."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    type: str = Field(description="Identifies the kind of problem, e.g. /problems/not-found.")
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(ge=400, le=599)
    detail: str = Field(description="What went wrong with this request, for a human.")
    errors: list[FieldProblem] | None = Field(
        default=None,
        description="Each invalid input (validation problems, unknown query parameters).",
    )


class ArticleSummary(BaseModel):
    """An article as the index knows it: enough to list, filter and sync without S3."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    article_id: str
    version: int = Field(ge=1, description="The latest complete (announced) version.")
    title: str | None = None
    url: str = Field(description="The URL that was requested.")
    canonical_url: str | None = None
    source_id: str | None = None
    published_at: AwareDatetime | None = None
    language: str | None = None
    section: str | None = None
    updated_at: AwareDatetime = Field(description="When the index last changed (sync watermark).")


class ArticlePage(BaseModel):
    """One page of articles; pass `next_cursor` back as `cursor` for the next one."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    items: list[ArticleSummary]
    next_cursor: str | None = Field(
        description="Opaque; null on the last page. Valid only with the same filters."
    )


class ArticleLink(BaseModel):
    """Where to download a stored article too large to return inline (presigned S3 GET)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    url: str
    expires_at: AwareDatetime
    size: int = Field(ge=0, description="Bytes of the stored article JSON.")


class ArticleDetail(ArticleSummary):
    """One version of an article: its index fields and either the article or a link to it."""

    requested_version: int = Field(ge=1, description="The version the body belongs to.")
    changed_fields: list[str] = Field(
        default_factory=list, description="Fields that changed in `requested_version`."
    )
    article: Article | None = Field(
        default=None, description="The stored article; null when it is returned as a link."
    )
    article_link: ArticleLink | None = Field(
        default=None, description="Set instead of `article` when the article is too large."
    )


class VersionSummary(BaseModel):
    """One version of an article and what changed in it."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    version: int = Field(ge=1)
    changed_fields: list[str]
    content_hash: str
    extractor_version: str | None = None
    created_at: AwareDatetime


class VersionPage(BaseModel):
    """Versions oldest first; `next_cursor` as for articles."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    items: list[VersionSummary]
    next_cursor: str | None


class SourceRun(BaseModel):
    """The last discovery/fetch run of a source and what it produced."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    started_at: AwareDatetime
    finished_at: AwareDatetime
    counts: dict[str, int] = Field(description="Outcome → number of URLs in that run.")


class SourceRecord(BaseModel):
    """A source as stored: its configuration and when it last changed."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    source: Source
    created_at: AwareDatetime
    updated_at: AwareDatetime


class SourceOutcomes(BaseModel):
    """What became of a source's pages over its last `days` UTC days (source health counters)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    days: int = Field(description="The UTC days counted, today included.")
    fetch: dict[str, int] = Field(
        default_factory=dict,
        description="Final fetch outcome (stored, not_modified, robots_disallowed, …) → pages.",
    )
    extraction: dict[str, int] = Field(
        default_factory=dict,
        description="Extraction outcome (article, not_article, extraction_failed, …) → pages.",
    )


class SourceStatus(SourceRecord):
    """A source with its last run, discovery totals over all runs, and what became of its
    pages (fetch and extraction outcomes) over the last days."""

    last_run: SourceRun | None = None
    totals: dict[str, int] = Field(
        default_factory=dict, description="Discovery outcome → number of URLs over every run."
    )
    outcomes: SourceOutcomes | None = Field(
        default=None, description="Fetch and extraction outcomes of its pages, recent days."
    )


class SourcePage(BaseModel):
    """One page of sources in id order."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    items: list[SourceRecord]
    next_cursor: str | None


class Health(BaseModel):
    """The function is up and configured (it touches no AWS service)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    status: Literal["ok"] = "ok"
