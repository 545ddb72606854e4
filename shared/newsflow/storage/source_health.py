"""DynamoDB adapter of source health: one item of atomic counters per source and UTC day
(`SOURCE#{id}` / `HEALTH#{yyyy-mm-dd}`) and one claim item per drift event
(`SOURCE#{id}` / `DRIFT#{yyyy-mm-dd}#{field}`), in the source's run-statistics partition
(keys in storage/table.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from newsflow.models.health import SourceDegraded
from newsflow.services.ports import DayCounts
from newsflow.storage.items import load_item
from newsflow.storage.table import (
    ITEM_ABSENT,
    SK,
    drift_range,
    drift_sk,
    health_day,
    health_sk,
    item_key,
    source_run_pk,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import QueryInputTypeDef

_MISSING = "missing:"


class DynamoHealthStore:
    """Counters by UpdateItem ADD (no read-modify-write), series and drift by one Query each."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def add(
        self, source_id: str, day: date, counters: Mapping[str, int], samples: Mapping[str, str]
    ) -> Mapping[str, int]:
        """One UpdateItem: ADD each counter, SET each sample slot; the counters after it."""
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        adds, sets = [], []
        for index, (name, amount) in enumerate(counters.items()):
            names[f"#c{index}"], values[f":c{index}"] = name, {"N": str(amount)}
            adds.append(f"#c{index} :c{index}")
        for index, (slot, article_id) in enumerate(samples.items()):
            names[f"#s{index}"], values[f":s{index}"] = slot, {"S": article_id}
            sets.append(f"#s{index} = :s{index}")
        expression = "ADD " + ", ".join(adds) + (" SET " + ", ".join(sets) if sets else "")
        response = self._client.update_item(
            TableName=self._table,
            Key=item_key(source_run_pk(source_id), health_sk(day)),
            UpdateExpression=expression,
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
            ReturnValues="UPDATED_NEW",
        )
        updated = response.get("Attributes", {})
        return {name: int(updated[name]["N"]) for name in counters if name in updated}

    def days(self, source_id: str, first: date, last: date) -> list[DayCounts]:
        """The stored days in [first, last], oldest first."""
        found = []
        for item in self._query(source_id, health_sk(first), health_sk(last)):
            counters: dict[str, int] = {}
            samples: dict[str, list[str]] = defaultdict(list)
            for name, value in item.items():
                if name.startswith(_MISSING) and isinstance(value, str):
                    samples[name.split(":")[1]].append(value)
                elif ":" in name or name in {"pages", "articles"}:
                    counters[name] = int(value)
            found.append(
                DayCounts(day=health_day(str(item[SK])), counters=counters, samples=dict(samples))
            )
        return found

    def claim_drift(self, event: SourceDegraded) -> bool:
        """PutItem if absent: the first writer of a source, field and day announces it."""
        try:
            self._client.put_item(
                TableName=self._table,
                Item={
                    **item_key(source_run_pk(event.source_id), drift_sk(event.day, event.field)),
                    "detail": {"S": event.model_dump_json()},
                },
                ConditionExpression=ITEM_ABSENT,
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def drift(self, source_id: str, first: date, last: date) -> list[SourceDegraded]:
        """The drift events of the days in [first, last], by day and field."""
        return [
            SourceDegraded.model_validate_json(str(item["detail"]))
            for item in self._query(source_id, *drift_range(first, last))
        ]

    def _query(self, source_id: str, lower: str, upper: str) -> Iterator[dict[str, Any]]:
        request: QueryInputTypeDef = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND sk BETWEEN :lower AND :upper",
            "ExpressionAttributeValues": {
                ":pk": {"S": source_run_pk(source_id)},
                ":lower": {"S": lower},
                ":upper": {"S": upper},
            },
        }
        while True:
            response = self._client.query(**request)
            for raw in response.get("Items", []):
                yield load_item(raw)
            last = response.get("LastEvaluatedKey")
            if not last:
                return
            request["ExclusiveStartKey"] = last
