"""The local fixture news site answers as a web server does: HEAD, and a TDMRep file on the
publisher that reserves text and data mining, so the rights record can be tried locally."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsflow.fetch.tdmrep import TDMREP_PATH, parse_tdmrep
from newsflow.local.site import TDM_RESERVING_PUBLISHER, NewsSite

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    running = NewsSite(ROOT / "tests" / "devset", articles_per_publisher=2)
    running.start()
    yield running
    running.stop()


def _open(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_head_sends_what_get_would_without_the_body(site: NewsSite) -> None:
    publisher = site.publishers[0]
    article = publisher.origin + publisher.pages[0].path
    got_status, got_headers, body = _open(article)
    head_status, head_headers, nothing = _open(article, "HEAD")
    assert (head_status, nothing) == (got_status, b"")
    assert head_headers["Content-Length"] == got_headers["Content-Length"] == str(len(body))
    assert head_headers["Content-Type"] == got_headers["Content-Type"]
    assert _open(publisher.origin + "/no-such-page.html", "HEAD")[0] == 404


def test_one_publisher_reserves_text_and_data_mining_of_its_news(site: NewsSite) -> None:
    by_slug = {p.slug: p for p in site.publishers}
    reserving = by_slug[TDM_RESERVING_PUBLISHER]
    status, headers, body = _open(reserving.origin + TDMREP_PATH)
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    rules = parse_tdmrep(body, reserving.origin + TDMREP_PATH)
    first = rules[0]
    assert first.location == "/news/*"
    assert first.reservation is True
    assert first.policy == reserving.origin + "/tdm-policy.json"
    # AND the policy it names is there: an ODRL offer of the publisher
    status, headers, body = _open(first.policy)
    assert (status, headers["Content-Type"]) == (200, "application/ld+json")
    policy = json.loads(body)
    assert (policy["@type"], policy["uid"]) == ("Offer", first.policy)
    # the other publishers declare nothing: their file is not there
    others = [p for p in site.publishers if p.slug != TDM_RESERVING_PUBLISHER]
    assert {_open(p.origin + TDMREP_PATH)[0] for p in others} == {404}
