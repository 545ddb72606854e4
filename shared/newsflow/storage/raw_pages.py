"""The raw page format in S3, written and read here only: a RawPage in, a RawPage out.

A fetched page is stored gzipped (mtime 0, so a re-fetch of the same bytes gives the same
object) under raw/ with its Content-Type and the user metadata of `PageMetadata`; an upload
under uploads/ is stored as given. Reading inflates a gzipped object (recognised by its magic
bytes, not by Content-Encoding) within the one page limit.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator, Mapping
from datetime import datetime
from itertools import chain
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from botocore.exceptions import ClientError

from newsflow.decompress import (
    GZIP_MAGIC,
    PIECE,
    DecodedStream,
    Decoder,
    DecodingError,
    IdentityDecoder,
    TooLargeError,
    ZlibDecoder,
)
from newsflow.models import OutcomeKind
from newsflow.models.events import RejectionKind
from newsflow.models.raw_page import RawPage
from newsflow.models.rights import TdmrepFinding
from newsflow.storage.table import stamp

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

MISSING = frozenset({"NoSuchKey", "404", "NotFound"})
# S3 allows 2 KB of user metadata in all; the headers are what gives way when URLs are long.
MAX_METADATA_BYTES = 2048
KEPT_HEADERS = (
    # The use signals of the rights record first: the last headers give way when space runs out.
    "x-robots-tag",
    "tdm-reservation",
    "tdm-policy",
    "content-type",
    "content-language",
    "content-length",
    "last-modified",
    "etag",
    "date",
    "cache-control",
)
# The robots.txt rule kept with the page (metadata values must fit the 2 KB together).
MAX_RULE_CHARS = 300
# Characters left as they are in metadata values: everything printable in URLs.
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"


class PageMetadata:
    """S3 user-metadata keys of a page object (`x-amz-meta-<key>`): the fetcher writes all of
    them on raw/ objects; an upload may set `url` and `source`."""

    URL = "url"  # the URL that was requested
    FINAL_URL = "final-url"  # after redirects
    SOURCE = "source"  # the source id
    FETCHED_AT = "fetched-at"  # table.stamp's format (older objects: isoformat with offset);
    # default: the object's LastModified
    STATUS = "status"  # HTTP status of the final response (fetcher only)
    HEADERS = "headers"  # JSON of the response headers worth keeping, lowercase names
    ROBOTS = "robots"  # the robots.txt verdict that let the fetch happen
    ROBOTS_RULE = "robots-rule"  # the robots.txt group and rule that decided (URL-quoted)
    TDMREP = "tdmrep"  # the origin's tdmrep.json outcome and matching rule (URL-quoted JSON)


class S3RawPageStore:
    """PutObject of a fetched page; the bucket's notification hands it to processing."""

    def __init__(self, client: S3Client, bucket: str) -> None:
        self._client = client
        self._bucket = bucket

    def put_raw(self, key: str, page: RawPage) -> None:
        """Store `page` gzipped with its metadata (ASCII, within S3's 2 KB)."""
        # mtime=0: the same page gives the same bytes, so a re-fetch is recognisable.
        write_page(self._client, self._bucket, key, page, gzip.compress(page.body, 6, mtime=0))


def write_page(client: S3Client, bucket: str, key: str, page: RawPage, body: bytes) -> None:
    """PutObject of a page's stored bytes with the metadata processing reads."""
    # No Content-Encoding: gzip, or HTTP clients of the bucket would inflate it on the fly;
    # reading recognises gzip by its magic bytes.
    client.put_object(
        Bucket=bucket,
        Key=key,
        Body=body,
        ContentType=page.content_type or "text/html",
        Metadata=page_metadata(page),
    )


def page_metadata(page: RawPage) -> dict[str, str]:
    """The object's user metadata (PageMetadata), ASCII as S3 requires, within its 2 KB."""
    metadata = {PageMetadata.FETCHED_AT: stamp(page.fetched_at)}
    for name, value in ((PageMetadata.URL, page.url), (PageMetadata.FINAL_URL, page.final_url)):
        if value:
            metadata[name] = _ascii_url(value)
    if page.source_id:
        metadata[PageMetadata.SOURCE] = page.source_id
    if page.status is not None:
        metadata[PageMetadata.STATUS] = str(page.status)
    if page.robots_verdict is not None:
        metadata[PageMetadata.ROBOTS] = page.robots_verdict
        if page.robots_rule:
            metadata[PageMetadata.ROBOTS_RULE] = _ascii_url(page.robots_rule[:MAX_RULE_CHARS])
    if page.tdmrep is not None:
        metadata[PageMetadata.TDMREP] = _ascii_url(_tdmrep_text(page.tdmrep))
    headers = {name: page.headers[name] for name in KEPT_HEADERS if name in page.headers}
    while headers:
        text = json.dumps(headers, ensure_ascii=True, separators=(",", ":"))
        if _size({**metadata, PageMetadata.HEADERS: text}) <= MAX_METADATA_BYTES:
            metadata[PageMetadata.HEADERS] = text
            break
        headers.popitem()
    return metadata


def read_page(client: S3Client, bucket: str, key: str, *, max_bytes: int) -> RawPage | None:
    """One GetObject: the page, None when the object no longer exists.

    `max_bytes` bounds the page as served, checked here only: an object stored larger is not
    read, a gzipped one stops inflating past it (so a gzip bomb costs no more than the limit).
    Either way the page comes back `unreadable`, with its metadata, for a recorded outcome.
    """
    try:
        response = client.get_object(Bucket=bucket, Key=key)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in MISSING:
            return None
        raise
    stream = response["Body"]
    try:
        body, unreadable, reason = _body(stream, response["ContentLength"], max_bytes)
    finally:
        stream.close()
    return _page(response, body, unreadable, reason)


def _body(
    stream: Any, size: int, max_bytes: int
) -> tuple[bytes, OutcomeKind | RejectionKind | None, str]:
    if size > max_bytes:
        return b"", OutcomeKind.TOO_LARGE, f"{size} bytes > limit {max_bytes}"
    chunks: Iterator[bytes] = iter(lambda: stream.read(PIECE), b"")
    first = next(chunks, b"")
    decoder: Decoder = IdentityDecoder()
    if first.startswith(GZIP_MAGIC):
        decoder = ZlibDecoder(zlib.MAX_WBITS | 16, complete=True)
    try:
        return DecodedStream(chain([first], chunks), decoder, max_bytes).read(), None, ""
    except TooLargeError:
        return b"", OutcomeKind.TOO_LARGE, f"over {max_bytes} bytes uncompressed"
    except DecodingError as exc:
        return b"", RejectionKind.CORRUPT_OBJECT, f"bad gzip data: {exc}"


def _page(
    response: Any, body: bytes, unreadable: OutcomeKind | RejectionKind | None, reason: str
) -> RawPage:
    meta = {name.lower(): value for name, value in response.get("Metadata", {}).items()}
    status = meta.get(PageMetadata.STATUS, "")
    rule = meta.get(PageMetadata.ROBOTS_RULE)
    return RawPage(
        body=body,
        url=(meta.get(PageMetadata.URL) or "").strip(),
        fetched_at=_fetched_at(meta.get(PageMetadata.FETCHED_AT), response["LastModified"]),
        final_url=(meta.get(PageMetadata.FINAL_URL) or "").strip(),
        source_id=source_of(meta),
        content_type=response.get("ContentType"),
        status=int(status) if status.isdigit() else None,
        headers=_headers(meta.get(PageMetadata.HEADERS)),
        robots_verdict=meta.get(PageMetadata.ROBOTS) or None,
        robots_rule=unquote(rule) if rule else None,
        tdmrep=_tdmrep(meta.get(PageMetadata.TDMREP)),
        unreadable=unreadable,
        reason=reason,
    )


def _tdmrep_text(finding: TdmrepFinding) -> str:
    text = finding.model_dump_json(exclude_none=True)
    if len(text) > MAX_RULE_CHARS * 2 and finding.rule is not None:  # a very long policy URL
        rule = finding.rule.model_copy(update={"policy": None})
        text = finding.model_copy(update={"rule": rule}).model_dump_json(exclude_none=True)
    return text


def _tdmrep(text: str | None) -> TdmrepFinding | None:
    """An unreadable tdmrep finding counts as none (the page's own signals stay)."""
    if not text:
        return None
    try:
        return TdmrepFinding.model_validate_json(unquote(text))
    except ValueError:
        return None


def source_of(metadata: Mapping[str, str]) -> str | None:
    """The source id a page object names in its metadata (blank means none)."""
    return (metadata.get(PageMetadata.SOURCE) or "").strip() or None


def _fetched_at(value: str | None, fallback: datetime) -> datetime:
    """`stamp`'s format, or the isoformat older objects hold; naive or unreadable text falls
    back to the object's LastModified."""
    try:
        parsed = datetime.fromisoformat(value.strip()) if value else None
    except ValueError:
        parsed = None
    return parsed if parsed is not None and parsed.tzinfo is not None else fallback


def _headers(text: str | None) -> dict[str, str]:
    """Unreadable header JSON counts as no headers."""
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k).lower(): v for k, v in value.items() if isinstance(v, str)}


def _size(metadata: Mapping[str, str]) -> int:
    return sum(len(k) + len(v.encode("utf-8")) for k, v in metadata.items())


def _ascii_url(url: str) -> str:
    return quote(url, safe=_URL_SAFE)
