"""Pydantic models shared by every part of newsflow (no I/O).

Every model (and every settings class in `config.py`) is declared with `defer_build=True`:
pydantic builds its validator and serializer on the model's first use, not when the module
is imported, so a Lambda function's cold start builds only the models it uses (the Query API
never builds `Article`'s, fetch never builds a story's; issue 14, `make bench-cold-start`).
"""

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
