"""The markup repairs trafilatura's extractor was built on, as the UTF-8 bytes lxml parses.

``repaired_utf8(text)`` is ``trafilatura.utils.repair_faulty_html(text, text[:50].lower())``
encoded as UTF-8 (lone surrogates passed through), at a fraction of its cost in time and
memory on a usual page. That function removes the characters XML forbids from the whole
text with a regex, a scan of every character (modern development set: 0.6 ms of a page's
~28 ms), then, when the first 50 characters hold "doctype", removes a self-closed doctype
from the first line (and gives a page without a line break one at its end), and last
repairs a self-closed ``<html/>`` whose line is among the first four lines of the first
4096 characters. Each step copies the whole ``str``: four bytes a character on a page with
an emoji, so a minified 1.2 MB page took four 4.8 MB copies at once.

Here the forbidden control characters are looked for in the UTF-8 bytes with
``bytes.translate`` (a table lookup per byte, 6x faster than the regex) and the two
non-characters by substring search. A page holding none, the usual case, has nothing to
remove; the doctype repair can only cut the start of the text (the doctype regex is
anchored at its start and read within the first line), so the page's bytes are kept and
sliced past what it cuts; and the ``<html/>`` test reads the first 4096 characters of that.
A page that holds a forbidden character or a self-closed ``<html/>`` takes trafilatura's
function whole. The parser is given bytes, not a ``str``: lxml converts a ``str`` wider than
Latin-1 before parsing it, and the two give the same tree (``tests/unit/test_article_parse.py``,
``tests/unit/test_repair.py``), but after a lone surrogate, where libxml2 ends a ``str`` and
the bytes (U+FFFD there) go on.
"""

from __future__ import annotations

from trafilatura.utils import DOCTYPE_TAG, repair_faulty_html

__all__ = ["repaired_utf8"]

# trafilatura.utils.INVALID_XML_CHARS: [\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NONCHARACTERS = ("\ufffe", "\uffff")
# repair_faulty_html looks for a self-closed <html/> on the first 4 lines of 4096 characters
_HEAD_CHARS = 4096
_HEAD_LINES = 4


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def repaired_utf8(text: str, utf8: bytes | None = None) -> bytes:
    """``repair_faulty_html(text, text[:50].lower())`` as UTF-8 bytes (see the module), lone
    surrogates passed through ("surrogatepass"); any ``str`` (empty, NULs, a byte-order
    mark) is repaired, nothing is raised. `utf8`: `text`'s UTF-8 encoding, when the caller
    holds it (the page's bytes, `decode.Decoded.utf8`), read instead of encoding it again."""
    data = _utf8(text) if utf8 is None else utf8
    if len(data.translate(None, _CONTROL_BYTES)) != len(data) or any(
        c in text for c in _NONCHARACTERS
    ):
        return _utf8(repair_faulty_html(text, text[:50].lower()))
    cut, line_break = 0, ""  # the doctype repair: what it removes, the line break it adds
    if "doctype" in text[:50].lower():
        first_line_end = text.find("\n")
        if first_line_end < 0:
            first_line_end, line_break = len(text), "\n"
        doctype = DOCTYPE_TAG.match(text, 0, first_line_end)
        cut = doctype.end() if doctype else 0
    head = (text[cut : cut + _HEAD_CHARS] + line_break)[:_HEAD_CHARS]
    if any("<html" in line and line.endswith("/>") for line in head.splitlines()[:_HEAD_LINES]):
        return _utf8(repair_faulty_html(text, text[:50].lower()))
    if cut:
        data = data[len(_utf8(text[:cut])) :]
    return data + line_break.encode() if line_break else data
