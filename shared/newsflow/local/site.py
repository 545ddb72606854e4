"""A local fixture news site: three publishers on loopback, built from the development set.

Each publisher has its own port (sources and politeness are per host), a homepage that
links its feed, a feed (RSS 2.0, Atom, or RSS with a sitemap index), a Google News sitemap,
robots.txt with a `Sitemap:` line and a disallowed path, about a dozen article pages (real
pages of the development set, re-hosted: their canonical links point here), a section index
and an about page (not articles), a page under the disallowed path, and, on the first
publisher, a story that changes after its first fetch (so the second poll makes version 2).
The third publisher reserves text and data mining of its news in a W3C TDMRep file.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from newsflow.fetch.tdmrep import TDMREP_PATH

_CANONICAL = re.compile(
    r"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+property=[\"']og:url[^>]*>", re.I
)
_HEAD = re.compile(r"<head[^>]*>", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
PUBLISHERS = (
    ("harbour-herald", "The Harbour Herald", "rss"),
    ("valley-voice", "Valley Voice", "atom"),
    ("metro-monitor", "Metro Monitor", "rss-index"),
)
CHANGING_PATH = "/news/live/ferry-strike-talks.html"
# This publisher reserves text and data mining of its news in /.well-known/tdmrep.json, so
# the rights record and `?tdm_reserved=` can be tried locally; the others declare nothing.
TDM_RESERVING_PUBLISHER = "metro-monitor"
TDM_POLICY_PATH = "/tdm-policy.json"
# When the newsroom edits the changing story after its first fetch: past discovery's minute
# of tolerance (ScrapeSettings.discover_update_tolerance_seconds), with half a minute to spare
# for the fetch's own stamp. The runner divides both by `--speed`.
CHANGE_AFTER = timedelta(seconds=90)


@dataclass
class Page:
    """One page of a publisher."""

    path: str
    title: str
    html: bytes
    published: datetime
    in_feed: bool = True


@dataclass
class Publisher:
    """One fixture publisher: its pages, served on its own port."""

    slug: str
    name: str
    feed_kind: str
    pages: list[Page] = field(default_factory=list)
    port: int = 0
    hits: dict[str, int] = field(default_factory=dict)
    changed_at: datetime | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def feed_path(self) -> str:
        return "/feed.atom" if self.feed_kind == "atom" else "/feed.rss"


def _edited(publisher: Publisher) -> bool:
    return publisher.changed_at is not None and datetime.now(UTC) >= publisher.changed_at


def _title(html: str) -> str:
    match = _TITLE.search(html)
    return " ".join(match.group(1).split()) if match else "Untitled"


def _rehost(html: str, url: str) -> bytes:
    """The page with its canonical identity moved to the local site."""
    html = _CANONICAL.sub("", html)
    link = f'<link rel="canonical" href="{url}">'
    return _HEAD.sub(lambda m: m.group(0) + link, html, count=1).encode("utf-8")


def _changing_story(url: str, version: int) -> bytes:
    paragraphs = [
        "Talks between the ferry operator and the crews' union resumed on Monday morning "
        "after a weekend in which no boats left the harbour and hundreds of travellers were "
        "stranded on the island.",
        "The union is asking for a new rota that limits crews to two night crossings a "
        "week, while the operator says the timetable cannot be kept without more staff.",
        "Shops on the island reported that fresh produce had run short by Sunday evening, "
        "and the council opened the school gym for travellers who could not find rooms.",
    ]
    if version > 1:
        paragraphs.append(
            "Update: both sides agreed on Monday evening to a three-month trial of the new "
            "rota, and the first ferry is due to leave at six o'clock on Tuesday morning."
        )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Ferry strike talks resume | The Harbour Herald</title>"
        f"<link rel='canonical' href='{url}'>"
        "<meta property='og:title' content='Ferry strike talks resume as island runs short'>"
        "<meta name='author' content='Morag Lindsay'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/section/news.html'>News</a></nav>"
        "<article><h1>Ferry strike talks resume as island runs short</h1>"
        f"<p class='byline'>By Morag Lindsay</p>{body}</article>"
        "<footer>Share this story · Sign up for our newsletter</footer></body></html>"
    ).encode()


class NewsSite:
    """The three publishers, each on its own loopback port."""

    def __init__(
        self,
        devset: Path,
        articles_per_publisher: int = 12,
        state_file: Path | None = None,
        change_after: timedelta = CHANGE_AFTER,
    ) -> None:
        """`state_file` keeps when the changing story is edited, so a restarted site (a
        restarted runner) still edits it and its second version arrives. `change_after`:
        how long after its first fetch the story is edited."""
        self.publishers = [Publisher(slug, name, kind) for slug, name, kind in PUBLISHERS]
        self._servers: list[ThreadingHTTPServer] = []
        self._devset = devset
        self._per_publisher = articles_per_publisher
        self._lock = threading.Lock()
        self._state_file = state_file
        self._change_after = change_after
        if state_file is not None and state_file.is_file():
            saved = json.loads(state_file.read_text(encoding="utf-8")).get("changed_at")
            self.publishers[0].changed_at = datetime.fromisoformat(saved) if saved else None

    def start(self, first_port: int = 0) -> None:
        """Serve the publishers on first_port, first_port + 1, ... (0: any free ports)."""
        for number, publisher in enumerate(self.publishers):
            port = first_port + number if first_port else 0
            server = ThreadingHTTPServer(("127.0.0.1", port), self._handler(publisher))
            server.daemon_threads = True
            publisher.port = server.server_address[1]
            self._servers.append(server)
            threading.Thread(target=server.serve_forever, daemon=True).start()
        self._build_pages()

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def _build_pages(self) -> None:
        truth = json.loads((self._devset / "ground-truth.json").read_text(encoding="utf-8"))
        ids = sorted(truth)
        now = datetime.now(UTC).replace(microsecond=0)
        for index, publisher in enumerate(self.publishers):
            # Round robin over the set; beyond 88 pages (benchmarks) pages come back under
            # new URLs, so they are new articles.
            chosen = [
                ids[(index + number * len(self.publishers)) % len(ids)]
                for number in range(self._per_publisher)
            ]
            for number, page_id in enumerate(chosen):
                html = gzip.decompress(
                    (self._devset / "html" / f"{page_id}.html.gz").read_bytes()
                ).decode("utf-8", "replace")
                published = now - timedelta(hours=2 * number + index + 1)
                path = f"/news/{published:%Y/%m}/{page_id[:12]}-{number}.html"
                url = publisher.origin + path
                publisher.pages.append(Page(path, _title(html), _rehost(html, url), published))
            links = "".join(
                f"<li><h3><a href='{p.path}'>{escape(p.title)}</a></h3></li>"
                for p in publisher.pages
            )
            publisher.pages.append(
                Page(
                    "/section/news.html",
                    "News",
                    f"<html><body><h1>News</h1><ul>{links}</ul></body></html>".encode(),
                    now - timedelta(minutes=30),
                )
            )
            publisher.pages.append(
                Page(
                    "/about.html",
                    "About us",
                    f"<html><body><h1>About {publisher.name}</h1><p>Contact the newsroom."
                    "</p></body></html>".encode(),
                    now - timedelta(days=30),
                    in_feed=False,
                )
            )
            publisher.pages.append(
                Page(
                    "/private/draft-budget-leak.html",
                    "Draft: budget leak",
                    b"<html><body><h1>Draft</h1><p>Not for robots.</p></body></html>",
                    now - timedelta(minutes=45),
                )
            )
        herald = self.publishers[0]
        herald.pages.append(
            Page(CHANGING_PATH, "Ferry strike talks resume", b"", now - timedelta(minutes=20))
        )

    def _entries(self, publisher: Publisher) -> list[tuple[Page, datetime]]:
        """Feed entries with their `updated` time: the changing story moves after a fetch."""
        entries = []
        for page in publisher.pages:
            if not page.in_feed:
                continue
            updated = page.published
            if page.path == CHANGING_PATH and _edited(publisher):
                assert publisher.changed_at is not None
                updated = publisher.changed_at
            entries.append((page, updated))
        return entries

    def _handler(self, publisher: Publisher) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.wfile.write(self._head())

            def do_HEAD(self) -> None:
                self._head()  # what GET would send, without the body (RFC 9110, 9.3.2)

            def _head(self) -> bytes:
                status, kind, body = site.respond(publisher, self.path.split("?", 1)[0])
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return body

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler

    def respond(self, publisher: Publisher, path: str) -> tuple[int, str, bytes]:
        """Status, content type and body of one request to a publisher."""
        html = "text/html; charset=utf-8"
        xml = "application/xml; charset=utf-8"
        if path == "/robots.txt":
            robots = (
                f"User-agent: *\nDisallow: /private/\n\nSitemap: {publisher.origin}/sitemap.xml\n"
            )
            return 200, "text/plain; charset=utf-8", robots.encode()
        if path == "/":
            return 200, html, self._homepage(publisher)
        if publisher.slug == TDM_RESERVING_PUBLISHER and path == TDMREP_PATH:
            return 200, "application/json", self._tdmrep(publisher)
        if publisher.slug == TDM_RESERVING_PUBLISHER and path == TDM_POLICY_PATH:
            return 200, "application/ld+json", self._tdm_policy(publisher)
        if path == publisher.feed_path:
            kind = (
                "application/atom+xml" if publisher.feed_kind == "atom" else "application/rss+xml"
            )
            return 200, kind, self._feed(publisher)
        if path == "/sitemap.xml":
            return 200, xml, self._sitemap(publisher)
        if path == "/sitemap-news.xml":
            return 200, xml, self._news_sitemap(publisher)
        if path == CHANGING_PATH and publisher is self.publishers[0]:
            with self._lock:
                publisher.hits[path] = publisher.hits.get(path, 0) + 1
                if publisher.changed_at is None:
                    # The newsroom edits the story a while after it was first read; feeds
                    # stamp the edit, and pollers ignore stamps within a minute of a fetch.
                    publisher.changed_at = datetime.now(UTC) + self._change_after
                    self._save_state()
            version = 2 if _edited(publisher) else 1
            return 200, html, _changing_story(publisher.origin + path, version)
        for page in publisher.pages:
            if page.path == path:
                with self._lock:
                    publisher.hits[path] = publisher.hits.get(path, 0) + 1
                return 200, html, page.html
        return 404, html, b"<html><body><h1>Not found</h1></body></html>"

    @staticmethod
    def _tdmrep(publisher: Publisher) -> bytes:
        """A W3C TDMRep file: text and data mining reserved for the news, with a policy."""
        rules = [
            {
                "location": "/news/*",
                "tdm-reservation": 1,
                "tdm-policy": f"{publisher.origin}{TDM_POLICY_PATH}",
            },
            {"location": "/*", "tdm-reservation": 0},
        ]
        return json.dumps(rules).encode()

    @staticmethod
    def _tdm_policy(publisher: Publisher) -> bytes:
        """The policy the TDMRep file names: an ODRL offer in JSON-LD (the TDMRep report's
        policy format), saying mining may be licensed by asking the publisher."""
        policy = {
            "@context": [
                "http://www.w3.org/ns/odrl.jsonld",
                {"tdm": "http://www.w3.org/ns/tdmrep#"},
            ],
            "@type": "Offer",
            "uid": f"{publisher.origin}{TDM_POLICY_PATH}",
            "profile": "http://www.w3.org/ns/tdmrep",
            "assigner": f"{publisher.origin}/",
            "permission": [
                {
                    "target": f"{publisher.origin}/news/",
                    "action": "tdm:mine",
                    "duty": [{"action": "compensate"}],
                }
            ],
        }
        return json.dumps(policy).encode()

    def _save_state(self) -> None:
        if self._state_file is not None:
            changed_at = self.publishers[0].changed_at
            state = {"changed_at": changed_at.isoformat() if changed_at else None}
            self._state_file.write_text(json.dumps(state), encoding="utf-8")

    def _homepage(self, publisher: Publisher) -> bytes:
        kind = "application/atom+xml" if publisher.feed_kind == "atom" else "application/rss+xml"
        links = "".join(
            f"<li><a href='{p.path}'>{escape(p.title)}</a></li>" for p in publisher.pages[:10]
        )
        return (
            f"<html><head><title>{publisher.name}</title>"
            f"<link rel='alternate' type='{kind}' href='{publisher.feed_path}'></head>"
            f"<body><h1>{publisher.name}</h1><ul>{links}</ul></body></html>"
        ).encode()

    def _feed(self, publisher: Publisher) -> bytes:
        entries = self._entries(publisher)
        if publisher.feed_kind == "atom":
            items = "".join(
                f"<entry><title>{escape(p.title)}</title>"
                f"<link href='{publisher.origin}{p.path}'/><id>{publisher.origin}{p.path}</id>"
                f"<published>{p.published.isoformat()}</published>"
                f"<updated>{updated.isoformat()}</updated></entry>"
                for p, updated in entries
            )
            return (
                "<?xml version='1.0' encoding='utf-8'?>"
                "<feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>{publisher.name}</title><id>{publisher.origin}/</id>"
                f"<updated>{datetime.now(UTC).isoformat()}</updated>{items}</feed>"
            ).encode()
        items = "".join(
            f"<item><title>{escape(p.title)}</title><link>{publisher.origin}{p.path}</link>"
            f"<guid>{publisher.origin}{p.path}</guid>"
            f"<pubDate>{p.published:%a, %d %b %Y %H:%M:%S} +0000</pubDate>"
            f"<atom:updated xmlns:atom='http://www.w3.org/2005/Atom'>{updated.isoformat()}"
            "</atom:updated></item>"
            for p, updated in entries
        )
        return (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>{publisher.name}</title><link>{publisher.origin}/</link>{items}"
            "</channel></rss>"
        ).encode()

    def _sitemap(self, publisher: Publisher) -> bytes:
        return (
            "<?xml version='1.0' encoding='utf-8'?>"
            "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            f"<sitemap><loc>{publisher.origin}/sitemap-news.xml</loc></sitemap>"
            "</sitemapindex>"
        ).encode()

    def _news_sitemap(self, publisher: Publisher) -> bytes:
        urls = "".join(
            f"<url><loc>{publisher.origin}{p.path}</loc><lastmod>{updated.isoformat()}</lastmod>"
            "<news:news><news:publication><news:name>"
            f"{escape(publisher.name)}</news:name><news:language>en</news:language>"
            f"</news:publication><news:publication_date>{p.published.isoformat()}"
            f"</news:publication_date><news:title>{escape(p.title)}</news:title></news:news>"
            "</url>"
            for p, updated in self._entries(publisher)
        )
        return (
            "<?xml version='1.0' encoding='utf-8'?>"
            "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
            f"{urls}</urlset>"
        ).encode()
