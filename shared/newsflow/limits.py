"""Limits shared by the fetcher, processing and extraction (a plain module: nothing to import)."""

from __future__ import annotations

# Bytes of one page once decoded; a larger page is `too_large`. The default of
# NEWSFLOW_MAX_OBJECT_BYTES (processing) and NEWSFLOW_FETCH_MAX_BODY_BYTES (fetching).
MAX_PAGE_BYTES = 10 * 1024 * 1024
