"""DynamoDB cache of TDMRep files (the fetch client's TdmrepCache), beside the robots records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsflow.fetch.tdmrep import TdmrepRecord
from newsflow.storage.origin_cache import DynamoOriginCache
from newsflow.storage.table import TDMREP_SK, tdmrep_pk

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


class DynamoTdmrepCache(DynamoOriginCache[TdmrepRecord]):
    """One item an origin, the record as JSON (at most MAX_RULES short rules: well under the
    400 KB item limit) and its outcome."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        super().__init__(client, table, kind="tdmrep", partition=tdmrep_pk, sort_key=TDMREP_SK)

    def _encode(self, record: TdmrepRecord) -> tuple[dict[str, Any], TdmrepRecord]:
        attributes = {
            "record": {"S": record.model_dump_json()},
            "outcome": {"S": record.outcome.value},
        }
        return attributes, record

    def _decode(self, item: dict[str, Any]) -> TdmrepRecord:
        return TdmrepRecord.model_validate_json(item["record"]["S"])
