"""The Lambda artifacts as `make build` makes them, built for this host so they can be imported.

`sam build` makes the arm64 layer for Lambda with `layers/shared/Makefile` and each function
with its folder's Makefile (`functions/handler.mk`); the same Makefiles with the host's
platform give artifacts this machine can load, so tests and the cold-start benchmark import
each handler exactly as Lambda would: the function's built folder plus the layer's `python/`
folder, in a fresh interpreter of the runtime's version, with the shipped .pyc only (Lambda's
code directory is read-only: nothing is compiled once and kept).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsflow.storage.template import functions, load_template

ROOT = Path(__file__).resolve().parents[2]
HOST_PLATFORMS = f"manylinux2014_{platform.machine()} manylinux_2_28_{platform.machine()}"


@dataclass(frozen=True)
class Handler:
    """One function of the template, ready to import in a fresh interpreter."""

    name: str
    code_dir: Path
    module: str
    attribute: str
    environment: dict[str, str]


def sam_make(folder: Path, target: str, artifacts: Path, *variables: str) -> None:
    """Run `folder`'s Makefile as `sam build` runs it (BuildMethod: makefile; aws-lambda-
    builders' custom_make workflow): `folder` copied to a scratch folder, then `make --makefile
    <folder>/Makefile <target>` run there, by the Makefile's absolute path, with ARTIFACTS_DIR
    set and nothing else (NEWSFLOW_ROOT was needed once)."""
    with tempfile.TemporaryDirectory() as scratch_root:
        scratch = Path(scratch_root) / folder.name
        shutil.copytree(folder, scratch, ignore=shutil.ignore_patterns(".aws-sam", ".git"))
        subprocess.run(
            [
                shutil.which("make") or "make",
                "--no-print-directory",
                "--makefile",
                str(folder.resolve() / "Makefile"),
                target,
                *variables,
            ],
            check=True,
            capture_output=True,
            cwd=scratch,
            env={**os.environ, "ARTIFACTS_DIR": str(artifacts)},
        )


def build_host_layer(python: str, destination: Path, *, root: Path = ROOT) -> Path:
    """Build the shared layer of the tree at `root` (default: this checkout) for this host into
    `destination`; returns its python/ folder."""
    sam_make(
        root / "layers" / "shared",
        "build-SharedLayer",
        destination,
        f"LAYER_PYTHON={python}",
        f"LAYER_PLATFORMS={HOST_PLATFORMS}",
        *_older_tree(root),
    )
    return destination / "python"


def build_function(
    python: str, handler: Handler, destination: Path, *, root: Path = ROOT
) -> Handler:
    """`handler` with its function built as `sam build` builds it from the tree at `root`, into
    `destination`: by the folder's Makefile when it has one (the folder's files and their
    .pyc), else a copy of the folder (sam's pip builder for a folder without requirements: no
    .pyc)."""
    folder = root / handler.code_dir.relative_to(ROOT)
    if not (folder / "Makefile").exists():
        shutil.copytree(folder, destination, ignore=shutil.ignore_patterns("__pycache__"))
        return replace(handler, code_dir=destination)
    destination.mkdir(parents=True)
    sam_make(
        folder, f"build-{handler.name}", destination, f"LAYER_PYTHON={python}", *_older_tree(root)
    )
    return replace(handler, code_dir=destination)


def _older_tree(root: Path) -> list[str]:
    """What another tree's Makefiles (a benchmark's baseline) may need: trees before hux's
    fix read the repository from NEWSFLOW_ROOT. This checkout's are built without it."""
    return [] if root.resolve() == ROOT else [f"NEWSFLOW_ROOT={root}"]


def _plain(value: Any, parameters: dict[str, Any]) -> str:
    """A parameter's Ref is its default (e.g. LogLevel -> INFO, a value the code checks);
    other Refs and GetAtts name deployed resources, for which an import needs only some value."""
    if isinstance(value, str):
        return value
    reference = value.get("Ref") if isinstance(value, dict) else None
    if reference in parameters and "Default" in parameters[reference]:
        return str(parameters[reference]["Default"])
    return "placeholder"


def handlers() -> list[Handler]:
    """Every function of template.yaml with the environment the template gives it."""
    found = []
    template = load_template(ROOT / "template.yaml")
    parameters = template.get("Parameters", {})
    for name, properties in functions(template).items():
        module, _, attribute = properties["Handler"].rpartition(".")
        variables = properties["Environment"]["Variables"]
        found.append(
            Handler(
                name=name,
                code_dir=ROOT / properties["CodeUri"],
                module=module,
                attribute=attribute,
                environment={k: _plain(v, parameters) for k, v in variables.items()},
            )
        )
    return found


def import_seconds(
    python: str, layer: Path, handler: Handler, clock: str = "perf_counter"
) -> float:
    """Seconds to import one handler in a fresh interpreter, as a Lambda cold start does.

    `clock`: a `time` function; "process_time" counts the interpreter's CPU only, which a
    machine loaded by other work inflates less than the wall clock ("perf_counter")."""
    code = (
        "import sys, time\n"
        f"sys.path[:0] = [{str(handler.code_dir)!r}, {str(layer)!r}]\n"
        f"start = time.{clock}()\n"
        f"import {handler.module} as module\n"
        f"elapsed = time.{clock}() - start\n"
        f"assert callable(getattr(module, {handler.attribute!r}))\n"
        "print(elapsed)\n"
    )
    return float(run_fresh(python, code, handler))


def lambda_environment(handler: Handler) -> dict[str, str]:
    """The variables a fresh interpreter gets on top of ours to import `handler` as Lambda does:
    the template's environment, no PYTHONPATH of ours, and no .pyc written (Lambda's code
    directory is read-only: a module shipped without its .pyc is compiled at every start)."""
    return {**handler.environment, "PYTHONPATH": "", "PYTHONDONTWRITEBYTECODE": "1"}


def run_fresh(python: str, code: str, handler: Handler) -> str:
    """The last line `code` prints, run in a fresh interpreter with `handler`'s environment
    (as Lambda gives it) and, as on Lambda's read-only code directory, only the .pyc files
    the artifacts ship: none is written."""
    environment = dict(os.environ)
    environment.update(lambda_environment(handler), AWS_DEFAULT_REGION="us-east-1")
    result = subprocess.run(
        [python, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
        cwd="/",
    )
    return result.stdout.strip().splitlines()[-1]
