"""The first `make run` / `make test` on a fresh clone says what pip does as it does it.

The set-up's recipe pipes pip into a filter; pip's output into a pipe is block-buffered unless
the interpreter runs unbuffered, and a user on a loaded machine saw nothing for 45 s, then
bursts of lines half a minute apart. Here the recipe runs for real with a stand-in `pip`
module (on PYTHONPATH, ahead of the real one) that prints a line, then works for a while.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SLOW_PIP = """
import sys, time
print("Collecting first-package (from newsflow==0.1.0)")
print("  Downloading first_package-1.0-py3-none-any.whl")
time.sleep(4)
print("Collecting second-package (from newsflow==0.1.0)")
print("Installing collected packages: first-package, second-package")
time.sleep(4)
print("Successfully installed first-package-1.0 second-package-1.0")
"""


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_setup_lists_each_package_as_pip_reaches_it(tmp_path: Path) -> None:
    fake = tmp_path / "fake" / "pip"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "__main__.py").write_text(SLOW_PIP)
    venv = tmp_path / "venv"
    venv.mkdir()
    stamp = venv / ".installed-stamp"
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "fake")}
    env.pop("PYTHONUNBUFFERED", None)
    started = time.monotonic()
    make = subprocess.Popen(
        ["make", "--no-print-directory", f"VENV={venv}", f"PY={sys.executable}", str(stamp)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert make.stdout is not None
    seen = [(time.monotonic() - started, line.rstrip()) for line in make.stdout]
    assert make.wait(timeout=60) == 0
    when = {text.strip(): at for at, text in seen}
    first = when["Collecting first-package (from newsflow==0.1.0)"]
    installing = next(at for text, at in when.items() if text.startswith("installing them ("))
    assert first < 3.5, seen  # before the stand-in's first 4 s of work ends, not at its exit
    assert installing < 7.5, seen
    assert "Successfully installed first-package-1.0 second-package-1.0" in when
    assert not any("Downloading" in text for _, text in seen)  # the filter keeps it short
    assert stamp.exists()
