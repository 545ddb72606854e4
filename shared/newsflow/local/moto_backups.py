"""moto's DynamoDB backend with a rollback backup a transaction can afford, for the moto stacks
of the tests (in-process) and of `newsflow local` (its moto server: `python -m
newsflow.local.moto_server`). Imports moto: only those two load it.
"""

from __future__ import annotations

import copy
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import moto.dynamodb.models as moto_dynamodb
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table


class _TransactionBackups(threading.local):
    """Stands in for the `copy` module inside moto's DynamoDB backend. Before a
    TransactWriteItems, moto deep-copies each table as its rollback backup, once per item of
    the transaction and all before the first write: a commit into a table of n items costs n
    item copies or more, so seeding n articles costs O(n^2) in Python. Within one transaction
    this hands back one backup a table that holds what a rollback needs: the table's map of
    items copied as references (C speed), and a deep copy of each item the transaction names,
    the only items it can change in place (an Update edits the stored item; a Put or Delete
    replaces a reference). Elsewhere it copies as before.

    Its state is the calling thread's: moto's server answers requests on threads of its own."""

    def __init__(self) -> None:
        self.operations: list[dict[str, Any]] | None = None
        self.backups: dict[int, Any] = {}

    def deepcopy(self, value: Any, memo: dict[int, Any] | None = None) -> Any:
        if self.operations is None or not isinstance(value, Table):
            return copy.deepcopy(value, memo)
        if id(value) not in self.backups:
            self.backups[id(value)] = self._backup(value)
        return self.backups[id(value)]

    def _backup(self, table: Any) -> Any:
        assert self.operations is not None
        backup = copy.copy(table)
        ranged = table.range_key_attr is not None
        backup.items = defaultdict(
            dict, {h: dict(r) if ranged else r for h, r in table.items.items()}
        )
        for operation in self.operations:
            if operation.get("TableName") != table.name:
                continue
            attributes = operation.get("Item") or operation.get("Key") or {}
            hash_key = DynamoType(attributes[table.hash_key_attr])
            if not ranged:
                if hash_key in table.items:
                    backup.items[hash_key] = copy.deepcopy(table.items[hash_key])
                continue
            range_key = DynamoType(attributes[table.range_key_attr])
            if range_key in table.items.get(hash_key, {}):
                backup.items[hash_key][range_key] = copy.deepcopy(table.items[hash_key][range_key])
        return backup


def copy_each_table_once_per_transaction(
    setattr_: Callable[[Any, str, Any], None] = setattr,
) -> None:
    """Install the backups above into moto's DynamoDB backend, through `setattr_` (a test
    passes its monkeypatch's, to undo it after the test)."""
    backups = _TransactionBackups()
    backend = moto_dynamodb.DynamoDBBackend
    transact = backend.transact_write_items

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        backups.operations = [next(iter(item.values())) for item in transact_items]
        backups.backups = {}
        try:
            transact(self, transact_items)
        finally:
            backups.operations = None
            backups.backups = {}

    setattr_(moto_dynamodb, "copy", backups)
    setattr_(backend, "transact_write_items", transact_write_items)
