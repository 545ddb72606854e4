"""A page with a few stray NUL bytes near its start (a template's or database's debris) is
read as HTML, as a browser shows it, not refused as binary data (issue 10); bytes with many
control characters stay refused. Invented pages."""

import random

from newsflow.extract import extract_article
from newsflow.models import OutcomeKind

URL = "https://hillside-courier.example/2026/07/orchard-fair"
PARAGRAPHS = [
    f"Paragraph {i}: the orchard fair returns to Hillside green on Sunday with forty stalls, "
    "a cider press and the first apple-tasting contest since the village hall was rebuilt."
    for i in range(4)
]


def test_page_with_stray_nul_bytes_in_its_head_is_an_article() -> None:
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (
        "<html lang='en'><head><title>Orchard fair returns</title>\x00\x00</head><body>"
        f"<article><h1>Orchard fair returns</h1>\x00{story}</article></body></html>"
    )
    article = extract_article(page.encode(), URL)
    assert article.outcome.kind is OutcomeKind.ARTICLE, article.outcome.reason
    assert article.paragraphs == PARAGRAPHS
    assert "\x00" not in article.body_text + (article.title or "")


def test_bytes_rich_in_control_characters_stay_binary() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(4000))
    article = extract_article(b"<" + noise, URL)
    assert article.outcome.kind is OutcomeKind.NOT_HTML
    assert article.outcome.reason == "binary data, not HTML"
