"""`newsflow sources add|list|show|remove` on moto; add autodiscovers from a loopback homepage."""

from __future__ import annotations

import json
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
    assert _run(capsys, "sources", "add", "local", "--homepage", site.url("/"))[0] == 1
    status, out = _run(capsys, "sources", "list")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["local"]
    discover_source("local", scrape.discover_ports())
    status, out = _run(capsys, "sources", "show", "local")
    shown = json.loads(out)
    assert shown["source"]["feeds"] == [site.url("/feed.xml")]
    assert shown["last_run"]["counts"]["documents"] == 2
    assert _run(capsys, "sources", "remove", "local")[0] == 0
    assert _run(capsys, "sources", "show", "local")[0] == 1


def test_sources_add_from_the_seed_file_without_network(
    scrape: Scrape, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = Path(__file__).resolve().parents[2] / "sources.yaml"

    status, out = _run(capsys, "sources", "add", "--file", str(seed), "--no-autodiscover")

    added = [json.loads(line)["id"] for line in out.splitlines()]
    assert status == 0
    assert added and all(scrape.sources.get(i) is not None for i in added)
