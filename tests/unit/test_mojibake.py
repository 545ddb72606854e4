"""Body text decoded twice (UTF-8 read as Latin-1 or cp1252) is repaired; clean text is not."""

from datetime import UTC, datetime

from lxml.html import HtmlElement, document_fromstring

from newsflow.extract import body, extract_article
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


def test_headline_and_standfirst_of_a_doubly_encoded_page_read_as_written() -> None:
    # GIVEN a page whose CMS stored every text doubly encoded (cp1252): the headline, the
    # summary in <meta> and under the headline, the byline and the story
    title = "The council’s night buses start on Monday"
    summary = (
        "Night buses will run to the café district every twenty minutes, the council’s office said."
    )
    story = "".join(f"<p>{_doubly_encoded(s, 'cp1252')}</p>" for s in _STORY)
    page = (
        f"<html lang='en'><head><meta charset='utf-8'><title>{_doubly_encoded(title, 'cp1252')}"
        f"</title><meta name='description' content='{_doubly_encoded(summary, 'cp1252')}'>"
        "</head><body><article>"
        f"<h1>{_doubly_encoded(title, 'cp1252')}</h1><p class='dek'>"
        f"{_doubly_encoded(summary, 'cp1252')}</p><p class='byline'>By "
        f"{_doubly_encoded('José Núñez', 'cp1252')}</p>"
        f"<div class='story'>{story}</div></article></body></html>"
    )
    # WHEN it is extracted
    article = extract_article(
        page.encode("utf-8"), "https://news.example.org/2026/11/20/night-buses", fetched_at=FETCHED
    )
    # THEN the headline, summary, standfirst and byline read as written, and the standfirst,
    # repaired as the body is, is not also the body's first paragraph
    assert (article.title, article.description, article.standfirst) == (title, summary, summary)
    assert [author.name for author in article.authors] == ["José Núñez"]
    assert article.paragraphs == _STORY


_STORY = [
    f"The council’s night bus number {n} will run to the café district every twenty minutes "
    "between midnight and five in the morning, the transport office said on Tuesday."
    for n in range(1, 7)
]
FETCHED = datetime(2026, 11, 21, tzinfo=UTC)
