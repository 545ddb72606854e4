"""Pydantic models shared by every part of newsflow (no I/O)."""

from newsflow.models.article import (
    Article,
    Author,
    AuthorKind,
    Image,
    Outcome,
    OutcomeKind,
)
from newsflow.models.source import (
    DiscoveredUrl,
    DiscoveryOrigin,
    FetchOutcome,
    FetchReason,
    FetchResult,
    FetchTask,
    RobotsDecision,
    RobotsVerdict,
    SitemapRef,
    Source,
)

__all__ = [
    "Article",
    "Author",
    "AuthorKind",
    "DiscoveredUrl",
    "DiscoveryOrigin",
    "FetchOutcome",
    "FetchReason",
    "FetchResult",
    "FetchTask",
    "Image",
    "Outcome",
    "OutcomeKind",
    "RobotsDecision",
    "RobotsVerdict",
    "SitemapRef",
    "Source",
]
