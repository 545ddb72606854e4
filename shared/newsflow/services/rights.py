"""The fetch-time half of an article's rights record, from what its raw page's fetch saw."""

from __future__ import annotations

from newsflow.extract.rights import with_response, with_tdmrep
from newsflow.models import Article
from newsflow.models.raw_page import RawPage


def with_fetch_rights(article: Article, page: RawPage) -> Article:
    """The article with the robots.txt decision, response headers and tdmrep.json finding the
    fetcher kept.

    Uploads carry none of these: their record keeps only what the page itself says.
    """
    rights = with_response(
        article.rights,
        dict(page.headers),
        page_url=article.final_url,
        robots_verdict=page.robots_verdict,
        robots_rule=page.robots_rule,
    )
    if page.tdmrep is not None:
        rights = with_tdmrep(rights, page.tdmrep, page_url=article.final_url)
    return article.model_copy(update={"rights": rights})
