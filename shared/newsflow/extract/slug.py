"""The words of an article's URL slug, and how many of a headline's words it spells.

Publishers build the slug from the headline when the article is first published
(".../silicon-valley-bank-federal-reserve-raeumt-versaeumnisse-bei-aufsicht-ein-a-60a0…"):
lower case, accents folded or spelled out ("räumt" -> "raeumt" in German, "Tårene" -> "tarene"
in Norwegian), apostrophes dropped ("foden's" -> "fodens" or "foden"), stop-words sometimes
left out, and an id appended ("-18857107", "ld.1759794", "-c-16879335", "b2651790").
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

# Letters German slugs spell out where other languages drop the accent ("ä" -> "ae" or "a").
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
# Letters NFKD does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ı": "i", "ð": "d", "þ": "th"}
)
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = "'’‘ʼ"
_WORD_WITH_APOSTROPHES = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
_DIGIT = re.compile(r"\d")
# Path segments, and the parts of one that "," or ";" set apart (RFC 3986 section 3.3 leaves
# them to the site: ";jsessionid=…", an id after the slug, "slug,6912345678,id.html").
_SEGMENT = re.compile(r"[/,;]")
_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp)$", re.IGNORECASE)
# An id's letter prefix ("a-" before a UUID, "c-", "ld.", "aid-"): at most this long.
_MAX_ID_PREFIX = 3


def fold(text: str) -> str:
    """`text` casefolded, its accents dropped, as slugs spell it: "Tårene Ørsted" ->
    "tarene orsted"; non-Latin letters stay ("شعر")."""
    if text.isascii():  # no accents to strip, and NFKD leaves ASCII as it is
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug_words(url: str) -> list[str]:
    """The words of the path segment of `url` (or of a part of one between "," or ";") that
    has the most words, without the id at its end:
    ".../49-euro-ticket-pendler-zahlen-60-prozent-weniger-18857107.html" -> ["49", "euro",
    "ticket", "pendler", "zahlen", "60", "prozent", "weniger"]. Words are `fold`ed; trailing
    words that hold a digit are the id, as is one short word before them ("a-<uuid>",
    "ld.1759794"). [] for a path of ids only ("/2817364") or an address that does not parse
    ("http://[::1/…": urllib raises ValueError)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return []
    best: list[str] = []
    for segment in _SEGMENT.split(path):
        words = _WORD.findall(fold(_EXTENSION.sub("", unquote(segment))))
        count = len(words)
        while words and _DIGIT.search(words[-1]):
            words.pop()
        if len(words) < count and words and len(words[-1]) <= _MAX_ID_PREFIX:
            words.pop()
        if len(words) > len(best):
            best = words
    return best


def spelled_words(slug: list[str], headline: str) -> int:
    """How many of `headline`'s words `slug` spells in order (their longest common
    subsequence), a word matching in any of its slug spellings (`_spellings`)."""
    words = _spellings(headline)
    previous = [0] * (len(words) + 1)
    for slug_word in slug:
        current = [0]
        for j, spellings in enumerate(words):
            if slug_word in spellings:
                current.append(previous[j] + 1)
            else:
                current.append(max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _spellings(headline: str) -> list[set[str]]:
    """Each word of `headline` with the ways a slug may spell it: accents dropped or spelled
    out ("räumt" -> "raumt", "raeumt"), an apostrophe's word joined or cut ("Foden's" ->
    "fodens", "foden")."""
    key = headline.casefold()
    dropped = _WORD_WITH_APOSTROPHES.findall(fold(key))
    spelled = _WORD_WITH_APOSTROPHES.findall(fold(key.translate(_SPELLED_OUT)))
    out = []
    for pair in zip(dropped, spelled, strict=False):
        parts = [_APOSTROPHE.split(word) for word in pair]
        out.append({"".join(p) for p in parts} | {p[0] for p in parts})
    return out
