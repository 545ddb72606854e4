"""`newsflow.models`' names, each loaded from its own module on first use (PEP 562)."""

from __future__ import annotations

import pytest

import newsflow.models


@pytest.mark.parametrize("name", newsflow.models.__all__)
def test_every_exported_name_is_the_class_of_its_own_module(name: str) -> None:
    # a name added to __all__ without its home would be looked up in models.source and fail
    # only when first used
    value = getattr(newsflow.models, name)
    assert value.__name__ == name
    assert value.__module__ == newsflow.models._HOMES[name]


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Articles'"):
        _ = newsflow.models.Articles  # type: ignore[attr-defined]
