"""DynamoDB adapter of sources: configurations and per-source run statistics, in the one table.

Configurations share the partition `SOURCES` (sk `SOURCE#{id}`; keys in storage/table.py), so
listing them is one strongly consistent Query with no extra index, and a source written by an
administrator is listed at once; there are hundreds of sources, not millions, and they change
rarely. Run
statistics live apart in `SOURCE#{id}` / `RUN`, written by every run, so the scraping side's
frequent writes never contend with configuration edits or share a partition.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeSerializer
from botocore.exceptions import ClientError

from newsflow.models import Source
from newsflow.models.api import SourceRun
from newsflow.services.ports import SourceRunStats, StoredSource
from newsflow.storage.items import load_item as _load
from newsflow.storage.table import (
    ITEM_ABSENT,
    ITEM_PRESENT,
    RUN_SK,
    SOURCES_PK,
    item_key,
    parse_stamp,
    source_run_pk,
    source_sk,
    stamp,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import QueryInputTypeDef

_TOTAL_PREFIX = "total:"
_serializer = TypeSerializer()


class DynamoSourceRepository:
    """Source configurations and run statistics; every call one GetItem, Query or write."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def put(
        self, source: Source, *, now: datetime, create_only: bool
    ) -> tuple[StoredSource, bool] | None:
        written = stamp(now)
        request: dict[str, Any] = {
            "TableName": self._table,
            "Key": _config_key(source.id),
            # created_at survives a replace; the old item comes back to tell create from replace.
            "UpdateExpression": (
                "SET #kind = :kind, #source_id = :id, #config = :config, #enabled = :enabled,"
                " #updated_at = :now, #created_at = if_not_exists(#created_at, :now)"
            ),
            "ExpressionAttributeNames": {
                "#kind": "kind",
                "#source_id": "source_id",
                "#config": "config",
                "#enabled": "enabled",
                "#updated_at": "updated_at",
                "#created_at": "created_at",
            },
            "ExpressionAttributeValues": {
                ":kind": {"S": "source"},
                ":id": {"S": source.id},
                ":config": {"S": source.model_dump_json()},
                ":enabled": {"BOOL": source.enabled},
                ":now": {"S": written},
            },
            "ReturnValues": "ALL_OLD",
        }
        if create_only:
            request["ConditionExpression"] = ITEM_ABSENT
        try:
            response = self._client.update_item(**request)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return None
            raise
        old = response.get("Attributes")
        created_at = parse_stamp(_load(old)["created_at"]) if old else parse_stamp(written)
        return StoredSource(source, created_at, parse_stamp(written)), not old

    def get(self, source_id: str) -> StoredSource | None:
        response = self._client.get_item(
            TableName=self._table, Key=_config_key(source_id), ConsistentRead=True
        )
        item = response.get("Item")
        return None if item is None else _stored(_load(item))

    def list_page(self, *, after: str | None, limit: int) -> tuple[list[StoredSource], bool]:
        # One item more than asked tells whether another page exists without a second call.
        request: QueryInputTypeDef = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
            "ExpressionAttributeValues": {
                ":pk": {"S": SOURCES_PK},
                ":prefix": {"S": source_sk("")},
            },
            "ConsistentRead": True,
            "Limit": limit + 1,
        }
        if after is not None:
            request["ExclusiveStartKey"] = _config_key(after)
        response = self._client.query(**request)
        stored = [_stored(_load(item)) for item in response.get("Items", [])]
        return stored[:limit], len(stored) > limit

    def delete(self, source_id: str) -> bool:
        try:
            self._client.transact_write_items(
                TransactItems=[
                    {
                        "Delete": {
                            "TableName": self._table,
                            "Key": _config_key(source_id),
                            "ConditionExpression": ITEM_PRESENT,
                        }
                    },
                    {"Delete": {"TableName": self._table, "Key": _run_key(source_id)}},
                ]
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise
            reasons = [r.get("Code") for r in exc.response.get("CancellationReasons", [])]
            if reasons and reasons[0] == "ConditionalCheckFailed":
                return False
            raise
        return True

    def get_run_stats(self, source_id: str) -> SourceRunStats | None:
        response = self._client.get_item(TableName=self._table, Key=_run_key(source_id))
        item = response.get("Item")
        if item is None:
            return None
        data = _load(item)
        last_run = None
        if "last_run_started_at" in data:
            last_run = SourceRun(
                started_at=parse_stamp(data["last_run_started_at"]),
                finished_at=parse_stamp(data["last_run_finished_at"]),
                counts={k: int(v) for k, v in data.get("last_run_counts", {}).items()},
            )
        totals = {
            name.removeprefix(_TOTAL_PREFIX): int(value)
            for name, value in data.items()
            if name.startswith(_TOTAL_PREFIX)
        }
        return SourceRunStats(last_run=last_run, totals=totals)

    def record_run(
        self,
        source_id: str,
        *,
        started_at: datetime,
        finished_at: datetime,
        counts: Mapping[str, int],
    ) -> None:
        # Totals are top-level counters: ADD creates a missing one, while a nested map path
        # would need the map to exist first (and SET plus ADD on one path is refused).
        names = {
            "#started": "last_run_started_at",
            "#finished": "last_run_finished_at",
            "#counts": "last_run_counts",
        }
        values: dict[str, Any] = {
            ":started": {"S": stamp(started_at)},
            ":finished": {"S": stamp(finished_at)},
            ":counts": _serializer.serialize(dict(counts)),
        }
        additions = []
        for number, (outcome, count) in enumerate(sorted(counts.items())):
            names[f"#t{number}"] = f"{_TOTAL_PREFIX}{outcome}"
            values[f":t{number}"] = {"N": str(int(count))}
            additions.append(f"#t{number} :t{number}")
        update = "SET #started = :started, #finished = :finished, #counts = :counts"
        if additions:
            update += " ADD " + ", ".join(additions)
        self._client.update_item(
            TableName=self._table,
            Key=_run_key(source_id),
            UpdateExpression=update,
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
        )


def _config_key(source_id: str) -> dict[str, Any]:
    return item_key(SOURCES_PK, source_sk(source_id))


def _run_key(source_id: str) -> dict[str, Any]:
    return item_key(source_run_pk(source_id), RUN_SK)


def _stored(data: Mapping[str, Any]) -> StoredSource:
    return StoredSource(
        # Stored before a field was retired (extraction), a source still loads.
        source=Source.model_validate_json(data["config"], extra="ignore"),
        created_at=parse_stamp(data["created_at"]),
        updated_at=parse_stamp(data["updated_at"]),
    )
