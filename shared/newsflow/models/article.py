"""The normalized Article: what extraction produces and what the store keeps."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from newsflow.models.outcome import Outcome
from newsflow.models.rights import Rights


class AuthorKind(StrEnum):
    """Whether a byline names a person or an organisation (a wire service, a newsroom)."""

    PERSON = "person"
    ORGANIZATION = "organization"


class Author(BaseModel):
    """One author as the page names them: a person, or an organisation the page credits."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    name: str
    url: str | None = Field(default=None, description="Author page or profile, when given.")
    kind: AuthorKind = Field(
        default=AuthorKind.PERSON,
        description="'organization' for a credited agency, newsroom or the site itself "
        "(JSON-LD Organization, 'Associated Press', 'Redaktion ...'), else 'person'.",
    )


class Image(BaseModel):
    """An image of the article, with its caption and credit kept apart from the body."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    url: str
    caption: str | None = None
    credit: str | None = None


class Article(BaseModel):
    """A news page turned into clean, normalized fields.

    `provenance` maps each filled metadata field to where its value came from, such as
    `jsonld:NewsArticle.datePublished`, `og:title`, `meta:author`, `time`, `url` or
    `heuristic`, so a wrong date or author can be traced to the markup that caused it;
    for `body_text` it names the extraction strategy (`trafilatura:precision`,
    `trafilatura:balanced`, `gallery-captions`, the JSON-LD articleBody it came from, or
    `script-data` for a story found only in the data of the page's scripts).
    """

    model_config = ConfigDict(defer_build=True, frozen=True)

    article_id: str = Field(description="Stable id: hash of the canonical URL.")
    url: str = Field(description="The URL that was requested.")
    final_url: str = Field(description="The URL after redirects.")
    canonical_url: str = Field(description="rel=canonical, og:url, else the normalized final URL.")
    source_id: str | None = None
    site_name: str | None = None
    title: str | None = None
    description: str | None = None
    standfirst: str | None = Field(
        default=None,
        description="The summary the page sets between headline and story (dek, subheadline, "
        "lead), as shown in the article's own markup; never part of body_text. Lines of a "
        "bulleted standfirst are joined by newlines.",
    )
    authors: list[Author] = Field(default_factory=list)
    published_at: AwareDatetime | None = None
    published_at_raw: str | None = Field(default=None, description="The date string as found.")
    modified_at: AwareDatetime | None = None
    modified_at_raw: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code.")
    section: str | None = None
    tags: list[str] = Field(default_factory=list)
    body_text: str = Field(default="", description="Paragraphs joined by blank lines.")
    paragraphs: list[str] = Field(default_factory=list)
    lead_image: Image | None = None
    images: list[Image] = Field(default_factory=list)
    word_count: int = 0
    extraction_confidence: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="How likely body_text is the whole story and only it (0-1); "
        "provenance['body_text'] names the strategy that produced it.",
    )
    is_accessible_for_free: bool | None = Field(
        default=None, description="As the publisher declares it (JSON-LD isAccessibleForFree)."
    )
    paywall_suspected: bool = False
    content_hash: str = Field(description="sha256 over the fields whose change makes a version.")
    extractor_version: str
    fetched_at: AwareDatetime
    outcome: Outcome
    provenance: dict[str, str] = Field(default_factory=dict)
    story_id: str | None = Field(
        default=None,
        description="The story of near-duplicate copies it belongs to: its first copy's "
        "article_id (docs/stories.md). Null when the body is too short to group.",
    )
    story_size: int | None = Field(
        default=None, ge=1, description="Copies of the story when this one joined, itself included."
    )
    rights: Rights = Field(
        default_factory=Rights, description="What the publisher said about use at fetch time."
    )


# The fields whose change makes a new version of an article (a changed `modified_at` alone
# does not); `content_hash` covers them and `ArticleUpdated` names those that changed.
VERSIONED_FIELDS = (
    "title",
    "description",
    "standfirst",
    "authors",
    "published_at",
    "language",
    "section",
    "tags",
    "body_text",
)


def versioned_values(article: Article) -> dict[str, object]:
    """The versioned fields of an article as plain JSON values."""
    return {
        "title": article.title,
        "description": article.description,
        "standfirst": article.standfirst,
        "authors": [author.name for author in article.authors],
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "language": article.language,
        "section": article.section,
        "tags": article.tags,
        "body_text": article.body_text,
    }


def _digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(article: Article) -> str:
    """sha256 over the versioned fields: equal hashes, same content, no new version."""
    return _digest(versioned_values(article))


def field_hashes(article: Article) -> dict[str, str]:
    """A short hash per versioned field, to name the fields a new version changed."""
    values = versioned_values(article)
    return {name: _digest(values[name])[:16] for name in VERSIONED_FIELDS}
