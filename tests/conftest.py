"""How the test run is spread over pytest-xdist's workers (`make test` runs `-n` of them with
`--dist loadgroup`).

- Tests that share a module-scoped fixture (the e2e runner, the quality gates' extracted sets,
  the policy scan) go to one worker together, so the fixture is built once, not once a worker.
- Tests marked `slow` are handed out first: the longest ones start at once and the short ones
  fill the other workers meanwhile, so the run ends when the longest test does.
"""

from __future__ import annotations

import pytest

_SHARED_SCOPES = {"module", "class", "package"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _uses_shared_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
    # sort is stable: within each half the collection order stays
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def _uses_shared_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    for name in info.names_closure:
        definitions = info.name2fixturedefs.get(name, ())
        if definitions and definitions[-1].scope in _SHARED_SCOPES:
            return True
    return False
