"""Sitemaps (urlset, sitemap index, Google News, plain text, .xml.gz), parsed as a stream.

lxml's iterparse reads the document from a file object and every `<url>` is cleared once
read, so memory stays flat however many URLs a sitemap lists.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO

from lxml import etree

from newsflow.decompress import (
    GZIP_MAGIC,
    DecodedStream,
    StreamError,
    ZlibDecoder,
    file_chunks,
)
from newsflow.discover.dates import parse_w3c_datetime
from newsflow.models.source import DiscoveredUrl, DiscoveryOrigin, SitemapRef
from newsflow.mojibake import fix_mojibake
from newsflow.urls import is_http_url, published_url

# The sitemap protocol's own limits: 50,000 URLs and 50 MB uncompressed per file.
MAX_SITEMAP_URLS = 50_000
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
_SNIFF_BYTES = 1024


@dataclass
class SitemapReport:
    """What reading one sitemap found; filled while the iterator runs."""

    kind: str = "unknown"  # urlset, sitemapindex, text, or unknown
    entries: int = 0
    problem: str | None = None
    warning: str | None = None  # read on, but something was left out (declared entities)


def open_sitemap(stream: IO[bytes], *, max_bytes: int = MAX_SITEMAP_BYTES) -> io.BufferedReader:
    """A peekable reader of the sitemap's XML or text, gunzipped within max_bytes if needed."""
    reader = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(_Raw(stream))
    if reader.peek(2)[:2] == GZIP_MAGIC:
        decoded = DecodedStream(
            file_chunks(reader), ZlibDecoder(), max_bytes, on_close=reader.close
        )
        return io.BufferedReader(decoded)
    return reader


def iter_sitemap(
    stream: IO[bytes],
    sitemap_url: str,
    *,
    max_urls: int = MAX_SITEMAP_URLS,
    max_bytes: int = MAX_SITEMAP_BYTES,
    report: SitemapReport | None = None,
) -> Iterator[DiscoveredUrl | SitemapRef]:
    """Each URL of a urlset, or each child sitemap of an index, in document order.

    Never raises on bad input: reading stops and `report.problem` says why (ill-formed XML
    past recovery, too many URLs, or more than max_bytes once decompressed).
    """
    report = report if report is not None else SitemapReport()
    reader = open_sitemap(stream, max_bytes=max_bytes)
    try:
        head = reader.peek(_SNIFF_BYTES)[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"<"):
            yield from _iter_xml(reader, sitemap_url, max_urls, report)
        elif head.lower().startswith((b"http://", b"https://")):
            # Text sitemaps list absolute URLs only; anything else on a line is noise.
            yield from _iter_text(reader, sitemap_url, max_urls, report)
        else:
            report.problem = "neither XML nor a text sitemap"
    except StreamError as exc:
        # too large once decompressed, bad gzip data, or the connection gave out mid-file
        report.problem = f"{type(exc).__name__}: {exc}"


def _iter_text(
    reader: io.BufferedReader, sitemap_url: str, max_urls: int, report: SitemapReport
) -> Iterator[DiscoveredUrl]:
    report.kind = "text"
    for raw_line in reader:
        # The protocol's text format is UTF-8; many editors start it with a byte-order mark.
        line = raw_line.decode("utf-8", errors="replace").strip().lstrip("\ufeff")
        if not is_http_url(line) or any(c.isspace() for c in line):
            continue
        url = published_url(line)
        if report.entries >= max_urls:
            report.problem = f"more than {max_urls} URLs; the rest ignored"
            return
        report.entries += 1
        yield DiscoveredUrl(url=url, found_in=sitemap_url, origin=DiscoveryOrigin.SITEMAP)


def _local(tag: object) -> str:
    # Namespaces vary in the wild (0.84, 0.9, none, typos), so match on local names only.
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _iter_xml(
    reader: io.BufferedReader, sitemap_url: str, max_urls: int, report: SitemapReport
) -> Iterator[DiscoveredUrl | SitemapRef]:
    events = etree.iterparse(
        _EscapeBareAmpersands(reader),
        events=("start", "end"),
        recover=True,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    root_seen = False
    entities: list[str] = []
    skipped = 0
    try:
        for event, element in events:
            name = _local(element.tag)
            if not root_seen:
                root_seen = True
                if name not in {"urlset", "sitemapindex"}:
                    report.problem = f"not a sitemap: root element <{name}>"
                    return
                report.kind = name
                entities = _declared_entities(element)
                continue
            if event != "end" or name not in {"url", "sitemap"}:
                continue
            if report.entries >= max_urls:
                report.problem = f"more than {max_urls} entries; the rest ignored"
                return
            if entities and _has_entity_reference(element):
                skipped += 1
                item = None
            else:
                item = _entry(element, name, sitemap_url)
            _forget(element)
            if item is not None:
                report.entries += 1
                yield item
    except etree.XMLSyntaxError as exc:
        report.problem = f"ill-formed XML: {exc}"
    finally:
        if entities:
            report.warning = (
                f"DOCTYPE declares entities ({', '.join(entities[:5])}): none expanded, "
                f"{skipped} entries using them skipped"
            )


def _declared_entities(root: etree._Element) -> list[str]:
    """Names of the entities the document's internal DTD declares (never their values).

    Entities are how XXE and billion-laughs attacks arrive; the parser runs with
    resolve_entities=False and no_network=True, so they stay unexpanded references.
    """
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return []
    # lxml-stubs lacks DTD.iterentities (lxml >= 3.3 has it).
    return [str(entity.name) for entity in dtd.iterentities()]  # type: ignore[attr-defined]


def _has_entity_reference(element: etree._Element) -> bool:
    return any(node.tag is etree.Entity for node in element.iter())


def _forget(element: etree._Element) -> None:
    """Free a processed entry and its already-read siblings: this keeps memory flat."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _named(elements: Iterator[etree._Element]) -> dict[str, etree._Element]:
    found: dict[str, etree._Element] = {}
    for child in elements:
        name = _local(child.tag)
        if name and name not in found:
            found[name] = child
    return found


def _text(children: dict[str, etree._Element], name: str) -> str | None:
    """The named child's text, stripped; every sitemap string passes here, so text decoded
    twice is repaired here (`newsflow.mojibake`), before stripping (which would cut a pair
    whose Latin-1 form ends in NBSP or NEL)."""
    child = children.get(name)
    if child is None:
        return None
    text = fix_mojibake("".join(t for t in child.itertext() if isinstance(t, str))).strip()
    return text or None


def _entry(
    element: etree._Element, name: str, sitemap_url: str
) -> DiscoveredUrl | SitemapRef | None:
    children = _named(iter(element))
    # Some indexes put the URL straight in <sitemap> (or <url>), without <loc>; crawlers
    # accept them, so do we.
    loc = _text(children, "loc")
    if not loc:
        bare = (element.text or "").strip()
        loc = bare if is_http_url(bare) and not any(c.isspace() for c in bare) else None
    if not loc:
        return None
    url = published_url(loc, base=sitemap_url)
    if not is_http_url(url):
        return None
    lastmod = parse_w3c_datetime(_text(children, "lastmod"))
    if name == "sitemap":
        return SitemapRef(url=url, lastmod=lastmod)
    news_element = children.get("news")
    if news_element is None:
        return DiscoveredUrl(
            url=url, found_in=sitemap_url, origin=DiscoveryOrigin.SITEMAP, updated_at=lastmod
        )
    # Only the news:news block's own fields: image:title and friends must not leak in.
    news = _named(news_element.iterdescendants())
    published: datetime | None = parse_w3c_datetime(_text(news, "publication_date"))
    keywords = [k.strip() for k in (_text(news, "keywords") or "").split(",") if k.strip()]
    language = (_text(news, "language") or "").replace("_", "-").split("-")[0].lower()
    return DiscoveredUrl(
        url=url,
        found_in=sitemap_url,
        origin=DiscoveryOrigin.NEWS_SITEMAP,
        title=_text(news, "title"),
        published_at=published,
        updated_at=lastmod,
        language=language or None,
        keywords=keywords,
        publication=_text(news, "name"),
    )


_BARE_AMPERSAND = re.compile(
    rb"&(?!(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,8});)"
)
_CDATA = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.DOTALL)
_ENTITY_TAIL = 42  # longer than any entity reference the pattern accepts


def escape_bare_ampersands(data: bytes) -> bytes:
    """`&` that starts no entity reference becomes `&#38;`, outside CDATA sections (whose
    text is literal). libxml2's recovery would otherwise drop it (`a=1&b=2` → `a=1=2`)."""
    parts = _CDATA.split(data)
    # The character reference, also for the publisher's own `&amp;`: libxml2's recovery
    # drops `&amp;` once an element was left unclosed, never `&#38;`.
    parts[::2] = [
        _BARE_AMPERSAND.sub(b"&#38;", part).replace(b"&amp;", b"&#38;") for part in parts[::2]
    ]
    return b"".join(parts)


class _EscapeBareAmpersands(io.RawIOBase):
    """Turns `&` that starts no entity into `&amp;`, chunk by chunk.

    Unescaped ampersands in `<loc>` query strings are the most common sitemap breakage, and
    libxml2's recovery mangles them (`a=1&b=2` becomes `a=1=2`); escaping them first keeps
    the URL as the publisher meant it.
    """

    def __init__(self, source: io.BufferedReader) -> None:
        super().__init__()
        self._source = source
        self._pending = b""
        self._ready = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, target: memoryview | bytearray) -> int:  # type: ignore[override]
        while not self._ready and not self._eof:
            chunk = self._source.read(64 * 1024)
            if not chunk:
                self._eof = True
                data, self._pending = self._pending, b""
            else:
                data = self._pending + chunk
                # Hold back a possible entity, or a CDATA section, cut by the chunk boundary.
                cut = data.rfind(b"&", max(0, len(data) - _ENTITY_TAIL))
                kept = data if cut < 0 else data[:cut]
                opened = kept.rfind(b"<![CDATA[")
                if opened > kept.rfind(b"]]>"):
                    cut = opened
                data, self._pending = (data[:cut], data[cut:]) if cut >= 0 else (data, b"")
            self._ready = escape_bare_ampersands(data)
        size = min(len(target), len(self._ready))
        target[:size] = self._ready[:size]
        self._ready = self._ready[size:]
        return size


class _Raw(io.RawIOBase):
    """Adapts any binary file object to RawIOBase so BufferedReader can wrap it."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, target: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self._stream.read(len(target))
        target[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()
