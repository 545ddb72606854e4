"""Pydantic models shared by every part of newsflow (no I/O)."""

from newsflow.models.article import (
    Article,
    Author,
    Image,
    Outcome,
    OutcomeKind,
)

__all__ = ["Article", "Author", "Image", "Outcome", "OutcomeKind"]
