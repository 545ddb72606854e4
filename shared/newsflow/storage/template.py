"""template.yaml read back: the table's own definition, so local stand-ins cannot drift from it."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

try:  # libyaml's parser, about 10x faster than PyYAML's pure-Python one (same safe constructors)
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_SHORT_TAGS = ("Ref", "Condition", "GetAZs", "ImportValue", "Base64", "Cidr", "Transform")
_SEQUENCE_TAGS = ("And", "Equals", "If", "Join", "Not", "Or", "Select", "Split", "FindInMap")
_TABLE_PROPERTIES = ("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "BillingMode")


class _CloudFormationLoader(_SafeLoader):
    """YAML that understands CloudFormation's short tags (!Ref, !GetAtt, !Sub, ...)."""


def _long_form(name: str) -> Any:
    def construct(loader: SafeConstructor, node: yaml.Node) -> dict[str, Any]:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
            if name == "Fn::GetAtt":
                value = str(value).split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
        return {name: value}

    return construct


for _tag in _SHORT_TAGS:
    _CloudFormationLoader.add_constructor(
        f"!{_tag}", _long_form("Ref" if _tag == "Ref" else f"Fn::{_tag}")
    )
for _tag in (*_SEQUENCE_TAGS, "GetAtt", "Sub"):
    _CloudFormationLoader.add_constructor(f"!{_tag}", _long_form(f"Fn::{_tag}"))


def load_template(path: Path) -> dict[str, Any]:
    """The template as plain data, short tags turned into their long forms."""
    with path.open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.load(stream, Loader=_CloudFormationLoader)  # noqa: S506
    return data


def table_definition(template: dict[str, Any], logical_id: str) -> dict[str, Any]:
    """create_table arguments of a table resource: keys, attributes, GSIs, billing mode."""
    properties = template["Resources"][logical_id]["Properties"]
    return {name: properties[name] for name in _TABLE_PROPERTIES if name in properties}


def functions(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Properties of each AWS::Serverless::Function, with the template's Globals merged in."""
    defaults = template.get("Globals", {}).get("Function", {})
    found = {}
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        properties = {**defaults, **resource["Properties"]}
        variables = {
            **defaults.get("Environment", {}).get("Variables", {}),
            **resource["Properties"].get("Environment", {}).get("Variables", {}),
        }
        properties["Environment"] = {"Variables": variables}
        found[logical_id] = properties
    return found


def load_handler(root: Path, function: dict[str, Any]) -> Callable[..., Any]:
    """A function's handler, imported from its CodeUri the way Lambda imports it."""
    module_name, _, attribute = function["Handler"].rpartition(".")
    path = root / function["CodeUri"] / f"{module_name.replace('.', '/')}.py"
    spec = importlib.util.spec_from_file_location(f"newsflow_handler_{path.parent.name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    handler: Callable[..., Any] = getattr(module, attribute)
    return handler
