"""The moto stack keeps DynamoDB's transaction semantics where tests/support changes moto:
one rollback backup a table per transaction (support.aws_stack._TransactionBackups); the
local runner's moto server still knows moto's services when it lists them once."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from support.aws_stack import TABLE, Stack

from newsflow.storage.clients import dynamodb_client


def _item(pk: str, sk: str, **values: str) -> dict[str, dict[str, str]]:
    return {"pk": {"S": pk}, "sk": {"S": sk}, **{k: {"S": v} for k, v in values.items()}}


def _table() -> list[dict[str, object]]:
    return sorted(
        dynamodb_client().scan(TableName=TABLE, ConsistentRead=True)["Items"],
        key=lambda item: (str(item["pk"]), str(item["sk"])),
    )


def test_a_cancelled_transaction_leaves_every_item_as_it_was(aws: Stack) -> None:
    # GIVEN two stored items
    client = dynamodb_client()
    client.put_item(TableName=TABLE, Item=_item("a", "1", state="old"))
    client.put_item(TableName=TABLE, Item=_item("b", "1", state="old"))
    before = _table()
    # WHEN one transaction updates the first in place, replaces the second, adds a third and
    # deletes nothing, but its last condition fails
    with pytest.raises(ClientError, match="TransactionCanceled"):
        client.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": TABLE,
                        "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}},
                        "UpdateExpression": "SET #s = :new",
                        "ExpressionAttributeNames": {"#s": "state"},
                        "ExpressionAttributeValues": {":new": {"S": "new"}},
                    }
                },
                {"Put": {"TableName": TABLE, "Item": _item("b", "1", state="new")}},
                {"Put": {"TableName": TABLE, "Item": _item("c", "1", state="new")}},
                {
                    "ConditionCheck": {
                        "TableName": TABLE,
                        "Key": {"pk": {"S": "zz"}, "sk": {"S": "1"}},
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
            ]
        )
    # THEN the table holds what it held before
    assert _table() == before
    # AND a later transaction that succeeds writes all of its items
    client.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": TABLE, "Item": _item("a", "1", state="newer")}},
            {"Delete": {"TableName": TABLE, "Key": {"pk": {"S": "b"}, "sk": {"S": "1"}}}},
        ]
    )
    assert [(i["pk"]["S"], i["state"]["S"]) for i in _table()] == [("a", "newer")]


def test_the_local_moto_server_lists_moto_services_once_and_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GIVEN moto's own listing of its services (its package folder, read on each call)
    # (imported here: moto's server, Flask and werkzeug, for this test only, not at collection)
    from moto import backends

    from newsflow.local import moto_server

    monkeypatch.setattr(backends, "list_of_moto_modules", backends.list_of_moto_modules)
    listed = list(backends.list_of_moto_modules())
    # WHEN the local runner's moto server replaces it
    moto_server.list_services_once()

    # THEN it names the same services, without reading the folder again
    def no_listing(path: str) -> list[str]:
        raise AssertionError(f"listed {path} again")

    monkeypatch.setattr("os.listdir", no_listing)
    assert list(backends.list_of_moto_modules()) == listed
    assert {"dynamodb", "s3", "sqs", "events"} <= set(listed)
