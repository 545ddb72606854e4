"""DynamoDB robots.txt cache (the fetch client's RobotsCache), shared by every fetcher."""

from __future__ import annotations

import threading
import zlib
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from newsflow.fetch.robots import RobotsRecord
from newsflow.storage.table import ROBOTS_SK, item_key, robots_pk, stamp

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

# A DynamoDB item holds 400 KB; robots.txt may be read up to 512 KB. The text is stored
# compressed, and in the rare file that still does not fit, cut (RFC 9309 lets a crawler
# parse a prefix).
MAX_STORED_BYTES = 350_000
# Records outlive their expiry by this much before TTL deletes them: an expired one is still
# read (and replaced) by the client, and nothing else needs it.
_KEEP_AFTER_EXPIRY = timedelta(days=7)


class DynamoRobotsCache:
    """One item a origin; fresh records are also kept in this process for their lifetime."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table
        self._local: dict[str, RobotsRecord] = {}
        self._lock = threading.Lock()

    def get(self, origin: str) -> RobotsRecord | None:
        with self._lock:
            record = self._local.get(origin)
        if record is not None and record.expires_at > datetime.now(UTC):
            return record
        response = self._client.get_item(
            TableName=self._table,
            Key=item_key(robots_pk(origin), ROBOTS_SK),
        )
        item = response.get("Item")
        if item is None:
            return None
        text = zlib.decompress(item["record"]["B"]).decode("utf-8")
        record = RobotsRecord.model_validate_json(text)
        with self._lock:
            self._local[origin] = record
        return record

    def put(self, record: RobotsRecord) -> None:
        data = _compressed(record)
        while len(data) > MAX_STORED_BYTES:
            record = record.model_copy(update={"body": record.body[: len(record.body) // 2]})
            data = _compressed(record)
        expires = int((record.expires_at + _KEEP_AFTER_EXPIRY).timestamp())
        self._client.put_item(
            TableName=self._table,
            Item={
                **item_key(robots_pk(record.origin), ROBOTS_SK),
                "kind": {"S": "robots"},
                "record": {"B": data},
                "verdict": {"S": record.verdict.value},
                "expires_at": {"S": stamp(record.expires_at)},
                "ttl": {"N": str(expires)},
            },
        )
        with self._lock:
            self._local[record.origin] = record


def _compressed(record: RobotsRecord) -> bytes:
    return zlib.compress(record.model_dump_json().encode("utf-8"), level=6)
