"""DynamoDB attribute values to and from plain values (keys and times: storage/table.py)."""

from __future__ import annotations

from collections.abc import Mapping
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
