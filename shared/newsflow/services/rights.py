"""The fetch-time half of an article's rights record, read from its raw page's metadata."""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import unquote

from newsflow.extract.rights import with_response, with_tdmrep
from newsflow.models import Article
from newsflow.models.rights import TdmrepFinding
from newsflow.services.ports import PageMetadata


def with_fetch_rights(article: Article, metadata: Mapping[str, str]) -> Article:
    """The article with the robots.txt decision and response headers the fetcher kept.

    Uploads carry none of these: their record keeps only what the page itself says.
    Unreadable header JSON counts as no headers, an unreadable tdmrep finding as none (the
    page part stays).
    """
    headers = _headers(metadata.get(PageMetadata.HEADERS))
    rule = metadata.get(PageMetadata.ROBOTS_RULE)
    rights = with_response(
        article.rights,
        headers,
        page_url=article.final_url,
        robots_verdict=metadata.get(PageMetadata.ROBOTS) or None,
        robots_rule=unquote(rule) if rule else None,
    )
    finding = _tdmrep(metadata.get(PageMetadata.TDMREP))
    if finding is not None:
        rights = with_tdmrep(rights, finding, page_url=article.final_url)
    return article.model_copy(update={"rights": rights})


def _tdmrep(text: str | None) -> TdmrepFinding | None:
    if not text:
        return None
    try:
        return TdmrepFinding.model_validate_json(unquote(text))
    except ValueError:
        return None


def _headers(text: str | None) -> dict[str, str]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k).lower(): v for k, v in value.items() if isinstance(v, str)}
