"""Announced article index items for large tables, built by the repository's own layout.

The API benchmark and the no-Scan test load thousands of index items with BatchWriteItem
(committing each through a transaction would take minutes on moto); the items come from
`storage.articles.index_item`, so they cannot drift from what processing writes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsflow.models import Article
from newsflow.services.ports import ArticleState, UrlRecord, VersionCommit
from newsflow.services.process_object import article_key
from newsflow.storage.articles import index_item
from newsflow.storage.items import dump_item


def announced_index_item(
    number: int,
    *,
    source: str,
    language: str,
    published: datetime,
    updated: datetime,
) -> dict[str, Any]:
    """Version 1 of fixture article `number`, announced, in DynamoDB's attribute-value form."""
    article_id = f"{number:032x}"
    url = f"https://news.example.com/story-{number}"
    article = Article.model_validate(
        {
            "article_id": article_id,
            "url": url,
            "final_url": url,
            "canonical_url": url,
            "source_id": source,
            "title": f"Story {number}",
            "language": language,
            "section": "World",
            "published_at": published,
            "content_hash": f"hash-{number}",
            "extractor_version": "fixture",
            "fetched_at": published,
            "outcome": {"kind": "article", "reason": "fixture"},
        }
    )
    commit = fixture_commit(article, source=source, number=number, updated=updated)
    return dump_item({**index_item(commit), "announced_version": 1})


def fixture_commit(
    article: Article,
    *,
    source: str,
    number: int,
    updated: datetime,
    previous: ArticleState | None = None,
    changed_fields: tuple[str, ...] = (),
) -> VersionCommit:
    """The commit processing would make for fixture article `number` of `source`: the next
    version after `previous`, its raw page at raw/<source>/<number>.html, updated at
    `updated`."""
    version = previous.version + 1 if previous else 1
    raw_key = f"raw/{source}/{number}.html"
    return VersionCommit(
        article=article,
        version=version,
        previous=previous,
        changed_fields=changed_fields,
        field_hashes={},
        article_key=article_key(article.article_id, version),
        raw_key=raw_key,
        url_record=UrlRecord(
            url=article.url,
            outcome="article",
            reason="",
            raw_key=raw_key,
            source_id=source,
            article_id=article.article_id,
            fetched_at=article.fetched_at,
            now=updated,
        ),
        lease_until=0,
        now=updated,
    )
