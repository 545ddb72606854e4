"""DynamoDB attribute values to and from plain values (keys and times: storage/table.py).

The mapping is boto3's `boto3.dynamodb.types.TypeSerializer`/`TypeDeserializer`, rule for
rule (DynamoDB's AttributeValue types, numbers through DynamoDB's 38-digit decimal context),
with one difference: a binary value (`B`, `BS`) is read as `bytes`, not boto3's `Binary`
wrapper. It is written here because importing `boto3.dynamodb.types` imports boto3 itself and
s3transfer: about 26 ms of CPU on each function's first DynamoDB call, for two small
functions (issue 14, `make bench-cold-start --first-call`). `tests/unit/test_items.py`
compares both ways with boto3's on every type.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow
from typing import Any

# DynamoDB numbers: up to 38 significant digits, exponents -130..+125 (boto3's context).
DYNAMODB_CONTEXT = Context(
    Emin=-128, Emax=126, prec=38, traps=[Clamped, Overflow, Inexact, Rounded, Underflow]
)
_BINARY = (bytes, bytearray)
_NO_FLOAT = "Float types are not supported. Use Decimal types instead."


def dump_item(item: Mapping[str, object]) -> dict[str, Any]:
    """Attribute values for DynamoDB; None is left out (sparse GSIs, no NULL attributes)."""
    return {name: serialize(value) for name, value in item.items() if value is not None}


def load_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """Plain values of an item as DynamoDB returns it (numbers as Decimal, binary as bytes)."""
    return {name: deserialize(value) for name, value in item.items()}


def _number(value: int | Decimal) -> str:
    number = str(DYNAMODB_CONTEXT.create_decimal(value))
    if number in {"Infinity", "NaN"}:
        raise TypeError("Infinity and NaN not supported")
    return number


def _is_number(value: object) -> bool:
    # As boto3's: a bool is an int here (serialize tests for bool first; in a set it is 1/0).
    if isinstance(value, float):
        raise TypeError(_NO_FLOAT)
    return isinstance(value, int | Decimal)


def serialize(value: object) -> dict[str, Any]:
    """One AttributeValue: None -> NULL, bool -> BOOL, int/Decimal -> N, str -> S,
    bytes/bytearray -> B, a set of numbers/strings/bytes -> NS/SS/BS, a mapping -> M,
    a list or tuple -> L.

    Raises TypeError for a float (use Decimal), infinity, NaN or any other type, and decimal's
    Inexact/Rounded/Overflow/Underflow/Clamped for a number DynamoDB cannot hold exactly.
    """
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, float):
        raise TypeError(_NO_FLOAT)
    if isinstance(value, int | Decimal):
        return {"N": _number(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, _BINARY):
        return {"B": value}
    if isinstance(value, Set):
        return _serialize_set(value)
    if isinstance(value, Mapping):
        return {"M": {key: serialize(item) for key, item in value.items()}}
    if isinstance(value, list | tuple):
        return {"L": [serialize(item) for item in value]}
    raise TypeError(f'Unsupported type "{type(value)}" for value "{value}"')


def _serialize_set(value: Set[Any]) -> dict[str, Any]:
    # boto3's order of tests: all numbers, else all strings, else all binary (an empty set
    # passes the first: NS).
    if all(_is_number(item) for item in value):
        return {"NS": [_number(item) for item in value]}
    if all(isinstance(item, str) for item in value):
        return {"SS": list(value)}
    if all(isinstance(item, _BINARY) for item in value):
        return {"BS": list(value)}
    raise TypeError(f'Unsupported type "{type(value)}" for value "{value}"')


def deserialize(value: Mapping[str, Any]) -> Any:
    """The plain value of one AttributeValue: N -> Decimal (DynamoDB's context), B -> bytes,
    NS/SS/BS -> set, L -> list, M -> dict, NULL -> None, BOOL and S as they are.

    Raises TypeError for an empty value or an unknown type."""
    if not value:
        raise TypeError("Value must be a nonempty dictionary whose key is a valid dynamodb type.")
    kind, data = next(iter(value.items()))
    match kind:
        case "NULL":
            return None
        case "BOOL" | "S" | "B":
            return data
        case "N":
            return DYNAMODB_CONTEXT.create_decimal(data)
        case "NS":
            return {DYNAMODB_CONTEXT.create_decimal(item) for item in data}
        case "SS" | "BS":
            return set(data)
        case "L":
            return [deserialize(item) for item in data]
        case "M":
            return {key: deserialize(item) for key, item in data.items()}
    raise TypeError(f"Dynamodb type {kind} is not supported")
