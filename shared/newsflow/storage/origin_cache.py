"""One DynamoDB item per origin for a document fetched from that origin (robots.txt,
tdmrep.json), shared by every fetcher; fresh records are also kept in this process.

`robots_cache.py` and `tdmrep_cache.py` say only how their record is stored in the item.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from newsflow.storage.table import item_key

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

# Records outlive their expiry by this much before TTL deletes them: an expired one is still
# read (and replaced) by the fetch client, and nothing else needs it.
KEEP_AFTER_EXPIRY = timedelta(days=7)


class OriginRecord(Protocol):
    """What the fetch client caches per origin (RobotsRecord, TdmrepRecord)."""

    @property
    def origin(self) -> str: ...

    @property
    def expires_at(self) -> datetime: ...


R = TypeVar("R", bound=OriginRecord)


class DynamoOriginCache(ABC, Generic[R]):
    """`get(origin)`: the stored record, expired or not (the client checks `expires_at` and
    puts a new one); `put(record)`: store or replace it, TTL deleting it KEEP_AFTER_EXPIRY
    after it expires. A record is served from this process while it is fresh."""

    def __init__(
        self,
        client: DynamoDBClient,
        table: str,
        *,
        kind: str,
        partition: Callable[[str], str],
        sort_key: str,
    ) -> None:
        self._client = client
        self._table = table
        self._kind = kind
        self._partition = partition
        self._sort_key = sort_key
        self._local: dict[str, R] = {}
        self._lock = threading.Lock()

    def get(self, origin: str) -> R | None:
        with self._lock:
            record = self._local.get(origin)
        if record is not None and record.expires_at > datetime.now(UTC):
            return record
        response = self._client.get_item(
            TableName=self._table, Key=item_key(self._partition(origin), self._sort_key)
        )
        item = response.get("Item")
        if item is None:
            return None
        record = self._decode(item)
        with self._lock:
            self._local[origin] = record
        return record

    def put(self, record: R) -> None:
        attributes, record = self._encode(record)
        expires = int((record.expires_at + KEEP_AFTER_EXPIRY).timestamp())
        self._client.put_item(
            TableName=self._table,
            Item={
                **item_key(self._partition(record.origin), self._sort_key),
                "kind": {"S": self._kind},
                **attributes,
                "ttl": {"N": str(expires)},
            },
        )
        with self._lock:
            self._local[record.origin] = record

    @abstractmethod
    def _encode(self, record: R) -> tuple[dict[str, Any], R]:
        """The item's attributes holding `record` (at least "record"), and the record as
        stored (a store may have to cut it to fit an item)."""

    @abstractmethod
    def _decode(self, item: dict[str, Any]) -> R:
        """The record an item holds."""
