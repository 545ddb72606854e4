"""A URL urllib cannot parse ("http://[::1/x": an IPv6 literal without its "]") wherever a page
or a batch list gives it costs that value only: never the page's extraction, never the batch."""

import json
from pathlib import Path

import pytest

from newsflow.cli import main
from newsflow.extract import extract_article
from newsflow.urls import is_http_url, page_http_url

BROKEN = "http://[::1/x"
PAGE_URL = "https://lakeside-ledger.example/news/ferry-timetable-changes"
STORY = "".join(
    f"<p>Line {i} of the story: the ferry company said the winter timetable would add a late "
    "crossing on weekdays and drop the first boat on Sundays from next month.</p>"
    for i in range(6)
)


def _page(head: str = "", body: str = "") -> bytes:
    return (
        "<html lang='en'><head><title>Ferry timetable changes for winter</title>"
        f"{head}</head><body><article><h1>Ferry timetable changes for winter</h1>"
        f"{body}{STORY}</article></body></html>"
    ).encode()


def test_is_http_url_is_false_for_an_address_urllib_cannot_parse() -> None:
    assert not is_http_url(BROKEN)
    assert is_http_url("http://[::1]/x")


@pytest.mark.parametrize(
    "url",
    [
        "http://e.example:99999/a",
        "http://e.example:abc/a",
        "http://e x.example/a",
        "http://e\x00.example/a",
    ],
)
def test_is_http_url_is_false_for_a_port_or_host_no_request_can_use(url: str) -> None:
    assert not is_http_url(url)
    assert is_http_url("http://e.example:8080/a")


def test_page_http_url_resolves_or_gives_none() -> None:
    assert page_http_url("../pics/a.jpg", PAGE_URL) == "https://lakeside-ledger.example/pics/a.jpg"
    assert page_http_url("/a?utm_source=x", PAGE_URL, normalized=True) == (
        "https://lakeside-ledger.example/a"
    )
    for value in (BROKEN, "javascript:void(0)", "mailto:desk@lakeside-ledger.example"):
        assert page_http_url(value, PAGE_URL) is None
        assert page_http_url(value, PAGE_URL, normalized=True) is None


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (f"<link rel='canonical' href='{BROKEN}'>", ""),
        (f"<meta property='og:url' content='{BROKEN}'>", ""),
        (f"<meta property='og:image' content='{BROKEN}'>", ""),
        (f"<link rel='license' href='{BROKEN}'>", ""),
        (
            f"<meta name='tdm-reservation' content='1'><meta name='tdm-policy' content='{BROKEN}'>",
            "",
        ),
        (
            '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": '
            f'"Ferry timetable changes for winter", "url": "{BROKEN}", "image": "{BROKEN}", '
            f'"license": "{BROKEN}"}}</script>',
            "",
        ),
        ("", f"<figure><img src='{BROKEN}'></figure>"),
        # a lone labelled link whose slug foreign.py reads
        (
            "",
            f"<p>See also: <a href='{BROKEN}/ferry-fares'>Ferry fares rise for the islands</a></p>",
        ),
    ],
)
def test_a_broken_address_in_the_page_costs_only_its_own_value(head: str, body: str) -> None:
    article = extract_article(_page(head, body), PAGE_URL)
    assert article.outcome.kind.value == "article", article.outcome
    assert article.title == "Ferry timetable changes for winter"
    assert article.body_text.count("Line ") == 6
    assert article.canonical_url == PAGE_URL
    assert article.lead_image is None
    assert article.rights.license_url is None
    assert article.rights.tdm_policy is None


def test_a_batch_line_with_a_broken_url_is_a_record_with_its_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "ferry.html"
    page.write_bytes(_page())
    listing = tmp_path / "list.tsv"
    listing.write_text(f"bad\t{page}\t{BROKEN}\ngood\t{page}\t{PAGE_URL}\n", encoding="utf-8")
    assert main(["extract", "--batch", str(listing)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["bad", "good"]
    assert lines[0]["error"] == f"{BROKEN!r} is not an absolute http(s) URL"
    assert lines[1]["canonical_url"] == PAGE_URL
