"""Extraction: page bytes + URL to a clean Article (pure: no I/O)."""

from newsflow.extract.article import (
    DEFAULT_MAX_BYTES,
    EXTRACTOR_VERSION,
    ExtractionInputError,
    extract_article,
)

__all__ = ["DEFAULT_MAX_BYTES", "EXTRACTOR_VERSION", "ExtractionInputError", "extract_article"]
