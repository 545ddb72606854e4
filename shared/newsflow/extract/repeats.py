"""Body lines that repeat another line of the body: a pull quote, a paragraph given twice.

Kinds of fault seen in the bodies of the metadata development set (issue 9):

- **a pull quote**: a sentence of the story set again in large type beside it (a quote
  box, an `<aside>`); the extractor keeps both, so the sentence is read twice;
- **a paragraph twice, once with furniture glued on**: the extractor's recovery adds a
  paragraph it already had, once whole and once with a link's text missing, or with an
  advertisement label or a "Trending" widget run into it ("… lita 113. Advertisement").

A line repeats another when at least `_CONTAINED` of its word 4-grams stand in the other
line, which is no more than `_WINDOW` lines away, and it holds at least `_MIN_GRAMS` of them
(a sentence, not a label). Of the two, the copy the page does not show whole in one element
goes (the glued or gapped one); when the page shows both or neither whole, the shorter goes
(the pull quote). Lines that are equal are left: a page may repeat a line on purpose (a
"Zum Angebot" button above and below a list), and the 2019 set's references keep those.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from newsflow.extract.text import word_grams, word_key, word_runs_of

# The marks `word_key` drops, and the characters whose casefolding moves a word boundary
# ("İ" folds to "i" and a combining dot, the Greek iota subscript to a letter): a line
# without them has its word key's words, casefolded, for its casefolded words.
_KEYED_APART = re.compile(
    "[\u00ad\u200b-\u200d\u2060\ufeff\u0130\u01f0\u0345\u0390\u03b0\u1e96-\u1e99"
    "\u1f50\u1f52\u1f54\u1f56\u1fb6\u1fb7\u1fc6\u1fc7\u1fd2\u1fd3\u1fd6\u1fd7"
    "\u1fe2-\u1fe4\u1fe6\u1fe7\u1ff6\u1ff7]"
)
_N = 4
_MIN_GRAMS = 6
_CONTAINED = 0.9
_WINDOW = 8
# Runs of `big`'s words that `small` may leave out: before and after a pull quote, or one gap.
_MAX_GAPS = 2


def drop_repeats(lines: list[str], shown_whole: Callable[[str], bool]) -> list[str]:
    """`lines` (the body's paragraphs, in order) without those that repeat a nearby line.

    `shown_whole(line)` tells whether one page element shows exactly that line's text.
    Returns a new list; `lines` itself is never emptied (a repeat always leaves its twin).
    """
    # A repeat's words all stand in its twin (`_inside` allows only insertions), so a pair
    # whose word sets are not one inside the other is passed over before any shingling:
    # the sets cost a fraction of the 4-grams, which are built only for the pairs left.
    # A line too short to hold `_MIN_GRAMS` 4-grams is in no pair that is compared (the
    # smaller of the two decides): it gets no set, and the pairs are read among the rest.
    words: dict[int, frozenset[str]] = {}
    for k, line in enumerate(lines):
        found = _words(line)
        if len(found) >= _MIN_GRAMS + _N - 1:
            words[k] = frozenset(found)
    order = list(words)
    grams: dict[int, frozenset[tuple[str, ...]]] = {}

    def grams_of(k: int) -> frozenset[tuple[str, ...]]:
        if k not in grams:
            grams[k] = word_grams(lines[k], _N)
        return grams[k]

    doomed: set[int] = set()
    for at, i in enumerate(order):
        if i in doomed:
            continue
        mine = words[i]
        # the lines after it within `_WINDOW`: at most that many of the long ones
        for j in order[at + 1 : at + 1 + _WINDOW]:
            if j > i + _WINDOW:
                break
            theirs = words[j]
            if j in doomed or not (mine <= theirs or theirs <= mine):
                continue
            if grams_of(i) == grams_of(j):
                continue
            small, big = (i, j) if len(grams[i]) <= len(grams[j]) else (j, i)
            if len(grams[small]) < _MIN_GRAMS:
                continue
            if len(grams[small] & grams[big]) < _CONTAINED * len(grams[small]):
                continue
            if not _inside(lines[small], lines[big]):
                continue
            copy = _copy_to_drop(lines, small, big, shown_whole)
            doomed.add(copy)
            if copy == i:  # the line goes: no pair of it is looked at again
                break
    return [line for k, line in enumerate(lines) if k not in doomed]


def _words(line: str) -> list[str]:
    """The line's casefolded words in order (`\\w+` runs of its casefolded text, as
    `word_grams` reads them). Most lines are read from their `word_key`, which the body
    steps have worked out for the page already (94% of the modern set's body lines): a
    third of the CPU of finding the words again; an ASCII key is casefolded already."""
    if line.isascii():
        return word_key(line).split()
    if _KEYED_APART.search(line) is None:
        return word_key(line).casefold().split()
    return word_runs_of(line.casefold())


def _inside(small: str, big: str) -> bool:
    """Whether `small`'s words are `big`'s with at most `_MAX_GAPS` runs of words left out
    (a pull quote cut from its paragraph, a link's words missing, furniture glued on), and
    none changed: "Step 1 of the recipe …" and "Step 2 of the recipe …" are two lines."""
    a, b = word_runs_of(small.casefold()), word_runs_of(big.casefold())
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    changes = [tag for tag, *_ in opcodes if tag != "equal"]
    return len(changes) <= _MAX_GAPS and all(tag == "insert" for tag in changes)


def _copy_to_drop(
    lines: list[str], small: int, big: int, shown_whole: Callable[[str], bool]
) -> int:
    """Which of two repeating lines goes: the one the page does not show whole, else the
    shorter."""
    small_whole, big_whole = shown_whole(lines[small]), shown_whole(lines[big])
    if big_whole and not small_whole:
        return small
    if small_whole and not big_whole:
        return big
    return small
