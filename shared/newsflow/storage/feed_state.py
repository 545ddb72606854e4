"""DynamoDB state of a source's feeds and sitemaps (validators for conditional GETs) and of
the discovery schedule (when each source is next due)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from newsflow.services.ports import DocumentState
from newsflow.storage.items import dump_item as _dump
from newsflow.storage.items import load_item as _load
from newsflow.storage.table import (
    DOCUMENT_PREFIX,
    PK,
    SCHEDULE_PK,
    SK,
    document_sk,
    item_key,
    parse_stamp,
    source_run_pk,
    source_sk,
    stamp,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import QueryInputTypeDef


class DynamoDocumentStates:
    """Items `SOURCE#{id}` / `DOC#{hash}`: next to the source's run item, one Query loads all."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def load(self, source_id: str) -> dict[str, DocumentState]:
        request: QueryInputTypeDef = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
            "ExpressionAttributeValues": {
                ":pk": {"S": source_run_pk(source_id)},
                ":prefix": {"S": DOCUMENT_PREFIX},
            },
        }
        states = {}
        for item in _query(self._client, request):
            data = _load(item)
            states[data["url"]] = DocumentState(
                url=data["url"],
                etag=data.get("etag"),
                last_modified=data.get("last_modified"),
                checked_at=parse_stamp(data["checked_at"]),
            )
        return states

    def save(self, source_id: str, state: DocumentState) -> None:
        self._client.put_item(
            TableName=self._table,
            Item=_dump(
                {
                    PK: source_run_pk(source_id),
                    SK: document_sk(state.url),
                    "kind": "document_state",
                    "url": state.url,
                    "etag": state.etag,
                    "last_modified": state.last_modified,
                    "checked_at": stamp(state.checked_at),
                }
            ),
        )


class DynamoDiscoverSchedule:
    """Items `DISCOVER_SCHEDULE` / `SOURCE#{id}` with `next_due` (epoch seconds). The schedule
    is one partition; each source writes it once a run (at most once a minute), far below a
    partition's limits."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def next_due(self) -> dict[str, datetime]:
        request: QueryInputTypeDef = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": {"S": SCHEDULE_PK}},
            "ConsistentRead": True,
        }
        return {
            data["source_id"]: datetime.fromtimestamp(float(data["next_due"]), tz=UTC)
            for data in (_load(item) for item in _query(self._client, request))
        }

    def claim(self, source_id: str, *, now: datetime, next_due: datetime) -> bool:
        try:
            self._client.update_item(
                TableName=self._table,
                Key=item_key(SCHEDULE_PK, source_sk(source_id)),
                UpdateExpression="SET #source_id = :id, #next_due = :next, #dispatched_at = :now",
                # Overlapping or retried ticks dispatch a source once per interval.
                ConditionExpression="attribute_not_exists(#next_due) OR #next_due <= :now",
                ExpressionAttributeNames={
                    "#source_id": "source_id",
                    "#next_due": "next_due",
                    "#dispatched_at": "dispatched_at",
                },
                ExpressionAttributeValues={
                    ":id": {"S": source_id},
                    ":next": {"N": str(int(next_due.timestamp()))},
                    ":now": {"N": str(int(now.timestamp()))},
                },
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True


def _query(client: DynamoDBClient, request: QueryInputTypeDef) -> Iterator[Mapping[str, Any]]:
    while True:
        response = client.query(**request)
        yield from response.get("Items", [])
        last = response.get("LastEvaluatedKey")
        if not last:
            return
        request["ExclusiveStartKey"] = last
