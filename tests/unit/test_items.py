"""storage.items against boto3's TypeSerializer/TypeDeserializer (the rules it follows), both
ways, on every AttributeValue type, the numbers DynamoDB refuses and the types it cannot
hold. boto3 is a development dependency here; the functions do not import it."""

from __future__ import annotations

from decimal import Clamped, Decimal, Inexact, Overflow, Rounded, Underflow
from typing import Any

import pytest
from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer

from newsflow.storage.items import deserialize, dump_item, load_item, serialize

VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -7,
    10**37,
    Decimal("3.14"),
    Decimal("-0.000001"),
    Decimal("1E+125"),
    Decimal("1.0000000000000000000000000000000000000"),
    "",
    "naïve café ✓",
    b"",
    b"\x00\xffsig",
    bytearray(b"ab"),
    {"a", "b"},
    {1, 2, Decimal("2.5")},
    {True, 5},  # a bool is a number in a set, as in boto3
    {b"x", b"y"},
    set(),
    frozenset({"q"}),
    [],
    [1, "a", None, [True, {"k": b"v"}]],
    ("t", 1),
    {},
    {"counts": {"new": 3, "known": 0}, "tags": ["x"], "nested": {"deep": {"n": Decimal(1)}}},
]
_REFUSALS = (TypeError, Inexact, Rounded, Overflow, Underflow, Clamped)
REFUSED: list[Any] = [
    1.5,
    float("nan"),
    Decimal("Infinity"),
    Decimal("NaN"),
    object(),
    {"a", 1},
    {1.5},
    {"x": 2.0},
    [1, 2.0],
    Decimal("1." + "1" * 40),  # over 38 digits
    Decimal("1E+127"),
    Decimal("1E-170"),
    10**40 + 1,
]


def _boto3_refusal(value: Any) -> type[BaseException]:
    with pytest.raises(_REFUSALS) as refused:
        TypeSerializer().serialize(value)
    return refused.type


def _plain(value: Any) -> Any:
    """boto3's Binary as bytes (the one difference: storage.items reads binary as bytes)."""
    if isinstance(value, Binary):
        return getattr(value, "value")  # noqa: B009 (the stubs omit Binary.value)
    if isinstance(value, set):
        return {_plain(item) for item in value}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


@pytest.mark.parametrize("value", VALUES)
def test_serialize_matches_boto3(value: Any) -> None:
    assert serialize(value) == TypeSerializer().serialize(value)


@pytest.mark.parametrize("value", REFUSED)
def test_serialize_refuses_what_boto3_refuses(value: Any) -> None:
    expected = _boto3_refusal(value)

    with pytest.raises(expected):
        serialize(value)


@pytest.mark.parametrize("value", VALUES)
def test_deserialize_matches_boto3(value: Any) -> None:
    stored = TypeSerializer().serialize(value)

    loaded = deserialize(stored)

    assert loaded == _plain(TypeDeserializer().deserialize(stored))
    assert type(loaded) is type(_plain(TypeDeserializer().deserialize(stored)))


@pytest.mark.parametrize(
    "stored",
    [{"N": "1." + "1" * 40}, {"N": "1E+200"}, {"NS": ["1", "1E-200"]}, {}, {"X": "1"}],
)
def test_deserialize_refuses_what_boto3_refuses(stored: Any) -> None:
    with pytest.raises(_REFUSALS) as refused:
        TypeDeserializer().deserialize(stored)

    with pytest.raises(refused.type):
        deserialize(stored)


def test_items_leave_out_none_and_round_trip() -> None:
    item = {"pk": "URL#x", "n": 3, "sig": b"\x01", "gone": None, "m": {"a": [Decimal("1.5")]}}

    dumped = dump_item(item)

    assert dumped == {k: TypeSerializer().serialize(v) for k, v in item.items() if v is not None}
    assert load_item(dumped) == {
        "pk": "URL#x",
        "n": 3,
        "sig": b"\x01",
        "m": {"a": [Decimal("1.5")]},
    }
