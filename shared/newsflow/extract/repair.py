"""The markup repairs trafilatura's extractor was built on, as the UTF-8 bytes lxml parses.

``repaired_utf8(text)`` is ``trafilatura.utils.repair_faulty_html(text, text[:50].lower())``
encoded as UTF-8 (lone surrogates passed through), at a fraction of its cost on a usual page.
That function removes the characters XML forbids from the whole text with a regex, a scan
of every character (modern development set: 0.6 ms of a page's ~28 ms), then repairs a
doctype on the first line and a self-closed ``<html/>`` in the first 4096 characters.

Here the forbidden control characters are looked for in the UTF-8 bytes with
``bytes.translate`` (a table lookup per byte, 6x faster than the regex) and the two
non-characters by substring search. A page holding none, the usual case, has nothing to
remove, and its other repairs can only touch its first lines: they run on a head of the
text long enough to hold every character they read (the first line, and 4096 characters
after any the doctype repair removes), and the rest of the bytes is kept as it is. A page
that holds one of them takes trafilatura's function whole. The parser is given bytes, not a
``str``: lxml converts a ``str`` wider than Latin-1 before parsing it, and the two give the
same tree (``tests/unit/test_article_parse.py``, ``tests/unit/test_repair.py``), but after a
lone surrogate, where libxml2 ends a ``str`` and the bytes (U+FFFD there) go on.
"""

from __future__ import annotations

from trafilatura.utils import repair_faulty_html

__all__ = ["repaired_utf8"]

# trafilatura.utils.INVALID_XML_CHARS: [\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NONCHARACTERS = ("\ufffe", "\uffff")
# repair_faulty_html looks for a self-closed <html/> in the first 4096 characters
_HEAD_CHARS = 4096


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def repaired_utf8(text: str) -> bytes:
    """``repair_faulty_html(text, text[:50].lower())`` as UTF-8 bytes (see the module), lone
    surrogates passed through ("surrogatepass"); any ``str`` (empty, NULs, a byte-order
    mark) is repaired, nothing is raised."""
    data = _utf8(text)
    first_line_end = text.find("\n")
    # the head: the first line, then 4096 characters more, up to the end of a line
    cut = text.find("\n", first_line_end + 1 + _HEAD_CHARS) if first_line_end >= 0 else -1
    if (
        cut < 0
        or len(data.translate(None, _CONTROL_BYTES)) != len(data)
        or any(c in text for c in _NONCHARACTERS)
    ):
        return _utf8(repair_faulty_html(text, text[:50].lower()))
    head = text[: cut + 1]
    repaired = repair_faulty_html(head, text[:50].lower())
    if repaired == head:
        return data
    return _utf8(repaired) + data[len(_utf8(head)) :]
