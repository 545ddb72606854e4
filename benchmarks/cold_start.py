"""Cold import time of each Lambda handler from the built artifacts (target: <= 400 ms).

Builds the shared layer for this host with the same Makefile `sam build` uses, then imports
each handler in fresh interpreters of the runtime's version with the shipped .pyc files, and
reports the median and the slowest run per handler.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

# The layer build lives in tests/support: tests/built_layer uses it too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.built_artifacts import build_host_layer, handlers, import_seconds

TARGET_MS = 400


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--python", required=True, help="an interpreter of the Lambda runtime")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        layer = build_host_layer(args.python, Path(tmp) / "SharedLayer")
        print(f"cold import from the built layer, {args.runs} fresh interpreters per handler")
        print(f"{'handler':<22}{'median ms':>12}{'max ms':>10}  target <= {TARGET_MS} ms")
        for handler in handlers():
            import_seconds(args.python, layer, handler)  # warms the OS file cache only
            runs = [import_seconds(args.python, layer, handler) * 1000 for _ in range(args.runs)]
            median = statistics.median(runs)
            verdict = "ok" if median <= TARGET_MS else "OVER"
            print(f"{handler.name:<22}{median:>12.0f}{max(runs):>10.0f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
