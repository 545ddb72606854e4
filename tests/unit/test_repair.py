"""repaired_utf8 gives trafilatura's repair_faulty_html, as UTF-8 bytes, on every kind of page."""

from __future__ import annotations

import gzip
import sys
import tracemalloc
from pathlib import Path

import pytest
from lxml import etree
from trafilatura.utils import repair_faulty_html

from newsflow.extract.article import _parse, _parsed
from newsflow.extract.decode import decode_html
from newsflow.extract.repair import repaired_utf8

SETS = Path(__file__).resolve().parents[1]
FILLER = "<p>A line of the council's story about the new bridge.</p>\n" * 120  # > 4096 chars
MINIFIED = FILLER.replace("\n", "") + "<p>Wide: 日本語の記事 🌉</p>"  # no line break
DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://www.w3.org/TR/x.dtd"/>'
MARKUP = [
    "<html><body><p>One line, no newline.</p></body></html>",
    f"<html>\n<body>{FILLER}</body></html>\n",
    f"{DOCTYPE}\n<html><body>{FILLER}</body></html>",
    f"{DOCTYPE} {'x' * 5000}\n<html/>\n{FILLER}",  # a first line longer than the head's 4096
    f'<html lang="en"/>\n<head><title>t</title></head><body>{FILLER}</body>',
    f'<!doctype html>\n<html lang="en"\n/>\n<body>{FILLER}</body>',  # "/>" on the next line
    # a self-closed <html/> on the fourth line, 3000 characters down
    f"<!doctype html>\n<!-- {'y' * 3000} -->\n<meta charset='utf-8'>\n<html lang='en'/>\n{FILLER}",
    # one 4200 characters down, inside the first 4096 once a long doctype is removed
    f"{DOCTYPE[:-2]} {'z' * 3000}/>\n<meta name='a' content='{'w' * 1100}'>\n<html/>\n{FILLER}",
    f"<html>\n<body><p>Control\x0bcharacters\x01 dropped.</p>{FILLER}</body></html>",
    f"<html>\n<body><p>Non-characters \ufffe and \uffff.</p>{FILLER}</body></html>",
    f"<html>\n<body><p>Wide text: 日本語の記事 and a lone surrogate \udc80.</p>{FILLER}</body>",
    f"<html>\r\n<body>{FILLER.replace(chr(10), chr(13))}</body></html>",
    # minified: one line, wider than Latin-1, with and without a self-closed doctype
    f"<!DOCTYPE html><html lang='en'><body>{MINIFIED}</body></html>",
    f"{DOCTYPE}<html lang='en'><body>{MINIFIED}</body></html>",
    f"{DOCTYPE}<html lang='en'><body>{MINIFIED}</body>\n</html>",
    f"<html lang='en'><body>{MINIFIED}</body></html>",
    # the first 4096 characters end just after an <html/> on a longer line
    f"<p>{'x' * 4086}<html/>{'y' * 100}\n{FILLER}",
    f"<!doctype html/>\n<p>{'x' * 4086}<html/>{'y' * 100}</p>{MINIFIED}",
]
# Text as a decoder can hand it over: a byte-order mark, UTF-16 read as Latin-1 (NULs between
# the characters), control characters at either end, doctype and <html> spellings, no <html>.
ODD = [
    f"\ufeff<!DOCTYPE html>\n<html><body>{FILLER}</body></html>",
    "\ufeff",
    "",
    " \n\t ",
    "\xff\xfe" + "".join(f"{c}\x00" for c in f"<html>\n<body>{FILLER[:300]}</body></html>"),
    f"\x00\x00<html>\n<body>{FILLER}</body></html>",
    f"<html>\n<body>{FILLER}</body></html>\x00\x00",
    f"\x01\x02\x1f<html>\n<body>{FILLER}</body></html>",
    f"<html>\n<body>{FILLER}</body></html>\x07\x1b",
    f"<html>\n<body>{FILLER}\x0c{FILLER}</body></html>",  # one far past the head
    f'<!doctype html public "x"/>\n<html><body>{FILLER}</body></html>',
    f"< ! DOCTYPE html/>\n<html><body>{FILLER}</body></html>",
    f"<!DOCTYPE html/><html><body>{FILLER}</body></html>",  # no newline at all
    f'<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE html>\n<html>{FILLER}</html>',
    f'<html><head><meta charset="iso-8859-1"></head>\n<body>é {FILLER}</body></html>',
    f"<!DOCTYPE HTML>\n<HTML LANG='EN'><BODY>{FILLER.upper()}</BODY></HTML>",
    f"<HTML LANG='en'/>\n<body>{FILLER}</body>",
    f"<!doctype html>\n<!--a-->\n<!--b-->\n<!--c-->\n<html/>\n<body>{FILLER}</body>",
    f"<head><title>No html element</title></head>\n<body>{FILLER}</body>",
    "<p>only a paragraph</p>",
    "words, no markup\nat all",
]


def _theirs(text: str) -> bytes:
    return repair_faulty_html(text, text[:50].lower()).encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("text", MARKUP + ODD, ids=range(len(MARKUP + ODD)))
def test_repaired_utf8_is_trafilaturas_repair(text: str) -> None:
    assert repaired_utf8(text) == _theirs(text)
    # given the text's UTF-8 (the page's bytes, as the decoder hands them over) it is the same
    assert repaired_utf8(text, text.encode("utf-8", "surrogatepass")) == _theirs(text)


def test_a_page_s_own_utf8_bytes_are_parsed_as_they_are() -> None:
    # GIVEN a UTF-8 page that needs no repair, decoded
    data = f"<html lang='fr'><body><p>été {FILLER}</p></body></html>".encode()
    decoded = decode_html(data)
    # THEN the decoder hands its bytes over and the repair returns them, not a copy
    assert decoded.utf8 is data
    assert repaired_utf8(decoded.text, decoded.utf8) is data
    # a text the decoder repaired (mojibake) or decoded from another charset has no bytes
    assert decode_html("<p>caf\u00c3\u00a9 ouvert</p>".encode()).utf8 is None
    assert decode_html("<p>café</p>".encode("cp1252"), "iso-8859-1").utf8 is None


def test_a_minified_page_is_repaired_without_a_copy_of_its_text() -> None:
    # trafilatura's function copies the whole str at each step (four bytes a character here)
    text = f"{DOCTYPE}<html><body>{MINIFIED * 20}</body></html>"
    tracemalloc.start()
    try:
        repaired = repaired_utf8(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert repaired == _theirs(text)
    assert peak < sys.getsizeof(text)  # the UTF-8 bytes and their slices, no str copy


def test_a_doctype_is_repaired_and_the_rest_kept() -> None:
    text = MARKUP[2]
    repaired = repaired_utf8(text)
    assert repaired.startswith(b"\n<html><body>")  # the self-closed doctype is gone
    assert repaired.endswith(FILLER.encode() + b"</body></html>")


def test_development_pages_are_repaired_alike() -> None:
    paths = [
        path
        for sample in ("devset", "modernset")
        for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:12]
    ]
    assert paths
    for path in paths:
        text = decode_html(gzip.decompress(path.read_bytes()), None).text
        assert repaired_utf8(text) == _theirs(text), path.name


def _str_parsed(text: str) -> bytes | None:
    """What article._parse parsed before it was given bytes: the repaired ``str``, then its
    UTF-8 bytes when that gave nothing."""
    markup = repair_faulty_html(text, text[:50].lower())
    tree = _parsed(markup)
    if tree is None or len(tree) == 0:
        tree = _parsed(markup.encode("utf-8", "surrogatepass"))
    return None if tree is None else etree.tostring(tree)


SURROGATE = next(text for text in MARKUP if "\udc80" in text)
SAME_TREE = [text for text in MARKUP + ODD if text != SURROGATE]


@pytest.mark.parametrize("text", SAME_TREE, ids=range(len(SAME_TREE)))
def test_the_bytes_parse_to_the_tree_the_text_did(text: str) -> None:
    tree = _parsed(repaired_utf8(text))
    assert (None if tree is None else etree.tostring(tree)) == _str_parsed(text)
    _parse(text)  # and the whole parse raises nothing


def test_a_lone_surrogate_no_longer_ends_the_page() -> None:
    # libxml2 stops a str at a lone surrogate; its UTF-8 bytes hold U+FFFD and go on
    before = _str_parsed(SURROGATE)
    assert before is not None and b"bridge" not in before
    tree = _parse(SURROGATE)
    assert tree is not None and "council's story" in tree.text_content()
