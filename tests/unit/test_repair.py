"""repaired_utf8 gives trafilatura's repair_faulty_html, as UTF-8 bytes, on every kind of page."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from trafilatura.utils import repair_faulty_html

from newsflow.extract.decode import decode_html
from newsflow.extract.repair import repaired_utf8

SETS = Path(__file__).resolve().parents[1]
FILLER = "<p>A line of the council's story about the new bridge.</p>\n" * 120  # > 4096 chars
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
]


def _theirs(text: str) -> bytes:
    return repair_faulty_html(text, text[:50].lower()).encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("text", MARKUP, ids=range(len(MARKUP)))
def test_repaired_utf8_is_trafilaturas_repair(text: str) -> None:
    assert repaired_utf8(text) == _theirs(text)


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
