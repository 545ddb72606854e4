"""Bytes to text: BOM, HTTP charset, <meta charset>, then detection; never a decode error."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Browsers read these labels as their supersets (WHATWG Encoding); so do we, or the
# curly quotes of a "latin-1" page would come out as C1 control characters.
_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "shift_jis": "cp932",
    "euc-kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "tis-620": "cp874",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_SNIFF_BYTES = 4096
_DETECT_BYTES = 64 * 1024  # detection on a prefix keeps a 10 MB page cheap


@dataclass(frozen=True)
class Decoded:
    """Text of a page and how its encoding was decided."""

    text: str
    encoding: str
    source: str  # bom | utf8-valid | http | meta | detected | fallback


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(label) or _SUPERSETS.get(name) or name


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _has_nul(data: bytes) -> bool:
    return b"\x00" in data[:_SNIFF_BYTES]


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes, if any."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(data: bytes, http_charset: str | None = None) -> Decoded:
    """Decode page bytes to text; the result never raises and never drops the page."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, "replace"), name, "bom")

    is_ascii = data.isascii()
    # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever a header says: legacy single-byte
    # text almost never forms valid multi-byte sequences, while a stale "iso-8859-1"
    # declaration on a UTF-8 page is common and would turn every accent into mojibake.
    if not is_ascii and _is_utf8(data):
        return Decoded(data.decode("utf-8"), "utf-8", "utf8-valid")

    for label, source in ((http_charset, "http"), (meta_charset(data), "meta")):
        codec = _codec(label)
        if codec is None or (codec.startswith(("utf-16", "utf-32")) and not _has_nul(data)):
            # A wide charset without NUL bytes in ASCII markup is a wrong declaration
            # (WHATWG treats a <meta> UTF-16 the same way); it would decode to CJK noise.
            continue
        if is_ascii or codec.replace("_", "-") in {"utf-8", "utf8"}:
            return Decoded(data.decode(codec, "replace"), codec, source)
        try:
            return Decoded(data.decode(codec), codec, source)
        except UnicodeDecodeError:
            continue  # the declaration is wrong for these bytes: fall through to detection

    if is_ascii:
        return Decoded(data.decode("ascii"), "ascii", "fallback")
    detected = _detect(data)
    if detected:
        return Decoded(data.decode(detected, "replace"), detected, "detected")
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "fallback")


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # noqa: PLC0415 - rarely needed, heavy import

    best = from_bytes(data[:_DETECT_BYTES]).best()
    return _codec(best.encoding) if best is not None else None
