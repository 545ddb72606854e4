"""Text measures that work for every script."""

from __future__ import annotations

import re

# Scripts written without spaces count one word per character, as their readers count.
_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]|[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]+"
)
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")


def count_words(text: str) -> int:
    """Whitespace-separated words; Chinese, Japanese and Thai characters count one each."""
    return len(_TOKEN.findall(text))


def squash_spaces(text: str) -> str:
    """Collapse runs of Latin whitespace; an ideographic space is part of CJK text."""
    return _SPACES.sub(" ", text).strip()
