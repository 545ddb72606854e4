"""A UTF-8 page with a few stray legacy bytes (a Latin-1 snippet pasted into it) is UTF-8,
the strays read as windows-1252; a legacy page is still read in its own charset."""

import pytest

from newsflow.extract import extract_article
from newsflow.extract.decode import decode_html

HEADLINE = "Stadtrat beschließt Haushalt für Straßen und Brücken"
STORY = "".join(
    f"<p>Der Stadtrat hat am Dienstag einen neuen Haushalt für das kommende Jahr beschlossen, "
    f"nach monatelangen Debatten über Schulen, Brücken und Straßen ({i}).</p>"
    for i in range(8)
)
PASTED = "<p>Leserbrief: Die Straße vor der Schule ist gefährlich.</p>"


def _page(declared: str) -> bytes:
    head = f"<meta charset='{declared}'><title>{HEADLINE}</title>" if declared else ""
    page = (
        f"<html lang='de'><head>{head}</head><body><article><h1>{HEADLINE}</h1>{STORY}"
        "PASTED</article></body></html>"
    )
    utf8, latin1 = page.encode("utf-8"), PASTED.encode("latin-1")
    return utf8.replace(b"PASTED", latin1)


@pytest.mark.parametrize("declared", ["utf-8", ""])
def test_a_utf8_page_with_a_pasted_latin1_paragraph_is_read_as_utf8(declared: str) -> None:
    decoded = decode_html(_page(declared))
    assert decoded.encoding == "utf-8"
    assert decoded.source == "utf8-strays"
    assert HEADLINE in decoded.text
    assert PASTED in decoded.text  # the strays as windows-1252: "Straße", "gefährlich"
    article = extract_article(_page(declared), "https://stadtblatt.example/2024/haushalt")
    assert article.title == HEADLINE
    assert "Brücken und Straßen (7)." in article.body_text


def test_a_stale_latin1_declaration_on_it_reads_the_same_text() -> None:
    # the declaration is borne out (cp1252 decodes anything), the mojibake repair undoes it
    decoded = decode_html(_page("iso-8859-1"))
    assert HEADLINE in decoded.text
    assert PASTED in decoded.text


def test_a_legacy_page_is_not_utf8_with_strays() -> None:
    # Latin-1 text forms no well-formed UTF-8 sequence: every accent is a stray
    page = (f"<title>{HEADLINE}</title><body>{STORY}</body>").encode("latin-1")
    decoded = decode_html(page, http_charset="utf-8")
    assert decoded.source != "utf8-strays"
    assert HEADLINE in decoded.text


def test_strays_outnumbering_the_utf8_characters_are_no_utf8_page() -> None:
    # two well-formed characters ("für" twice) against twenty Latin-1 accents
    page = "<p>für für</p>".encode() + "<p>Straße à la carte, déjà</p>".encode("latin-1") * 5
    assert decode_html(page).source != "utf8-strays"
