"""Free loopback ports for running the local runner beside other things (tests, benchmarks)."""

from __future__ import annotations

import os
import random
import socket

# Under pytest-xdist each worker takes its blocks from its own range, below the kernel's
# ephemeral ports (32768 and up): a block one worker probed free cannot be taken by another
# worker's runner, nor by an outgoing connection, before its own runner binds it.
_WORKER_RANGES_START = 20000
_WORKER_RANGE_SIZE = 1000


def free_port_block(size: int) -> int:
    """The first of `size` consecutive free ports on 127.0.0.1."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    for _ in range(50):
        first = _candidate(worker, size)
        if first + size >= 65535:
            continue
        sockets = []
        try:
            for port in range(first, first + size):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no free block of ports")


def _candidate(worker: str, size: int) -> int:
    if worker.startswith("gw") and worker[2:].isdigit():
        low = _WORKER_RANGES_START + int(worker[2:]) * _WORKER_RANGE_SIZE
        return random.randrange(low, low + _WORKER_RANGE_SIZE - size)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
