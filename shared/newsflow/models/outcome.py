"""What a page turned out to be: its outcome kind and the reason for it (no I/O).

Apart from `article.py` so that the functions that only record outcomes (fetch, discover:
raw pages, events, health counters) do not declare the Article models (cold start, issue 14).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class OutcomeKind(StrEnum):
    """What a page turned out to be."""

    ARTICLE = "article"
    NOT_ARTICLE = "not_article"  # index pages, link lists, empty pages
    NEEDS_RENDER = "needs_render"  # JavaScript shells whose text arrives only in a browser
    PAYWALLED_PARTIAL = "paywalled_partial"  # a teaser in front of a paywall
    NOT_HTML = "not_html"  # PDF, JSON, images, binary garbage
    TOO_LARGE = "too_large"  # above the byte limit (not parsed) or the element limit
    EXTRACTION_FAILED = "extraction_failed"  # our main-text extractor raised on the page


class Outcome(BaseModel):
    """The classification of a page, with the reason a human can act on."""

    model_config = ConfigDict(defer_build=True, frozen=True)

    kind: OutcomeKind
    reason: str = Field(description="Why the page got this outcome, e.g. 'link density 0.82'.")
