"""`newsflow fetch` end to end: outcome, final URL, status and headers as JSON."""

import json
from pathlib import Path

import pytest
from support.loopback_site import Reply, Site

from newsflow import cli
from newsflow.scrape_cli import main

PAGE = b"<html><body><p>Story</p></body></html>"


def _fetch(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    status = main(["fetch", *argv])
    return status, json.loads(capsys.readouterr().out)


def test_fetch_cli_prints_outcome_final_url_status_headers(
    site: Site, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    site.routes["/old"] = Reply(301, b"", {"Location": "/story"})
    site.routes["/story"] = Reply(200, PAGE, {"Content-Type": "text/html", "ETag": '"e1"'})
    target = tmp_path / "body.html"
    status, record = _fetch(
        capsys, site.url("/old"), "--allow-loopback", "--min-delay", "0", "--output", str(target)
    )
    assert status == 0
    assert record["outcome"] == "ok"
    assert record["final_url"] == site.url("/story")
    assert record["status"] == 200
    assert record["etag"] == '"e1"'
    assert isinstance(record["headers"], dict)
    assert record["headers"]["content-type"] == "text/html"
    assert record["body_bytes"] == len(PAGE)
    assert "body" not in record
    assert target.read_bytes() == PAGE


def test_fetch_cli_without_allow_loopback_refuses_local_server(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/story"] = Reply(200, PAGE, {"Content-Type": "text/html"})
    status, record = _fetch(capsys, site.url("/story"))
    assert status == 1
    assert record["outcome"] == "ssrf_blocked"
    assert site.requests == []


def test_fetch_cli_reads_allow_loopback_from_its_setting_when_the_flag_is_absent(
    site: Site, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # README: --allow-loopback and --min-delay win over the NEWSFLOW_FETCH_* settings; an
    # absent flag used to pass allow_loopback=False, so the setting was never read.
    site.routes["/story"] = Reply(200, PAGE, {"Content-Type": "text/html"})
    monkeypatch.setenv("NEWSFLOW_FETCH_ALLOW_LOOPBACK", "true")
    status, record = _fetch(capsys, site.url("/story"), "--min-delay", "0")
    assert (status, record["outcome"]) == (0, "ok")


def test_fetch_cli_refuses_a_malformed_allow_loopback_setting(
    site: Site, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSFLOW_FETCH_ALLOW_LOOPBACK", "maybe")
    assert cli.main(["fetch", site.url("/story")]) == 2  # the `newsflow` command's handling
    err = capsys.readouterr().err
    assert err.startswith("newsflow fetch: NEWSFLOW_FETCH_ALLOW_LOOPBACK='maybe'")
    assert site.requests == []


def test_fetch_cli_robots_disallow_exits_1(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    site.routes["/robots.txt"] = Reply(403, b"", {"Content-Type": "text/plain"})
    status, record = _fetch(capsys, site.url("/story"), "--allow-loopback", "--min-delay", "0")
    assert status == 1
    assert record["outcome"] == "robots_disallowed"
    assert isinstance(record["robots"], dict)
    assert record["robots"]["verdict"] == "disallow_all"


def test_fetch_cli_output_it_cannot_write_is_one_line_not_a_traceback(
    site: Site, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    site.routes["/story"] = Reply(200, PAGE, {"Content-Type": "text/html"})
    target = tmp_path / "missing-folder" / "body.html"
    status = main(
        [
            "fetch",
            site.url("/story"),
            "--allow-loopback",
            "--min-delay",
            "0",
            "--output",
            str(target),
        ]
    )
    captured = capsys.readouterr()
    assert status == 1
    assert (
        f"newsflow fetch: {target}: cannot write the body: No such file or directory"
        in captured.err
    )
    assert "Traceback" not in captured.err
    assert json.loads(captured.out)["outcome"] == "ok"


@pytest.mark.parametrize("command", ["fetch", "discover"])
def test_a_url_that_is_not_http_is_a_usage_error(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "example.com/feed.xml"])
    assert exited.value.code == 2
    assert "'example.com/feed.xml' is not an absolute http(s) URL" in capsys.readouterr().err
