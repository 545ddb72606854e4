"""DynamoDB adapter: the single table of article index items, versions and the URL registry."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeSerializer
from botocore.exceptions import ClientError

from newsflow.models import Article, OutcomeKind
from newsflow.services.ports import ArticleState, UrlRecord, VersionCommit
from newsflow.storage.items import dump_item
from newsflow.storage.items import iso as _iso
from newsflow.storage.items import load_item as _load
from newsflow.storage.stories import story_pk, story_transaction
from newsflow.urls import article_id_for, normalize_url

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import PutTypeDef

ARTICLE_SK = "ARTICLE"
URL_SK = "URL"
PAGE_SK = "PAGE"
PAGE_COUNTER_PK = "COUNTER#PAGES"  # the last page sequence number given
# Reasons a transaction lost to another writer (as opposed to failing): re-read and decide again.
_LOST_RACE = frozenset({"ConditionalCheckFailed", "TransactionConflict"})
_NAME_TOKEN = re.compile(r"#\w+")
_serializer = TypeSerializer()


def article_pk(article_id: str) -> str:
    """Partition of an article: its index item and one item per version."""
    return f"ARTICLE#{article_id}"


def version_sk(version: int) -> str:
    """Zero-padded so a Query returns versions in order."""
    return f"VERSION#{version:06d}"


def page_pk(raw_key: str) -> str:
    """Partition of a stored page's sequence number (hashed: keys can outgrow a key)."""
    return f"PAGE#{hashlib.sha256(raw_key.encode('utf-8')).hexdigest()[:32]}"


def url_pk(url: str) -> str:
    """Partition of a URL registry item (hashed: URLs can outgrow a key)."""
    return f"URL#{article_id_for(normalize_url(url))}"


# Shards of the ByPublished and ByUpdated indexes: a page reads all of them side by side (one
# Query each), so this bounds a page's Queries; four spread a burst of writes (reprocessing)
# over four partitions' write throughput (1,000 WCU/s each on DynamoDB).
LISTING_SHARDS = 4
# Sort key prefix of an article without a date: "!" sorts before every digit, so newest
# first it lists after every dated article (docs/architecture.md, "Table").
UNDATED = "!"


def listing_shard(article_id: str) -> int:
    """The ByPublished/ByUpdated shard of an article: stable, spread evenly by a CRC-32."""
    return zlib.crc32(article_id.encode("utf-8")) % LISTING_SHARDS


def listed_key(article: Article) -> str:
    """The sort key of an article in every time-ordered listing: its best known time, the
    published date, else the modified date (it was published no later), else none: then
    "!" and the fetch time, which sorts after every dated article."""
    known = article.published_at or article.modified_at
    if known is None:
        return f"{UNDATED}{_iso(article.fetched_at)}#{article.article_id}"
    return f"{_iso(known)}#{article.article_id}"


def index_keys(article: Article, updated_at: datetime) -> dict[str, str]:
    """The GSI keys of an article index item; absent facets leave the item out of that GSI."""
    shard = listing_shard(article.article_id)
    keys = {
        "published_pk": f"PUBLISHED#{shard}",
        "published_sk": listed_key(article),
        "updated_pk": f"UPDATED#{shard}",
        "updated_sk": f"{_iso(updated_at)}#{article.article_id}",
    }
    if article.source_id:
        keys["source_pk"] = f"SOURCE#{article.source_id}"
    if article.language:
        keys["language_pk"] = f"LANG#{article.language}"
    if article.section:
        keys["section_pk"] = f"SECTION#{article.section.casefold()}"
    if article.story_id:
        keys["story_pk"] = story_pk(article.story_id)
    return keys


class DynamoArticleRepository:
    """Every read a GetItem; every write conditional where a race could double it."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def get_article(self, article_id: str) -> ArticleState | None:
        response = self._client.get_item(
            TableName=self._table,
            Key=_key(article_pk(article_id), ARTICLE_SK),
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
            fetched_at=datetime.fromisoformat(data["fetched_at"]),
            outcome=OutcomeKind(data["outcome"]),
            url=data["url"],
            raw_key=data["raw_key"],
            created_at=datetime.fromisoformat(data["created_at"]),
            story_id=data.get("story_id"),
            story_size=int(data["story_size"]) if "story_size" in data else None,
            story_similarity=float(data["story_similarity"])
            if "story_similarity" in data
            else None,
        )

    def page_sequence(self, raw_key: str) -> int:
        key = _key(page_pk(raw_key), PAGE_SK)
        item = self._client.get_item(TableName=self._table, Key=key, ConsistentRead=True)
        if "Item" in item:
            return int(item["Item"]["page_sequence"]["N"])
        # A new page takes the next number; if another worker numbered it meanwhile, its
        # number stands (if_not_exists) and ours is skipped: gaps, never two numbers.
        counter = self._client.update_item(
            TableName=self._table,
            Key=_key(PAGE_COUNTER_PK, PAGE_SK),
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
        now = _iso(commit.now)
        index = index_item(commit)
        version_item = {
            "pk": article_pk(article.article_id),
            "sk": version_sk(commit.version),
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
                "ConditionExpression": "attribute_not_exists(pk)",
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
                            "ConditionExpression": "attribute_not_exists(pk)",
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
            key=_key(article_pk(article_id), ARTICLE_SK),
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
            key=_key(article_pk(article_id), ARTICLE_SK),
            update="SET #announced_version = :version REMOVE #lease_until",
            condition="#version = :version AND #announced_version < :version",
            values={":version": version},
        )

    def record_url(self, record: UrlRecord) -> None:
        self._client.put_item(TableName=self._table, Item=_url_item(record))

    def claim_rejection(self, record: UrlRecord, *, lease_until: int, now: int) -> bool:
        fields = {k: v for k, v in _load(_url_item(record)).items() if k not in {"pk", "sk"}}
        assignments = ", ".join(f"#{name} = :{name}" for name in fields)
        return self._conditional_update(
            key=_key(url_pk(record.url), URL_SK),
            update=f"SET #lease_until = :lease, {assignments}",
            # A new outcome for the URL claims unless it comes from an older fetch; the same
            # one only if it was never announced and its writer's lease ran out.
            condition=(
                "attribute_not_exists(#pk) OR (#fetched_at <= :fetched_at AND (#outcome <> :outcome"
                " OR ((attribute_not_exists(#announced_outcome) OR #announced_outcome <> :outcome)"
                " AND (attribute_not_exists(#lease_until) OR #lease_until < :now))))"
            ),
            values={
                ":lease": lease_until,
                ":now": now,
                **{f":{name}": value for name, value in fields.items()},
            },
        )

    def mark_rejection_announced(self, url: str, outcome: str) -> None:
        self._conditional_update(
            key=_key(url_pk(url), URL_SK),
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
    now = _iso(commit.now)
    return {
        "pk": article_pk(article.article_id),
        "sk": ARTICLE_SK,
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
        "published_at": _iso(article.published_at) if article.published_at else None,
        "fetched_at": article.fetched_at.isoformat(),
        "outcome": article.outcome.kind.value,
        "word_count": article.word_count,
        "extractor_version": article.extractor_version,
        "story_id": article.story_id,
        "story_size": article.story_size,
        "story_similarity": Decimal(f"{commit.story.similarity:.4f}") if commit.story else None,
        "tdm_reserved": article.rights.tdm_reservation,
        "created_at": _iso(previous.created_at) if previous else now,
        "updated_at": now,
        **index_keys(article, commit.now),
    }


def _url_item(record: UrlRecord) -> dict[str, Any]:
    return dump_item(
        {
            "pk": url_pk(record.url),
            "sk": URL_SK,
            "kind": "url",
            "url": record.url,
            "outcome": record.outcome,
            "reason": record.reason,
            "raw_key": record.raw_key,
            "source_id": record.source_id,
            "article_id": record.article_id,
            "fetched_at": _iso(record.fetched_at),
            "updated_at": _iso(record.now),
        }
    )


def _key(pk: str, sk: str) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
