"""Text decoded twice: UTF-8 bytes read as Latin-1 or cp1252, then encoded again (pure).

Some CMSs store UTF-8 text after reading it in a single-byte charset, so the document is
valid UTF-8 but says "competitorâ\\x80\\x99s" or "Ã©tÃ©" where it means "competitor’s"
and "été". Choosing the charset cannot see this: the bytes are sound. ``ftfy`` (a
well-kept library for exactly this) undoes it. Top-level because extraction and discovery
both need it and discovery must not load the extractor: ``extract/decode.py`` runs it on
the decoded page text, before any parsing, so title, byline, standfirst and body all get
the repair, and the Latin-1 form's C1 control characters are still there (trafilatura
drops them); ``extract/text.py`` runs it on every string read from markup (JSON-LD's
``\\u00c3\\u00a9`` escapes and doubly escaped references the page-level pass cannot see);
``discover/`` runs it on feed and sitemap text. It runs only on pieces of the text (up to
a line break or a tag's ">") where a cheap pattern finds a lead byte of a two- or
three-byte UTF-8 sequence followed by a continuation byte, each as the character Latin-1
or cp1252 gives it; a text without one is returned as it is (ftfy is imported only then).
A piece ftfy's own first test finds clean is left as it is without calling ftfy; that test
is asked only around the piece's non-ASCII characters (`_looks_bad`), as a script's state
blob of Czech prose (300 KB in one piece) cost ftfy 70 ms to find clean.
On the modern development set the page-level pass changes 8 of 483 pages; none of the
2019 set.
"""

from __future__ import annotations

import re

__all__ = ["fix_mojibake", "may_need_repair"]

# The longest text one match of ftfy's `badness.BADNESS_RE` spans (7 characters in ftfy 6.3);
# every one of its patterns holds a non-ASCII character. tests/unit/test_mojibake.py checks
# both on the installed ftfy's pattern.
BADNESS_SPAN = 8
_NON_ASCII_RUN = re.compile("[^\x00-\x7f]+")

# A UTF-8 lead byte (0xC2-0xF4) read as Latin-1, then a continuation byte (0x80-0xBF) read as
# Latin-1 (C1 controls, NBSP-¿) or as cp1252 (€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ).
_CONTINUATION = re.compile(
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_SUSPECT_RE = re.compile("[\u00c2-\u00f4]" + _CONTINUATION.pattern)
# The same pairs as UTF-8 bytes, for a page still in bytes: U+00C2-U+00F4 is C3 82-C3 B4,
# then any of the continuation characters' encodings (all below U+2200). A bytes search runs
# about 10x faster than the text search on a large page.
_SUSPECT_UTF8 = re.compile(
    b"\xc3[\x82-\xb4](?:"
    + b"|".join(
        re.escape(chr(c).encode()) for c in range(0x80, 0x2200) if _CONTINUATION.match(chr(c))
    )
    + b")"
)


def may_need_repair(utf8: bytes) -> bool:
    """Whether the text of UTF-8 bytes `utf8` holds a pair `fix_mojibake` looks at; when
    False, ``fix_mojibake(utf8.decode("utf-8"))`` returns its text unchanged."""
    return _SUSPECT_UTF8.search(utf8) is not None


def fix_mojibake(text: str) -> str:
    """``text`` (a decoded page, markup and all, or one string) with doubly encoded UTF-8 repaired.

    Returns the same object when nothing is repaired. A suspect piece (up to the next line
    break or tag end) goes through ``ftfy.fix_encoding``, which changes it only when the
    repaired text is more plausible (so "fiancé—a" and a French "café»" stay as they are)
    and leaves markup and entities alone (it does not unescape HTML).
    """
    if text.isascii():  # constant time for a str; no pair is ASCII
        return text
    first = _SUSPECT_RE.search(text)
    if first is None:
        return text
    import ftfy  # noqa: PLC0415 - imported on the few pages that need it (cold start)

    # Pieces end at a line break or a tag's ">", so ftfy weighs one text node or attribute at
    # a time (a minified page is one long line). "\n" alone: str.splitlines also splits at
    # U+0085, a continuation byte's Latin-1 form ("Ã\x85" is "Å"), cutting the very pairs.
    # Only the pieces holding a suspect pair are cut out (a pair never straddles an end: its
    # first character is neither "\n" nor ">"); splitting the whole page cost more than ftfy.
    out: list[str] = []
    done = 0  # text[:done] is in `out`
    match: re.Match[str] | None = first
    while match is not None:
        start, end = _piece_around(text, match.start())
        piece = text[start:end]
        fixed = ftfy.fix_encoding(piece) if _looks_bad(piece) else piece
        if fixed != piece:
            out += (text[done:start], fixed)
            done = end
        match = _SUSPECT_RE.search(text, end)
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, the test with which ``ftfy.fix_encoding`` returns a text
    unchanged, asked only of the stretches around `text`'s non-ASCII runs.

    Every match of its pattern holds a non-ASCII character and spans at most `BADNESS_SPAN`
    characters, so it lies within `BADNESS_SPAN` characters of a run: the pattern is searched
    in those windows (merged where they meet), with ``pos``/``endpos`` so that its ``^``
    still means the start of `text`. On prose and markup most of the text is ASCII.
    """
    from ftfy.badness import BADNESS_RE  # noqa: PLC0415 - see fix_mojibake

    start = end = -1  # the window being grown: text[start:end]
    for run in _NON_ASCII_RUN.finditer(text):
        if run.start() - BADNESS_SPAN > end:  # no match spans the gap: search the window
            if end >= 0 and BADNESS_RE.search(text, start, end):
                return True
            start = max(run.start() - BADNESS_SPAN, 0)
        end = run.end() + BADNESS_SPAN
    return end >= 0 and BADNESS_RE.search(text, start, end) is not None


def _piece_around(text: str, index: int) -> tuple[int, int]:
    """The piece of `text` holding `index`: after the last "\n" or ">" before it, up to and
    including the first one at or after it (or the end)."""
    start = max(text.rfind("\n", 0, index), text.rfind(">", 0, index)) + 1
    ends = [i for i in (text.find("\n", index), text.find(">", index)) if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))
