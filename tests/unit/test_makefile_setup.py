"""The root Makefile's set-up rule: what makes `make run` / `make test` reinstall `.venv`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STAMP = ".venv/.installed-stamp"


def _stamp_is_stale_after(changed: str, tmp_path: Path) -> bool:
    """Whether make would redo the set-up after `changed` was edited, in a copy of the
    Makefile whose stamp is newer than every input (`make -q -W`: nothing is run)."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    for name in ("pyproject.toml", "constraints.txt", "scripts/newsflow", STAMP):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
        os.utime(tmp_path / name, (1, 1) if name != STAMP else (2, 2))
    asked = subprocess.run(
        ["make", "-q", "-W", changed, STAMP], cwd=tmp_path, capture_output=True, check=False
    )
    return asked.returncode == 1


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on PATH")
@pytest.mark.parametrize("changed", ["pyproject.toml", "constraints.txt", "scripts/newsflow"])
def test_an_edited_install_input_reinstalls_the_venv(changed: str, tmp_path: Path) -> None:
    # scripts/newsflow is installed as a copy (script-files), also by an editable install:
    # an edit to it reached .venv/bin/newsflow only when pyproject.toml changed too
    assert _stamp_is_stale_after(changed, tmp_path)


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on PATH")
def test_an_unrelated_file_does_not(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("", encoding="utf-8")
    assert not _stamp_is_stale_after("README.md", tmp_path)
