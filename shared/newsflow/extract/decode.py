"""Bytes to text: BOM, valid UTF-8, declarations the bytes bear out, then detection; then
text the page had already decoded twice is repaired (`mojibake`)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace

from newsflow.mojibake import fix_mojibake, may_need_repair

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
    source: str  # bom | utf8-valid | http | meta | utf8-strays | detected | fallback
    # `text`'s UTF-8 encoding when it is the page's own bytes (valid UTF-8, decoded and left
    # as it was), else None: the parser reads UTF-8, and encoding the text again cost more
    # than decoding it (modern development set: 0.07 ms a page of the 0.16 ms of the repair)
    utf8: bytes | None = field(default=None, repr=False, compare=False)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(label) or _SUPERSETS.get(name) or name


def is_wide_charset(label: str | None) -> bool:
    """Whether a charset label names UTF-16 or UTF-32 (any byte order): markup in it has NUL
    bytes beside its ASCII characters."""
    codec = _codec(label)
    return codec is not None and codec.startswith(("utf-16", "utf-32"))


def _has_nul(data: bytes) -> bool:
    return b"\x00" in data[:_SNIFF_BYTES]


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes, if any."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(data: bytes, http_charset: str | None = None) -> Decoded:
    """Decode page bytes to text; the result never raises and never drops the page.

    The charset is decided as in `decode_charset`; then text the page's CMS had already
    decoded twice (UTF-8 read as cp1252 or Latin-1, "Ã©" for "é") is repaired
    (`newsflow.mojibake`), so every field read from the page gets the repair.
    """
    decoded = decode_charset(data, http_charset)
    if decoded.source == "utf8-valid" and not may_need_repair(data):
        return decoded  # searched in the bytes: ten times faster than in the text
    text = fix_mojibake(decoded.text)
    return decoded if text is decoded.text else replace(decoded, text=text, utf8=None)


def decode_charset(data: bytes, http_charset: str | None = None) -> Decoded:
    """Decode page bytes to text in the charset they bear out; never raises.

    Order (after WHATWG Encoding, "determine the encoding"): a BOM; valid non-ASCII UTF-8;
    each declaration (HTTP header, then `<meta>`) that the bytes bear out; UTF-8 with a few
    stray bytes (`_utf8_with_strays`); detection by charset-normalizer; UTF-8 with U+FFFD as
    the last resort. A declaration is borne out when the bytes decode under it without error
    and charset-normalizer finds the text plausible in it (no mojibake such as "Ã¤" or
    "Ïðåç"): a "utf-8" label on Latin-1 bytes, common on migrated sites, therefore never
    wins.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            if _decodes(data[len(bom) :], name):
                return Decoded(data[len(bom) :].decode(name), name, "bom")
            data = data[len(bom) :]  # a BOM the bytes contradict: weigh the rest
            break

    is_ascii = data.isascii()
    # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever a header says: legacy single-byte
    # text almost never forms valid multi-byte sequences, while a stale "iso-8859-1"
    # declaration on a UTF-8 page is common and would turn every accent into mojibake.
    if not is_ascii and (text := _decoded(data, "utf-8")) is not None:
        # decoded once: a page is up to MBs; strict UTF-8 decodes to no surrogate, so the
        # bytes are the text's encoding
        return Decoded(text, "utf-8", "utf8-valid", utf8=data if type(data) is bytes else None)

    declared = _declarations(data, http_charset)
    if is_ascii:
        codec, source = declared[0] if declared else ("ascii", "fallback")
        return Decoded(data.decode(codec, "replace"), codec, source)
    for codec, source in declared:
        if _decodes(data, codec) and _plausible(data, codec):
            return Decoded(data.decode(codec), codec, source)
    if (text := _utf8_with_strays(data)) is not None:
        return Decoded(text, "utf-8", "utf8-strays")
    detected = _detect(data, [codec for codec, _ in declared])
    if detected:
        return Decoded(data.decode(detected, "replace"), detected, "detected")
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "fallback")


# Stray bytes a UTF-8 page may hold (a Latin-1 snippet pasted in: "Stra\xdfe"): at most this
# many, and at most one for every two well-formed non-ASCII characters. Legacy single-byte
# text forms almost no well-formed UTF-8 sequence (a letter of U+00C2-U+00DF followed by
# one of U+0080-U+00BF), so its accents are all strays and it never passes.
_MAX_STRAYS = 16
_CHARACTERS_PER_STRAY = 2


def _utf8_with_strays(data: bytes) -> str | None:
    """`data` as UTF-8 when it is well-formed UTF-8 but for a few stray bytes (`_MAX_STRAYS`,
    one for every `_CHARACTERS_PER_STRAY` non-ASCII characters at most), each stray sequence
    read as windows-1252, the legacy text it almost always is; else None. Detection on such a
    page picked a legacy codec for the whole of it ("beschließt" -> "beschlieĂźt")."""
    view = memoryview(data)  # slices of it are not copies of a page of megabytes
    pieces: list[str] = []
    strays = 0
    at = 0
    while True:
        try:
            pieces.append(str(view[at:], "utf-8"))
            break
        except UnicodeDecodeError as error:
            strays += 1
            if strays > _MAX_STRAYS:
                return None
            pieces.append(str(view[at : at + error.start], "utf-8"))
            pieces.append(str(view[at + error.start : at + error.end], "cp1252", "replace"))
            at += error.end
    text = "".join(pieces)
    characters = sum(1 for c in text if ord(c) > 0x7F) - strays
    return text if characters >= _CHARACTERS_PER_STRAY * strays else None


def _declarations(data: bytes, http_charset: str | None) -> list[tuple[str, str]]:
    """The usable charset declarations, most authoritative first, as (codec, source)."""
    found = []
    for label, source in ((http_charset, "http"), (meta_charset(data), "meta")):
        codec = _codec(label)
        if codec is None or (is_wide_charset(codec) and not _has_nul(data)):
            # A wide charset without NUL bytes in ASCII markup is a wrong declaration
            # (WHATWG treats a <meta> UTF-16 the same way); it would decode to CJK noise.
            continue
        found.append((_byte_order(codec, data) if is_wide_charset(codec) else codec, source))
    return found


def _byte_order(codec: str, data: bytes) -> str:
    """A UTF-16 or UTF-32 codec in the byte order the page's first bytes show: its ASCII
    markup has NUL bytes on one side of each character ("<" is 3C 00 in UTF-16LE, 00 3C in
    UTF-16BE). A label that names the other order, or none ("utf-16": WHATWG and Python
    read little-endian), is a wrong declaration like a wide charset without NUL bytes: the
    bytes read in it are CJK noise ("<h" as U+3C00 U+6800)."""
    head = data[:_SNIFF_BYTES]
    if codec.startswith("utf-16"):
        little = head[1::2].count(0) > head[0::2].count(0)
        return "utf-16-le" if little else "utf-16-be"
    little = head[3::4].count(0) > head[0::4].count(0)
    return "utf-32-le" if little else "utf-32-be"


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _plausible(data: bytes, codec: str) -> bool:
    """Whether charset-normalizer accepts the bytes as text in `codec` (mess ratio < 0.2)."""
    from charset_normalizer import from_bytes  # noqa: PLC0415 - rarely needed, heavy import

    sample = data[:_DETECT_BYTES]
    found = from_bytes(sample, cp_isolation=[codec], preemptive_behaviour=False)
    return found.best() is not None


def _detect(data: bytes, declared: list[str]) -> str | None:
    """The detected codec; among equally plausible ones a declared codec, then windows-1252
    (WHATWG's default legacy encoding), then charset-normalizer's own order."""
    from charset_normalizer import from_bytes  # noqa: PLC0415 - rarely needed, heavy import

    matches = list(from_bytes(data[:_DETECT_BYTES]))
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    tied = [codec for m in matches if m.chaos == least and (codec := _codec(m.encoding))]
    preferred = [codec for codec in (*declared, "cp1252") if codec in tied]
    return (preferred or tied)[0] if preferred or tied else None
