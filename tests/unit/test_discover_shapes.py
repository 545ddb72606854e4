"""`newsflow discover` on the document shapes of issue 11, served from a loopback site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.loopback_site import Reply, Site

from newsflow.scrape_cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
XML = {"Content-Type": "application/xml"}
TEXT = {"Content-Type": "text/plain"}


def _serve(site: Site, path: str, fixture: str, headers: dict[str, str], **values: str) -> None:
    text = (FIXTURES / fixture).read_bytes().decode("utf-8")
    for name, value in {"base": site.base_url, **values}.items():
        text = text.replace("{" + name + "}", value)
    site.routes[path] = Reply(200, text.encode("utf-8"), headers)


def _discover(
    capsys: pytest.CaptureFixture[str], url: str, *options: str
) -> tuple[int, list[dict[str, str]], str]:
    status = main(["discover", url, *options, "--allow-loopback", "--min-delay", "0"])
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_discover_atom_lists_only_each_entrys_page(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    _serve(site, "/atom.xml", "feeds/atom_other_links.xml", XML)
    status, records, _ = _discover(capsys, site.url("/atom.xml"))
    assert status == 0
    # enclosure, related, via, self, a link without href and the PDF alternate are not pages
    assert [r["url"] for r in records] == [
        site.url("/news/quoted?b=2&a=1"),
        site.url("/news/no-rel-means-alternate"),
        site.url("/news/html-alternate"),
    ]
    assert records[0]["key"] == site.url("/news/quoted?a=1&b=2")


def test_discover_text_sitemap_with_bom_keeps_its_first_url_and_query_as_written(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    _serve(site, "/sitemap.txt", "sitemaps/text_bom.txt", TEXT)
    status, records, _ = _discover(capsys, site.url("/sitemap.txt"))
    assert status == 0
    assert [r["url"] for r in records] == [
        site.url("/news/first-after-bom"),
        site.url("/news/second?q=a&l=en"),
        site.url("/news/third?item"),
    ]
    assert [r["key"] for r in records][1:] == [
        site.url("/news/second?l=en&q=a"),
        site.url("/news/third?item="),
    ]


def test_discover_index_with_bare_text_sitemaps_follows_them(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    _serve(site, "/index.xml", "sitemaps/index_bare_text.xml", XML)
    for name in ("bare-1", "bare-2", "with-loc"):
        rows = f"<url><loc>{site.url('/news/' + name)}</loc></url>"
        site.routes[f"/sitemaps/{name}.xml"] = Reply(200, f"<urlset>{rows}</urlset>".encode(), XML)

    status, followed, _ = _discover(capsys, site.url("/index.xml"))
    listed_status, listed, _ = _discover(capsys, site.url("/index.xml"), "--no-follow")

    assert (status, listed_status) == (0, 0)
    names = ["bare-1", "bare-2", "with-loc"]
    assert [r["url"] for r in followed] == [site.url(f"/news/{n}") for n in names]
    # --no-follow keeps its {"sitemap": …} lines
    assert listed == [{"sitemap": site.url(f"/sitemaps/{n}.xml")} for n in names]


def test_discover_sitemap_declaring_entities_lists_locs_expands_nothing_exits_0(
    site: Site, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # GIVEN a sitemap whose DOCTYPE names a local file, loopback URLs and nested entities
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER")
    site.routes["/secret.txt"] = Reply(200, b"REMOTE-MARKER", TEXT)
    site.routes["/evil.dtd"] = Reply(200, b'<!ENTITY injected "INJECTED-MARKER">', TEXT)
    _serve(site, "/sitemap.xml", "sitemaps/doctype_entities.xml", XML, secret=str(secret))

    status, records, err = _discover(capsys, site.url("/sitemap.xml"))

    # THEN its plain <loc>s are listed with a warning, and no entity was read or expanded
    assert status == 0
    assert [r["url"] for r in records] == [
        site.url("/news/safe-1"),
        site.url("/news/safe-2?a=1&b=2"),
    ]
    assert "DOCTYPE declares entities" in err
    assert "3 entries using them skipped" in err
    output = json.dumps(records) + err
    assert not any(m in output for m in ("SECRET-MARKER", "REMOTE-MARKER", "INJECTED", "lollol"))
    assert site.paths().count("/secret.txt") == 0
    assert site.paths().count("/evil.dtd") == 0


def test_discover_help_documents_the_output_keys(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["discover", "--help"])
    text = capsys.readouterr().out
    for key in ("url", "key", "found_in", "origin", "published_at", "sitemap", "lastmod"):
        assert f"\n    {key} " in text or f"{key}, " in text or f" {key}  " in text, key
    assert "one JSON object a line" in text
