"""The `newsflow extract` command: single pages, stdin, formats and batch mode."""

import argparse
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.loopback_site import Reply, Site

from newsflow import cli, cli_lines
from newsflow.cli import main
from newsflow.config import get_settings
from newsflow.models import Source

PAGE = (
    "<html lang='en'><head><title>Harbour reopens after storm</title>"
    "<meta property='article:published_time' content='2019-05-04T08:30:00Z'></head><body>"
    "<nav><a href='/'>Home</a><a href='/world'>World</a></nav><article><h1>Harbour reopens "
    "after storm</h1>"
    + "".join(
        f"<p>Sentence {i}: the harbour master said boats could return to the quay once the "
        "divers finished checking the moorings for damage.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
)


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_extract_json_prints_the_article(
    page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(page_file), "--url", "https://e.com/harbour"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["title"] == "Harbour reopens after storm"
    assert article["url"] == "https://e.com/harbour"
    assert article["outcome"]["kind"] == "article"
    assert article["paragraphs"][0].startswith("Sentence 0: the harbour master")


def test_extract_text_prints_only_the_body(
    page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(page_file), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sentence 0:")
    assert "Home" not in out


def test_extract_summary_prints_the_standfirst_and_times_in_utc_with_z(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a page dated in UTC, with a standfirst under its headline
    dek = "Boats may return to the quay once divers have checked every mooring for damage."
    page = PAGE.replace("after storm</h1>", f"after storm</h1><p class='standfirst'>{dek}</p>")
    path = tmp_path / "dek.html"
    path.write_text(page, encoding="utf-8")
    # WHEN it is summarised, THEN the summary shows the standfirst, and the time as the JSON
    # form does (not Python's "+00:00")
    assert main(["extract", str(path), "--format", "summary"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"  standfirst: {dek}" in lines
    assert any(line.startswith("  published: 2019-05-04T08:30:00Z  ") for line in lines), lines


def test_extract_summary_prints_a_page_offset_time_in_utc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "offset.html"
    path.write_text(PAGE.replace("2019-05-04T08:30:00Z", "2019-05-04T22:30:00-05:00"))
    assert main(["extract", str(path), "--format", "summary"]) == 0
    out = capsys.readouterr().out
    assert "  published: 2019-05-05T03:30:00Z  " in out, out


def test_extract_missing_file_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "nope.html")]) == 1
    assert "nope.html" in capsys.readouterr().err


def test_extract_a_url_fetches_it_politely_then_extracts(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a page served in Latin-1, named only by its Content-Type, behind a redirect
    latin = PAGE.replace("Harbour reopens", "Café reopens").encode("latin-1")
    site.routes["/old"] = Reply(301, b"", {"Location": "/story"})
    site.routes["/story"] = Reply(200, latin, {"Content-Type": "text/html; charset=iso-8859-1"})
    # WHEN `extract` is given its URL
    status = main(["extract", site.url("/old"), "--allow-loopback", "--min-delay", "0"])
    # THEN it is fetched (robots.txt first) and extracted with the header's charset, the
    # URL asked for and the final one
    assert status == 0
    article = json.loads(capsys.readouterr().out)
    assert article["title"] == "Café reopens after storm"
    assert article["url"] == site.url("/old")
    assert article["final_url"] == site.url("/story")
    assert article["outcome"]["kind"] == "article"
    assert [seen.path for seen in site.requests] == ["/robots.txt", "/old", "/story"]


def test_extract_a_url_that_gives_no_page_is_one_line_and_exit_1(
    site: Site, page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/gone"] = Reply(404, b"no", {"Content-Type": "text/html"})
    # a local server without --allow-loopback, then a 404: each named on stderr, and the
    # saved page given beside them is still extracted
    status = main(["extract", "--format", "text", site.url("/gone"), str(page_file)])
    assert status == 1
    captured = capsys.readouterr()
    assert "ssrf_blocked" in captured.err
    assert "--allow-loopback" in captured.err
    assert captured.out.startswith("Sentence 0:")
    assert site.requests == []

    assert main(["extract", site.url("/gone"), "--allow-loopback", "--min-delay", "0"]) == 1
    captured = capsys.readouterr()
    assert "gone: HTTP 404" in captured.err
    assert captured.out == ""


def test_extract_one_url_for_several_pages_is_refused(
    page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each page would get the same article id: --url is one page's identity
    assert main(["extract", str(page_file), str(page_file), "--url", "https://e.com/a"]) == 2
    captured = capsys.readouterr()
    assert "--url names one page" in captured.err
    assert captured.out == ""


def test_extract_batch_prints_one_json_line_per_page(
    page_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "list.tsv"
    listing.write_text(
        f"p1\t{page_file}\thttps://e.com/a\np2\t{tmp_path / 'missing.html'}\thttps://e.com/b\n",
        encoding="utf-8",
    )
    assert main(["extract", "--batch", str(listing)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["p1", "p2"]
    assert lines[0]["text"].startswith("Sentence 0:")
    assert lines[0]["canonical_url"] == "https://e.com/a"
    assert lines[1]["text"] == ""
    assert "error" in lines[1]


def test_extract_batch_takes_fetched_at_for_every_page(
    page_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a list of two pages, one over the size limit (sparse: no disk used), and a fetch
    # time long past
    big = tmp_path / "big.html"
    with big.open("wb") as file:
        file.truncate(get_settings().max_object_bytes + 1)
    listing = tmp_path / "list.tsv"
    listing.write_text(f"p1\t{page_file}\thttps://e.com/a\np2\t{big}\t\n", encoding="utf-8")
    # WHEN the batch is extracted with --fetched-at
    when = "2019-05-05T09:00:00+00:00"
    assert main(["extract", "--batch", str(listing), "--fetched-at", when]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # THEN each page, extracted or too large, carries that time, not the time of the run
    assert [line["outcome"]["kind"] for line in lines] == ["article", "too_large"]
    assert [line["fetched_at"] for line in lines] == ["2019-05-05T09:00:00Z"] * 2


def test_extract_batch_refuses_pages_and_options_it_would_not_use(
    page_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a list of one page
    listing = tmp_path / "list.tsv"
    listing.write_text(f"p1\t{page_file}\thttps://e.com/a\n", encoding="utf-8")
    # WHEN a PATH, --url or --charset comes with --batch, THEN it is a usage error naming it,
    # not a batch that silently leaves it unused
    for extra in ([str(page_file)], ["--url", "https://e.com/other"], ["--charset", "latin-1"]):
        assert main(["extract", "--batch", str(listing), *extra]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith(
            "newsflow extract: --batch takes each page and URL from its list"
        )


def test_extract_batch_splits_its_list_at_newlines_only(
    page_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a list (CRLF line ends) whose URLs hold characters str.splitlines also breaks at
    # (NEL, LINE SEPARATOR, form feed): in a URL's path they are its bytes, not line ends
    urls = ["https://e.com/a\u2028b", "https://e.com/c\x85d", "https://e.com/e\x0cf"]
    listing = tmp_path / "list.tsv"
    listing.write_text(
        "".join(f"p{i}\t{page_file}\t{url}\r\n" for i, url in enumerate(urls)), encoding="utf-8"
    )
    # WHEN they are extracted
    assert main(["extract", "--batch", str(listing)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.split("\n") if line]
    # THEN each list line is one record under its own id and URL, not two half-lines
    assert [(line["id"], line["url"]) for line in lines] == [
        (f"p{i}", u) for i, u in enumerate(urls)
    ]


def test_extract_batch_bad_lists_and_lines_are_one_clear_line_not_a_traceback(
    page_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a list with a line that names no page, lines with non-http(s) URLs, and lists
    # that cannot be read
    listing = tmp_path / "list.tsv"
    listing.write_text(
        f"lonely-id\np1\t{page_file}\thttps://e.com/a\np2\t{page_file}\tnews/a.html\n"
        f"p3\t{page_file}\tftp://e.com/a\np4\t{page_file}\t https://e.com/b \n",
        encoding="utf-8",
    )
    utf16 = tmp_path / "utf16.tsv"
    utf16.write_text(f"p1\t{page_file}\n", encoding="utf-16")
    # WHEN they are extracted, THEN the bad line is a record with its error, the batch goes on
    assert main(["extract", "--batch", str(listing)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["id"], "error" in line) for line in lines] == [
        ("lonely-id", True),
        ("p1", False),
        ("p2", True),
        ("p3", True),
        ("p4", False),
    ]
    assert "id<TAB>path<TAB>url" in lines[0]["error"]  # not "Is a directory: '.'"
    # a URL is the article's identity: held to --url's rule, not stored as "news/a.html"
    assert lines[2]["error"] == "'news/a.html' is not an absolute http(s) URL"
    assert lines[3]["error"] == "'ftp://e.com/a' is not an absolute http(s) URL"
    assert lines[4]["url"] == "https://e.com/b"  # not stored with the spaces around it
    # ... and a list that is missing or not UTF-8 is exit 1 with one line naming it
    for bad in (tmp_path / "missing.tsv", utf16):
        assert main(["extract", "--batch", str(bad)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"newsflow extract: {bad}: ") and err.count("\n") == 1, err


def test_python_dash_m_reads_stdin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsflow", "extract", "-", "--format", "text"],
        input=PAGE.encode(),
        capture_output=True,
        check=True,
    )
    assert result.stdout.decode().startswith("Sentence 0:")


@pytest.mark.parametrize(
    ("canonical_link", "canonical_url"),
    [("", "file:///dev/stdin"), ("https://e.com/harbour", "https://e.com/harbour")],
)
def test_extract_stdin_without_url_is_the_file_url_of_standard_input(
    canonical_link: str, canonical_url: str
) -> None:
    # `extract -` reported canonical URL "stdin:/" for its url "stdin:"; a page read from
    # standard input is addressed as a saved file is, and its own canonical link still wins
    link = f"<link rel='canonical' href='{canonical_link}'>" if canonical_link else ""
    result = subprocess.run(
        [sys.executable, "-m", "newsflow", "extract", "-"],
        input=PAGE.replace("<head>", f"<head>{link}").encode(),
        capture_output=True,
        check=True,
    )
    article = json.loads(result.stdout)
    assert (article["url"], article["final_url"]) == ("file:///dev/stdin", "file:///dev/stdin")
    assert article["canonical_url"] == canonical_url


# Measures the child's peak RSS from a parent of its own (RUSAGE_CHILDREN of this process would
# count every child the test worker ever waited for).
PEAK_RSS = """
import resource, subprocess, sys
stdin = open(sys.argv[1], "rb") if sys.argv[2] == "-" else None
child = subprocess.run([sys.executable, "-m", "newsflow", "extract", *sys.argv[2:]], stdin=stdin,
                       capture_output=True, text=True)
sys.stderr.write(child.stderr)
print(child.stdout, end="")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@pytest.mark.parametrize("where", ["file", "stdin"])
def test_extract_a_page_over_the_limit_is_too_large_without_being_read_whole(
    tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a 400 MB page (sparse: no disk used) over a limit of 1 MB
    big = tmp_path / "big.html"
    with big.open("wb") as file:
        file.write(b"<html><body><p>")
        file.truncate(400 * 2**20)
    monkeypatch.setenv("NEWSFLOW_MAX_OBJECT_BYTES", str(2**20))
    argv = [str(big), "-" if where == "stdin" else str(big), "--format", "summary"]
    # WHEN it is extracted
    result = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *argv], capture_output=True, text=True, check=True
    )
    *summary, peak_kb = result.stdout.splitlines()
    # THEN it is too_large, said as extract_article says it, from a process that stayed far
    # below the page's size (it used to read all of it first: 400 MB and more)
    reason = f"{400 * 2**20} bytes > limit {2**20}" if where == "file" else f"over {2**20} bytes"
    assert summary[1] == f"  too_large: {reason}", result.stdout + result.stderr
    assert int(peak_kb) < 250 * 1024, peak_kb


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "newsflow"
    result = subprocess.run([str(script), "--help"], capture_output=True, check=True)
    assert b"extract" in result.stdout


@pytest.mark.parametrize("url", ["notaurl", "javascript:alert(1)", "file:///tmp/page.html"])
def test_upload_refuses_a_url_processing_would_reject_before_uploading(
    page_file: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN no stack at all: the URL is refused before any stack is looked for
    with pytest.raises(SystemExit) as exited:
        main(["upload", str(page_file), "--url", url])
    assert exited.value.code == 2
    assert "--url" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["notaurl", "example.com/story", "ftp://example.com/story"])
def test_extract_refuses_a_url_that_is_not_absolute_http_as_a_usage_error(
    page_file: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # `extract F --url notaurl` was taken: the article's id and canonical URL came from it
    with pytest.raises(SystemExit) as exited:
        main(["extract", str(page_file), "--url", url])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"--url: {url!r} is not an absolute http(s) URL" in err


@pytest.mark.parametrize("speed", ["0", "-2", "nan", "inf", "fast"])
def test_local_speed_refuses_what_is_not_a_number_above_zero(
    speed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # --speed divides the schedules and discovery's edit tolerance: 0, a negative, NaN or
    # infinity used to start the stack (or crash it with a traceback)
    with pytest.raises(SystemExit) as exit_info:
        main(["local", f"--speed={speed}"])
    assert exit_info.value.code == 2
    assert "is not a number above 0" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("flag", "words"),
    [
        ("--port=99999", "is not a port (1 to 65535)"),
        ("--aws-port=0", "is not a port (1 to 65535)"),
        ("--port=http", "is not a port (1 to 65535)"),
        ("--site-port=65534", "the site needs it and the 2 ports after it"),
        ("--timeout=-5", "is not a number above 0"),
        ("--timeout=0", "is not a number above 0"),
    ],
)
def test_local_refuses_ports_and_timeouts_it_cannot_use(
    flag: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # `local --port 99999` ended in an OverflowError traceback from bind(); `--once
    # --timeout -5` deployed the stack, then gave up at once
    with pytest.raises(SystemExit) as exit_info:
        main(["local", flag, "--state-dir", "/nonexistent/never-made"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def _commands(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, Any]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield path, action


def test_every_argument_of_every_command_says_what_it_is_in_help() -> None:
    # `--state-dir STATE_DIR`, `--poll-interval SECONDS`, `--max-depth N`, `sources show id`
    # were listed by --help with nothing beside them
    unexplained = [
        f"{path} {'/'.join(action.option_strings) or action.dest}"
        for path, action in _commands(cli._build_parser(), "newsflow")
        if not action.help
    ]
    assert unexplained == []


@pytest.mark.parametrize(
    ("option", "field"),
    [
        ("--poll-interval", "poll_interval_seconds"),
        ("--min-delay", "min_delay_seconds"),
        ("--max-new", "max_new_articles_per_run"),
    ],
)
def test_sources_add_help_gives_the_source_models_bound_and_default(
    option: str, field: str
) -> None:
    # the help wrote "at least 60; default 900" and "default 1.0" by hand, and --max-new's
    # bound and default not at all: they could drift from what `sources add` stores
    parser = cli._build_parser()
    action = next(
        action
        for path, action in _commands(parser, "newsflow")
        if path == "newsflow sources add" and option in action.option_strings
    )
    model = Source.model_fields[field]
    (lower,) = [m.ge for m in model.metadata if hasattr(m, "ge")]
    assert f"at least {lower}; default {model.default}" in (action.help or "")


@pytest.mark.parametrize("command", ["sources", "reprocess"])
def test_stack_commands_help_names_the_local_stack_they_fall_back_to(command: str) -> None:
    # they find the local stack of `make run` by themselves; their help named only the
    # deployed stack's variables
    parser = cli._build_parser()
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert ".newsflow/local.json" in (subcommands.choices[command].description or "")


@pytest.mark.parametrize("batch", [False, True])
def test_extract_with_a_refused_setting_names_it_in_one_line(
    tmp_path: Path, batch: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `NEWSFLOW_MAX_OBJECT_BYTES=abc newsflow extract page.html` ended in pydantic's traceback;
    # the stack commands named the variable already
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    listing = tmp_path / "list.tsv"
    listing.write_text(f"p1\t{page}\thttps://example.com/story\n")
    argv = ["--batch", str(listing)] if batch else [str(page), "--url", "https://example.com/s"]
    monkeypatch.setenv("NEWSFLOW_MAX_OBJECT_BYTES", "abc")
    get_settings.cache_clear()
    try:
        status = main(["extract", *argv])
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("newsflow extract: NEWSFLOW_MAX_OBJECT_BYTES='abc': "), err
    assert "Traceback" not in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("given", ["Bad Source!", "Harbour-Herald", "herald\n", "-lead"])
def test_upload_refuses_a_source_that_is_not_a_source_id(
    page_file: Path, given: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # `upload --source "Bad Source!"` filed the article under an id no source can have:
    # `/sources/Bad Source!` is refused (422), its health and listing unreachable
    with pytest.raises(SystemExit) as exit_info:
        main(["upload", str(page_file), "--url", "https://example.com/s", f"--source={given}"])
    assert exit_info.value.code == 2
    assert "is not a source id" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["extract", "https://example.com/s", "--min-delay", "-1"], "a number of seconds"),
        (["fetch", "https://example.com/s", "--min-delay", "nan"], "a number of seconds"),
        (["discover", "https://example.com/s", "--max-depth", "-1"], "a whole number"),
        (["discover", "https://example.com/s", "--max-sitemaps", "-3"], "a whole number"),
        # zero sitemaps read nothing; the deployed setting needs 1 or more (0 was taken)
        (["discover", "https://example.com/s", "--max-sitemaps", "0"], "a whole number, 1 or"),
        (["upload", "page.html", "--url", "https://example.com/s", "--wait", "inf"], "seconds"),
        (["upload", "page.html", "--url", "https://example.com/s", "--wait=-5"], "seconds"),
    ],
)
def test_a_negative_or_endless_count_or_delay_is_a_usage_error(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # `extract URL --min-delay -1` ended in pydantic's traceback once the fetch began;
    # `upload --wait nan`, `discover --max-depth -1` were taken as given
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


@pytest.mark.parametrize("extra", [["--source", "https://x.example/"], []])
def test_local_with_a_refused_setting_names_it_before_starting_anything(
    tmp_path: Path, extra: list[str]
) -> None:
    # `NEWSFLOW_FETCH_READ_TIMEOUT=abc newsflow local --source URL` started moto and deployed
    # the template before --source's read refused it (and the functions read it too)
    state = tmp_path / "state"
    done = subprocess.run(
        [sys.executable, "-m", "newsflow", "local", "--state-dir", str(state), *extra],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NEWSFLOW_FETCH_READ_TIMEOUT": "abc"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("newsflow local: NEWSFLOW_FETCH_READ_TIMEOUT='abc': ")
    assert len(done.stderr.splitlines()) == 1
    assert not state.exists()  # no store, no pid file: nothing was started


def test_fetch_reads_the_fetch_functions_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a site that takes the connection and never answers, and a short read timeout set
    # as the fetch functions are deployed with it (the debug commands used the defaults)
    monkeypatch.setenv("NEWSFLOW_FETCH_READ_TIMEOUT", "0.5")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections complete in the kernel; nothing is read or sent
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/story"
        # WHEN it is fetched
        status = main(["fetch", url, "--allow-loopback"])
    # THEN the read gave up after the configured silence, not the default 15 s
    assert status == 1
    result = json.loads(capsys.readouterr().out)
    assert result["outcome"] == "timeout"
    assert "(read timeout=0.5)" in result["reason"]


def test_fetch_names_a_refused_fetch_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSFLOW_FETCH_READ_TIMEOUT", "abc")
    assert main(["fetch", "https://example.com/s"]) == 2
    assert capsys.readouterr().err.startswith("newsflow fetch: NEWSFLOW_FETCH_READ_TIMEOUT='abc'")


def test_local_refuses_stop_with_env(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `--stop --env` printed the environment of the stack and did not stop it.
    with pytest.raises(SystemExit) as exited:
        main(["local", "--stop", "--env", "--state-dir", str(tmp_path)])
    assert exited.value.code == 2
    assert "--env: not allowed with argument --stop" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "refused"),
    [
        (["--stop", "--once"], "--once: not allowed with --stop"),
        (["--stop", "--fresh", "--port=3001"], "--fresh, --port: not allowed with --stop"),
        (["--env", "--fresh"], "--fresh: not allowed with --env"),
        (["--env", "--source", "https://x.example/", "--aws-port=5006"], "--source, --aws-port"),
        # given at its default value, an option is still given (and still does nothing)
        (["--stop", "--port=3000", "--speed=1"], "--speed, --port: not allowed with --stop"),
        (["--stop", "--site-port=0"], "--site-port: not allowed with --stop"),
        (["--env", "--aws-port=5005"], "--aws-port: not allowed with --env"),
    ],
)
def test_local_refuses_runner_options_with_stop_or_env(argv: list[str], refused: str) -> None:
    # `local --stop --fresh` stopped the store and ignored --fresh, and `--env --once` printed
    # the environment: an option that does nothing is a usage error, before anything is done
    done = subprocess.run(
        [sys.executable, "-m", "newsflow", "local", *argv, "--state-dir", "no-such-state"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"newsflow local: {refused}"), done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("when", ["yesterday", "2026-01-01"])
def test_extract_refuses_a_fetched_at_without_offset_as_a_usage_error(
    when: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # "yesterday" was argparse's "invalid fromisoformat value", naming a Python function.
    with pytest.raises(SystemExit) as exited:
        main(["extract", "-", "--fetched-at", when])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"--fetched-at: {when!r} is not an ISO 8601 time with a UTC offset" in err
    assert "fromisoformat" not in err


def test_every_command_is_named_in_cli_lines() -> None:
    # cli_lines names the command from argv before the parser exists (Ctrl-C while importing)
    parser = cli._build_parser()
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.choices) == set(cli_lines.COMMANDS)


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", "no-such-page.html"],
        ["extract", "--batch", "no-such-list.tsv"],
        ["discover", "https://example.com/feed", "--since", "soon"],
        ["sources", "add", "--file", "no-such-seed.yaml"],
        ["upload", "no-such-page.html", "--url", "https://example.com/s"],
        ["local", "--env"],
    ],
)
def test_every_command_starts_its_error_line_with_its_name(argv: list[str], tmp_path: Path) -> None:
    # They said "newsflow: ..." in extract, discover and sources and "newsflow upload: ..."
    # elsewhere; each now says "newsflow COMMAND: ...", as argparse's usage errors do.
    env = {**os.environ, "NEWSFLOW_STATE_DIR": str(tmp_path / "no-stack")}
    for name in ("NEWSFLOW_BUCKET", "NEWSFLOW_TABLE", "NEWSFLOW_EVENT_BUS", "AWS_ENDPOINT_URL"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-m", "newsflow", *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode in (1, 2)
    assert done.stderr.startswith(f"newsflow {argv[0]}: "), done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr


def test_extract_batch_reads_a_list_saved_with_a_utf8_byte_order_mark(
    page_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a list saved by an editor that starts UTF-8 files with a byte order mark
    listing = tmp_path / "list.tsv"
    listing.write_bytes(b"\xef\xbb\xbf" + f"p1\t{page_file}\thttps://e.com/a\n".encode())
    # WHEN it is extracted
    assert main(["extract", "--batch", str(listing)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # THEN the first id is "p1", not "\ufeffp1" that no caller would match
    assert [line["id"] for line in lines] == ["p1"]


def test_extract_batch_dash_reads_its_list_from_standard_input(page_file: Path) -> None:
    # GIVEN a list piped in, as `-` reads a page from standard input
    listing = f"p1\t{page_file}\thttps://e.com/a\n"
    # WHEN `--batch -` is run on it
    result = subprocess.run(
        [sys.executable, "-m", "newsflow", "extract", "--batch", "-"],
        input=listing.encode(),
        capture_output=True,
        check=False,
    )
    # THEN the piped list is read, not a file named "-" looked for
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["p1"]


def test_extract_batch_a_path_with_a_nul_is_a_line_with_its_error(
    page_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a list whose first path holds a NUL character (a list built from binary data)
    listing = tmp_path / "list.tsv"
    listing.write_text(f"p1\t{page_file}\x00x\np2\t{page_file}\thttps://e.com/a\n")
    # WHEN it is extracted, THEN that line is a record with its error and the batch goes
    # on (open() raises ValueError, not OSError, for it: the batch died with a traceback)
    assert main(["extract", "--batch", str(listing)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["id"], line.get("error")) for line in lines] == [
        ("p1", "embedded null byte"),
        ("p2", None),
    ]
