"""Decoding page bytes: BOM, HTTP charset, <meta charset>, detection; never an error."""

import pytest

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
