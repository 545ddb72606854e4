"""DynamoDB robots.txt cache (the fetch client's RobotsCache), shared by every fetcher."""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any

from newsflow.fetch.robots import RobotsRecord
from newsflow.storage.origin_cache import DynamoOriginCache
from newsflow.storage.table import ROBOTS_SK, robots_pk, stamp

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

# A DynamoDB item holds 400 KB; robots.txt may be read up to 512 KB. The text is stored
# compressed, and in the rare file that still does not fit, cut (RFC 9309 lets a crawler
# parse a prefix).
MAX_STORED_BYTES = 350_000


class DynamoRobotsCache(DynamoOriginCache[RobotsRecord]):
    """One item an origin: the record as zlib-compressed JSON, its verdict and expiry."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        super().__init__(client, table, kind="robots", partition=robots_pk, sort_key=ROBOTS_SK)

    def _encode(self, record: RobotsRecord) -> tuple[dict[str, Any], RobotsRecord]:
        data = _compressed(record)
        while len(data) > MAX_STORED_BYTES:
            record = record.model_copy(update={"body": record.body[: len(record.body) // 2]})
            data = _compressed(record)
        attributes = {
            "record": {"B": data},
            "verdict": {"S": record.verdict.value},
            "expires_at": {"S": stamp(record.expires_at)},
        }
        return attributes, record

    def _decode(self, item: dict[str, Any]) -> RobotsRecord:
        text = zlib.decompress(item["record"]["B"]).decode("utf-8")
        return RobotsRecord.model_validate_json(text)


def _compressed(record: RobotsRecord) -> bytes:
    return zlib.compress(record.model_dump_json().encode("utf-8"), level=6)
