"""Main text: the article's paragraphs, without boilerplate (pure, no I/O)."""

from __future__ import annotations

import trafilatura
from lxml.html import HtmlElement


def extract_paragraphs(
    html: str, url: str | None = None, tree: HtmlElement | None = None
) -> list[str]:
    """The body paragraphs of a page; [] when there is none."""
    text = trafilatura.extract(
        tree if tree is not None else html,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    if not text:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]
