"""Query API bodies of the story routes (docs/stories.md): a story with its copies, and pages
of stories."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class StoryCopy(BaseModel):
    """One copy of a story: where and when it appeared, and how close it is to the first."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    article_id: str
    source_id: str | None = None
    url: str
    title: str | None = None
    published_at: AwareDatetime | None = Field(
        default=None, description="Publication time (the copies are listed by it, then fetch)."
    )
    similarity: float = Field(
        ge=0, le=1, description="Estimated Jaccard similarity of its body to the first copy's."
    )


class StorySummary(BaseModel):
    """A story as listed: its first copy's id, time and title, and how many copies it has."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    story_id: str = Field(description="The article_id of its first copy.")
    size: int = Field(ge=1, description="Copies of the story (the first one included).")
    first_at: AwareDatetime = Field(description="When its first copy was published.")
    title: str | None = Field(default=None, description="Its first copy's title.")
    source_id: str | None = Field(default=None, description="Its first copy's source.")


class StoryDetail(StorySummary):
    """A story and one page of its copies, the first copy first."""

    copies: list[StoryCopy]
    next_cursor: str | None = Field(description="Opaque; null on the last page of copies.")


class StoryPage(BaseModel):
    """Stories of a range of days: newest day first, the largest story first within a day."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    items: list[StorySummary]
    next_cursor: str | None = Field(description="Opaque; valid only with the same from/to.")
