"""DynamoDB items of near-duplicate stories (docs/stories.md): LSH band items and story items,
read in batches by the process path and written inside the version commit's transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import Binary

from newsflow.models.stories import StoryCopy, StorySummary
from newsflow.services.ports import Band, Position, StoryCount, StoryHead, StoryPart, StoryWrite
from newsflow.services.query import InvalidRequestError
from newsflow.storage.items import dump_item
from newsflow.storage.items import load_item as _load
from newsflow.storage.table import (
    BAND_SK,
    BY_STORY,
    ITEM_ABSENT,
    PK,
    SK,
    STORIES_BY_DAY,
    STORY_SK,
    band_key_of,
    band_pk,
    item_key,
    parse_stamp,
    stamp,
    story_day,
    story_pk,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import (
        KeysAndAttributesTypeDef,
        QueryInputTypeDef,
        TransactWriteItemTypeDef,
    )

# BatchGetItem takes at most 100 keys; unprocessed keys (throttling) are read again, this
# many times at most before the error reaches the queue's retry.
BATCH_LIMIT = 100
MAX_BATCH_ROUNDS = 5


class BatchReadError(RuntimeError):
    """DynamoDB kept returning unprocessed keys; the message is retried by the queue."""


class DynamoStoryRepository:
    """Band and story reads of the process path: one BatchGetItem each, read consistently."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def read_bands(self, keys: Sequence[str]) -> dict[str, Band]:
        items = self._batch_get([band_pk(key) for key in keys], BAND_SK)
        bands = (_band(item) for item in items)
        return {band.key: band for band in bands}

    def read_stories(self, story_ids: Sequence[str]) -> dict[str, StoryHead]:
        heads = (story_head(item) for item in self._batch_get(map(story_pk, story_ids), STORY_SK))
        return {head.story_id: head for head in heads}

    def _batch_get(self, pks: Any, sk: str) -> list[dict[str, Any]]:
        keys = [item_key(pk, sk) for pk in dict.fromkeys(pks)]
        if len(keys) > BATCH_LIMIT:
            raise ValueError(f"{len(keys)} keys: one BatchGetItem reads at most {BATCH_LIMIT}")
        found: list[dict[str, Any]] = []
        request: dict[str, KeysAndAttributesTypeDef] = {
            self._table: {"Keys": keys, "ConsistentRead": True}
        }
        for _ in range(MAX_BATCH_ROUNDS):
            if not keys:
                return found
            response = self._client.batch_get_item(RequestItems=request)
            found.extend(_load(item) for item in response.get("Responses", {}).get(self._table, []))
            unprocessed = response.get("UnprocessedKeys", {}).get(self._table)
            if not unprocessed:
                return found
            request = {self._table: unprocessed}  # type: ignore[dict-item]
        raise BatchReadError(f"unprocessed keys after {MAX_BATCH_ROUNDS} BatchGetItem calls")


def story_transaction(table: str, story: StoryWrite) -> list[TransactWriteItemTypeDef]:
    """The items a version commit adds to its transaction for `story`, each conditional on
    what grouping read: a new story's head and band items, or the size of the story joined
    and of the one left."""
    items: list[TransactWriteItemTypeDef] = []
    if story.founded is not None:
        items.append(
            {
                "Put": {
                    "TableName": table,
                    "Item": dump_item(head_item(story.founded)),
                    "ConditionExpression": ITEM_ABSENT,
                }
            }
        )
    items.extend(_count(table, count) for count in (story.joined, story.left) if count)
    items.extend(_band_put(table, band) for band in story.bands)
    return items


def head_item(head: StoryHead) -> dict[str, Any]:
    """A story item as plain values (`story_day` and `story_size` key the StoriesByDay GSI)."""
    return {
        PK: story_pk(head.story_id),
        SK: STORY_SK,
        "kind": "story",
        "story_id": head.story_id,
        "signature": Binary(head.signature),
        "first_at": stamp(head.first_at),
        "story_size": head.size,
        "story_day": story_day(head.first_at.astimezone(UTC).date()),
        "title": head.title,
        "source_id": head.source_id,
    }


def story_head(data: Mapping[str, Any]) -> StoryHead:
    """A story item (deserialized) as a StoryHead."""
    signature = data["signature"]
    return StoryHead(
        story_id=data["story_id"],
        signature=bytes(signature),
        first_at=parse_stamp(data["first_at"]),
        size=int(data["story_size"]),
        title=data.get("title"),
        source_id=data.get("source_id"),
    )


def _count(table: str, count: StoryCount) -> TransactWriteItemTypeDef:
    return {
        "Update": {
            "TableName": table,
            "Key": item_key(story_pk(count.story_id), STORY_SK),
            "UpdateExpression": "SET #size = :size",
            "ConditionExpression": "#size = :seen",
            "ExpressionAttributeNames": {"#size": "story_size"},
            "ExpressionAttributeValues": {
                ":size": {"N": str(count.size)},
                ":seen": {"N": str(count.seen)},
            },
        }
    }


def _band_put(table: str, band: Band) -> TransactWriteItemTypeDef:
    item = dump_item(
        {
            PK: band_pk(band.key),
            SK: BAND_SK,
            "kind": "band",
            "stories": list(band.stories),
            "revision": band.revision,
        }
    )
    if band.revision == 1:
        return {
            "Put": {
                "TableName": table,
                "Item": item,
                "ConditionExpression": ITEM_ABSENT,
            }
        }
    return {
        "Put": {
            "TableName": table,
            "Item": item,
            "ConditionExpression": "#revision = :read",
            "ExpressionAttributeNames": {"#revision": "revision"},
            "ExpressionAttributeValues": {":read": {"N": str(band.revision - 1)}},
        }
    }


def _band(data: Mapping[str, Any]) -> Band:
    return Band(
        key=band_key_of(str(data[PK])),
        stories=tuple(data.get("stories", ())),
        revision=int(data["revision"]),
    )


class DynamoStoryIndex:
    """The story routes' reads: a story item (GetItem), its copies (ByStory) and a day's
    stories (StoriesByDay); never a Scan."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def get_story(self, story_id: str) -> StorySummary | None:
        response = self._client.get_item(
            TableName=self._table,
            Key=item_key(story_pk(story_id), STORY_SK),
        )
        item = response.get("Item")
        return None if item is None else _summary(_load(item))

    def list_copies(self, story_id: str, *, after: Position | None, limit: int) -> StoryPart:
        request: QueryInputTypeDef = {
            "TableName": self._table,
            "IndexName": BY_STORY.name,
            "KeyConditionExpression": "#p = :p",
            "ExpressionAttributeNames": {"#p": BY_STORY.partition},
            "ExpressionAttributeValues": {":p": {"S": story_pk(story_id)}},
            "ScanIndexForward": True,
            "Limit": limit,
        }
        rows, resume = self._query(request, after)
        copies = [_copy(row) for row in rows if int(row.get("announced_version", 0)) >= 1]
        return StoryPart(copies, resume)

    def list_day(self, day: date, *, after: Position | None, limit: int) -> StoryPart:
        request: QueryInputTypeDef = {
            "TableName": self._table,
            "IndexName": STORIES_BY_DAY.name,
            "KeyConditionExpression": "#d = :d",
            "ExpressionAttributeNames": {"#d": STORIES_BY_DAY.partition},
            "ExpressionAttributeValues": {":d": {"S": story_day(day)}},
            "ScanIndexForward": False,
            "Limit": limit,
        }
        rows, resume = self._query(request, after)
        return StoryPart([_summary(row) for row in rows], resume)

    def _query(
        self, request: QueryInputTypeDef, after: Position | None
    ) -> tuple[list[dict[str, Any]], Position | None]:
        if after is not None:
            try:
                request["ExclusiveStartKey"] = dump_item(after)
            except TypeError as exc:
                raise InvalidRequestError("cursor is not a cursor this API issued") from exc
        response = self._client.query(**request)
        last = response.get("LastEvaluatedKey")
        resume = None if last is None else _plain(_load(last))
        return [_load(item) for item in response.get("Items", [])], resume


def _summary(data: Mapping[str, Any]) -> StorySummary:
    return StorySummary(
        story_id=data["story_id"],
        size=int(data["story_size"]),
        first_at=parse_stamp(data["first_at"]),
        title=data.get("title"),
        source_id=data.get("source_id"),
    )


def _copy(data: Mapping[str, Any]) -> StoryCopy:
    published = data.get("published_at")
    return StoryCopy(
        article_id=data["article_id"],
        source_id=data.get("source_id"),
        url=data["url"],
        title=data.get("title"),
        published_at=parse_stamp(published) if published else None,
        similarity=float(data.get("story_similarity", 1)),
    )


def _plain(key: Mapping[str, Any]) -> dict[str, str | int]:
    """A LastEvaluatedKey as JSON values for a cursor (numbers as int)."""
    return {
        name: int(value) if isinstance(value, Decimal) else str(value)
        for name, value in key.items()
    }
