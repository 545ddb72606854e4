"""RSS 0.9x/1.0/2.0, Atom and JSON Feed documents → the article URLs they announce."""

from __future__ import annotations

import contextlib
import io
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser  # type: ignore[import-untyped]  # no stubs or py.typed upstream
from lxml import etree
from lxml import html as lxml_html

from newsflow.discover.dates import parse_w3c_datetime
from newsflow.discover.sitemaps import escape_bare_ampersands
from newsflow.models.source import DiscoveredUrl, DiscoveryOrigin
from newsflow.mojibake import fix_mojibake
from newsflow.urls import is_http_url, published_url

_XML_DECLARED_ENCODING = re.compile(
    rb"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2", re.IGNORECASE
)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_SPACES = re.compile(r"\s+")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's entries, with what went wrong when the document was ill-formed."""

    kind: str
    title: str | None = None
    language: str | None = None
    entries: list[DiscoveredUrl] = field(default_factory=list)
    problem: str | None = None


def looks_like_json_feed(data: bytes) -> bool:
    """True when the document starts like a JSON object (JSON Feed is the only JSON we read)."""
    return data.removeprefix(_UTF8_BOM).lstrip()[:1] == b"{"


def parse_feed(data: bytes, feed_url: str, *, content_type: str | None = None) -> ParsedFeed:
    """Every entry of an RSS, Atom or JSON feed, canonicalized; tolerant of broken markup.

    Never raises on bad input: an unreadable document gives no entries and a `problem`.
    """
    if looks_like_json_feed(data):
        return parse_json_feed(data, feed_url)
    return _parse_xml_feed(data, feed_url, content_type)


def _parse_xml_feed(data: bytes, feed_url: str, content_type: str | None) -> ParsedFeed:
    data, is_utf8 = _trust_valid_utf8(data)
    # Only when the bytes are not UTF-8 can the HTTP charset be the better hint; otherwise a
    # bare XML type lets the (corrected) declaration speak.
    media = content_type if content_type and not is_utf8 else "application/xml"
    headers = {"content-location": feed_url, "content-type": media}
    # A file object, never bytes or str: feedparser treats strings as URLs or file names.
    parsed: Any = feedparser.parse(io.BytesIO(data), response_headers=headers)
    feed: Any = parsed.get("feed", {})
    feed_language = _language(feed.get("language")) or _language(
        (feed.get("title_detail") or {}).get("language")
    )
    entries = []
    for entry in parsed.get("entries", []):
        discovered = _entry(entry, feed_url, feed_language)
        if discovered is not None:
            entries.append(discovered)
    if not entries or parsed.get("bozo"):
        # On ill-formed XML feedparser's loose parser can lose the items around an unclosed
        # tag; libxml2's recovery closes it at the parent's end and keeps them. The reading
        # that finds more entries wins.
        recovered = _recovered_entries(data, feed_url, feed_language)
        if len(recovered) > len(entries):
            entries = recovered
    problem = None
    if parsed.get("bozo"):
        problem = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"
    return ParsedFeed(
        kind=str(parsed.get("version") or "unknown"),
        title=_clean_title(feed.get("title")),
        language=feed_language,
        entries=entries,
        problem=problem,
    )


_ENTRY_NAMES = frozenset({"item", "entry"})
_DATE_NAMES = ("pubDate", "published", "date", "updated", "modified")


def _recovered_entries(
    data: bytes, feed_url: str, feed_language: str | None
) -> list[DiscoveredUrl]:
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(escape_bare_ampersands(data), parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    entries = []
    for element in root.iter():
        if not isinstance(element.tag, str) or etree.QName(element).localname not in _ENTRY_NAMES:
            continue
        own = _own_fields(element)
        link = _recovered_link(element)
        if not link:
            continue
        url = published_url(link, base=feed_url)
        if not is_http_url(url):
            continue
        title = own.get("title")
        dates = [parse_w3c_datetime((own[n].text or "").strip()) for n in _DATE_NAMES if n in own]
        entries.append(
            DiscoveredUrl(
                url=url,
                found_in=feed_url,
                origin=DiscoveryOrigin.FEED,
                # Only the text before any swallowed sibling: the rest is not the title.
                title=_clean_title(title.text) if title is not None else None,
                published_at=next((d for d in dates if d is not None), None),
                language=feed_language,
            )
        )
    return entries


def _recovered_link(entry: etree._Element) -> str | None:
    """The first alternate `<link>` of an entry: an RSS link's text, or an Atom link's href
    when its `rel` is absent or `alternate` (as in _entry_link)."""
    for child in _own_descendants(entry):
        if etree.QName(child).localname != "link":
            continue
        if child.get("rel", "alternate") != "alternate":
            continue
        link = child.get("href") or (child.text or "").strip()
        if link:
            return link
    return None


def _own_fields(entry: etree._Element) -> dict[str, etree._Element]:
    """First descendant per local name, skipping those of entries nested by recovery."""
    found: dict[str, etree._Element] = {}
    for child in _own_descendants(entry):
        found.setdefault(etree.QName(child).localname, child)
    return found


def _own_descendants(entry: etree._Element) -> Iterator[etree._Element]:
    """The entry's elements in document order, without those of entries nested in it."""
    for child in entry.iterdescendants():
        if not isinstance(child.tag, str):
            continue
        ancestor = child.getparent()
        while ancestor is not None and ancestor is not entry:
            if isinstance(ancestor.tag, str) and etree.QName(ancestor).localname in _ENTRY_NAMES:
                break
            ancestor = ancestor.getparent()
        if ancestor is entry:
            yield child


def _trust_valid_utf8(data: bytes) -> tuple[bytes, bool]:
    """Make the declaration say UTF-8 when the bytes are valid UTF-8 with non-ASCII text.

    Legacy bytes almost never form valid UTF-8, while stale `iso-8859-1` declarations on
    UTF-8 feeds are common and would turn every accent into mojibake.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data, False
    if data.isascii():
        return data, True
    return _XML_DECLARED_ENCODING.sub(rb"\1\2utf-8\2", data, count=1), True


def _entry(entry: Any, feed_url: str, feed_language: str | None) -> DiscoveredUrl | None:
    link = _entry_link(entry)
    if link is None:
        return None
    url = published_url(link, base=feed_url)
    if not is_http_url(url):
        return None
    language = (
        _language((entry.get("title_detail") or {}).get("language"))
        or _language((entry.get("summary_detail") or {}).get("language"))
        or feed_language
    )
    keywords = _keywords(tag.get("term") for tag in entry.get("tags", []))
    return DiscoveredUrl(
        url=url,
        found_in=feed_url,
        origin=DiscoveryOrigin.FEED,
        title=_clean_title(entry.get("title")),
        published_at=_struct_time(entry.get("published_parsed")),
        # dict.get: FeedParserDict.get maps a missing updated to published (deprecated).
        updated_at=_struct_time(dict.get(entry, "updated_parsed")),
        language=language,
        keywords=keywords,
    )


_HTML_TYPES = frozenset({"", "text/html", "application/xhtml+xml"})


def _entry_link(entry: Any) -> str | None:
    """The entry's own page: FeedBurner's original link, else the alternate link (HTML first).

    Atom (RFC 4287 §4.2.7.2) makes a link without `rel` an alternate; `enclosure`, `related`,
    `via`, `self` and `edit` name other resources, and a link without `href` names nothing.
    The entry id stands in only when it is an http(s) URL and no link is given at all.
    """
    origlink = entry.get("feedburner_origlink")
    if isinstance(origlink, str) and origlink.strip():
        return origlink
    links = [x for x in entry.get("links", []) if isinstance(x.get("href"), str) and x["href"]]
    alternates = [x for x in links if x.get("rel", "alternate") == "alternate"]
    alternates.sort(key=lambda x: str(x.get("type") or "").lower() not in _HTML_TYPES)
    if alternates:
        return str(alternates[0]["href"])
    link = entry.get("link")
    # feedparser copies a permalink <guid> into `link` without a links entry.
    if not links and isinstance(link, str) and is_http_url(link):
        return link
    entry_id = entry.get("id")
    return entry_id if not links and is_http_url(entry_id) else None


def parse_json_feed(data: bytes, feed_url: str) -> ParsedFeed:
    """A JSON Feed (1.0 or 1.1) document's items."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        return ParsedFeed(kind="json", problem=f"invalid JSON: {exc}")
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        return ParsedFeed(kind="json", problem="not a JSON Feed: no items list")
    version = str(document.get("version") or "")
    kind = "json" + version.rstrip("/").rpartition("/")[2].replace("version", "")
    feed_language = _language(document.get("language"))
    entries = []
    for item in document["items"]:
        if not isinstance(item, dict):
            continue
        link = item.get("url")
        if not isinstance(link, str) and is_http_url(item.get("id")):
            link = item.get("id")
        if not isinstance(link, str):
            continue
        url = published_url(link, base=feed_url)
        if not is_http_url(url):
            continue
        tags = item.get("tags")
        entries.append(
            DiscoveredUrl(
                url=url,
                found_in=feed_url,
                origin=DiscoveryOrigin.FEED,
                title=_clean_title(item.get("title")),
                published_at=_json_date(item.get("date_published")),
                updated_at=_json_date(item.get("date_modified")),
                language=_language(item.get("language")) or feed_language,
                keywords=_keywords(tags) if isinstance(tags, list) else [],
            )
        )
    return ParsedFeed(
        kind=kind or "json",
        title=_clean_title(document.get("title")),
        language=feed_language,
        entries=entries,
    )


def _json_date(value: object) -> datetime | None:
    return parse_w3c_datetime(value) if isinstance(value, str) else None


def _struct_time(value: object) -> datetime | None:
    # feedparser normalizes every date it understands to a UTC struct_time.
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except ValueError:
        return None


def _keywords(values: Iterable[object]) -> list[str]:
    """An entry's tags as keywords: the strings, text decoded twice repaired (as titles and
    sitemap keywords are, `newsflow.mojibake`), trimmed, empty ones left out."""
    return [
        keyword
        for keyword in (fix_mojibake(value).strip() for value in values if isinstance(value, str))
        if keyword
    ]


def _clean_title(value: object) -> str | None:
    """Plain text: text decoded twice repaired ("CafÃ©" -> "Café", `newsflow.mojibake`),
    markup some feeds put in titles removed, whitespace collapsed.

    Every feed and entry title (RSS, Atom, JSON Feed, recovered XML) passes here. The repair
    comes first: collapsing whitespace would cut pairs whose Latin-1 form holds NBSP or NEL.
    """
    if not isinstance(value, str):
        return None
    text = fix_mojibake(value)
    if "<" in text:
        with contextlib.suppress(etree.ParserError, ValueError):
            fragment = lxml_html.fragment_fromstring(text, create_parent="div")
            for code in fragment.xpath(".//script | .//style"):
                code.drop_tree()
            text = fragment.text_content()
    text = _SPACES.sub(" ", text).strip()
    return text or None


def _language(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if _LANGUAGE.match(primary) else None
