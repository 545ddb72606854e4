"""DynamoDB URL registry of discovery: one conditional item a URL, so it is queued once.

The registry item lives in the URL's partition (`URL#{hash}`, beside processing's URL outcome
item) under sk `DISCOVERED` (storage/table.py): a Query of the partition shows both what
discovery and fetching did and what processing made of the page, while neither writer touches
the other's item.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeSerializer
from botocore.exceptions import ClientError

from newsflow.services.ports import REGISTRY_LOOKUP_BATCH, FetchRecord, KnownUrl
from newsflow.storage.items import dump_item as _dump
from newsflow.storage.items import load_item as _load
from newsflow.storage.table import (
    DISCOVERED_SK,
    ITEM_ABSENT,
    item_key,
    parse_stamp,
    stamp,
    url_pk,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

# Unprocessed keys come back when a partition is throttled; retry them with a short backoff.
_BATCH_RETRIES = 5
_serializer = TypeSerializer()
_VALIDATORS = ("etag", "last_modified")
_LOOKUP_NAMES = {
    "#url": "url",
    "#queued_at": "queued_at",
    "#fetched_at": "fetched_at",
    "#requeued_for": "requeued_for",
    "#etag": "etag",
    "#last_modified": "last_modified",
}


def discovered_key(url: str) -> dict[str, Any]:
    """The registry item's key of a URL: every spelling with one normalised key shares it."""
    return item_key(url_pk(url), DISCOVERED_SK)


class DynamoUrlRegistry:
    """BatchGetItem to check, conditional PutItem/UpdateItem to claim: no read-then-write race."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def lookup(self, urls: Sequence[str]) -> dict[str, KnownUrl]:
        if len(urls) > REGISTRY_LOOKUP_BATCH:
            raise ValueError(f"at most {REGISTRY_LOOKUP_BATCH} URLs per lookup")
        # BatchGetItem refuses duplicate keys; the hash, not the text, is what must be unique.
        # Spellings that share a normalised key share the item: each is answered by it.
        asked: dict[str, list[str]] = {}
        for url in urls:
            asked.setdefault(url_pk(url), []).append(url)
        keys = [discovered_key(spellings[0]) for spellings in asked.values()]
        found: dict[str, KnownUrl] = {}
        pending: Any = {
            self._table: {
                "Keys": keys,
                "ConsistentRead": True,
                "ProjectionExpression": ", ".join(_LOOKUP_NAMES),
                "ExpressionAttributeNames": _LOOKUP_NAMES,
            }
        }
        for attempt in range(_BATCH_RETRIES + 1):
            if not pending:
                break
            if attempt:
                time.sleep(0.05 * 2**attempt)
            response = self._client.batch_get_item(RequestItems=pending)
            for item in response.get("Responses", {}).get(self._table, []):
                known = _known(_load(item))
                for url in asked.get(url_pk(known.url), []):
                    found[url] = known
            pending = response.get("UnprocessedKeys") or {}
        else:
            raise RuntimeError("URL registry lookup left keys unprocessed after retries")
        return found

    def register(self, url: str, *, source_id: str, found_in: str, now: datetime) -> bool:
        item = {
            **discovered_key(url),
            **_dump(
                {
                    "kind": "discovered_url",
                    "url": url,
                    "source_id": source_id,
                    "found_in": found_in,
                    "queued_at": stamp(now),
                    "queue_count": 1,
                }
            ),
        }
        try:
            self._client.put_item(TableName=self._table, Item=item, ConditionExpression=ITEM_ABSENT)
        except ClientError as exc:
            if _condition_failed(exc):
                return False
            raise
        return True

    def claim_refetch(self, known: KnownUrl, *, updated_at: datetime, now: datetime) -> bool:
        if known.fetched_at is None:
            return False
        try:
            self._client.update_item(
                TableName=self._table,
                Key=discovered_key(known.url),
                UpdateExpression=(
                    "SET #queued_at = :now, #requeued_for = :updated ADD #queue_count :one"
                ),
                # Unchanged since we read it (no fetch in between) and not yet re-queued for
                # this or a later update: of two concurrent runs only one passes.
                ConditionExpression=(
                    "#fetched_at = :fetched_at"
                    " AND (attribute_not_exists(#requeued_for) OR #requeued_for < :updated)"
                ),
                ExpressionAttributeNames={
                    "#queued_at": "queued_at",
                    "#requeued_for": "requeued_for",
                    "#queue_count": "queue_count",
                    "#fetched_at": "fetched_at",
                },
                ExpressionAttributeValues={
                    ":now": {"S": stamp(now)},
                    ":updated": {"S": stamp(updated_at)},
                    ":one": {"N": "1"},
                    ":fetched_at": {"S": stamp(known.fetched_at)},
                },
            )
        except ClientError as exc:
            if _condition_failed(exc):
                return False
            raise
        return True

    def record_fetch(self, record: FetchRecord) -> None:
        values: dict[str, object] = {
            "url": record.url,
            "source_id": record.source_id,
            "fetch_outcome": record.outcome,
            "fetch_reason": record.reason,
            "fetched_at": stamp(record.fetched_at),
            "final_url": record.final_url,
            "status": record.status,
            "robots_verdict": record.robots_verdict,
            "robots_allowed": record.robots_allowed,
            "raw_key": record.raw_key,
            "attempts": record.attempt,
        }
        if record.outcome == "ok":
            # A fresh 200 replaces the validators; a response without them must not leave the
            # previous page's behind (a stale ETag could earn a wrong 304 later).
            values["etag"] = record.etag
            values["last_modified"] = record.last_modified
        assignments = [f"#{name} = :{name}" for name, value in values.items() if value is not None]
        removals = [
            f"#{name}" for name, value in values.items() if value is None and name in _VALIDATORS
        ]
        update = "SET " + ", ".join(assignments)
        if removals:
            update += " REMOVE " + ", ".join(removals)
        names = {token: token[1:] for token in re.findall(r"#\w+", update)}
        try:
            self._client.update_item(
                TableName=self._table,
                Key=discovered_key(record.url),
                UpdateExpression=update,
                # A slow worker's older fetch must not overwrite a newer outcome.
                ConditionExpression=(
                    "attribute_not_exists(#fetched_at) OR #fetched_at <= :fetched_at"
                ),
                ExpressionAttributeNames=names,
                ExpressionAttributeValues={
                    f":{name}": _serializer.serialize(value)
                    for name, value in values.items()
                    if value is not None
                },
            )
        except ClientError as exc:
            if not _condition_failed(exc):
                raise

    def get(self, url: str) -> dict[str, Any] | None:
        """The whole registry item of a URL (CLI and tests)."""
        response = self._client.get_item(
            TableName=self._table, Key=discovered_key(url), ConsistentRead=True
        )
        item = response.get("Item")
        return None if item is None else _load(item)


def _known(data: Mapping[str, Any]) -> KnownUrl:
    return KnownUrl(
        url=data["url"],
        queued_at=parse_stamp(data["queued_at"]),
        fetched_at=parse_stamp(data["fetched_at"]) if "fetched_at" in data else None,
        requeued_for=parse_stamp(data["requeued_for"]) if "requeued_for" in data else None,
        etag=data.get("etag"),
        last_modified=data.get("last_modified"),
    )


def _condition_failed(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"
