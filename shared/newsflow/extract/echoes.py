"""Metadata echoed at the edges of the body: the headline again, the byline, the dateline.

The body extractor reads the page without the resolved metadata, so a headline with its
site name ("Feuerwehrleute sollen später in Pension | wdr aktuell"), an author's name on a
line of its own ("박준석 기자 외 1명", "André Schmidt") or a dateline
("입력 2024.05.03 14:22 수정 …", "2025年1月14日 01時28分") can stay in as a paragraph. Only
the first and last `EDGE` paragraphs are looked at, and a body is never emptied. Rules
measured on the metadata development set (issue 9) and the fresh-user trial's Korean page.
"""

from __future__ import annotations

import re
from itertools import islice

from newsflow.extract.text import word_runs_of

# Paragraphs looked at from each end of the body.
EDGE = 3
# A headline echo may carry this many more words after it: "| site", a section name. A
# kicker before it is left: the reference bodies keep "Kicker: Headline" lines as often as not.
_MAX_EXTRA_WORDS = 4
_MAX_ECHO_WORDS = 16
_MIN_TITLE_CHARS = 8
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
# A full date: a year, a numeric date (not a phone number: "02-751-1500") or an East Asian
# date unit after a number.
_ABSOLUTE_DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\d\s*(?:年|月|日|년|월|일)"
)
# A dateline gives a time of day or a label; a bare date ("29 November 2018 | 20 January
# 2019") is as often the story's own content (an exhibition's dates) on the 2019 dev set.
_CLOCK = re.compile(r"\d:\d\d|\d\s*(?:h|Uhr|時|시|分|분)(?:\W|\d|$)", re.I)
# Words around a byline that are not names: "By", "Von", "Par", "기자" (reporter), "외"
# ("and others"), "記者", "特派員" (correspondent).
_ROLE_TEXT = (
    "by von par por door di de da and und et y e en og i ve with mit from "
    "기자 특파원 외 記者 特派員 记者"
)
_ROLE_WORDS = frozenset(_ROLE_TEXT.split())
# A dateline's words besides its digits: labels, "at", "p.m.", zone abbreviations ("EDT"),
# and at most this many others (month and weekday names).
_DATELINE_OTHER_WORDS = 3
_LABEL_TEXT = (
    "published updated posted modified last first veröffentlicht aktualisiert erstellt publié "
    "mis jour publicado actualizado pubblicato aggiornato güncelleme yayınlanma 입력 기사입력 "
    "수정 등록 업데이트 更新 公開 发布 uhr"
)
_DATELINE_LABELS = frozenset(_LABEL_TEXT.split())
_SHORT_WORD = 2
_ZONE = re.compile(r"^[A-Z]{2,5}$")


def _words(text: str, limit: int | None = None) -> list[str]:
    """The text's words, casefolded; only the first `limit` when given (a test that fails
    past a count needs no more: the story's long paragraphs are never read whole)."""
    if limit is None:
        found = word_runs_of(text)
    else:
        found = [match.group() for match in islice(_WORD.finditer(text), limit)]
    return [word.casefold() for word in found]


def is_dateline(paragraph: str) -> bool:
    """`paragraph` is only a date with a time of day or a label ("Updated"), and month
    names: no prose."""
    return _is_dateline(paragraph, _words(paragraph, _MAX_ECHO_WORDS + 1))


def _title_words(title: str) -> list[str] | None:
    """`title`'s words, or None for a title too short to tell an echo by."""
    words = _words(title)
    return words if len(title) >= _MIN_TITLE_CHARS and words else None


def _title_reach(title_words: list[str]) -> int:
    """How many of a paragraph's first words tell whether it echoes the title."""
    return len(title_words) + _MAX_EXTRA_WORDS + 1


def _echoes_title(words: list[str], title_words: list[str]) -> bool:
    """Whether a paragraph opening with `words` (`_title_reach` of them, or all it has) is
    the title's words and at most `_MAX_EXTRA_WORDS` more."""
    size = len(title_words)
    words = words[: _title_reach(title_words)]
    return len(words) - size <= _MAX_EXTRA_WORDS and words[:size] == title_words


def _names(authors: list[str]) -> set[str]:
    """The words of the authors' names, casefolded."""
    return {word for author in authors for word in _words(author)}


def _echoes_authors(words: list[str], names: set[str]) -> bool:
    """Whether a paragraph opening with `words` (`_MAX_ECHO_WORDS` + 1 of them, or all it
    has) is only the `names`' words, role words and counts."""
    words = words[: _MAX_ECHO_WORDS + 1]
    if not names or len(words) > _MAX_ECHO_WORDS:
        return False
    rest = [w for w in words if w not in _ROLE_WORDS and not _DIGIT.search(w)]
    return bool(rest) and all(word in names for word in rest)


def _is_dateline(paragraph: str, words: list[str]) -> bool:
    """`is_dateline`, given the paragraph's first words (`_MAX_ECHO_WORDS` + 1 of them, or
    all it has)."""
    words = words[: _MAX_ECHO_WORDS + 1]
    if len(words) > _MAX_ECHO_WORDS or not _ABSOLUTE_DATE.search(paragraph):
        return False
    dated = [w for w in words if _DIGIT.search(w)]
    other = [
        word.casefold()
        for word in word_runs_of(paragraph)
        if not _DIGIT.search(word)
        and len(word) > _SHORT_WORD
        and not _ZONE.match(word)
        and word.casefold() not in _DATELINE_LABELS
    ]
    labelled = any(word in _DATELINE_LABELS for word in words)
    return (
        (labelled or bool(_CLOCK.search(paragraph)))
        and len(dated) >= 2
        and len(other) <= len(dated)
        and len(set(other)) <= _DATELINE_OTHER_WORDS
    )


def drop_echoes(paragraphs: list[str], title: str | None, authors: list[str]) -> list[str]:
    """`paragraphs` without the headline, byline and dateline lines at either end.

    Looks at the first and last `EDGE` paragraphs only; returns `paragraphs` itself when
    nothing is dropped or when dropping would leave no paragraph. The title's and the
    authors' words are read once, and each paragraph's first words once for all three tests.
    """
    title_words = _title_words(title) if title is not None else None
    names = _names(authors)
    reach = max(_MAX_ECHO_WORDS + 1, _title_reach(title_words) if title_words else 0)

    def echo(paragraph: str) -> bool:
        words = _words(paragraph, reach)
        return (
            (title_words is not None and _echoes_title(words, title_words))
            or _echoes_authors(words, names)
            or _is_dateline(paragraph, words)
        )

    size = len(paragraphs)
    edges = [i for i in range(size) if i < EDGE or i >= size - EDGE]
    dropped = {i for i in edges if echo(paragraphs[i])}
    if not dropped or len(dropped) == size:
        return paragraphs
    return [p for i, p in enumerate(paragraphs) if i not in dropped]
