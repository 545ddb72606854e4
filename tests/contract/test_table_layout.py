"""template.yaml declares the table storage/table.py keys: its GSIs and the partitions IAM names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsflow.storage import table
from newsflow.storage.template import load_template

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template(ROOT / "template.yaml")


def _leading_keys(node: Any) -> list[str]:
    """Every value of a `dynamodb:LeadingKeys` condition anywhere in the template."""
    found: list[str] = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "dynamodb:LeadingKeys":
                found.extend(value if isinstance(value, list) else [value])
            else:
                found.extend(_leading_keys(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_leading_keys(value))
    return found


def test_template_gsis_are_the_ones_table_py_keys() -> None:
    declared = TEMPLATE["Resources"]["ArticlesTable"]["Properties"]["GlobalSecondaryIndexes"]
    schemas = {
        index["IndexName"]: {k["KeyType"]: k["AttributeName"] for k in index["KeySchema"]}
        for index in declared
    }

    assert schemas == {gsi.name: {"HASH": gsi.partition, "RANGE": gsi.sort} for gsi in table.GSIS}


def test_template_table_key_is_pk_and_sk() -> None:
    schema = TEMPLATE["Resources"]["ArticlesTable"]["Properties"]["KeySchema"]

    assert {k["KeyType"]: k["AttributeName"] for k in schema} == {
        "HASH": table.PK,
        "RANGE": table.SK,
    }


def test_every_leading_key_iam_grants_is_a_partition_table_py_writes() -> None:
    granted = _leading_keys(TEMPLATE["Resources"])

    assert granted  # the scraping and API functions are limited to their partitions
    unknown = [key for key in granted if key.removesuffix("*") not in table.PARTITIONS]
    assert unknown == []
