"""`newsflow local`: the whole pipeline on one machine, moto as AWS, handlers in-process."""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError

from newsflow.config import fetch_settings
from newsflow.local.api_gateway import LocalApi, gateway_responses, sign
from newsflow.local.cloud import Deployment, attach, deploy
from newsflow.local.functions import FunctionHost
from newsflow.local.preflight import (
    RUNNER_PID_FILE,
    check_clone,
    check_no_runner,
    check_ports,
    running_pid,
)
from newsflow.local.site import CHANGE_AFTER, PUBLISHERS, NewsSite
from newsflow.local.state import STATE_FILE, stack_environment
from newsflow.local.triggers import QueueTrigger, ScheduleTrigger, Triggers, read_triggers
from newsflow.services.discover_source import UPDATE_TOLERANCE
from newsflow.services.process_object import STORED_OUTCOMES

REGION = "us-east-1"
EVENTS_TAP = "newsflow-local-events"
# Failed messages come back after the queue's visibility timeout on AWS (minutes); locally a
# few seconds keep a retry visible without a long wait. Redrive to the DLQ is moto's own.
_LOCAL_RETRY_SECONDS = 2
_IDLE_CHECKS = 3
# How often `--once` shows its progress line while it waits (run_forever: every 2 s).
_ONCE_PROGRESS_SECONDS = 5.0
# The progress line's two parts: the store's totals, then what this run of the runner saw.
PROGRESS_STORE = "in the store: "
PROGRESS_RUN = "this run: "
# The services the runner itself calls (queues, progress counts, the fetch outcome scan).
_RUNNER_SERVICES = ("sqs", "s3", "dynamodb")
# A store call that fails is retried after this long; the store counts as gone (stopped with
# `newsflow local --stop`) only when it has not answered over _STORE_CHECKS checks.
_STORE_RETRY_SECONDS = 1.0
_STORE_CHECKS = 3
API_KEY_FILE = "api_key"
_TABLE = "AWS::DynamoDB::Table"
# Fetch outcomes that are no rejection: a page stored, or a page that did not change.
_FETCHED_OUTCOMES = frozenset({"ok", "not_modified"})
# Processing outcomes that store the page (a paywalled teaser too); the others are rejections.
_STORED_OUTCOMES = frozenset(kind.value for kind in STORED_OUTCOMES)


@dataclass
class Options:
    """How the runner was asked to run."""

    root: Path
    state_dir: Path
    api_port: int = 3000
    aws_port: int = 5005
    site_port: int = 8801
    once: bool = False
    speed: float = 1.0
    sources: list[str] = field(default_factory=list)
    fresh: bool = False
    timeout: float = 600.0
    site_articles: int = 12  # development-set pages per fixture publisher


def restart_command(options: Options) -> str:
    """`.venv/bin/newsflow local` with the options of `options` that are not the defaults
    (ports, state folder, sources): the command that serves the same store and API again."""
    default = Options(root=options.root, state_dir=Path(".newsflow"))
    words = [".venv/bin/newsflow", "local"]
    for flag, value, usual in (
        ("--port", options.api_port, default.api_port),
        ("--aws-port", options.aws_port, default.aws_port),
        ("--site-port", options.site_port, default.site_port),
        ("--state-dir", options.state_dir, default.state_dir),
    ):
        if value != usual:
            words += [flag, str(value)]
    for url in options.sources:
        words += ["--source", url]
    return shlex.join(words)


def example_commands(
    options: Options, api_url: str, api_key: str, bucket: str, *, running: bool
) -> str:
    """The runner's "Try (in another terminal)" lines. With a state folder other than
    `.newsflow`, the commands that find the stack by its state file name it
    (`NEWSFLOW_STATE_DIR=...`, `--state-dir`): they would reach the default stack otherwise."""
    page = "tests/golden/cases/seed-putin-syria.html"
    state, env_flag = "", ""
    if options.state_dir != Path(".newsflow"):
        state = f"NEWSFLOW_STATE_DIR={shlex.quote(str(options.state_dir))} "
        env_flag = f" --state-dir {shlex.quote(str(options.state_dir))}"
    start = "" if running else f"  {restart_command(options)} &    # serves the API again\n"
    return (
        "\nTry (in another terminal):\n"
        + start
        + f"  curl -s -H 'x-api-key: {api_key}' '{api_url}/articles?limit=5'\n"
        f"  {state}.venv/bin/newsflow upload {page} --url https://example.com/story\n"
        f"  {state}.venv/bin/newsflow sources list\n"
        f"  {api_url}/docs    (in a browser: the API, interactive)\n"
        f"  {api_url}/console (in a browser: sources, drift, articles; asks for the key)\n"
        f'  eval "$(.venv/bin/newsflow local --env{env_flag})"; aws s3 ls s3://{bucket}/\n'
    )


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) and SIGTERM until the block is done, then deliver the first that
    came, to the handler that was in place (so a KeyboardInterrupt is raised after the block,
    never inside it). Outside the main thread, where handlers cannot be set, it holds nothing.
    The handlers are Python-level: a process started inside the block gets the defaults."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = {
        number: signal.signal(number, lambda signum, _frame: held.append(signum))
        for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if held:
            signal.raise_signal(held[0])


# moto's server with our TransactWriteItems backup fix (`python -m` this module); its name in
# a process's command line is also how `stop` knows a pid in moto.pid is still ours.
MOTO_SERVER_MODULE = "newsflow.local.moto_server"


class MotoServer:
    """moto in server mode in its own process, so the local store outlives a runner restart."""

    def __init__(self, port: int, state_dir: Path) -> None:
        self.port = port
        self.endpoint = f"http://127.0.0.1:{port}"
        self._pid_file = state_dir / "moto.pid"

    def running(self, timeout: float = 1) -> bool:
        """Whether moto answers on the port within `timeout` seconds."""
        try:
            with _loopback(f"{self.endpoint}/moto-api/", timeout=timeout) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def start(self) -> None:
        log = (self._pid_file.parent / "moto.log").open("ab")
        # Ctrl-C inside Popen left a moto server running with no pid file, which neither the
        # runner's stop nor `local --stop` could then end: the signal waits for the pid file.
        with signals_held():
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and moto's server
                [
                    sys.executable,
                    "-m",
                    MOTO_SERVER_MODULE,
                    "-H",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                ],
                stdout=log,
                stderr=log,
                start_new_session=True,  # Ctrl-C stops the runner, not the store
            )
            self._pid_file.write_text(str(process.pid))
        deadline = time.monotonic() + 30
        while not self.running():
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"moto did not start on {self.endpoint}; see moto.log")
            time.sleep(0.1)

    def reset(self) -> None:
        _loopback(f"{self.endpoint}/moto-api/reset", method="POST", timeout=10).close()

    def stop(self, wait: float = 10) -> bool:
        """End the moto server this state folder started (its pid file); True when one was
        running, after waiting up to `wait` seconds for it to be gone. False when none was
        (no pid file, or its process had already ended)."""
        pid = running_pid(self._pid_file, MOTO_SERVER_MODULE)
        self._pid_file.unlink(missing_ok=True)
        if pid is None:
            return False
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return False
        deadline = time.monotonic() + wait
        while self.running(timeout=0.5) and time.monotonic() < deadline:
            time.sleep(0.1)
        return True


class LocalRunner:
    """Deploys the template into moto, serves the fixture site and the API, plays triggers."""

    def __init__(self, options: Options, out: TextIO = sys.stdout) -> None:
        self.options = options
        self.out = out
        self.stopping = threading.Event()
        self.handled: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        self._busy = 0
        self._busy_lock = threading.Lock()
        self.moto = MotoServer(options.aws_port, options.state_dir)
        self.site: NewsSite | None = None
        self.api: LocalApi | None = None
        self.deployment: Deployment
        self.host: FunctionHost
        self.triggers: Triggers
        self.api_key = ""
        self._threads: list[threading.Thread] = []
        self._events: Counter[str] = Counter()
        self._started_moto = False
        self._ready = False
        self._store_lost = False
        self._last_progress = (time.monotonic(), 0)

    # -- set-up -------------------------------------------------------------------------
    def start(self) -> None:
        """Check, then start moto, deploy, serve the site and the API, register the sources.

        Raises LocalSetupError (one line to show) when it cannot start here as asked, and
        config.SettingsError for a NEWSFLOW_FETCH_* setting it refuses, before starting any.
        """
        options = self.options
        # A NEWSFLOW_FETCH_* setting that --source's reads, and the fetch and discover
        # functions (the template sets only some), would refuse is said now, not after moto
        # is started and the template deployed: SettingsError, named by the CLI.
        fetch_settings()
        check_clone(options.root, fixture_site=not options.sources)
        options.state_dir.mkdir(parents=True, exist_ok=True)
        check_no_runner(options.state_dir)
        running = self.moto.running()
        check_ports(self._ports(running))
        (options.state_dir / RUNNER_PID_FILE).write_text(str(os.getpid()))
        environment = self._environment()
        os.environ.update(environment)
        if not running:
            self._say(f"starting AWS (moto) on {self.moto.endpoint} ...")
            self._started_moto = True
            self.moto.start()
        elif options.fresh:
            self.moto.reset()
        if options.fresh or not running:  # a new store: the site's story starts unedited
            (options.state_dir / "site.json").unlink(missing_ok=True)
        reused = running and not options.fresh
        self._say(
            f"AWS (moto) on {self.moto.endpoint}" + (" (kept from the last run)" if reused else "")
        )
        self.deployment = self._deploy(reused)
        if reused:
            self.forget_earlier_events()
        for service in _RUNNER_SERVICES:  # made now, before any function runs (cloud.py)
            self.deployment.client(service)
        log = (options.state_dir / "functions.log").open("a", encoding="utf-8")
        self.host = FunctionHost(options.root, self.deployment, environment, log)
        self.triggers = read_triggers(self.deployment)
        self.api = LocalApi(
            self.host,
            self.triggers.routes,
            self.api_key,
            options.api_port,
            responses=gateway_responses(self.deployment.template),
        )
        self.api.start()
        self._say(f"API on {self.api.url} ({len(self.triggers.routes)} routes)")
        sources = self._sources()
        self._register_sources(sources)
        self._write_state()
        for trigger in self.triggers.queues:
            self._spawn(self._poll_queue, trigger)
        self._ready = True

    def _environment(self) -> dict[str, str]:
        """The environment of the functions and of this process: moto as AWS, and the
        settings the local stack differs in from the template's."""
        return {
            "AWS_ENDPOINT_URL": self.moto.endpoint,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            # The fixture site lives on 127.0.0.1: only the local runner allows loopback.
            "NEWSFLOW_FETCH_ALLOW_LOOPBACK": "true",
            "NEWSFLOW_API_SOURCES_ALLOW_LOOPBACK": "true",  # so it may register them
            # Below the shortened local visibility timeout (cloud.py), as the template's
            # lease is below its own: a restarted runner completes a stopped announcement.
            "NEWSFLOW_ANNOUNCE_LEASE_SECONDS": "10",
            # `--speed` shortens discovery's edit tolerance as it does the schedules, and the
            # fixture site edits its changing story as much sooner (site.CHANGE_AFTER).
            "NEWSFLOW_DISCOVER_UPDATE_TOLERANCE_SECONDS": str(
                UPDATE_TOLERANCE.total_seconds() / max(self.options.speed, 1e-6)
            ),
        }

    def _ports(self, moto_running: bool) -> list[tuple[int, str, str]]:
        options = self.options
        ports = [(options.api_port, "the API", "--port")]
        if not moto_running:
            ports.append((options.aws_port, "AWS (moto)", "--aws-port"))
        if not options.sources and options.site_port:
            ports += [
                (options.site_port + n, "the fixture site", "--site-port")
                for n in range(len(PUBLISHERS))
            ]
        return ports

    def _api_key(self) -> str:
        """The local API key: made once per state folder and kept, across restarts, --fresh
        and --stop, so scripts and shells that hold it keep working."""
        path = self.options.state_dir / API_KEY_FILE
        if path.is_file() and path.read_text().strip():
            return path.read_text().strip()
        key = secrets.token_urlsafe(24)
        path.write_text(key + "\n")
        return key

    def _deploy(self, reused: bool) -> Deployment:
        state_file = self.options.state_dir / "deployment.json"
        template = self.options.root / "template.yaml"
        if reused and state_file.exists():
            saved = json.loads(state_file.read_text())
            # The moto server still holds the earlier deployment: nothing is created.
            deployment, _ = attach(
                self.moto.endpoint, template, REGION, saved["physical"], saved["secret_values"]
            )
            self.api_key = self._api_key()
            return deployment
        started = time.monotonic()
        self._say("deploying template.yaml into moto ...")
        deployment = deploy(self.moto.endpoint, template, REGION)
        self.api_key = self._api_key()
        _add_events_tap(deployment)
        state_file.write_text(
            json.dumps({"physical": deployment.physical, "secret_values": deployment.secret_values})
        )
        self._say(
            f"template.yaml deployed into moto in {time.monotonic() - started:.1f} s "
            f"({len(deployment.physical)} resources)"
        )
        return deployment

    def _sources(self) -> list[dict[str, Any]]:
        if self.options.sources:
            return [self._given_source(url) for url in self.options.sources]
        self.site = NewsSite(
            self.options.root / "tests" / "devset",
            self.options.site_articles,
            state_file=self.options.state_dir / "site.json",
            change_after=CHANGE_AFTER / max(self.options.speed, 1e-6),
        )
        self.site.start(self.options.site_port)
        self._say(
            "fixture news site: " + ", ".join(f"{p.name} {p.origin}" for p in self.site.publishers)
        )
        return [
            {
                "id": p.slug,
                "name": p.name,
                "homepage": p.origin + "/",
                "feeds": [p.origin + p.feed_path],
                "sitemaps": [p.origin + "/sitemap.xml"],
                "poll_interval_seconds": 60,
                "min_delay_seconds": 0.05,
            }
            for p in self.site.publishers
        ]

    def _given_source(self, homepage: str) -> dict[str, Any]:
        """A --source site as a source; says when it leaves discovery nothing to poll (a
        site that cannot be reached used to end the run with an empty table and no word)."""
        source, problem = _source_for(homepage, self._say)
        if not (source["feeds"] or source["sitemaps"]):
            why = (
                f"its homepage could not be read ({problem})"
                if problem
                else "no feed or sitemap on its homepage or in its robots.txt"
            )
            self._say(f"source {source['id']} ({homepage}): nothing to poll: {why}")
        return source

    def _register_sources(self, sources: list[dict[str, Any]]) -> None:
        """Sources go in through the API's admin route, the way an administrator adds them."""
        assert self.api is not None
        for source in sources:
            try:
                url, body = f"{self.api.url}/sources/{source['id']}", json.dumps(source).encode()
                # An admin route: SigV4 with the local credentials, as deployed with IAM.
                headers = sign(
                    "PUT",
                    url,
                    body=body,
                    headers={"Content-Type": "application/json"},
                    credentials=self.api.credentials,
                    region=REGION,
                )
                _loopback(url, data=body, method="PUT", headers=headers, timeout=30).close()
            except urllib.error.HTTPError as error:
                detail = error.read().decode("utf-8", "replace")[:300]
                self._say(f"could not register source {source['id']}: {error.code} {detail}")

    def _write_state(self) -> None:
        assert self.api is not None
        deployment = self.deployment
        by_type: dict[str, list[str]] = {}
        for logical, resource in deployment.resources.items():
            by_type.setdefault(resource["Type"], []).append(logical)
        first = {kind: names[0] for kind, names in by_type.items()}
        state: dict[str, Any] = {
            "api_url": self.api.url,
            "api_key": self.api_key,
            "aws_endpoint_url": self.moto.endpoint,
            "region": REGION,
            "bucket": deployment.ref(first["AWS::S3::Bucket"]),
            "table": deployment.ref(first["AWS::DynamoDB::Table"]),
            "event_bus": deployment.ref(first["AWS::Events::EventBus"]),
            "queues": {q: deployment.ref(q) for q in by_type.get("AWS::SQS::Queue", [])},
        }
        state["environment"] = stack_environment(
            endpoint=self.moto.endpoint,
            region=REGION,
            bucket=state["bucket"],
            table=state["table"],
            event_bus=state["event_bus"],
            queues=state["queues"],
        )
        (self.options.state_dir / STATE_FILE).write_text(json.dumps(state, indent=2) + "\n")

    # -- triggers -------------------------------------------------------------------------
    def _spawn(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _poll_queue(self, trigger: QueueTrigger) -> None:
        sqs = self.deployment.client("sqs")
        while not self.stopping.is_set():
            try:
                self._poll_once(sqs, trigger)
            except (BotoCoreError, ClientError) as error:
                # A busy moto may refuse or fail one call: the poll goes on unless the store
                # is really gone (newsflow local --stop), which the main loop then reports.
                self._after_store_error(f"polling {trigger.queue}", error)

    def _after_store_error(self, doing: str, error: Exception) -> None:
        """A call to the local store failed: say so, and stop only when the store is gone
        (it no longer answers over a few seconds); otherwise back off and go on. Once the run
        is ending nothing is said: no retry follows, and the main loop reports a lost store."""
        if isinstance(error, EndpointConnectionError) and not self._store_answers():
            self._store_lost = True
            self.stopping.set()
            return
        if self.stopping.is_set():
            return  # the run is ending (Ctrl-C, or another thread found the store gone): no retry
        self._say(f"{doing} failed, retrying: {type(error).__name__}: {error}")
        self.stopping.wait(_STORE_RETRY_SECONDS)

    def _store_answers(self) -> bool:
        for _ in range(_STORE_CHECKS):
            if self.moto.running(timeout=5):
                return True
            if self.stopping.wait(1):
                return True  # stopping anyway: not a lost store
        return False

    def _poll_once(self, sqs: Any, trigger: QueueTrigger) -> None:
        messages = sqs.receive_message(
            QueueUrl=trigger.queue_url,
            MaxNumberOfMessages=min(trigger.batch_size, 10),
            WaitTimeSeconds=1,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not messages:
            return
        with self._busy_lock:
            self._busy += 1
        try:
            self._deliver(sqs, trigger, messages)
        finally:
            with self._busy_lock:
                self._busy -= 1

    def _deliver(self, sqs: Any, trigger: QueueTrigger, messages: list[dict[str, Any]]) -> None:
        region = self.deployment.region
        event = {"Records": [sqs_record(m, trigger.queue_arn, region) for m in messages]}
        try:
            response = self.host.invoke(trigger.function, event)
        except Exception as error:  # noqa: BLE001 - Lambda retries the whole batch; so do we
            # The first line only: a BatchProcessingError's message goes on with every
            # record's traceback, which would bury the progress lines.
            summary = str(error).strip().splitlines()[0] if str(error).strip() else ""
            self._say(f"{trigger.function} failed a batch: {type(error).__name__}: {summary}")
            failed_ids = {m["MessageId"] for m in messages}
        else:
            failures = (
                (response or {}).get("batchItemFailures", []) if trigger.partial_batch else []
            )
            failed_ids = {f["itemIdentifier"] for f in failures}
        done = [m for m in messages if m["MessageId"] not in failed_ids]
        self.handled[trigger.function] += len(done)
        self.failed[trigger.function] += len(failed_ids)
        if done:
            sqs.delete_message_batch(
                QueueUrl=trigger.queue_url,
                Entries=[
                    {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(done)
                ],
            )
        for message in messages:
            if message["MessageId"] in failed_ids:
                sqs.change_message_visibility(
                    QueueUrl=trigger.queue_url,
                    ReceiptHandle=message["ReceiptHandle"],
                    VisibilityTimeout=_LOCAL_RETRY_SECONDS,
                )

    def _run_schedule(self, trigger: ScheduleTrigger) -> None:
        interval = trigger.every_seconds / max(self.options.speed, 1e-6)
        while True:
            self.fire(trigger)
            if self.stopping.wait(interval):
                return

    def fire(self, trigger: ScheduleTrigger) -> None:
        """One scheduled invocation, with the payload EventBridge Scheduler would send."""
        try:
            self.host.invoke(trigger.function, trigger.payload or _scheduled_event(trigger))
            self.handled[f"{trigger.function} (schedule)"] += 1
        except Exception as error:  # noqa: BLE001 - a failed run is reported, the next one comes
            self.failed[f"{trigger.function} (schedule)"] += 1
            self._say(f"{trigger.function} schedule failed: {type(error).__name__}: {error}")

    # -- running --------------------------------------------------------------------------
    def run_forever(self) -> None:
        """Schedules run now and then on their rate; progress until Ctrl-C, and a table per
        source each time the queues drain."""
        for trigger in self.triggers.schedules:
            self._spawn(self._run_schedule, trigger)
        self._print_examples(running=True)
        last = ""
        tabled = 0
        quiet = 0
        while not self.stopping.wait(2):
            try:
                depths = self.queue_depths()
                quiet = quiet + 1 if not any(depths.values()) and not self._busy else 0
                handled = sum(self.handled.values())
                line = self.progress_line(depths)
                if line != last:
                    self._say(line)
                    last = line
                # Two quiet checks in a row: the cycle is over, not between two of its stages.
                if handled != tabled and quiet >= 2:
                    self._say(self.source_table())
                    tabled = handled
            except (BotoCoreError, ClientError) as error:
                # Progress is a report: a failed round is skipped, never the end of the run.
                self._after_store_error("reading progress", error)
        if self._store_lost:
            raise EndpointConnectionError(endpoint_url=self.moto.endpoint)

    def run_once(self) -> bool:
        """One full cycle: every schedule once, then until every queue is drained."""
        for trigger in self.triggers.schedules:
            self.fire(trigger)
        idle = self.wait_idle(self.options.timeout)
        if not idle:
            # Out of time: the batches in progress finish first, so the table that follows
            # holds what they stored (it used to come first, often empty, then this line).
            self._say(
                f"out of time after {self.options.timeout:g} s: the batches in progress "
                "finish, the rest stays queued for the next run"
            )
            self._finish_batches()
        self._say(self.progress_line(self.queue_depths()))
        self._say(self.source_table())
        self._print_examples(running=False)
        return idle

    def queue_depths(self) -> dict[str, int]:
        """Messages each queue of the template holds (visible, in flight or delayed)."""
        sqs = self.deployment.client("sqs")
        depths = {}
        for trigger in self.triggers.queues:
            attributes = sqs.get_queue_attributes(
                QueueUrl=trigger.queue_url, AttributeNames=["All"]
            )["Attributes"]
            depths[trigger.queue] = sum(
                int(attributes.get(name, 0))
                for name in (
                    "ApproximateNumberOfMessages",
                    "ApproximateNumberOfMessagesNotVisible",
                    "ApproximateNumberOfMessagesDelayed",
                )
            )
        return depths

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no queue holds a message (visible, in flight or delayed) and no batch
        runs; the progress line meanwhile, at once and then every _ONCE_PROGRESS_SECONDS while
        it changes (a cycle of minutes was a silent wait)."""
        deadline = time.monotonic() + timeout
        quiet = 0
        said, said_at = "", -_ONCE_PROGRESS_SECONDS
        while time.monotonic() < deadline:
            try:
                depths = self.queue_depths()
                pending = self._busy + sum(depths.values())
                if pending and time.monotonic() - said_at >= _ONCE_PROGRESS_SECONDS:
                    line = self.progress_line(depths)
                    if line != said:
                        self._say(line)
                        said, said_at = line, time.monotonic()
            except (BotoCoreError, ClientError) as error:
                self._after_store_error("reading the queues", error)
                if self._store_lost:
                    raise
                continue
            quiet = quiet + 1 if pending == 0 else 0
            if quiet >= _IDLE_CHECKS:
                return True
            time.sleep(1)
        return False

    def events_seen(self) -> Counter[str]:
        """Events announced on the bus while this runner ran, by detail-type (from the
        runner's own tap)."""
        sqs = self.deployment.client("sqs")
        url = sqs.get_queue_url(QueueName=EVENTS_TAP)["QueueUrl"]
        while True:
            batch = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
            if not batch:
                break
            for message in batch:
                self._count_event(json.loads(message["Body"]))
            sqs.delete_message_batch(
                QueueUrl=url,
                Entries=[
                    {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(batch)
                ],
            )
        return self._events

    def forget_earlier_events(self) -> None:
        """Drop what the tap holds from an earlier run on this store: the events its last
        batches published after its last progress line (a restart counted them as this
        run's)."""
        self.events_seen()
        self._events.clear()

    def _count_event(self, event: dict[str, Any]) -> None:
        self._events[event.get("detail-type", "?")] += 1

    def progress_line(self, depths: dict[str, int]) -> str:
        """What the store holds (a restarted runner's earlier runs too), what this run saw
        (events, invocations), the process function's throughput since the last line, and
        the queues: labelled apart, as a restart showed `stored versions 39 · events
        ArticleIngested 1` unexplained."""
        s3 = self.deployment.client("s3")
        events, counts = read_progress(
            self.events_seen,
            lambda: {
                prefix: _count(s3, self._bucket(), prefix)
                for prefix in ("raw/", "uploads/", "articles/")
            },
        )
        return progress_text(
            counts,
            events,
            handled=self.handled,
            failed=sum(self.failed.values()),
            pages_per_second=self._pages_per_second(),
            depths=depths,
        )

    def _pages_per_second(self) -> float:
        then, before = self._last_progress
        now, processed = time.monotonic(), self.handled["ProcessFunction"]
        self._last_progress = (now, processed)
        return (processed - before) / max(now - then, 1e-3)

    def source_table(self) -> str:
        """Per source, what the store holds (so a restarted runner shows the same):
        `source_table(store_tally(...))` on this runner's table."""
        table = self.deployment.ref(
            next(k for k, r in self.deployment.resources.items() if r["Type"] == _TABLE)
        )
        return source_table(store_tally(self.deployment.client("dynamodb"), table))

    def _bucket(self) -> str:
        return self.deployment.ref(
            next(k for k, r in self.deployment.resources.items() if r["Type"] == "AWS::S3::Bucket")
        )

    def _print_examples(self, *, running: bool) -> None:
        assert self.api is not None
        lines = example_commands(
            self.options, self.api.url, self.api_key, self._bucket(), running=running
        )
        self._say(lines)

    def keeps_store_on_stop(self) -> bool:
        """False when stop() ends the moto server too: this runner started it and was stopped
        before it was ready (nothing is left running half set up)."""
        return not (self._started_moto and not self._ready)

    def stop(self) -> None:
        """Finish the batches in progress, stop serving; a runner that did not finish starting
        also stops the moto server it started (nothing is left running)."""
        self._finish_batches()
        if self.api is not None:
            self.api.stop()
        if self.site is not None:
            self.site.stop()
        pid_file = self.options.state_dir / RUNNER_PID_FILE
        if pid_file.is_file() and pid_file.read_text().strip() == str(os.getpid()):
            pid_file.unlink()
        if not self.keeps_store_on_stop():
            self.moto.stop()

    def _finish_batches(self) -> None:
        """Stop taking work and wait (up to 120 s a thread) for the batches in progress."""
        if self._busy:
            self._say(f"finishing {self._busy} batch(es) in progress ...")
        self.stopping.set()
        for thread in self._threads:
            thread.join(timeout=120)

    def say(self, text: str) -> None:
        """A line on the runner's output. Never print to sys.stdout while functions run:
        an invocation redirects it (process-wide) to the function log (local/functions.py)."""
        self._say(text)

    def _say(self, text: str) -> None:
        print(text, file=self.out, flush=True)


def _source_for(homepage: str, say: Callable[[str], None]) -> tuple[dict[str, Any], str]:
    """A source for a site given by its homepage: feeds and sitemaps found the way
    `newsflow sources add` finds them (link tags, robots.txt), and why the homepage could not
    be read ("" when it was); `say` gets a line before the reads (a silent site takes their
    timeouts, half a minute with the defaults)."""
    from newsflow.config import fetch_settings, fetch_waits  # noqa: PLC0415
    from newsflow.fetch import PoliteClient  # noqa: PLC0415
    from newsflow.models import Source  # noqa: PLC0415
    from newsflow.services.discover_source import with_autodiscovered  # noqa: PLC0415

    host = urllib.parse.urlsplit(homepage).netloc.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", host).strip("-")[:64] or "source"
    source = Source(id=slug, name=host, homepage=homepage)
    # Loopback is allowed here as in the runner's functions: a local site is a valid source.
    settings = fetch_settings(allow_loopback=True)
    say(f"source {slug}: reading {homepage} and its robots.txt ({fetch_waits(settings)}) ...")
    with PoliteClient(settings) as client:
        found, problem = with_autodiscovered(client, source)
    return found.model_dump(mode="json"), problem


def _loopback(
    url: str,
    *,
    timeout: float,
    method: str = "GET",
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    """An HTTP request to one of the runner's own servers on 127.0.0.1, never through a proxy
    (an HTTP_PROXY of the user's shell must not receive it; and reading the proxy settings
    iterates os.environ, which a function invocation in another thread may be changing)."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"not a loopback URL: {url}")
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310 - checked above
    return _DIRECT.open(request, timeout=timeout)


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _add_events_tap(deployment: Deployment) -> None:
    """A queue of the runner's own that sees every event on every bus, to show progress."""
    sqs = deployment.client("sqs")
    events = deployment.client("events")
    url = sqs.create_queue(QueueName=EVENTS_TAP)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    for logical, resource in deployment.resources.items():
        if resource["Type"] != "AWS::Events::EventBus":
            continue
        bus = deployment.ref(logical)
        events.put_rule(
            Name=EVENTS_TAP,
            EventBusName=bus,
            EventPattern=json.dumps({"source": [{"prefix": ""}]}),
        )
        events.put_targets(Rule=EVENTS_TAP, EventBusName=bus, Targets=[{"Id": "tap", "Arn": arn}])


def source_table(tally: dict[str, Counter[str]]) -> str:
    """A row per source of `store_tally`: pages fetched, articles stored (announced), and
    the rejections by outcome; a source with no activity yet shows zeros."""
    rows = [("source", "fetched", "stored", "rejected")]
    for source_id in sorted(tally):
        counts = tally[source_id]
        rejected = ", ".join(
            f"{name.removeprefix('rejected ')} {n}"
            for name, n in sorted(counts.items())
            if name.startswith("rejected ")
        )
        rows.append((source_id, str(counts["fetched"]), str(counts["stored"]), rejected or "-"))
    if len(rows) == 1:
        rows.append(("(none yet)", "0", "0", "-"))  # a bare header read as a broken table
    widths = [max(len(row[n]) for row in rows) for n in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(widths[n]) for n, cell in enumerate(row[:3])) + "  " + row[3]
        for row in rows
    )


def store_tally(dynamodb: Any, table: str) -> dict[str, Counter[str]]:
    """Per source id: `fetched`, `stored` and `rejected <outcome>` counts, from one scan of
    the table (the local table is small): every registered source (counts empty until it
    has any: one with no activity was left out of the table), the URL registry's fetch
    outcomes (each URL's last), the article items with an announced version, and the URL
    outcome items of rejected pages. Uploads, which have no source, count as "(uploads)"."""
    tally: dict[str, Counter[str]] = {}
    for page in dynamodb.get_paginator("scan").paginate(
        TableName=table,
        FilterExpression="attribute_exists(fetch_outcome) OR #kind IN (:article, :url, :source)",
        ProjectionExpression="source_id, fetch_outcome, #kind, outcome, announced_version",
        ExpressionAttributeNames={"#kind": "kind"},
        ExpressionAttributeValues={
            ":article": {"S": "article"},
            ":url": {"S": "url"},
            ":source": {"S": "source"},
        },
    ):
        for item in page["Items"]:
            source = item.get("source_id", {}).get("S") or "(uploads)"
            counts = tally.setdefault(source, Counter())
            if fetched := item.get("fetch_outcome", {}).get("S"):
                counts["fetched" if fetched in _FETCHED_OUTCOMES else f"rejected {fetched}"] += 1
            kind, outcome = item.get("kind", {}).get("S"), item.get("outcome", {}).get("S")
            if kind == "article" and int(item.get("announced_version", {}).get("N", "0")):
                counts["stored"] += 1
            elif kind == "url" and outcome and outcome not in _STORED_OUTCOMES:
                counts[f"rejected {outcome}"] += 1
    return tally


def progress_text(
    objects: dict[str, int],
    events: Counter[str],
    *,
    handled: Counter[str],
    failed: int,
    pages_per_second: float,
    depths: dict[str, int],
) -> str:
    """The progress line: `objects` by key prefix (the store's totals), then `events` by
    detail-type and `handled` invocations by function (this run's), `failed` invocations,
    the process function's throughput and the messages queued, by queue."""
    invoked = ", ".join(f"{name} {n}" for name, n in sorted(handled.items()))
    queued = ", ".join(f"{name} {n}" for name, n in sorted(depths.items()) if n)
    return (
        f"{PROGRESS_STORE}fetched pages {objects['raw/']} · uploads {objects['uploads/']} · "
        f"stored versions {objects['articles/']} · {PROGRESS_RUN}events "
        + (", ".join(f"{k} {v}" for k, v in sorted(events.items())) or "none")
        + f" · handled: {invoked or 'nothing yet'}"
        + (f" · failed {failed}" if failed else "")
        + f" · {pages_per_second:.1f} pages/s · queued: {queued or 'none'}"
    )


def read_progress(
    events: Callable[[], Counter[str]], objects: Callable[[], dict[str, int]]
) -> tuple[Counter[str], dict[str, int]]:
    """The events seen (by detail-type), then the objects stored (by key prefix): read in
    this order because processing stores a version before it publishes its event
    (services/process_object.py `_announce`), so every event counted has its version in the
    later count. Read the other way round, a version stored and announced between the two
    readings showed as `stored versions 34 · events ArticleIngested 35`."""
    seen = Counter(events())  # a copy: the runner's own counter grows on the next reading
    return seen, objects()


def _count(s3: Any, bucket: str, prefix: str) -> int:
    total = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        total += page.get("KeyCount", 0)
    return total


def sqs_record(message: dict[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    """The record Lambda's SQS event source gives a function for one received message (a
    `ReceiveMessage` item: MessageId, ReceiptHandle, Body, optional Attributes...)."""
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": message.get("MessageAttributes", {}),
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }


def _scheduled_event(trigger: ScheduleTrigger) -> dict[str, Any]:
    return {
        "version": "0",
        "id": secrets.token_hex(16),
        "detail-type": "Scheduled Event",
        "source": "aws.scheduler",
        "account": "123456789012",
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "region": REGION,
        "resources": [f"schedule/{trigger.name}"],
        "detail": {},
    }
