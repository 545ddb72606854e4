"""DynamoDB reads of the article index for the Query API: one GetItem or one Query per call."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsflow.services.ports import Facet, IndexEntry, IndexRecord, IndexSlice, VersionRecord
from newsflow.storage.items import load_item as _load
from newsflow.storage.table import (
    ARTICLE_SK,
    BY_LANGUAGE,
    BY_PUBLISHED,
    BY_SECTION,
    BY_SOURCE,
    BY_STORY,
    BY_UPDATED,
    FIRST_DATED,
    LAST_VERSION_SK,
    LISTING_SHARDS,
    Gsi,
    article_pk,
    is_listing_key,
    item_key,
    just_above,
    just_below,
    parse_stamp,
    time_range_end,
    time_range_start,
    version_sk,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import QueryInputTypeDef

_PUBLISHED_INDEXES: dict[Facet, Gsi] = {
    Facet.ALL: BY_PUBLISHED,
    Facet.SOURCE: BY_SOURCE,
    Facet.LANGUAGE: BY_LANGUAGE,
    Facet.SECTION: BY_SECTION,
    Facet.STORY: BY_STORY,
}
_SHARDED = frozenset({Facet.ALL, Facet.UPDATED})


class DynamoArticleIndex:
    """The index items' GSIs (see docs/architecture.md, "Table"); never a Scan."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def partitions(self, facet: Facet, value: str) -> tuple[str, ...]:
        if facet in _SHARDED:
            return tuple(str(shard) for shard in range(LISTING_SHARDS))
        return (value,)

    def is_sort_key(self, key: str) -> bool:
        return is_listing_key(key)

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
        index = _PUBLISHED_INDEXES[facet]
        low = time_range_start(lower) if lower is not None else (None if undated else FIRST_DATED)
        high = time_range_end(upper) if upper is not None else None
        if after is not None:  # newest first: strictly below the last key read
            below = just_below(after)
            high = below if high is None else min(high, below)
        request = self._request(index, partition, (low, high), forward=False, limit=limit)
        return self._query(request, index.sort)

    def list_updated(
        self, partition: str, *, since: datetime, after: str | None, limit: int
    ) -> IndexSlice:
        low = time_range_start(since)
        if after is not None:  # oldest first: strictly above the last key read
            low = max(low, just_above(after))
        request = self._request(BY_UPDATED, partition, (low, None), forward=True, limit=limit)
        return self._query(request, BY_UPDATED.sort)

    def get_index(self, article_id: str) -> IndexRecord | None:
        response = self._client.get_item(
            TableName=self._table,
            Key=item_key(article_pk(article_id), ARTICLE_SK),
        )
        item = response.get("Item")
        return None if item is None else _record(_load(item))

    def get_version(self, article_id: str, version: int) -> VersionRecord | None:
        response = self._client.get_item(
            TableName=self._table,
            Key=item_key(article_pk(article_id), version_sk(version)),
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
                ":hi": {"S": LAST_VERSION_SK},
            },
            Limit=limit + 1,
        )
        versions = [_version(_load(item)) for item in response.get("Items", [])]
        return versions[:limit], len(versions) > limit

    def _request(
        self,
        index: Gsi,
        partition: str,
        bounds: tuple[str | None, str | None],
        *,
        forward: bool,
        limit: int,
    ) -> QueryInputTypeDef:
        """A Query of one partition of `index` (a shard or facet value), its sort key within
        bounds (low, high), both inclusive, either open (None)."""
        low, high = bounds
        condition = "#p = :p"
        values: dict[str, Any] = {":p": {"S": index.partition_value(partition)}}
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
            "IndexName": index.name,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": {"#p": index.partition},
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


def _record(data: Mapping[str, Any]) -> IndexRecord:
    published = data.get("published_at")
    return IndexRecord(
        article_id=data["article_id"],
        version=int(data["version"]),
        announced_version=int(data.get("announced_version", 0)),
        url=data["url"],
        updated_at=parse_stamp(data["updated_at"]),
        title=data.get("title"),
        canonical_url=data.get("canonical_url"),
        source_id=data.get("source_id"),
        published_at=parse_stamp(published) if published else None,
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
        created_at=parse_stamp(data["created_at"]),
        extractor_version=data.get("extractor_version"),
    )
