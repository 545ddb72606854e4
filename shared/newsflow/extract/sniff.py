"""Tell HTML from PDF, JSON, images and binary garbage before decoding."""

from __future__ import annotations

from newsflow.extract.decode import is_wide_charset

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed bytes"),
    (b"RIFF", "a RIFF media file"),
)
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")
_HEAD = 8192
_MAX_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def not_html_reason(data: bytes, http_charset: str | None = None) -> str | None:
    """Why these bytes are not an HTML page, or None when they may be one. Control bytes
    (NUL among them) over `_MAX_CONTROL_SHARE` of the first 8 KB are binary data unless
    `http_charset` (the Content-Type's) is UTF-16 or UTF-32: a page served so without a byte
    order mark has a NUL beside each ASCII character."""
    head = data[:_HEAD]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"{what}, not HTML"
    if head.startswith(_UNICODE_BOMS):
        return None
    stripped = head.lstrip()
    if stripped[:1] in {b"{", b"["} and b"<html" not in head.lower():
        return "a JSON document, not HTML"
    if (b"<\x00" in head or b"\x00<" in head) and is_wide_charset(http_charset):
        return None
    # NUL among them: a page with a few stray NULs is HTML still (a browser shows it)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > len(head) * _MAX_CONTROL_SHARE:
        return "binary data, not HTML"
    if b"<" not in head:
        return "no markup in the first 8 KB: not HTML"
    return None
