"""`newsflow sources add|list|show|remove` on moto; add autodiscovers from a loopback homepage."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from scraping.helpers import ROBOTS_ALLOW, Reply, Scrape, Site, scrape, site
from support.aws_stack import Stack

from newsflow import cli
from newsflow.services.discover_source import discover_source

__all__ = ["scrape", "site"]  # fixtures, imported so pytest finds them here


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = cli.main(list(argv))
    return status, capsys.readouterr().out


def test_sources_add_autodiscovers_feeds_and_sitemaps_then_list_show_remove(
    scrape: Scrape, site: Site, aws: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a homepage that links its feed and a robots.txt that names its sitemap
    site.routes["/"] = Reply(
        200,
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b'<link rel="alternate" type="application/rss+xml" href="/comments/feed"></head></html>',
    )
    robots = f"User-agent: *\nAllow: /\nSitemap: {site.url('/sitemap.xml')}\n".encode()
    site.routes["/robots.txt"] = Reply(200, robots, ROBOTS_ALLOW)

    # WHEN it is added by its homepage
    status, out = _run(
        capsys, "sources", "add", "local", "--homepage", site.url("/"), "--allow-loopback"
    )

    # THEN the feed (not the comment feed) and the sitemap were found and stored
    assert status == 0
    assert json.loads(out) == {
        "id": "local",
        "created": True,
        "feeds": [site.url("/feed.xml")],
        "sitemaps": [site.url("/sitemap.xml")],
    }
    exists = ("sources", "add", "local", "--homepage", site.url("/"), "--allow-loopback")
    assert _run(capsys, *exists)[0] == 1
    status, out = _run(capsys, "sources", "list")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["local"]
    discover_source("local", scrape.discover_ports())
    status, out = _run(capsys, "sources", "show", "local")
    shown = json.loads(out)
    assert shown["source"]["feeds"] == [site.url("/feed.xml")]
    assert shown["last_run"]["counts"]["documents"] == 2
    # Times as the API gives them: UTC with Z, as the last run's are.
    assert shown["created_at"].endswith("Z")
    assert shown["updated_at"].endswith("Z")
    assert shown["last_run"]["finished_at"].endswith("Z")
    assert _run(capsys, "sources", "remove", "local")[0] == 0
    # An unknown name exits 2, as for every other command.
    assert _run(capsys, "sources", "show", "local")[0] == 2
    assert _run(capsys, "sources", "remove", "local")[0] == 2


def test_sources_add_from_the_seed_file_without_network(
    scrape: Scrape, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = Path(__file__).resolve().parents[2] / "sources.yaml"

    status, out = _run(capsys, "sources", "add", "--file", str(seed), "--no-autodiscover")

    added = [json.loads(line)["id"] for line in out.splitlines()]
    assert status == 0
    assert added and all(scrape.sources.get(i) is not None for i in added)


HOME = ("--homepage", "https://harbour.example.com/")
# Each refused source as `sources add` flags, and the field the message names.
REFUSED: list[tuple[tuple[str, ...], str]] = [
    (("--homepage", "file:///etc/passwd"), "homepage"),
    (("--homepage", "http://169.254.169.254/"), "homepage"),
    (("--homepage", "http://[::1]/"), "homepage"),  # loopback without --allow-loopback
    (("--homepage", "http://0x7f.1/"), "homepage"),  # 127.0.0.1 in hex
    (("--homepage", "ftp://harbour.example.com/"), "homepage"),
    (
        (*HOME, "--feed", "https://harbour.example.com/rss", "--feed", "gopher://x.example/"),
        "feeds.1",
    ),
    ((*HOME, "--feed", "http://172.16.0.1/rss"), "feeds.0"),
    ((*HOME, "--sitemap", "http://100.64.0.1/sitemap.xml"), "sitemaps.0"),
    ((*HOME, "--sitemap", "https://harbour.example.com/" + "s" * 2048), "sitemaps.0"),
    ((*HOME, "--allow", "(unclosed"), "allowed_url_patterns.0"),
    ((*HOME, "--block", "(?<=news)/live"), "blocked_url_patterns.0"),
    ((*HOME, "--allow", "p" * 501), "allowed_url_patterns.0"),
    ((*HOME, "--name", "n" * 201), "name"),
]


@pytest.mark.parametrize(("flags", "field"), REFUSED)
def test_sources_add_refuses_a_bad_source_naming_the_field(
    scrape: Scrape, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], field: str
) -> None:
    status = cli.main(["sources", "add", "bad", *flags, "--no-autodiscover"])

    err = capsys.readouterr().err
    assert status == 2
    assert f"{field}: " in err
    assert scrape.sources.get("bad") is None


def test_sources_add_refuses_a_seed_file_with_one_bad_source(
    scrape: Scrape, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    seed = tmp_path / "sources.yaml"
    seed.write_text(
        "sources:\n"
        "  - {id: good, name: Good, homepage: 'https://good.example/'}\n"
        "  - {id: bad, name: Bad, homepage: 'https://bad.example/',"
        " feeds: ['http://169.254.169.254/latest']}\n"
    )

    status = cli.main(["sources", "add", "--file", str(seed), "--no-autodiscover"])

    assert status == 2
    # named as the file's other problems are: the file, the entry and its id, the field
    err = capsys.readouterr().err
    assert err.startswith(f"newsflow sources: {seed}: sources[1] (id 'bad'): feeds.0: "), err
    assert err.count("\n") == 1
    assert scrape.sources.get("good") is None  # nothing of the file stored


def test_sources_add_of_a_seed_file_it_cannot_read_names_the_file_once(
    scrape: Scrape, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.yaml"
    for path in (missing, tmp_path):  # missing, and a folder
        assert cli.main(["sources", "add", "--file", str(path), "--no-autodiscover"]) == 2
        err = capsys.readouterr().err
        # as `extract` says it, not "[Errno 2] No such file or directory: '...'"
        assert err.startswith(f"newsflow sources: {path}: ") and "Errno" not in err, err


def test_sources_add_stores_an_accepted_source_unchanged(
    scrape: Scrape, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = {
        "--homepage": "https://Harbour.Example.com:8443/front?edition=uk&lang=en",
        "--feed": "https://harbour.example.com/rss?q=a&l=en",
        "--sitemap": "https://harbour.example.com/sitemap.xml?item",
        "--allow": r"/news/\d{4}/",
        "--block": "(a+)+$",
    }
    argv = [part for pair in flags.items() for part in pair]

    status, _ = _run(capsys, "sources", "add", "good", *argv, "--no-autodiscover")

    assert status == 0
    stored = scrape.sources.get("good")
    assert stored is not None
    source = stored.source
    assert (source.homepage, source.feeds, source.sitemaps) == (
        flags["--homepage"],
        [flags["--feed"]],
        [flags["--sitemap"]],
    )
    assert (source.allowed_url_patterns, source.blocked_url_patterns) == (
        [flags["--allow"]],
        [flags["--block"]],
    )
    listed = json.loads(_run(capsys, "sources", "list")[1])
    assert listed["feeds"] == [flags["--feed"]]


def test_sources_add_names_a_malformed_id_in_one_line(
    scrape: Scrape, capsys: pytest.CaptureFixture[str]
) -> None:
    home = "https://harbour.example.com/"
    status = cli.main(["sources", "add", "Bad Id!", "--homepage", home, "--no-autodiscover"])

    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("newsflow sources: invalid source: id: ")
    assert len(err.strip().splitlines()) == 1  # not pydantic's multi-line report
    assert "errors.pydantic.dev" not in err


def test_sources_add_names_a_refused_value_by_its_flag(
    scrape: Scrape, capsys: pytest.CaptureFixture[str]
) -> None:
    home = "https://harbour.example.com/"
    argv = ["sources", "add", "ok", "--homepage", home, "--no-autodiscover"]
    status = cli.main([*argv, "--poll-interval", "5", "--min-delay", "-1"])

    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("newsflow sources: invalid source: --poll-interval: ")
    assert "; --min-delay: " in err
    assert "poll_interval_seconds" not in err
    assert scrape.sources.get("ok") is None


def test_sources_add_refuses_an_id_beside_a_seed_file(
    scrape: Scrape, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "sources.yaml"
    seed.write_text(
        "sources:\n- {id: harbour, name: Harbour, homepage: https://harbour.example.com/}\n"
    )

    status = cli.main(["sources", "add", "other", "--file", str(seed), "--no-autodiscover"])

    assert status == 2
    assert "give ID and --homepage, or --file, not both" in capsys.readouterr().err
    assert cli.main(["sources", "list"]) == 0
    assert "harbour" not in capsys.readouterr().out  # nothing was stored


def test_reprocess_since_that_is_not_a_date_is_refused_by_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["reprocess", "--since", "yesterday"])

    assert exit_.value.code == 2
    assert "--since: 'yesterday' is not an ISO 8601 date or time" in capsys.readouterr().err


def test_sources_add_says_when_it_found_nothing_to_poll(
    scrape: Scrape, site: Site, aws: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a homepage with no feed link and a robots.txt with no Sitemap line
    site.routes["/"] = Reply(200, b"<html><head><title>Home</title></head></html>")
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", ROBOTS_ALLOW)

    status = cli.main(["sources", "add", "bare", "--homepage", site.url("/"), "--allow-loopback"])

    # THEN it is stored, and stderr says discovery has nothing to poll and what to do
    captured = capsys.readouterr()
    assert status == 0
    assert json.loads(captured.out)["feeds"] == []
    assert "source bare: stored, but it has no feed or sitemap to poll" in captured.err
    assert "--homepage URL --replace --feed URL" in captured.err
    assert scrape.sources.get("bare") is not None


def test_sources_add_of_a_loopback_site_names_allow_loopback(
    scrape: Scrape, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["sources", "add", "mine", "--homepage", "http://127.0.0.1:8899/"])

    assert status == 2
    assert "loopback address (a site on this machine? add --allow-loopback)" in (
        capsys.readouterr().err
    )


def test_sources_add_says_its_homepage_was_not_read_and_which_feed_gives_nothing(
    scrape: Scrape, site: Site, aws: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a site whose homepage is missing and whose given feed is missing too (404), and a
    # second source whose homepage is on a port nothing listens on
    site.routes["/robots.txt"] = Reply(200, b"User-agent: *\nAllow: /\n", ROBOTS_ALLOW)
    gone, closed = site.url("/nothing-here.xml"), "http://127.0.0.1:9/"
    add = ["sources", "add", "--allow-loopback", "--homepage"]

    # WHEN they are added
    first = cli.main([*add, site.url("/missing/"), "--feed", gone, "dead-feed"])
    first_err = capsys.readouterr().err
    second = cli.main([*add, closed, "unreachable"])
    second_err = capsys.readouterr().err

    # THEN both are stored, and stderr says what was not read rather than "none found"
    assert first == second == 0
    assert scrape.sources.get("dead-feed") is not None
    assert f"source dead-feed: {gone} gives no document now (gone: " in first_err
    assert f"its homepage {site.url('/missing/')} could not be read (gone: " in first_err
    assert "source unreachable: its homepage http://127.0.0.1:9/ could not be read " in second_err
    # nothing answers: a refused connection, not a robots.txt verdict (it said "robots.txt
    # unavailable", and kept the site out as if robots.txt had)
    assert "(network_error: robots.txt: cannot connect to 127.0.0.1:9: Connection refused)" in (
        second_err
    )
    assert "(none given, and its homepage could not be read)" in second_err
    assert "none found on its homepage" not in second_err


def test_sources_add_of_an_existing_id_says_so_before_reading_its_homepage(
    scrape: Scrape, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a stored source
    add = ("sources", "add", "local", "--homepage", site.url("/"), "--allow-loopback")
    assert _run(capsys, *add, "--no-autodiscover")[0] == 0
    # WHEN it is added again without --replace
    status = cli.main([*add])
    # THEN it is refused at once: its homepage and robots.txt were not read first (on a slow
    # site that took 33 s of timeouts before "exists (use --replace)")
    assert status == 1
    assert "source local exists (use --replace)" in capsys.readouterr().err
    assert site.paths() == []


def test_sources_add_says_it_reads_a_silent_homepage_with_the_configured_timeouts(
    aws: Stack, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a homepage that takes the connection and never answers, and shorter timeouts set
    # as discovery is deployed with them
    monkeypatch.setenv("NEWSFLOW_FETCH_READ_TIMEOUT", "0.5")
    monkeypatch.setenv("NEWSFLOW_FETCH_TOTAL_TIMEOUT", "2")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections complete in the kernel; nothing is ever read or sent
        homepage = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        # WHEN it is added
        status = cli.main(["sources", "add", "hush", "--homepage", homepage, "--allow-loopback"])
    err = capsys.readouterr().err
    # THEN it said what it was reading and how long it waits, before the wait (it gave 35 s
    # without a word, with the default timeouts whatever was set)
    assert status == 0
    lines = err.splitlines()
    assert lines[0] == (
        f"newsflow sources: source hush: reading {homepage} and its robots.txt (each gives up "
        "after 0.5 s of silence, 2 s in all; NEWSFLOW_FETCH_READ_TIMEOUT, "
        "NEWSFLOW_FETCH_TOTAL_TIMEOUT) ..."
    )
    # and the reads gave up on the configured silence (urllib3 names it), not the default 15 s
    assert f"its homepage {homepage} could not be read (timeout: " in err
    assert "(read timeout=0.5)" in err


def test_sources_add_names_a_refused_fetch_setting(
    aws: Stack, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSFLOW_FETCH_READ_TIMEOUT", "-1")
    status = cli.main(["sources", "add", "x", "--homepage", "https://x.example/"])
    assert status == 2
    assert "NEWSFLOW_FETCH_READ_TIMEOUT='-1': Input should be greater than 0" in (
        capsys.readouterr().err
    )
