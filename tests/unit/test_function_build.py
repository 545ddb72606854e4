"""A function's artifact as `sam build` makes it from `functions/handler.mk` (BuildMethod:
makefile): every file of the function's folder, found without any variable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.built_artifacts import ROOT, sam_make


def test_a_function_ships_every_file_of_its_folder_built_as_a_bare_sam_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tar without -f uses $TAPE (GNU) or a tape device (BSD tar's /dev/sa0), not the pipe
    monkeypatch.setenv("TAPE", str(tmp_path / "no-tape-drive"))
    # GIVEN a function folder beside handler.mk, with its Makefile made as functions/api's,
    # a module in a package, a data file, and a __pycache__ left by a local run
    functions = tmp_path / "functions"
    folder = functions / "demo"
    (folder / "helpers").mkdir(parents=True)
    shutil.copy(ROOT / "functions" / "handler.mk", functions)
    makefile = (ROOT / "functions" / "api" / "Makefile").read_text(encoding="utf-8")
    (folder / "Makefile").write_text(makefile.replace("ApiFunction", "DemoFunction"))
    (folder / "app.py").write_text("from helpers import WORDS\n")
    (folder / "helpers" / "__init__.py").write_text("WORDS = 'words.txt'\n")
    (folder / "words.txt").write_text("harbour\nquay\n")
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "stale.cpython-39.pyc").write_bytes(b"old")
    # WHEN sam builds it: in a scratch copy, by the Makefile's path, with ARTIFACTS_DIR only
    # (no NEWSFLOW_ROOT: a bare `sam build` failed without it, and shipped *.py only)
    artifacts = tmp_path / "DemoFunction"
    sam_make(folder, "build-DemoFunction", artifacts, f"LAYER_PYTHON={sys.executable}")
    # THEN every file is there, with the .pyc made for the runtime, and nothing else
    shipped = sorted(str(p.relative_to(artifacts)) for p in artifacts.rglob("*") if p.is_file())
    tag = sys.implementation.cache_tag
    assert shipped == [
        f"__pycache__/app.{tag}.pyc",
        "app.py",
        "helpers/__init__.py",
        f"helpers/__pycache__/__init__.{tag}.pyc",
        "words.txt",
    ]


def test_the_layer_is_built_from_its_own_checkout_whatever_the_environment_says(
    tmp_path: Path,
) -> None:
    # GIVEN a NEWSFLOW_ROOT left in the user's environment (older instructions set it)
    stale = tmp_path / "elsewhere"
    env = {**os.environ, "NEWSFLOW_ROOT": str(stale)}
    # WHEN make prints the layer's build commands, as sam would run them
    layer = ROOT / "layers" / "shared"
    dry = subprocess.run(
        [
            "make",
            "-n",
            "-f",
            str(layer / "Makefile"),
            "build-SharedLayer",
            f"ARTIFACTS_DIR={tmp_path / 'out'}",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=tmp_path,
    ).stdout
    # THEN the wheel is made from the Makefile's repository, not from the stale variable
    assert f'"{ROOT}"' in dry
    assert str(stale) not in dry
