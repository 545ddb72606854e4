"""The `newsflow` console script's entry point (and `python -m newsflow`'s).

It imports the command line itself, inside a `KeyboardInterrupt` handler: importing it (the
extractor, pydantic, lxml) takes most of a second, and Ctrl-C in that time used to print a
traceback. Now it ends as Ctrl-C later in a command does: one line on stderr ("newsflow
COMMAND: interrupted", `cli_lines`) and exit 130 (128 + SIGINT, as shells report it).

Once the command is done, Ctrl-C is ignored while the interpreter exits: Python puts SIGINT
back to its default action before tearing down its modules (a few hundred ms with the extractor
loaded), and Ctrl-C then killed the process by signal with no line, after the command had
finished.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Sequence

from newsflow import cli_lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run `newsflow.cli.main(argv)`; 130 with one line on stderr when Ctrl-C comes while
    it is still being imported. Meant as the process's entry point: on return (or exit, as
    `--help` does) Ctrl-C is ignored for the rest of the process's life."""
    try:
        try:
            from newsflow import cli  # noqa: PLC0415 - the import is what Ctrl-C may interrupt
        except KeyboardInterrupt:
            return interrupted(argv)
        return cli.main(argv)
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def interrupted(argv: Sequence[str] | None = None) -> int:
    """130, after "newsflow COMMAND: interrupted" on stderr: Ctrl-C before the command ran
    (the `newsflow` script and `python -m newsflow` call it when their imports are cut)."""
    cli_lines.begin(sys.argv[1:] if argv is None else argv)
    cli_lines.say("interrupted")
    return 130
