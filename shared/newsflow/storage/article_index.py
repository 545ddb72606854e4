"""DynamoDB reads of the article index for the Query API: one GetItem or one Query per call."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeDeserializer

from newsflow.services.query import (
    Facet,
    IndexEntry,
    IndexRecord,
    IndexSlice,
    InvalidRequestError,
    PartitionFamily,
    Position,
    VersionRecord,
)
from newsflow.storage.articles import ARTICLE_SK, article_pk, partitions_pk, version_sk

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import QueryInputTypeDef

# index name, its partition attribute, the partition value's prefix (as index_keys writes it)
_PUBLISHED_INDEXES: dict[Facet, tuple[str, str, str]] = {
    Facet.SOURCE: ("BySource", "source_pk", "SOURCE#"),
    Facet.LANGUAGE: ("ByLanguage", "language_pk", "LANG#"),
    Facet.SECTION: ("BySection", "section_pk", "SECTION#"),
    Facet.MONTH: ("ByMonth", "month_pk", "MONTH#"),
    Facet.STORY: ("ByStory", "story_pk", "STORY#"),
}
_UPDATED_INDEX = ("ByUpdatedDay", "updated_pk", "UPDATED#")
# After every "{time}Z#{id}" of the same second ('$' sorts right after '#').
_AFTER_SECOND = "$"
_VERSION_PREFIX = "VERSION#"
_deserializer = TypeDeserializer()


class DynamoArticleIndex:
    """The index items' GSIs (see docs/architecture.md, "Table"); never a Scan."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def list_published(
        self,
        facet: Facet,
        value: str,
        *,
        lower: datetime | None,
        upper: datetime | None,
        after: Position | None,
        limit: int,
    ) -> IndexSlice:
        index, partition, prefix = _PUBLISHED_INDEXES[facet]
        condition = "#p = :p"
        values: dict[str, Any] = {":p": {"S": f"{prefix}{value}"}}
        names = {"#p": partition}
        if lower is not None or upper is not None:
            names["#s"] = "published_sk"  # DynamoDB refuses names an expression leaves unused
        if lower is not None and upper is not None:
            condition += " AND #s BETWEEN :lo AND :hi"
            values[":lo"] = {"S": _stamp(lower)}
            values[":hi"] = {"S": _stamp(upper) + _AFTER_SECOND}
        elif lower is not None:
            condition += " AND #s >= :lo"
            values[":lo"] = {"S": _stamp(lower)}
        elif upper is not None:
            condition += " AND #s <= :hi"
            values[":hi"] = {"S": _stamp(upper) + _AFTER_SECOND}
        request: QueryInputTypeDef = {
            "TableName": self._table,
            "IndexName": index,
            "KeyConditionExpression": condition,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values,
            "ScanIndexForward": False,
            "Limit": limit,
        }
        return self._query(request, (partition, "published_sk"), after)

    def list_updated(
        self, day: date, *, since: datetime, after: Position | None, limit: int
    ) -> IndexSlice:
        index, partition, prefix = _UPDATED_INDEX
        request: QueryInputTypeDef = {
            "TableName": self._table,
            "IndexName": index,
            "KeyConditionExpression": "#p = :p AND #s >= :since",
            "ExpressionAttributeNames": {"#p": partition, "#s": "updated_sk"},
            "ExpressionAttributeValues": {
                ":p": {"S": f"{prefix}{day.isoformat()}"},
                ":since": {"S": _stamp(since)},
            },
            "ScanIndexForward": True,
            "Limit": limit,
        }
        return self._query(request, (partition, "updated_sk"), after)

    def list_partitions(
        self, family: PartitionFamily, *, start: str, stop: str, limit: int
    ) -> list[str]:
        descending = start > stop
        low, high = (stop, start) if descending else (start, stop)
        response = self._client.query(
            TableName=self._table,
            KeyConditionExpression="pk = :pk AND sk BETWEEN :lo AND :hi",
            ExpressionAttributeValues={
                ":pk": {"S": partitions_pk(family.value)},
                ":lo": {"S": low},
                ":hi": {"S": high},
            },
            ScanIndexForward=not descending,
            Limit=limit,
        )
        return [item["sk"]["S"] for item in response.get("Items", [])]

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

    def _query(
        self, request: QueryInputTypeDef, gsi_keys: tuple[str, str], after: Position | None
    ) -> IndexSlice:
        key_names = ("pk", "sk", *gsi_keys)
        if after is not None:
            if set(after) != set(key_names):
                raise InvalidRequestError("cursor is not a cursor this API issued")
            request["ExclusiveStartKey"] = {name: {"S": after[name]} for name in key_names}
        response = self._client.query(**request)
        entries = []
        for item in response.get("Items", []):
            data = _load(item)
            position = {name: str(data[name]) for name in key_names}
            entries.append(IndexEntry(record=_record(data), position=position))
        return IndexSlice(entries=entries, more="LastEvaluatedKey" in response)


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


def _stamp(moment: datetime) -> str:
    """The sort keys' time format (`_iso` in storage.articles), zero-padded for any year."""
    moment = moment.astimezone(UTC)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )
