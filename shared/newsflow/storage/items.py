"""DynamoDB attribute values to and from plain values, and the tables' one time format."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


def dump_item(item: Mapping[str, object]) -> dict[str, Any]:
    """Attribute values for DynamoDB; None is left out (sparse GSIs, no NULL attributes)."""
    return {name: _serializer.serialize(value) for name, value in item.items() if value is not None}


def load_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """Plain values of an item as DynamoDB returns it (numbers as Decimal)."""
    return {name: _deserializer.deserialize(value) for name, value in item.items()}


def iso(moment: datetime) -> str:
    """UTC, second precision, `Z`, the year zero-padded to four digits (strftime leaves
    years before 1000 short): sorts as text in the same order as in time."""
    moment = moment.astimezone(UTC)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )
