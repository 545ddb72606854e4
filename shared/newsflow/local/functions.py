"""The template's Lambda functions run in this process, each with its own environment."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import uuid
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from newsflow import config
from newsflow.local.cloud import ACCOUNT_ID, Deployment
from newsflow.storage.template import functions, load_handler


@dataclass
class LambdaContext:
    """What a handler may read of its context (Powertools reads these)."""

    function_name: str
    memory_limit_in_mb: int
    timeout_seconds: int
    invoked_function_arn: str
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    log_group_name: str = "/aws/lambda/local"
    log_stream_name: str = "local"
    _deadline: float = field(default_factory=time.monotonic)

    def get_remaining_time_in_millis(self) -> int:
        elapsed = time.monotonic() - self._deadline
        return max(0, int((self.timeout_seconds - elapsed) * 1000))


@dataclass
class LocalFunction:
    """One function of the template: its handler, environment and limits."""

    name: str
    properties: dict[str, Any]
    environment: dict[str, str]
    handler: Callable[[dict[str, Any], Any], Any] | None = None


class FunctionHost:
    """Invokes handlers one at a time, each inside its own environment variables.

    Handlers share this process, and settings are read from the environment once and cached;
    so an invocation swaps the function's variables in, clears the settings caches, and
    swaps them out again. One at a time, as a lock guarantees, keeps that safe.
    """

    def __init__(
        self,
        root: Path,
        deployment: Deployment,
        base_environment: dict[str, str],
        log: TextIO | None = None,
    ):
        self._root = root
        self._log = log
        self._lock = threading.Lock()
        self.invocations: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.functions: dict[str, LocalFunction] = {}
        for name, properties in functions(deployment.template).items():
            variables = properties.get("Environment", {}).get("Variables", {})
            environment = {k: str(deployment.resolve(v)) for k, v in variables.items()}
            environment.update(base_environment)
            environment.setdefault("AWS_LAMBDA_FUNCTION_NAME", name)
            self.functions[name] = LocalFunction(name, properties, environment)

    def invoke(self, name: str, event: dict[str, Any]) -> Any:
        """Call one function's handler with an event, as Lambda would."""
        function = self.functions[name]
        context = LambdaContext(
            function_name=name,
            memory_limit_in_mb=int(function.properties.get("MemorySize", 128)),
            timeout_seconds=int(function.properties.get("Timeout", 3)),
            invoked_function_arn=f"arn:aws:lambda:local:{ACCOUNT_ID}:function:{name}",
        )
        with self._lock, _environment(function.environment), self._logs_to_file():
            if function.handler is None:
                function.handler = load_handler(self._root, function.properties)
                self._route_logger(function.environment)
            self.invocations[name] += 1
            try:
                return function.handler(event, context)
            except Exception:
                self.errors[name] += 1
                raise

    @contextmanager
    def _logs_to_file(self) -> Iterator[None]:
        # Structured logs and metrics would drown the runner's progress: they go to a file.
        if self._log is None:
            yield
            return
        with contextlib.redirect_stdout(self._log), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="No application metrics to publish")
            yield
        self._log.flush()

    def _route_logger(self, environment: dict[str, str]) -> None:
        # Powertools' Logger keeps the stdout it saw when created; point it at the log file.
        if self._log is None:
            return
        service = environment.get("POWERTOOLS_SERVICE_NAME", "service_undefined")
        for handler in logging.getLogger(service).handlers:
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(self._log)


@contextmanager
def _environment(variables: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in variables}
    os.environ.update(variables)
    _clear_settings_caches()
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _clear_settings_caches()


def _clear_settings_caches() -> None:
    for value in vars(config).values():
        clear = getattr(value, "cache_clear", None)
        if callable(clear):
            clear()
