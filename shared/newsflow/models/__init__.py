"""Pydantic models shared by every part of newsflow (no I/O).

Every model (and every settings class in `config.py`) is declared with `defer_build=True`:
pydantic builds its validator and serializer on the model's first use, not when the module
is imported, so a Lambda function's cold start builds only the models it uses (the Query API
never builds `Article`'s, fetch never builds a story's; issue 14, `make bench-cold-start`).
The names below are each imported from its module on first use, so that importing one
model module does not declare them all.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsflow.models.article import Article, Author, AuthorKind, Image
    from newsflow.models.outcome import Outcome, OutcomeKind
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

# Each name's module, imported on the name's first use: importing one model module (the fetch
# function's `models.source`) runs this package first, and that must not declare every model
# (Article's are the process and api functions' only; cold start, issue 14).
_HOMES = (
    dict.fromkeys(__all__, "newsflow.models.source")
    | dict.fromkeys(["Article", "Author", "AuthorKind", "Image"], "newsflow.models.article")
    | dict.fromkeys(["Outcome", "OutcomeKind"], "newsflow.models.outcome")
)


def __getattr__(name: str) -> object:
    """`newsflow.models.<Name>`: the model from its own module (PEP 562)."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
