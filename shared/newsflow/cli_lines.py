"""The command line's lines on stderr: errors, warnings and notes, each as one line that
starts with the program and the command, "newsflow extract: ...", as argparse starts its usage
errors ("newsflow extract: error: ..."). Every command writes them through `say`, so the
prefix is set once, when the command is known (`begin`), and is the same in every command.

Light on purpose: `cli_entry` uses it before the command line is imported."""

from __future__ import annotations

import sys
from collections.abc import Sequence

PROGRAM = "newsflow"

# The commands, as `newsflow --help` lists them (`test_cli` checks the parser against it):
# Ctrl-C before the parser exists names the command from argv with it.
COMMANDS = ("extract", "reprocess", "sources", "discover", "fetch", "upload", "local")

_command = [""]


def begin(argv: Sequence[str]) -> None:
    """Name the command that the rest of this run's lines are about: argv's first word
    when it is one of `COMMANDS` (the top-level parser has no option taking a value)."""
    first = next((arg for arg in argv if not arg.startswith("-")), "")
    _command[0] = first if first in COMMANDS else ""


def prefix() -> str:
    """ "newsflow COMMAND", or "newsflow" before a command is known."""
    return f"{PROGRAM} {_command[0]}" if _command[0] else PROGRAM


def say(message: str) -> None:
    """Write "newsflow COMMAND: message" as one line on stderr, flushed (it may come before a
    long wait)."""
    print(f"{prefix()}: {message}", file=sys.stderr, flush=True)
