"""Cold import time of each Lambda handler from the built artifacts, against its target.

Builds the shared layer and each function for this host with the same Makefiles `sam build`
uses, then imports each handler in fresh interpreters of the runtime's version with the
shipped .pyc files only (none written: Lambda's code directory is read-only), and
reports the median and the slowest run per handler. `--baseline REF` builds another layer
from a git revision (repeatable: one layer each) and alternates the layers run for run, so a
loaded machine slows all alike: compare the medians side by side, not with another day's.

`--first-call` also calls each handler once after its import, on a realistic event against a
moto server and a loopback site (benchmarks/first_call.py), and reports the import and the
import plus the first call: work moved from the import to the first call shows there.

The "libs" column is each handler's floor in this tree: a fresh interpreter imports only the
third-party and standard modules the handler's import loads (boto3, pydantic, Powertools ...,
in the order the handler loads them), none of newsflow's. What is above it is our own code.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# The layer build lives in tests/support: tests/built_layer uses it too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from first_call import FirstCall, first_call_seconds, stack
from support.built_artifacts import (
    ROOT,
    Handler,
    build_function,
    build_host_layer,
    handlers,
    import_seconds,
    run_fresh,
)

# Milliseconds (issue 14): processing loads the extractor; the others load no page parser.
TARGET_MS = {"ProcessFunction": 320}
DEFAULT_TARGET_MS = 250


def _checkout(revision: str, destination: Path) -> Path:
    """The tree of `revision` (a git revision of this repository), exported to destination."""
    destination.mkdir(parents=True)
    git = shutil.which("git") or "git"
    archive = subprocess.run(
        [git, "-C", str(ROOT), "archive", revision], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    return destination


_MODULES = """
import json, sys
before = set(sys.modules)
sys.path[:0] = [{code!r}, {layer!r}]
import {module}
ours = ("newsflow", {module!r})
print(json.dumps([
    name for name in sys.modules
    if name not in before and name.partition(".")[0] not in ours
]))
"""
_LIBRARIES = """
import importlib, sys, time
sys.path[:0] = [{code!r}, {layer!r}]
start = time.{clock}()
for name in {names!r}:
    try:
        importlib.import_module(name)
    except ImportError:
        pass  # an alias a package put in sys.modules (six.moves ...), not an importable file
print(time.{clock}() - start)
"""


def library_floor_seconds(python: str, layer: Path, handler: Handler, clock: str) -> float:
    """Seconds a fresh interpreter takes to import only the libraries (third-party and
    standard) that importing `handler` loads, none of newsflow's modules: the handler's floor
    in this tree, whatever our own code does."""
    where = {"code": str(handler.code_dir), "layer": str(layer)}
    listed = run_fresh(python, _MODULES.format(module=handler.module, **where), handler)
    names = json.loads(listed)
    return float(run_fresh(python, _LIBRARIES.format(names=names, clock=clock, **where), handler))


def _runs_ms(
    python: str,
    handler: Handler,
    layers: dict[str, tuple[Path, Path]],
    runs: int,
    clock: str,
    *,
    calls: FirstCall | None = None,
) -> dict[str, list[float]]:
    """Import times of one handler per layer, the layers taking turns run after run; with
    `calls`, also import plus first call under "<layer>+call"."""
    # Each tree's function as its `sam build` ships it, beside that tree's layer.
    placed = {
        name: (layer, build_function(python, handler, layer.parent / handler.name, root=tree))
        for name, (layer, tree) in layers.items()
    }
    for layer, moved in placed.values():
        import_seconds(python, layer, moved)  # warms the OS file cache only
    times: dict[str, list[float]] = {name: [] for name in layers}
    times.update({f"{name}+call": [] for name in layers if calls is not None})
    times["libs"] = []
    for _ in range(runs):
        layer, moved = placed["now"]
        times["libs"].append(library_floor_seconds(python, layer, moved, clock) * 1000)
        for name, (layer, moved) in placed.items():
            if calls is None:
                times[name].append(import_seconds(python, layer, moved, clock) * 1000)
                continue
            imported, called = first_call_seconds(python, layer, moved, calls, clock)
            times[name].append(imported * 1000)
            times[f"{name}+call"].append((imported + called) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--python", required=True, help="an interpreter of the Lambda runtime")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--baseline",
        action="append",
        default=[],
        help="a git revision to measure side by side (repeatable: each gets its columns)",
    )
    parser.add_argument(
        "--clock",
        choices=["perf_counter", "process_time"],
        default="perf_counter",
        help="wall time (default) or the importing process's CPU time (on a loaded machine)",
    )
    parser.add_argument(
        "--first-call",
        action="store_true",
        help="also call each handler once (moto server, loopback site): import + first call",
    )
    parser.add_argument(
        "--only", action="append", help="measure only this function (ApiFunction ...); repeatable"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        layers = {"now": (build_host_layer(args.python, Path(tmp) / "SharedLayer"), ROOT)}
        baselines: dict[str, tuple[Path, Path]] = {}
        for number, revision in enumerate(args.baseline):
            tree = _checkout(revision, Path(tmp) / f"baseline{number}")
            built = build_host_layer(args.python, Path(tmp) / f"BaselineLayer{number}", root=tree)
            baselines[revision] = (built, tree)
        layers = {**baselines, **layers}
        with contextlib.ExitStack() as stacks:
            calls = stacks.enter_context(stack()) if args.first_call else None
            _report(args, layers, calls)
    return 0


def _report(
    args: argparse.Namespace, layers: dict[str, tuple[Path, Path]], calls: FirstCall | None
) -> None:
    what = "import and import + first call" if calls else "import"
    print(
        f"cold {what} from the built layer, {args.runs} fresh interpreters per handler "
        f"({args.clock}, load {os.getloadavg()[0]:.1f})"
    )
    columns = [*layers, *(f"{name}+call" for name in layers if calls), "libs"]
    names = "".join(f"{name[:14] + ' ms':>18}" for name in columns)
    print(f"{'handler':<22}{names}{'max ms':>10}  target")
    for handler in handlers():
        if args.only and handler.name not in args.only:
            continue
        times = _runs_ms(args.python, handler, layers, args.runs, args.clock, calls=calls)
        medians = [statistics.median(times[name]) for name in columns]
        target = TARGET_MS.get(handler.name, DEFAULT_TARGET_MS)
        verdict = "ok" if statistics.median(times["now"]) <= target else "OVER"
        cells = "".join(f"{median:>18.0f}" for median in medians)
        print(f"{handler.name:<22}{cells}{max(times['now']):>10.0f}  import <= {target} {verdict}")
    print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    sys.exit(main())
