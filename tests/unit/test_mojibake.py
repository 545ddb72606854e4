"""Body text decoded twice (UTF-8 read as Latin-1 or cp1252) is repaired; clean text is not."""

from lxml.html import HtmlElement, document_fromstring

from newsflow.extract import body
from newsflow.extract.mojibake import fix_mojibake

CLEAN = "The council’s plan runs night buses to the café district — at last."


def _doubly_encoded(text: str, charset: str) -> str:
    """``text`` as a CMS stores it after reading its UTF-8 bytes as ``charset``."""
    return text.encode("utf-8").decode(charset, errors="strict")


def test_utf8_read_as_latin1_is_repaired() -> None:
    broken = _doubly_encoded(CLEAN, "latin-1")  # "councilâ\x80\x99s"
    assert broken != CLEAN
    assert fix_mojibake(["First line.", broken]) == ["First line.", CLEAN]


def test_utf8_read_as_cp1252_is_repaired() -> None:
    text = "Ãœber die Brücke: l’été à Zürich"  # "Über" decoded as cp1252, then the rest
    assert fix_mojibake([text]) == ["Über die Brücke: l’été à Zürich"]


def test_clean_text_is_returned_unchanged() -> None:
    lines = [CLEAN, "Ça va. Straße. Ελληνικά."]
    assert fix_mojibake(lines) is lines  # nothing suspect: not even copied
    # "é—" looks like a lead and a continuation byte; ftfy sees it is plausible text
    assert fix_mojibake(["A bride and her fiancé—a quiet wedding."]) == [
        "A bride and her fiancé—a quiet wedding."
    ]


def test_body_of_a_doubly_encoded_page_reads_as_written() -> None:
    # GIVEN a page whose sound UTF-8 carries text decoded twice by its CMS, as cp1252
    # ("councilâ€™s"): trafilatura drops the C1 controls of the Latin-1 form, so that form
    # cannot be repaired after extraction
    sentences = [
        f"The council’s night bus number {n} will run to the café district every twenty "
        "minutes between midnight and five in the morning, the transport office said."
        for n in range(1, 6)
    ]
    paragraphs = "".join(f"<p>{_doubly_encoded(s, 'cp1252')}</p>" for s in sentences)
    tree: HtmlElement = document_fromstring(
        f"<html><body><article><h1>Night buses</h1>{paragraphs}</article></body></html>"
    )
    # WHEN the body is extracted, THEN it reads as the author wrote it
    words = len(tree.text_content().split())
    assert body.extract_body(tree, "https://news.example.org/a", page_words=words).paragraphs == (
        sentences
    )
