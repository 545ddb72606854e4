"""Extraction health of a source per UTC day, and the drift event it raises."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from newsflow.models.events import _SCHEMA_VERSION_FIELD

# The Article fields whose fill rate is counted per source and day.
FILL_FIELDS = ("title", "authors", "published_at", "language", "lead_image")


class HealthDay(BaseModel):
    """What processing saw of one source on one UTC day (by the pages' fetch time)."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    day: date
    pages: int = Field(default=0, description="Pages processed into a new version or rejection.")
    discovered: int = Field(
        default=0, description="New URLs discovery queued for the source that day."
    )
    outcomes: dict[str, int] = Field(default_factory=dict, description="Pages per outcome.")
    fetches: dict[str, int] = Field(
        default_factory=dict, description="Final fetch outcomes (ok, gone, robots_disallowed…)."
    )
    articles: int = Field(default=0, description="Versions stored (article, paywalled_partial).")
    fill_rates: dict[str, float | None] = Field(
        default_factory=dict,
        description="Share of stored versions with the field filled, 0..1; null without any.",
    )
    body_words_median: float | None = Field(
        default=None, description="Median body words, interpolated in log-spaced bins."
    )
    extraction_confidence_mean: float | None = None
    baseline: dict[str, float | None] = Field(
        default_factory=dict,
        description="Median of each fill rate over the previous 14 days that had articles "
        "(null with fewer than 3 such days).",
    )


class SourceDegraded(BaseModel):
    """`detail` of SourceDegraded: a field's fill rate fell well below its baseline, or (field
    `yield`) no article was stored on a day its feeds listed new URLs."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    schema_version: str = _SCHEMA_VERSION_FIELD
    source_id: str
    field: str = Field(
        description="An Article field, e.g. 'authors'; 'yield' for articles per day."
    )
    day: date = Field(description="The UTC day of the drop.")
    baseline: float = Field(
        description="Trailing median fill rate, 0..1; for 'yield', articles per day."
    )
    observed: float = Field(description="The day's fill rate, 0..1; for 'yield', 0.")
    articles: int = Field(description="Versions stored that day when the drop was seen.")
    sample_article_ids: list[str] = Field(
        default_factory=list, description="Up to 8 of the day's articles missing the field."
    )
    discovered: int | None = Field(
        default=None, description="For 'yield': new URLs discovered that day (since 1.2)."
    )


class SourceHealth(BaseModel):
    """`GET /sources/{id}/health`: the daily series, oldest first, and the drift events."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    source_id: str
    days: list[HealthDay]
    drift: list[SourceDegraded] = Field(default_factory=list)
