"""EventBridge event details: versioned contracts that point to the stored objects."""

from __future__ import annotations

from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from newsflow.models.outcome import OutcomeKind
from newsflow.models.rights import Rights

EVENT_SOURCE = "newsflow"
# Minor versions only add optional fields; a consumer of 1.x filters on the "1." prefix.
# 1.1: story_id, story_size, ArticleChanged.rights; 1.2: Rights.tdmrep_file/tdmrep_location,
# SourceDegraded field "yield" with `discovered`
SCHEMA_VERSION = "1.2"
_SCHEMA_VERSION_FIELD = Field(
    default=SCHEMA_VERSION,
    pattern=r"^1\.\d+$",
    description="major.minor; minor versions only add optional fields.",
)


class EventType(StrEnum):
    """The `detail-type` of each event newsflow puts on its bus."""

    ARTICLE_INGESTED = "ArticleIngested"
    ARTICLE_UPDATED = "ArticleUpdated"
    ARTICLE_REJECTED = "ArticleRejected"
    SOURCE_DEGRADED = "SourceDegraded"


class RejectionKind(StrEnum):
    """Why processing refused an object before or besides the extractor's own outcomes."""

    MISSING_URL = "missing_url"  # no url metadata and no canonical link in the page
    CORRUPT_OBJECT = "corrupt_object"  # e.g. a .gz that does not decompress


class ObjectPointer(BaseModel):
    """Where to fetch the full payload (claim check): an S3 object."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    bucket: str
    key: str


class ArticleChanged(BaseModel):
    """`detail` of ArticleIngested (version 1) and ArticleUpdated (version 2 and later)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    schema_version: str = _SCHEMA_VERSION_FIELD
    article_id: str
    version: int = Field(ge=1)
    url: str = Field(description="The URL that was requested.")
    canonical_url: str
    source_id: str | None = None
    title: str | None = None
    language: str | None = None
    section: str | None = None
    published_at: AwareDatetime | None = None
    outcome: OutcomeKind = Field(description="`article` or `paywalled_partial`.")
    changed_fields: list[str] = Field(
        default_factory=list,
        description="Fields that differ from the previous version; empty for version 1.",
    )
    content_hash: str
    extractor_version: str
    story_id: str | None = Field(
        default=None, description="The story of near-duplicate copies (since 1.1)."
    )
    story_size: int | None = Field(
        default=None, ge=1, description="Copies of the story when this one joined (since 1.1)."
    )
    article: ObjectPointer = Field(description="The normalized Article JSON of this version.")
    raw: ObjectPointer = Field(description="The page the version was extracted from.")
    rights: Rights | None = Field(
        default=None, description="What the publisher said about use (since 1.1)."
    )


class ArticleRejected(BaseModel):
    """`detail` of ArticleRejected: a page that did not become (a version of) an article."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    schema_version: str = _SCHEMA_VERSION_FIELD
    url: str = Field(description="The page's URL, or the object's s3:// URI when none is known.")
    article_id: str | None = Field(default=None, description="The id the URL would have had.")
    source_id: str | None = None
    outcome: OutcomeKind | RejectionKind
    reason: str
    raw: ObjectPointer
