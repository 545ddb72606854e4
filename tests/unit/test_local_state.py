"""`.newsflow/local.json` points each command at the local stack; without one, one line says why."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsflow.local.state import (
    REQUIRED,
    StackNotFoundError,
    export_lines,
    stack_environment,
    use_stack,
)

ENVIRONMENT = stack_environment(
    endpoint="http://127.0.0.1:5005",
    region="us-east-1",
    bucket="newsflow-dev-bucket",
    table="newsflow-dev-table",
    event_bus="newsflow-dev-bus",
    queues={"FetchQueue": "http://127.0.0.1:5005/q/fetch", "ProcessQueue": "x"},
)


@pytest.fixture
def no_stack_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in list(os.environ):
        if name.startswith(("AWS_", "NEWSFLOW_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_use_stack_without_settings_or_state_names_what_is_missing(
    no_stack_settings: Path,
) -> None:
    with pytest.raises(StackNotFoundError) as raised:
        use_stack()
    message = str(raised.value)
    assert "\n" not in message
    assert "make run" in message
    assert all(name in message for name in REQUIRED)


def test_use_stack_in_a_subfolder_of_the_clone_reads_local_json(
    no_stack_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state_dir = no_stack_settings / ".newsflow"
    state_dir.mkdir()
    (state_dir / "local.json").write_text(json.dumps({"environment": ENVIRONMENT}))
    (no_stack_settings / "docs").mkdir()
    monkeypatch.chdir(no_stack_settings / "docs")
    assert use_stack() is not None
    assert os.environ["NEWSFLOW_TABLE"] == "newsflow-dev-table"
    assert os.environ["AWS_ENDPOINT_URL"] == "http://127.0.0.1:5005"
    assert os.environ["AWS_ACCESS_KEY_ID"]  # dummy credentials: moto needs some
    assert os.environ["NEWSFLOW_FETCH_QUEUE_URL"] == "http://127.0.0.1:5005/q/fetch"


def test_use_stack_prefers_a_stack_named_in_the_environment(
    no_stack_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (no_stack_settings / ".newsflow").mkdir()
    (no_stack_settings / ".newsflow" / "local.json").write_text(
        json.dumps({"environment": ENVIRONMENT})
    )
    for name in REQUIRED:
        monkeypatch.setenv(name, "deployed")
    assert use_stack() is None
    assert "AWS_ENDPOINT_URL" not in os.environ


def test_use_stack_with_an_unreadable_state_file_says_so(no_stack_settings: Path) -> None:
    (no_stack_settings / ".newsflow").mkdir()
    (no_stack_settings / ".newsflow" / "local.json").write_text("{not json")
    with pytest.raises(StackNotFoundError, match="cannot read"):
        use_stack()


def test_export_lines_quote_values_for_the_shell() -> None:
    lines = export_lines({"A": "plain", "B": "it's spaced"})
    assert lines == "export A=plain\nexport B='it'\"'\"'s spaced'\n"
