"""Limits shared by the fetcher, processing and extraction (a plain module: nothing to import)."""

from __future__ import annotations

# Bytes of one page once decoded; a larger page is `too_large`. The default of
# NEWSFLOW_MAX_OBJECT_BYTES (processing) and NEWSFLOW_FETCH_MAX_BODY_BYTES (fetching).
MAX_PAGE_BYTES = 10 * 1024 * 1024

# Seconds between two requests to one host, the fetch client's default
# (NEWSFLOW_FETCH_MIN_DELAY_SECONDS, a source's own `min_delay_seconds` or `--min-delay` set
# another). Here, not only in FetchSettings, so that `--min-delay`'s help can say it without
# importing newsflow.fetch (and httpx) for `newsflow --help`.
MIN_DELAY_SECONDS = 1.0

# Elements of one parsed page; a page with more is `too_large`, refused right after parsing
# (an XPath count: ~15 ms at 160,000 elements). 5x the largest page of the development sets
# (4,975 elements of 715 pages; median 809). Extraction's CPU grows faster than linearly in
# elements: 2.5 s at 20,800 elements, 6.4 s at 41,000, 19 s at 82,000, 67 s at 163,000 (an
# 8 MB page of short paragraphs, 537 MB peak), against the process function's 30 s timeout
# on a fraction of a core. Measured in docs/architecture.md ("Bounded extraction").
MAX_PAGE_ELEMENTS = 25_000
