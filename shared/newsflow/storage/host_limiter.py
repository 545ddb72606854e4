"""Per-host politeness shared by every concurrent fetcher: a DynamoDB slot per host.

Each host has one item holding `next_slot`, the earliest epoch second the next request may
start. A request claims a slot with one conditional UpdateItem: when the host is idle
(`next_slot <= now`) it takes `now` and sets `next_slot = now + delay`; when a slot lies
ahead but within `max_wait`, it takes `next_slot` and adds `delay` to it *in the update
itself* (`SET next_slot = next_slot + :delay`), so two Lambdas can never get the same slot
and nobody reads-then-writes. Retry-After pushes `next_slot` forward (`defer`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from newsflow.fetch.ratelimit import Reservation
from newsflow.storage.table import HOST_SK, host_pk, item_key

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

# The host item is deleted by TTL a day after its last slot: hosts come and go.
_KEEP_SECONDS = 86_400
# Each try loses only to a concurrent claim that moved the slot; three cover real contention.
_TRIES = 3


class DynamoHostRateLimiter:
    """The fetch client's HostRateLimiter on the shared table."""

    def __init__(self, client: DynamoDBClient, table: str) -> None:
        self._client = client
        self._table = table

    def reserve(self, host: str, min_delay: float, now: float, max_wait: float) -> Reservation:
        delay = _number(min_delay)
        for _ in range(_TRIES):
            idle = self._update(
                host,
                "SET #next_slot = :slot, #ttl = :ttl",
                "attribute_not_exists(#next_slot) OR #next_slot <= :now",
                {":slot": _number(now + min_delay), ":now": _number(now)},
                now=now,
            )
            if idle.granted:
                return Reservation(granted=True, wait=0.0)
            ahead = self._update(
                host,
                "SET #next_slot = #next_slot + :delay, #ttl = :ttl",
                "#next_slot > :now AND #next_slot <= :latest",
                {":delay": delay, ":now": _number(now), ":latest": _number(now + max_wait)},
                now=now,
            )
            if ahead.granted:
                return Reservation(granted=True, wait=max(0.0, (ahead.slot or now) - now))
            if ahead.slot is not None and ahead.slot > now + max_wait:
                return Reservation(granted=False, wait=ahead.slot - now)
            # The slot moved between the two updates (it fell due, or was deleted): try again.
        return Reservation(granted=False, wait=min_delay)

    def defer(self, host: str, until: float) -> None:
        self._update(
            host,
            "SET #next_slot = :until, #ttl = :ttl",
            "attribute_not_exists(#next_slot) OR #next_slot < :until",
            {":until": _number(until)},
            now=until,
        )

    def _update(
        self, host: str, update: str, condition: str, values: dict[str, Any], *, now: float
    ) -> _Attempt:
        names = {"#next_slot": "next_slot", "#ttl": "ttl"}
        try:
            response = self._client.update_item(
                TableName=self._table,
                Key=item_key(host_pk(host), HOST_SK),
                UpdateExpression=update,
                ConditionExpression=condition,
                ExpressionAttributeNames=names,
                ExpressionAttributeValues={
                    **{k: {"N": str(v)} for k, v in values.items()},
                    ":ttl": {"N": str(int(now) + _KEEP_SECONDS)},
                },
                ReturnValues="UPDATED_OLD",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                raise
            # ReturnValuesOnConditionCheckFailure puts the current item on the error.
            old: Any = exc.response.get("Item", {})
            return _Attempt(granted=False, slot=_slot(old))
        attributes: Any = response.get("Attributes", {})
        return _Attempt(granted=True, slot=_slot(attributes))


class _Attempt:
    __slots__ = ("granted", "slot")

    def __init__(self, *, granted: bool, slot: float | None) -> None:
        self.granted = granted
        self.slot = slot


def _slot(item: Mapping[str, Any]) -> float | None:
    value = item.get("next_slot", {}).get("N")
    return float(value) if value is not None else None


def _number(value: float) -> Decimal:
    # Millisecond precision: DynamoDB numbers are decimal, and a float's repr can be long.
    return Decimal(f"{value:.3f}")
