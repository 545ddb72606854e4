"""Small news pages built in tests: a head of metadata, a body with enough story text."""

from __future__ import annotations

# Eight paragraphs: enough words for the classifier to call the page an article.
STORY = "".join(
    f"<p>Paragraph {i} of the story tells the council's decision in plain words, "
    "with enough text to count as an article body for the extractor.</p>"
    for i in range(8)
)


def news_page(head: str = "", body: str = STORY, lang: str = "en") -> bytes:
    """A UTF-8 HTML document with `head` in <head> and `body` in <body>."""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    ).encode()
