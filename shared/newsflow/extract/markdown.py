"""A declared article body written in Markdown, read as plain text.

Some publishing systems put their own source text into JSON-LD `articleBody`: Markdown with
the system's extensions. Seen on the metadata development set (issue 9, a Condé Nast page):
block directives on lines of their own ("+++dropcap", "+++", "+++feature-default"), embeds
("[#image: /photos/6442…]"), attribute lists ("{: legacyType="feature-small"}",
"*NASA*{: .small}"), links ("[a paper](https://…)") and emphasis ("*Earth's Future*"). Read as
plain text, each leaks into the body: the reader sees "[a paper](https://…)", the scorer
counts "dropcap" as a word.

The body is only rewritten when it shows this markup: `_MIN_SIGNS` or more directive, embed,
attribute-list or link marks. A plain body that happens to hold a bracket or an asterisk is
left as it is.
"""

from __future__ import annotations

import re

# Lines that are only markup: a block directive, an embed, an attribute list.
_MARKUP_LINE = re.compile(r"\+\+\+[\w-]*|\[#\w+:[^\]]*\]|\{:[^}]*\}")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\s]*\)")
_ATTRIBUTES = re.compile(r"\{:[^}\n]*\}")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_HEADING = re.compile(r"^#{1,6}\s+")
_SIGNS = re.compile(r"^\+\+\+|\[#\w+:|\{:|\]\((?:https?://|/)", re.MULTILINE)
_MIN_SIGNS = 2


def is_markdown(text: str) -> bool:
    """Whether `text` shows Markdown with a publishing system's marks (see the module)."""
    return len(_SIGNS.findall(text)) >= _MIN_SIGNS


def plain_lines(lines: list[str]) -> list[str]:
    """`lines` of a declared body as plain text: markup-only lines dropped, links read as
    their text, attribute lists, emphasis marks and heading marks removed. Lines that are
    empty after that go. `lines` come back unchanged when they show no such markup."""
    if not is_markdown("\n".join(lines)):
        return lines
    plain: list[str] = []
    for line in lines:
        if _MARKUP_LINE.fullmatch(line.strip()):
            continue
        text = _LINK.sub(r"\1", line)
        text = _ATTRIBUTES.sub("", text)
        text = _EMPHASIS.sub(r"\2", text)
        text = _HEADING.sub("", text).strip()
        if text:
            plain.append(text)
    return plain
