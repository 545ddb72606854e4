"""Decoding page bytes: BOM, HTTP charset, <meta charset>, detection; never an error."""

import json
from pathlib import Path
from typing import Any

import pytest

from newsflow.extract import extract_article
from newsflow.extract.decode import decode_html

FRENCH = "<p>L’été à Paris : déjà « très chaud », señor.</p>" * 20
RUSSIAN = "<p>Президент заявил, что переговоры продолжатся в четверг утром.</p>" * 20
JAPANESE = "<p>東京都は本日、新しい交通計画を発表しました。住民の意見を募集します。</p>" * 20


def test_decode_utf8_bom_is_stripped_and_wins() -> None:
    decoded = decode_html(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), http_charset="iso-8859-1")
    assert decoded.text == FRENCH
    assert decoded.source == "bom"


def test_decode_utf16_bom() -> None:
    decoded = decode_html(b"\xff\xfe" + FRENCH.encode("utf-16-le"))
    assert decoded.text == FRENCH


def test_decode_http_charset_used_for_legacy_bytes() -> None:
    decoded = decode_html(FRENCH.encode("cp1252"), http_charset="ISO-8859-1")
    assert decoded.text == FRENCH
    assert decoded.source == "http"


def test_decode_meta_charset_used_when_no_header() -> None:
    page = b'<html><head><meta charset="windows-1251"></head>' + RUSSIAN.encode("cp1251")
    decoded = decode_html(page)
    assert RUSSIAN in decoded.text
    assert decoded.source == "meta"


def test_decode_lying_meta_on_utf8_bytes_gives_utf8() -> None:
    page = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    decoded = decode_html(page + FRENCH.encode("utf-8"))
    assert FRENCH in decoded.text
    assert "Ã" not in decoded.text


@pytest.mark.parametrize(
    ("text", "codec"), [(RUSSIAN, "cp1251"), (JAPANESE, "shift_jis"), (JAPANESE, "euc-jp")]
)
def test_decode_undeclared_legacy_bytes_are_detected(text: str, codec: str) -> None:
    decoded = decode_html(text.encode(codec))
    assert decoded.text == text
    assert decoded.source == "detected"


def test_decode_unknown_charset_label_is_ignored() -> None:
    decoded = decode_html(FRENCH.encode("utf-8"), http_charset="x-no-such-charset")
    assert decoded.text == FRENCH


def test_decode_wrong_declared_charset_falls_back_to_detection() -> None:
    # Declared UTF-16 cannot decode these bytes strictly; detection must take over.
    decoded = decode_html(RUSSIAN.encode("cp1251"), http_charset="utf-16")
    assert decoded.text.count("Президент") >= 1


def test_decode_any_bytes_never_raise() -> None:
    assert isinstance(decode_html(bytes(range(256)) * 50).text, str)


# --- Declarations the bytes contradict (issue 9) ---------------------------------------

CASES = Path(__file__).parents[1] / "fixtures" / "charset"
SMART = "<p>“Quoted” — it’s 5 € for the ‘best’ café, naïve señor.</p>" * 20


def _extracted(name: str, **kwargs: Any) -> str:
    article = extract_article(
        (CASES / name).read_bytes(), "https://www.example-zeitung.de/a", **kwargs
    )
    return article.model_dump_json()


def test_extract_utf8_header_on_latin1_bytes_takes_the_meta_charset() -> None:
    data = (CASES / "declared-utf8-latin1-bytes.html").read_bytes()
    article = extract_article(
        data, "https://www.example-zeitung.de/bau-von-windraedern-im-wald", http_charset="utf-8"
    )
    assert article.title is not None
    assert article.title.startswith("Bau von Windrädern im Wald in Südbaden: ")
    assert [a.name for a in article.authors] == ["Jörg Häberle"]
    assert "\ufffd" not in article.model_dump_json()
    assert decode_html(data, http_charset="utf-8").source == "meta"


def test_extract_utf8_meta_on_latin1_bytes_is_detected() -> None:
    text = _extracted("meta-utf8-latin1-bytes.html")
    assert "\ufffd" not in text
    assert all(letter in json.loads(text)["body_text"] for letter in "äöü")
    assert json.loads(text)["title"] == "Windräder in Südbaden"


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        (SMART, "cp1252", "utf-8"),  # Word's smart quotes pasted into a "UTF-8" CMS
        (RUSSIAN, "cp1251", "utf-8"),
        (RUSSIAN, "cp1251", "iso-8859-1"),  # decodes without error, but to "Ïðåçèäåíò"
        (JAPANESE, "shift_jis", "utf-8"),
        (JAPANESE, "shift_jis", "iso-8859-1"),
        (JAPANESE, "euc-jp", "windows-1252"),
    ],
)
def test_decode_header_contradicted_by_bytes_loses(text: str, codec: str, label: str) -> None:
    decoded = decode_html(text.encode(codec), http_charset=label)
    assert decoded.text == text
    assert decoded.source == "detected"


@pytest.mark.parametrize("label", ["utf-8", "iso-8859-1"])
def test_decode_meta_contradicted_by_bytes_loses(label: str) -> None:
    page = f'<html><head><meta charset="{label}"></head>'.encode() + RUSSIAN.encode("cp1251")
    decoded = decode_html(page)
    assert RUSSIAN in decoded.text
    assert decoded.source == "detected"


def test_decode_meta_borne_out_by_bytes_beats_a_wrong_header() -> None:
    page = b'<html><head><meta charset="windows-1251"></head>' + RUSSIAN.encode("cp1251")
    decoded = decode_html(page, http_charset="utf-8")
    assert RUSSIAN in decoded.text
    assert decoded.source == "meta"


def test_decode_utf8_bom_on_legacy_bytes_is_weighed_like_a_declaration() -> None:
    decoded = decode_html(b"\xef\xbb\xbf" + SMART.encode("cp1252"))
    assert decoded.text == SMART


@pytest.mark.parametrize("label", ["utf-16le", "UTF-16BE"])
def test_extract_utf16_page_without_bom_takes_the_header_charset(label: str) -> None:
    # GIVEN a page served as UTF-16 without a byte order mark (its charset only in the
    # Content-Type header): every ASCII character of its markup has a NUL byte beside it
    paras = "".join(
        f"<p>Paragraph {i}: the ferry timetable changes in May after the operator agreed a "
        "new contract with the island council.</p>"
        for i in range(5)
    )
    page = f"<html lang='en'><head><title>Ferry times</title></head><body><article>{paras}"
    codec = label.lower()
    data = (page + "</article></body></html>").encode(codec)
    # WHEN it is extracted with that header charset
    article = extract_article(data, "https://news.example/ferry", http_charset=label)
    # THEN it is read as the header says, not refused as "binary data, not HTML"
    assert article.outcome.kind.value == "article", article.outcome
    assert article.body_text.startswith("Paragraph 0: the ferry timetable")
    # ... while the same bytes with no charset said stay refused, NULs and all
    unsaid = extract_article(data, "https://news.example/ferry")
    assert unsaid.outcome.reason == "binary data, not HTML"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("utf-16le", "utf-16-be"),  # a label naming the other byte order
        ("utf-16be", "utf-16-le"),
        ("utf-16", "utf-16-be"),  # no order named: read as little-endian
        ("utf-32", "utf-32-be"),
    ],
)
def test_decode_wide_charset_in_the_byte_order_its_markup_shows(label: str, codec: str) -> None:
    # a page served as UTF-16/32 without a byte order mark, whose header names the wrong
    # byte order: read so, "<p>" is CJK noise (U+3C00 ...); its NUL bytes tell the order
    page = "<p>The ferry timetable changes in May, the island council said.</p>" * 20
    decoded = decode_html(page.encode(codec), http_charset=label)
    assert decoded.text == page
    assert decoded.encoding == codec


def test_extract_wide_charset_the_bytes_do_not_bear_out_is_refused_as_binary() -> None:
    # NUL bytes pass the sniff only for a UTF-16/32 page; bytes that do not decode in the
    # header's charset (here UTF-32 with a code point past U+10FFFF) fall back to a decoding
    # that keeps the NULs, whose "text" was stored as an article of noise
    paras = "<p>The ferry timetable changes in May, the island council said.</p>" * 10
    data = f"<html><body>{paras}</body></html>".encode("utf-32-be") + b"\xff\xff\xff\xff"
    article = extract_article(data, "https://news.example/ferry", http_charset="utf-32")
    assert article.outcome.kind.value == "not_html"
    assert article.outcome.reason == "binary data, not HTML"
    assert article.body_text == ""
