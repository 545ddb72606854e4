"""DynamoDB adapter of processing: article index items, versions, page numbers and URL outcomes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeSerializer
from botocore.exceptions import ClientError

from newsflow.models import OutcomeKind
from newsflow.services.ports import ArticleState, UrlRecord, VersionCommit
from newsflow.storage.items import dump_item
from newsflow.storage.items import load_item as _load
from newsflow.storage.stories import story_transaction
from newsflow.storage.table import (
    ARTICLE_SK,
    ITEM_ABSENT,
    PAGE_COUNTER_PK,
    PAGE_SK,
    PK,
    SK,
    URL_OUTCOME_SK,
    article_pk,
    index_keys,
    item_key,
    legacy_stamp,
    page_pk,
    parse_stamp,
    stamp,
    url_pk,
    version_sk,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import PutTypeDef

# Reasons a transaction lost to another writer (as opposed to failing): re-read and decide again.
_LOST_RACE = frozenset({"ConditionalCheckFailed", "TransactionConflict"})
_NAME_TOKEN = re.compile(r"#\w+")
_serializer = TypeSerializer()


class DynamoArticleRepository:
    """Every read a GetItem; every write conditional where a race could double it."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def get_article(self, article_id: str) -> ArticleState | None:
        response = self._client.get_item(
            TableName=self._table,
            Key=item_key(article_pk(article_id), ARTICLE_SK),
            ConsistentRead=True,
        )
        item = response.get("Item")
        if item is None:
            return None
        data = _load(item)
        return ArticleState(
            article_id=data["article_id"],
            version=int(data["version"]),
            announced_version=int(data["announced_version"]),
            lease_until=int(data.get("lease_until", 0)),
            content_hash=data["content_hash"],
            field_hashes=data.get("field_hashes", {}),
            changed_fields=tuple(data.get("changed_fields", ())),
            fetched_at=parse_stamp(data["fetched_at"]),
            outcome=OutcomeKind(data["outcome"]),
            url=data["url"],
            raw_key=data["raw_key"],
            created_at=parse_stamp(data["created_at"]),
            story_id=data.get("story_id"),
            story_size=int(data["story_size"]) if "story_size" in data else None,
            story_similarity=float(data["story_similarity"])
            if "story_similarity" in data
            else None,
        )

    def page_sequence(self, raw_key: str) -> int:
        key = item_key(page_pk(raw_key), PAGE_SK)
        item = self._client.get_item(TableName=self._table, Key=key, ConsistentRead=True)
        if "Item" in item:
            return int(item["Item"]["page_sequence"]["N"])
        # A new page takes the next number; if another worker numbered it meanwhile, its
        # number stands (if_not_exists) and ours is skipped: gaps, never two numbers.
        counter = self._client.update_item(
            TableName=self._table,
            Key=item_key(PAGE_COUNTER_PK, PAGE_SK),
            UpdateExpression="ADD #n :one",
            ExpressionAttributeNames={"#n": "page_sequence"},
            ExpressionAttributeValues={":one": {"N": "1"}},
            ReturnValues="UPDATED_NEW",
        )
        taken = counter["Attributes"]["page_sequence"]["N"]
        numbered = self._client.update_item(
            TableName=self._table,
            Key=key,
            UpdateExpression="SET #n = if_not_exists(#n, :taken), #kind = :kind, #raw = :raw",
            ExpressionAttributeNames={"#n": "page_sequence", "#kind": "kind", "#raw": "raw_key"},
            ExpressionAttributeValues={
                ":taken": {"N": taken},
                ":kind": {"S": "page"},
                ":raw": {"S": raw_key},
            },
            ReturnValues="ALL_NEW",
        )
        return int(numbered["Attributes"]["page_sequence"]["N"])

    def commit_version(self, commit: VersionCommit) -> bool:
        article, previous = commit.article, commit.previous
        now = stamp(commit.now)
        index = index_item(commit)
        version_item = {
            PK: article_pk(article.article_id),
            SK: version_sk(commit.version),
            "kind": "version",
            "version": commit.version,
            "content_hash": article.content_hash,
            "changed_fields": list(commit.changed_fields),
            "article_key": commit.article_key,
            "raw_key": commit.raw_key,
            "extractor_version": article.extractor_version,
            "created_at": now,
        }
        index_put: PutTypeDef
        if previous is None:
            index_put = {
                "TableName": self._table,
                "Item": dump_item(index),
                "ConditionExpression": ITEM_ABSENT,
            }
        else:
            index_put = {
                "TableName": self._table,
                "Item": dump_item(index),
                "ConditionExpression": "#version = :previous",
                "ExpressionAttributeNames": {"#version": "version"},
                "ExpressionAttributeValues": {":previous": {"N": str(previous.version)}},
            }
        try:
            self._client.transact_write_items(
                TransactItems=[
                    {"Put": index_put},
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": dump_item(version_item),
                            "ConditionExpression": ITEM_ABSENT,
                        }
                    },
                    {"Put": {"TableName": self._table, "Item": _url_item(commit.url_record)}},
                    *(story_transaction(self._table, commit.story) if commit.story else ()),
                ]
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise
            reasons = {r.get("Code") for r in exc.response.get("CancellationReasons", [])}
            if reasons & _LOST_RACE:
                return False
            raise
        return True

    def claim_announcement(
        self, article_id: str, version: int, *, lease_until: int, now: int
    ) -> bool:
        return self._conditional_update(
            key=item_key(article_pk(article_id), ARTICLE_SK),
            update="SET #lease_until = :lease",
            condition=(
                "#version = :version AND #announced_version < :version"
                " AND (attribute_not_exists(#lease_until) OR #lease_until < :now)"
            ),
            values={":version": version, ":lease": lease_until, ":now": now},
        )

    def mark_announced(self, article_id: str, version: int) -> None:
        # Only while `version` is current: a newer writer owns the lease and marks its own.
        self._conditional_update(
            key=item_key(article_pk(article_id), ARTICLE_SK),
            update="SET #announced_version = :version REMOVE #lease_until",
            condition="#version = :version AND #announced_version < :version",
            values={":version": version},
        )

    def record_url(self, record: UrlRecord) -> None:
        self._client.put_item(TableName=self._table, Item=_url_item(record))

    def claim_rejection(self, record: UrlRecord, *, lease_until: int, now: int) -> bool:
        fields = {k: v for k, v in _load(_url_item(record)).items() if k not in {PK, SK}}
        assignments = ", ".join(f"#{name} = :{name}" for name in fields)
        return self._conditional_update(
            key=item_key(url_pk(record.url), URL_OUTCOME_SK),
            update=f"SET #lease_until = :lease, {assignments}",
            # A new outcome for the URL claims unless it comes from an older fetch; the same
            # one only if it was never announced and its writer's lease ran out. An older
            # item's fetched_at may be spelled to the second (storage/table.py, "Time").
            condition=(
                "attribute_not_exists(#pk) OR ((#fetched_at <= :fetched_at"
                " OR #fetched_at = :fetched_second) AND (#outcome <> :outcome"
                " OR ((attribute_not_exists(#announced_outcome) OR #announced_outcome <> :outcome)"
                " AND (attribute_not_exists(#lease_until) OR #lease_until < :now))))"
            ),
            values={
                ":lease": lease_until,
                ":now": now,
                ":fetched_second": legacy_stamp(record.fetched_at),
                **{f":{name}": value for name, value in fields.items()},
            },
        )

    def mark_rejection_announced(self, url: str, outcome: str) -> None:
        self._conditional_update(
            key=item_key(url_pk(url), URL_OUTCOME_SK),
            update="SET #announced_outcome = :outcome REMOVE #lease_until",
            condition="#outcome = :outcome",
            values={":outcome": outcome},
        )

    def _conditional_update(
        self, *, key: dict[str, Any], update: str, condition: str, values: Mapping[str, object]
    ) -> bool:
        """One UpdateItem; False when its condition does not hold. Every attribute is written
        as `#name` (DynamoDB reserves hundreds of words, among them names like `url`)."""
        names = {token: token[1:] for token in _NAME_TOKEN.findall(f"{update} {condition}")}
        try:
            self._client.update_item(
                TableName=self._table,
                Key=key,
                UpdateExpression=update,
                ConditionExpression=condition,
                ExpressionAttributeNames=names,
                ExpressionAttributeValues={k: _serializer.serialize(v) for k, v in values.items()},
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True


def index_item(commit: VersionCommit) -> dict[str, Any]:
    """The article index item a version commit writes, as plain values (`dump_item` for
    DynamoDB): the one definition of its layout, which fixtures reuse too."""
    article, previous = commit.article, commit.previous
    now = stamp(commit.now)
    return {
        PK: article_pk(article.article_id),
        SK: ARTICLE_SK,
        "kind": "article",
        "article_id": article.article_id,
        "version": commit.version,
        "announced_version": previous.announced_version if previous else 0,
        "lease_until": commit.lease_until,
        "content_hash": article.content_hash,
        "field_hashes": dict(commit.field_hashes),
        "changed_fields": list(commit.changed_fields),
        "article_key": commit.article_key,
        "raw_key": commit.raw_key,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "source_id": article.source_id,
        "site_name": article.site_name,
        "title": article.title,
        "language": article.language,
        "section": article.section,
        "published_at": stamp(article.published_at) if article.published_at else None,
        "fetched_at": stamp(article.fetched_at),
        "outcome": article.outcome.kind.value,
        "word_count": article.word_count,
        "extractor_version": article.extractor_version,
        "story_id": article.story_id,
        "story_size": article.story_size,
        "story_similarity": Decimal(f"{commit.story.similarity:.4f}") if commit.story else None,
        "tdm_reserved": article.rights.tdm_reservation,
        "created_at": stamp(previous.created_at) if previous else now,
        "updated_at": now,
        **index_keys(article, commit.now),
    }


def _url_item(record: UrlRecord) -> dict[str, Any]:
    return dump_item(
        {
            PK: url_pk(record.url),
            SK: URL_OUTCOME_SK,
            "kind": "url",
            "url": record.url,
            "outcome": record.outcome,
            "reason": record.reason,
            "raw_key": record.raw_key,
            "source_id": record.source_id,
            "article_id": record.article_id,
            "fetched_at": stamp(record.fetched_at),
            "updated_at": stamp(record.now),
        }
    )
