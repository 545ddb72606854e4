"""How the test run is spread over pytest-xdist's workers (`make test` runs `-n` of them with
`--dist loadfile`: a worker takes a whole module, so a module-scoped fixture such as the e2e
runner, a quality gate's extracted set or the policy scan is built once).

Modules marked `slow` are handed out first, then LONG_MODULES, longest first, then the rest in
collection order: the longest start at once and the short ones fill the workers at the end, so
the run ends about when the longest module does, not with one long module started last.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

# The longest modules but the e2e ones (`slow`), longest first: wall seconds of each in one
# `make test` on 6 workers at load 9-14, its CPU seconds (subprocesses included) in brackets
# (NEWSFLOW_CPU_DURATIONS and tests/support/cpu_durations.py). The last modules handed out used
# to be unit/ ones from this list: the run ended with one of them running alone.
LONG_MODULES = (
    "tests/integration/test_api_listing.py",  # 370 s (24.5 s CPU)
    "tests/integration/test_api_schemathesis.py",  # 211 s (15.5 s CPU)
    "tests/integration/test_api_articles.py",  # 153 s (8.8 s CPU)
    "tests/integration/test_source_health.py",  # 133 s (7.8 s CPU)
    "tests/quality/test_devset_gate.py",  # 100 s (5.8 s CPU)
    "tests/integration/test_api_sources.py",  # 98 s (5.6 s CPU)
    "tests/unit/test_discover_sitemaps.py",  # 93 s (8.7 s CPU)
    "tests/unit/test_local_state.py",  # 90 s (9.0 s CPU)
    "tests/contract/test_deployed_posture.py",  # 86 s (5.5 s CPU)
    "tests/integration/test_api_stories.py",  # 79 s (5.2 s CPU)
    "tests/unit/test_handler_imports.py",  # 76 s (7.0 s CPU)
    "tests/unit/test_bad_input.py",  # 74 s (4.1 s CPU)
    "tests/quality/test_metadata_gate.py",  # 66 s (3.8 s CPU)
    "tests/integration/test_api_no_scan.py",  # 64 s (3.5 s CPU)
    "tests/quality/test_modern_gate.py",  # 63 s (3.6 s CPU)
    "tests/integration/test_stories_process.py",  # 63 s (3.7 s CPU)
    "tests/contract/test_template.py",  # 60 s (3.2 s CPU)
    "tests/unit/test_cli.py",  # 58 s (3.3 s CPU)
    "tests/unit/test_cli_interrupt.py",  # 47 s (2.6 s CPU), mostly waiting
)


def _rank(item: pytest.Item) -> int:
    if item.get_closest_marker("slow") is not None:
        return 0
    module = item.nodeid.split("::")[0]
    return 1 + (LONG_MODULES.index(module) if module in LONG_MODULES else len(LONG_MODULES))


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> Generator[None, None, None]:
    # sort is stable: a module's tests keep their order, and so do the modules of one rank
    items.sort(key=_rank)
    return (yield)


def _long(module: str) -> bool:
    """A module that runs for long: e2e (all of tests/e2e is `slow`) or in LONG_MODULES."""
    return module.startswith("tests/e2e/") or module in LONG_MODULES


@pytest.hookimpl(optionalhook=True)  # xdist's hook: unknown when run with -p no:xdist
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadfile` that queues the smallest module left behind a long one.

    xdist gives a worker its next module before the one it runs is done (when two of its tests
    are left, and at once when the module has one or two: a worker runs a test only once it
    knows the next). Behind an e2e test that next module waits a minute or more while other
    workers may be idle: taken from the head of the queue it would be one of the longest.
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling  # only with xdist's -n

    class ShortBehindLong(LoadFileScheduling):
        def _assign_work_unit(self, node: Any) -> None:
            running = [
                module
                for module, tests in self.assigned_work.get(node, {}).items()
                if not all(tests.values())
            ]
            if any(_long(module) for module in running) and len(self.workqueue) > 1:
                self.workqueue.move_to_end(next(reversed(self.workqueue)), last=False)
            super()._assign_work_unit(node)

    return ShortBehindLong(config, log)
