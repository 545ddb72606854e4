"""Every test folder runs: pytest collects it, or CI calls the make target that runs it; the
modules tests/conftest.py names to hand out early exist."""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_no_test_folder_is_skipped_by_pytest_norecursedirs(pytestconfig: pytest.Config) -> None:
    # pytest skips folders that match norecursedirs (`build` among its defaults) in silence.
    patterns = pytestconfig.getini("norecursedirs")
    folders = {path.parent.relative_to(ROOT) for path in (ROOT / "tests").rglob("test_*.py")}
    skipped = sorted(
        str(folder)
        for folder in folders
        if any(fnmatch(part, pattern) for part in folder.parts for pattern in patterns)
    )
    assert skipped == []


def test_folders_make_test_leaves_out_run_in_ci() -> None:
    makefile = (ROOT / "Makefile").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    ignored = re.findall(r"--ignore=(\S+)", makefile)
    assert ignored == ["tests/built_layer"]
    recipe = re.search(r"^test-layer:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe is not None
    assert "pytest tests/built_layer" in recipe.group(1)
    assert re.search(r"^make test-layer$", ci, re.M)


def test_every_module_conftest_hands_out_early_exists() -> None:
    # tests/conftest.py names the longest modules to hand them out first: a renamed or moved
    # module would drop out of that order in silence and be handed out late again
    tree = ast.parse((ROOT / "tests" / "conftest.py").read_text())
    named = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "LONG_MODULES" for t in node.targets)
    )
    assert named
    assert [m for m in named if not (ROOT / m).is_file()] == []
    assert not [m for m in named if m.startswith("tests/e2e/")]  # those go first anyway (slow)
