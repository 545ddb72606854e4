"""`.newsflow/local.json`: what `newsflow local` tells every other command about its stack.

Light on purpose (no boto3, no moto): `newsflow sources`, `reprocess` and `upload` read it
to reach the local stack without any environment variable set.
"""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path
from typing import Any

STATE_DIR = Path(".newsflow")
STATE_FILE = "local.json"
# moto accepts any credentials; the AWS CLI and boto3 refuse to sign without some.
LOCAL_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"}
# What a command needs to reach a stack: the AWS endpoint and region, and the stack's outputs.
REQUIRED = ("NEWSFLOW_BUCKET", "NEWSFLOW_TABLE", "NEWSFLOW_EVENT_BUS")


class StackNotFoundError(RuntimeError):
    """No stack to talk to: neither the stack's settings in the environment nor a local one."""


def find_state_file(start: Path | None = None) -> Path | None:
    """`.newsflow/local.json` in `start` (default: the working directory) or a parent of it;
    `NEWSFLOW_STATE_DIR` names another state folder."""
    named = os.environ.get("NEWSFLOW_STATE_DIR")
    if named:
        path = Path(named) / STATE_FILE
        return path if path.is_file() else None
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / STATE_DIR / STATE_FILE
        if path.is_file():
            return path
    return None


def stack_environment(
    *,
    endpoint: str,
    region: str,
    bucket: str,
    table: str,
    event_bus: str,
    queues: dict[str, str],
) -> dict[str, str]:
    """The environment variables that point the AWS CLI, boto3 and `newsflow` at a local stack
    (names: the AWS CLI's and SDKs' standard variables, and the template's function settings)."""
    environment = {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
        **LOCAL_CREDENTIALS,
        "NEWSFLOW_BUCKET": bucket,
        "NEWSFLOW_TABLE": table,
        "NEWSFLOW_EVENT_BUS": event_bus,
    }
    for name, setting in (
        ("FetchQueue", "NEWSFLOW_FETCH_QUEUE_URL"),
        ("DiscoverQueue", "NEWSFLOW_DISCOVER_QUEUE_URL"),
    ):
        if name in queues:
            environment[setting] = queues[name]
    return environment


def read_state(path: Path) -> dict[str, Any]:
    """The state file's content (the shape `LocalRunner` writes: api_url, api_key,
    environment, ...); raises StackNotFoundError when it cannot be read."""
    try:
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StackNotFoundError(f"cannot read {path}: {error}") from error
    if not isinstance(state.get("environment"), dict):
        raise StackNotFoundError(f"{path} is from an older newsflow: run `make run` again")
    return state


def use_stack() -> dict[str, Any] | None:
    """Point this process at a stack: the environment when it names one (a deployed stack),
    otherwise the local stack of `.newsflow/local.json`, whose variables fill what is unset.

    Returns the local state used, or None when the environment names the stack.
    Raises StackNotFoundError, naming what is missing, when there is neither.
    """
    if all(os.environ.get(name) for name in REQUIRED):
        return None
    path = find_state_file()
    if path is None:
        missing = ", ".join(name for name in REQUIRED if not os.environ.get(name))
        raise StackNotFoundError(
            f"no stack to talk to: start the local one with `make run` in the newsflow clone "
            f"(it writes {STATE_DIR / STATE_FILE}), or set {missing} and AWS credentials "
            "for a deployed stack"
        )
    state = read_state(path)
    for name, value in state["environment"].items():
        os.environ.setdefault(name, str(value))
    return state


def export_lines(environment: dict[str, str]) -> str:
    """`export NAME=value` lines for a POSIX shell (`eval "$(newsflow local --env)"`)."""
    return "".join(f"export {name}={shlex.quote(value)}\n" for name, value in environment.items())
