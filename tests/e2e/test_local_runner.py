"""The local runner end to end: `newsflow local` in a subprocess, driven through its API."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest
from support.local_ports import free_port_block

from newsflow.local.site import CHANGING_PATH, TDM_RESERVING_PUBLISHER
from newsflow.urls import article_id_for, normalize_url

# subprocesses and local stacks: handed out first (tests/conftest.py)
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NEWSFLOW = str(Path(sys.executable).parent / "newsflow")
FIXTURE_ARTICLES = 3 * 12 + 1  # twelve development-set pages per publisher, and the changing story


@dataclass
class Runner:
    """A running `newsflow local` and how to reach it."""

    process: subprocess.Popen[bytes]
    state_dir: Path
    ports: dict[str, int]
    # the events drained from the example subscription's queue so far (enrichment_events)
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def info(self) -> dict[str, Any]:
        return dict(json.loads((self.state_dir / "local.json").read_text()))

    def api(self, path: str) -> tuple[int, Any]:
        request = urllib.request.Request(  # noqa: S310 - the runner's API on loopback
            self.info["api_url"] + path, headers={"x-api-key": self.info["api_key"]}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")
        except urllib.error.URLError as error:
            raise AssertionError(f"the API did not answer ({error}); {self.why()}") from error

    def why(self) -> str:
        """Whether the runner still runs, and the end of its output: what a failure shows."""
        code = self.process.poll()
        state = "still running" if code is None else f"exited with {code}"
        log = (self.state_dir.parent / f"{self.state_dir.name}.log").read_text("utf-8", "replace")
        return f"the runner {state}; the end of its output:\n" + "\n".join(log.splitlines()[-40:])

    def client(self, service: str) -> Any:
        factory: Any = boto3.client
        return factory(
            service,
            endpoint_url=self.info["aws_endpoint_url"],
            region_name=self.info["region"],
            aws_access_key_id="local",
            aws_secret_access_key="local",  # noqa: S106 - moto accepts any credentials
        )

    def stop(self, sig: int = signal.SIGINT) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=60)


def start_runner(state_dir: Path, ports: dict[str, int], *extra: str) -> Runner:
    log = (state_dir.parent / f"{state_dir.name}.log").open("ab")
    state_dir.mkdir(parents=True, exist_ok=True)
    (state_dir / "local.json").unlink(missing_ok=True)
    process = subprocess.Popen(
        [
            NEWSFLOW,
            "local",
            "--api-port",
            str(ports["api"]),
            "--aws-port",
            str(ports["aws"]),
            "--site-port",
            str(ports["site"]),
            "--state-dir",
            str(state_dir),
            *extra,
        ],
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    runner = Runner(process, state_dir, ports)
    # cheap checks, asked often: each start waits only as long as the runner takes
    wait_for((state_dir / "local.json").exists, 90, "the runner to start", every=0.1)
    if "--once" not in extra:  # a one-cycle run may be gone before we ask
        wait_for(lambda: runner.api("/health")[0] == 200, 30, "the API", every=0.1)
    return runner


def wait_for(check: Callable[[], Any], seconds: float, what: str, every: float = 1.0) -> Any:
    """The first truthy result of `check`, asked every `every` seconds for up to `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def stop_store(state_dir: Path, aws_port: int) -> None:
    subprocess.run(
        [NEWSFLOW, "local", "--stop", "--aws-port", str(aws_port), "--state-dir", str(state_dir)],
        cwd=ROOT,
        check=False,
    )


def all_articles(runner: Runner) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = "/articles?limit=100" + (f"&cursor={cursor}" if cursor else "")
        status, page = runner.api(query)
        assert status == 200, page
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor or (not page["items"] and len(items) >= FIXTURE_ARTICLES):
            return items


def enrichment_events(runner: Runner) -> list[dict[str, Any]]:
    """Every event the template's example subscription delivered so far: drained from its
    queue and kept on the runner, so a test still sees the events an earlier test drained
    (on a slow machine version 2 of the changing story comes while the first test waits)."""
    sqs = runner.client("sqs")
    url = runner.info["queues"]["EnrichmentQueue"]
    while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        runner.events += [json.loads(m["Body"]) for m in batch]
        sqs.delete_message_batch(
            QueueUrl=url,
            Entries=[
                {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(batch)
            ],
        )
    return list(runner.events)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    first = free_port_block(6)
    ports = {"api": first, "aws": first + 1, "site": first + 2}
    state_dir = tmp_path_factory.mktemp("e2e") / "state"
    state_dir.mkdir()
    running = start_runner(state_dir, ports, "--fresh", "--speed", "10")
    yield running
    running.stop()
    stop_store(state_dir, ports["aws"])


def test_fixture_articles_are_discovered_fetched_stored_announced_and_served(
    runner: Runner,
) -> None:
    articles = wait_for(
        lambda: (found := all_articles(runner)) and len(found) >= FIXTURE_ARTICLES and found,
        240,
        "every fixture article in the API",
    )
    herald = [a for a in articles if a["source_id"] == "harbour-herald"]
    assert len(herald) == 13
    status, detail = runner.api(f"/articles/{herald[0]['article_id']}")
    assert status == 200
    assert detail["article"]["body_text"]
    assert detail["article"]["url"].startswith("http://127.0.0.1:")
    events = enrichment_events(runner)
    ingested = {e["detail"]["article_id"] for e in events if e["detail-type"] == "ArticleIngested"}
    assert {a["article_id"] for a in articles} <= ingested


def test_the_publisher_reserving_text_and_data_mining_is_filtered_by_tdm_reserved(
    runner: Runner,
) -> None:
    # GIVEN every fixture article stored (the test above waits for them)
    wait_for(lambda: len(all_articles(runner)) >= FIXTURE_ARTICLES, 240, "the fixture articles")
    # WHEN a client asks for the articles whose publisher reserved text and data mining
    status, reserved = runner.api("/articles?tdm_reserved=true&limit=100")
    status_free, free = runner.api("/articles?tdm_reserved=false&limit=100")
    # THEN they are exactly the news of the one publisher whose tdmrep.json reserves it
    assert (status, status_free) == (200, 200)
    assert {a["source_id"] for a in reserved["items"]} == {TDM_RESERVING_PUBLISHER}
    assert len(reserved["items"]) == 12
    assert TDM_RESERVING_PUBLISHER not in {a["source_id"] for a in free["items"]}
    # AND the stored article says where the reservation came from, and its policy
    _, detail = runner.api(f"/articles/{reserved['items'][0]['article_id']}")
    rights = detail["article"]["rights"]
    assert rights["tdm_reservation"] is True
    assert rights["tdm_source"] == "tdmrep.json"
    assert rights["tdmrep_location"] == "/news/*"
    assert rights["tdm_policy"].endswith("/tdm-policy.json")


def test_local_deploy_has_the_log_groups_and_a_versioned_bucket(runner: Runner) -> None:
    groups = runner.client("logs").describe_log_groups(logGroupNamePrefix="/newsflow/")
    retention = {g["logGroupName"]: g.get("retentionInDays") for g in groups["logGroups"]}
    versioning = runner.client("s3").get_bucket_versioning(Bucket=runner.info["bucket"])

    assert retention == {
        f"/newsflow/dev/{name}": 30
        for name in ("process", "api", "discover", "fetch", "api-access")
    }
    assert versioning["Status"] == "Enabled"


def test_upload_appears_in_the_api(runner: Runner) -> None:
    page = (ROOT / "tests" / "golden" / "cases" / "seed-putin-syria.html").read_bytes()
    url = "https://uploads.example.com/putin-syria"
    runner.client("s3").put_object(
        Bucket=runner.info["bucket"],
        Key="uploads/putin syria.html",
        Body=page,
        Metadata={"url": url},
    )
    canonical = json.loads(
        subprocess.run(
            [NEWSFLOW, "extract", "-", "--url", url],
            input=page,
            capture_output=True,
            check=True,
        ).stdout
    )["canonical_url"]
    article_id = article_id_for(normalize_url(canonical))
    _, detail = wait_for(
        lambda: (r := runner.api(f"/articles/{article_id}"))[0] == 200 and r,
        60,
        "the uploaded article",
    )
    assert (
        detail["article"]["title"] == "Putin Orders Russian Troops to Begin Withdrawing from Syria"
    )


def test_changing_article_gets_version_two_and_an_update_event(runner: Runner) -> None:
    origin = f"http://127.0.0.1:{runner.ports['site']}"
    article_id = article_id_for(normalize_url(origin + CHANGING_PATH))
    versions = wait_for(
        lambda: (
            (r := runner.api(f"/articles/{article_id}/versions"))[0] == 200
            and len(r[1]["items"]) >= 2
            and r[1]["items"]
        ),
        240,
        "version 2 of the changing story",
    )
    assert sorted(v["version"] for v in versions) == [1, 2]
    updated = wait_for(
        lambda: [
            e
            for e in enrichment_events(runner)
            if e["detail-type"] == "ArticleUpdated" and e["detail"]["article_id"] == article_id
        ],
        # Announced right after the commit; on a loaded machine (CI runs six workers on
        # two cores) that takes more than the 30 s allowed before. A pass returns at once.
        120,
        "the ArticleUpdated event",
    )
    assert "body" in json.dumps(updated[0]["detail"]["changed_fields"])


def test_second_runner_is_told_which_port_and_process_to_mind(
    runner: Runner, tmp_path: Path
) -> None:
    def local(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [NEWSFLOW, "local", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    # GIVEN the module's runner, still running
    assert runner.process.poll() is None, runner.why()
    # WHEN a second starts on the same state folder
    same = local("--state-dir", str(runner.state_dir), "--port", str(runner.ports["api"]))
    # THEN it is refused, with the first one's pid and how to stop it
    assert same.returncode == 2
    assert f"already running for {runner.state_dir} (pid {runner.process.pid})" in same.stderr
    assert "Traceback" not in same.stderr
    # WHEN another folder's runner asks for the same API port
    first = free_port_block(6)
    other = local(
        "--state-dir",
        str(tmp_path / "other"),
        "--port",
        str(runner.ports["api"]),
        "--aws-port",
        str(first),
        "--site-port",
        str(first + 1),
    )
    # THEN the port, the process on it and the option to pick another are named
    assert other.returncode == 2
    api_port = runner.ports["api"]
    assert f"port {api_port} (the API) is in use by pid {runner.process.pid}" in other.stderr
    assert "newsflow local" in other.stderr
    assert "--port PORT" in other.stderr
    assert len(other.stderr.strip().splitlines()) == 1


def test_docs_page_is_swagger_ui_with_nothing_from_a_cdn(runner: Runner) -> None:
    # GIVEN no API key: a browser opening the page sends none
    with urllib.request.urlopen(runner.info["api_url"] + "/docs", timeout=30) as response:  # noqa: S310 - loopback
        kind = response.headers["Content-Type"]
        page = response.read().decode("utf-8")
    assert kind.startswith("text/html")
    assert "SwaggerUIBundle(" in page  # the bundle itself, inlined
    assert '"/articles/{article_id}"' in page  # the served document, embedded
    assert '"url": "/"' in page  # "Try it out" calls this API at its root, not a stage path
    external = re.findall(r"<(?:script|link)[^>]+(?:src|href)=[\"']?https?:", page)
    assert external == []


def test_console_page_is_served_by_make_run_without_a_key(runner: Runner) -> None:
    # the browser test of the page itself: tests/integration/test_console.py
    with urllib.request.urlopen(runner.info["api_url"] + "/console", timeout=30) as response:  # noqa: S310 - loopback
        assert response.headers["Content-Type"].startswith("text/html")
        assert 'id="sources"' in response.read().decode("utf-8")
    # AND the runner's "Try" lines name it beside /docs, as the README's quick start does
    log = (runner.state_dir.parent / f"{runner.state_dir.name}.log").read_text("utf-8")
    assert runner.info["api_url"] + "/console" in log


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)
def test_docs_page_renders_every_operation_in_a_real_browser(runner: Runner) -> None:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # the console's messages
    browser = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    try:
        browser.get(runner.info["api_url"] + "/docs")
        WebDriverWait(browser, 60).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
        )
        paths = {
            e.text.replace("\u200b", "")
            for e in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
        }
        title = browser.find_element(By.CSS_SELECTOR, ".info .title").text
        loaded = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        browser.quit()
    assert errors == []  # e.g. no 403 for a /favicon.ico the page did not need
    assert "newsflow Query API" in title
    assert {"/articles", "/articles/{article_id}", "/sources/{source_id}"} <= paths
    assert all(url.startswith(runner.info["api_url"]) for url in loaded), loaded  # no CDN


def test_local_stop_stops_the_running_runner_which_says_its_store_ends(runner: Runner) -> None:
    # Last in this module: it ends the module's runner and store, as the README's closing
    # command does while `make run` still runs in the first terminal.
    stop_store(runner.state_dir, runner.ports["aws"])
    assert runner.process.wait(timeout=60) == 0
    log = (runner.state_dir.parent / f"{runner.state_dir.name}.log").read_text("utf-8")
    assert "stopping (newsflow local --stop ends the local store next)" in log
    assert "the local store is kept" not in log
