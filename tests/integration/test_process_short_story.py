"""Processing stores a news brief (a short story its page frames and credits) and still
rejects a short page that is no story (issue 10): the outcome decides what is stored
(`process_object.STORED_OUTCOMES`). Invented pages, on the in-memory adapters."""

from __future__ import annotations

from fakes.processing import InMemoryStack
from support.aws_stack import BUCKET

from newsflow.services.process_object import Status, process_object

URL = "https://valley-herald.example/news/2026/03/bridge-reopens"
BRIEF = (
    "<p>The Mill Street bridge reopened to traffic on Monday morning after six weeks of "
    "repairs to its deck and railings.</p><p>Council engineers said the work finished two "
    "days early. Buses on routes 4 and 9 return to their usual stops from Tuesday.</p>"
)


def _page(title: str, article: str) -> bytes:
    return (
        f"<html lang='en'><head><title>{title} | Valley Herald</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<main><article>{article}</article></main></body></html>"
    ).encode()


def _process(memory: InMemoryStack, key: str, page: bytes) -> Status:
    memory.put_page(key, page, url=URL)
    return process_object(BUCKET, key, memory.ports, max_bytes=1 << 20, lease_seconds=90).status


def test_news_brief_is_stored_as_an_article(memory: InMemoryStack) -> None:
    page = _page(
        "Bridge reopens after repairs",
        f"<h1>Bridge reopens after repairs</h1><p class='byline'>By Tom Reed</p>{BRIEF}",
    )
    assert _process(memory, "raw/example/brief.html", page) is Status.INGESTED
    assert [e["detail-type"] for e in memory.events()] == ["ArticleIngested"]


def test_short_error_page_is_still_rejected(memory: InMemoryStack) -> None:
    notice = (
        "<h1>Page not found</h1><p>Sorry, the page you were looking for could not be found. "
        "It may have been moved or deleted. Try the search box or the home page.</p>"
    )
    status = _process(memory, "raw/example/missing.html", _page("Page not found", notice))
    assert status is not Status.INGESTED
    assert memory.table.urls[URL].record.outcome == "not_article"
