"""How the test run is spread over pytest-xdist's workers (`make test` runs `-n` of them with
`--dist loadfile`: a worker takes a whole module, so a module-scoped fixture such as the e2e
runner, a quality gate's extracted set or the policy scan is built once).

Modules marked `slow` are handed out first: the longest start at once and the short ones fill
the other workers meanwhile, so the run ends about when the longest module does.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> Generator[None, None, None]:
    # sort is stable: within each half the collection order stays
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    return (yield)
