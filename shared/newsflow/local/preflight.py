"""Checks before `newsflow local` starts anything: the clone, a runner already up, busy ports.

Each failure is a `LocalSetupError` whose message is one line a user can act on.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterable
from pathlib import Path

RUNNER_PID_FILE = "runner.pid"
# Left by `newsflow local --stop` while it stops the runner, whose last line then says the store
# is being ended rather than kept.
STOP_REQUEST_FILE = "stop-requested"


class LocalSetupError(RuntimeError):
    """`newsflow local` cannot start here as asked; the message says why and what to do."""


def check_clone(root: Path, *, fixture_site: bool) -> None:
    """The runner deploys `template.yaml` and serves `tests/devset`: both come with the clone."""
    needed = [root / "template.yaml"]
    if fixture_site:
        needed.append(root / "tests" / "devset" / "ground-truth.json")
    missing = [path for path in needed if not path.is_file()]
    if missing:
        raise LocalSetupError(
            f"{root} is not a newsflow clone (no {missing[0].relative_to(root)}): "
            "run `make run` (or `newsflow local`) in the folder you cloned newsflow into"
        )


def check_no_runner(state_dir: Path) -> None:
    """One runner per state folder: a second would fight the first over ports and the store."""
    pid = running_pid(state_dir / RUNNER_PID_FILE)
    if pid is not None and pid != os.getpid():
        raise LocalSetupError(
            f"newsflow local is already running for {state_dir} (pid {pid}): use it, or stop "
            f"it with Ctrl-C in its terminal or `kill {pid}`; a second runner needs its own "
            "--state-dir, --port, --aws-port and --site-port"
        )


def check_ports(ports: Iterable[tuple[int, str, str]]) -> None:
    """Each (port, what, option) must be free on 127.0.0.1; the error names the process on it."""
    for port, what, option in ports:
        if port and not port_free(port):
            holder = port_holder(port)
            held_by = f"pid {holder[0]} ({holder[1]})" if holder else "another process"
            raise LocalSetupError(
                f"port {port} ({what}) is in use by {held_by}: stop it, or pick another "
                f"port with {option} PORT"
            )


def port_free(port: int) -> bool:
    """Whether a server could listen on 127.0.0.1:port now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As http.server and moto bind: a port in TIME_WAIT after a stop is free to them.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_holder(port: int) -> tuple[int, str] | None:
    """(pid, command line) of the process listening on a TCP port, from /proc (Linux);
    None elsewhere or when the process is not ours to see."""
    inodes = _listening_inodes(port)
    if not inodes:
        return None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for fd in (entry / "fd").iterdir():
                link = str(fd.readlink())
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").strip()
                    return int(entry.name), command.decode("utf-8", "replace")[:120]
    return None


def _listening_inodes(port: int) -> set[str]:
    """Socket inodes in state LISTEN (0A) on `port`, from /proc/net/tcp and tcp6."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                    inodes.add(inode)
    return inodes


def running_pid(pid_file: Path, command: str = "newsflow") -> int | None:
    """The pid in a pid file if that process still runs and, where /proc shows command lines
    (Linux), `command` is in its own: a pid file left by a reboot or a kill -9 may hold a pid
    since given to another process, which must not be taken for ours (nor be signalled)."""
    try:
        pid = int(pid_file.read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    try:
        line = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return pid  # no /proc (macOS), or not ours to read: alive is all we can know
    return pid if command.encode() in line else None
