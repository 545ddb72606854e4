"""DynamoDB cache of TDMRep files (the fetch client's TdmrepCache), beside the robots records."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from newsflow.fetch.tdmrep import TdmrepRecord
from newsflow.storage.table import TDMREP_SK, item_key, tdmrep_pk

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

# As robots records: kept a while past expiry (the client reads and replaces an expired one).
_KEEP_AFTER_EXPIRY = timedelta(days=7)


class DynamoTdmrepCache:
    """One item an origin, the record as JSON (at most MAX_RULES short rules: well under the
    400 KB item limit); fresh records are also kept in this process."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table
        self._local: dict[str, TdmrepRecord] = {}

    def get(self, origin: str) -> TdmrepRecord | None:
        """The stored record, expired or not (the client checks `expires_at`)."""
        record = self._local.get(origin)
        if record is not None:
            return record
        response = self._client.get_item(
            TableName=self._table,
            Key=item_key(tdmrep_pk(origin), TDMREP_SK),
        )
        item = response.get("Item")
        if item is None:
            return None
        record = TdmrepRecord.model_validate_json(item["record"]["S"])
        self._local[origin] = record
        return record

    def put(self, record: TdmrepRecord) -> None:
        """Store (replace) the origin's record; TTL deletes it a week after it expires."""
        self._client.put_item(
            TableName=self._table,
            Item={
                **item_key(tdmrep_pk(record.origin), TDMREP_SK),
                "kind": {"S": "tdmrep"},
                "record": {"S": record.model_dump_json()},
                "outcome": {"S": record.outcome.value},
                "ttl": {"N": str(int((record.expires_at + _KEEP_AFTER_EXPIRY).timestamp()))},
            },
        )
        self._local[record.origin] = record
