"""DynamoDB reads of the article index for the Query API: one GetItem or one Query per call."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeDeserializer

from newsflow.services.ports import Facet, IndexEntry, IndexRecord, IndexSlice, VersionRecord
from newsflow.storage.articles import ARTICLE_SK, LISTING_SHARDS, article_pk, version_sk
from newsflow.storage.items import iso as _stamp

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import QueryInputTypeDef

# index name, its partition attribute, the partition value's prefix (as index_keys writes it)
_PUBLISHED_INDEXES: dict[Facet, tuple[str, str, str]] = {
    Facet.ALL: ("ByPublished", "published_pk", "PUBLISHED#"),
    Facet.SOURCE: ("BySource", "source_pk", "SOURCE#"),
    Facet.LANGUAGE: ("ByLanguage", "language_pk", "LANG#"),
    Facet.SECTION: ("BySection", "section_pk", "SECTION#"),
    Facet.STORY: ("ByStory", "story_pk", "STORY#"),
}
_UPDATED_INDEX = ("ByUpdated", "updated_pk", "UPDATED#")
_SHARDED = frozenset({Facet.ALL, Facet.UPDATED})
# After every "{time}Z#{id}" of the same second ('$' sorts right after '#').
_AFTER_SECOND = "$"
# The lowest dated sort key: undated ones start with "!", which sorts before every digit.
_FIRST_DATED = "0"
# Sort keys are ASCII from "!" to "f": " " sorts before and "~" after every character they use.
_JUST_ABOVE = " "
_VERSION_PREFIX = "VERSION#"
_deserializer = TypeDeserializer()


class DynamoArticleIndex:
    """The index items' GSIs (see docs/architecture.md, "Table"); never a Scan."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def partitions(self, facet: Facet, value: str) -> tuple[str, ...]:
        if facet in _SHARDED:
            return tuple(str(shard) for shard in range(LISTING_SHARDS))
        return (value,)

    def list_published(
        self,
        facet: Facet,
        partition: str,
        *,
        lower: datetime | None,
        upper: datetime | None,
        undated: bool,
        after: str | None,
        limit: int,
    ) -> IndexSlice:
        index, attribute, prefix = _PUBLISHED_INDEXES[facet]
        low = _stamp(lower) if lower is not None else (None if undated else _FIRST_DATED)
        high = _stamp(upper) + _AFTER_SECOND if upper is not None else None
        if after is not None:  # newest first: strictly below the last key read
            below = _just_below(after)
            high = below if high is None else min(high, below)
        partition_key = (attribute, f"{prefix}{partition}")
        request = self._request(index, partition_key, (low, high), forward=False, limit=limit)
        return self._query(request, "published_sk")

    def list_updated(
        self, partition: str, *, since: datetime, after: str | None, limit: int
    ) -> IndexSlice:
        index, attribute, prefix = _UPDATED_INDEX
        low = _stamp(since)
        if after is not None:  # oldest first: strictly above the last key read
            low = max(low, after + _JUST_ABOVE)
        partition_key = (attribute, f"{prefix}{partition}")
        request = self._request(index, partition_key, (low, None), forward=True, limit=limit)
        return self._query(request, "updated_sk")

    def get_index(self, article_id: str) -> IndexRecord | None:
        response = self._client.get_item(
            TableName=self._table,
            Key={"pk": {"S": article_pk(article_id)}, "sk": {"S": ARTICLE_SK}},
        )
        item = response.get("Item")
        return None if item is None else _record(_load(item))

    def get_version(self, article_id: str, version: int) -> VersionRecord | None:
        response = self._client.get_item(
            TableName=self._table,
            Key={"pk": {"S": article_pk(article_id)}, "sk": {"S": version_sk(version)}},
        )
        item = response.get("Item")
        return None if item is None else _version(_load(item))

    def list_versions(
        self, article_id: str, *, after: int, limit: int
    ) -> tuple[list[VersionRecord], bool]:
        # One item more than asked tells whether another page exists without a second call.
        response = self._client.query(
            TableName=self._table,
            KeyConditionExpression="pk = :pk AND sk BETWEEN :lo AND :hi",
            ExpressionAttributeValues={
                ":pk": {"S": article_pk(article_id)},
                ":lo": {"S": version_sk(after + 1)},
                ":hi": {"S": f"{_VERSION_PREFIX}{'9' * 6}"},
            },
            Limit=limit + 1,
        )
        versions = [_version(_load(item)) for item in response.get("Items", [])]
        return versions[:limit], len(versions) > limit

    def _request(
        self,
        index: str,
        partition: tuple[str, str],
        bounds: tuple[str | None, str | None],
        *,
        forward: bool,
        limit: int,
    ) -> QueryInputTypeDef:
        """A Query of one partition (attribute, value) of `index`, its sort key within
        bounds (low, high), both inclusive, either open (None)."""
        attribute, value = partition
        low, high = bounds
        condition = "#p = :p"
        values: dict[str, Any] = {":p": {"S": value}}
        if low is not None and high is not None:
            condition += " AND #s BETWEEN :lo AND :hi"
        elif low is not None:
            condition += " AND #s >= :lo"
        elif high is not None:
            condition += " AND #s <= :hi"
        for name, bound in ((":lo", low), (":hi", high)):
            if bound is not None:
                values[name] = {"S": bound}
        return {
            "TableName": self._table,
            "IndexName": index,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": {"#p": attribute},
            "ExpressionAttributeValues": values,
            "ScanIndexForward": forward,
            "Limit": limit,
        }

    def _query(self, request: QueryInputTypeDef, sort_key: str) -> IndexSlice:
        if "#s" in request["KeyConditionExpression"]:  # DynamoDB refuses unused names
            request["ExpressionAttributeNames"] = {
                **request["ExpressionAttributeNames"],
                "#s": sort_key,
            }
        response = self._client.query(**request)
        entries = []
        for item in response.get("Items", []):
            data = _load(item)
            entries.append(IndexEntry(record=_record(data), key=str(data[sort_key])))
        return IndexSlice(entries=entries, more="LastEvaluatedKey" in response)


def _just_below(key: str) -> str:
    """The greatest text below `key` a sort key can equal: its last character one lower,
    then "~" (so `<= _just_below(k)` means `< k` among sort keys)."""
    return f"{key[:-1]}{chr(ord(key[-1]) - 1)}~"


def _record(data: Mapping[str, Any]) -> IndexRecord:
    published = data.get("published_at")
    return IndexRecord(
        article_id=data["article_id"],
        version=int(data["version"]),
        announced_version=int(data.get("announced_version", 0)),
        url=data["url"],
        updated_at=_parse(data["updated_at"]),
        title=data.get("title"),
        canonical_url=data.get("canonical_url"),
        source_id=data.get("source_id"),
        published_at=_parse(published) if published else None,
        language=data.get("language"),
        section=data.get("section"),
        changed_fields=tuple(data.get("changed_fields", ())),
        tdm_reserved=data.get("tdm_reserved"),
    )


def _version(data: Mapping[str, Any]) -> VersionRecord:
    return VersionRecord(
        version=int(data["version"]),
        changed_fields=tuple(data.get("changed_fields", ())),
        content_hash=data["content_hash"],
        article_key=data["article_key"],
        created_at=_parse(data["created_at"]),
        extractor_version=data.get("extractor_version"),
    )


def _load(item: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _deserializer.deserialize(value) for name, value in item.items()}


def _parse(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
