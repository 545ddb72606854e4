"""Lines that trail a story's body without being part of it (pure, no I/O).

Trafilatura keeps the last paragraphs of a page's main container, and modern article
pages end that container with the author's bio set as plain paragraphs ("Karina Cohen is
the owner of ...") rather than in a box ``body`` could remove by its class. Others end it
with the site's legal notices set the same way: risk warnings, "not advice" notices,
affiliate-commission disclosures; or with a labelled list of other pages to read.
"""

from __future__ import annotations

import re

__all__ = ["drop_author_bio", "drop_disclaimer", "drop_reading_list", "drop_trailers"]

# A bio starts within the last lines of the body: on the modern development set every
# author bio kept as text stood in the last four.
_BIO_TAIL_LINES = 4
# Roles that bios name in their first words ("is a freelance travel writer", "is adjunct
# faculty at ..."); job nouns, so "Hugo Ortega is back at it ..." stays story.
_ROLES = (
    r"writer|author|editor|journalist|reporter|correspondent|columnist|contributor|blogger"
    r"|founder|co-founder|owner|ceo|cto|cfo|president|director|manager|partner|attorney"
    r"|lawyer|physician|doctor|pediatrician|provider|professor|faculty|lecturer|researcher"
    r"|scientist|consultant|specialist|analyst|strategist|coach|creator|marketer|designer"
    r"|developer|engineer|therapist|nurse|dietitian|nutritionist"
)
_ROLE_RE = re.compile(rf"\b(?:{_ROLES})s?\b", re.I)
_ROLE_WORDS = 10
# A person's name (two to four capitalised words, not "The ..."), optional credentials
# ("Angela Holliday-Bell, MD,"), then "is": a sentence about who someone is. Past tense
# ("... was a reporter for thirty years") closes obituaries and profiles: story, not a bio.
_NAME_IS_RE = re.compile(
    r"^\W{0,2}(?!The\b)(?:[A-Z][\w'’.-]+\s){1,3}[A-Z][\w'’.-]+"
    r"(?:,\s+(?:[A-Z][\w.]*,?\s*){1,4}|\s)\s*is\s+(?P<rest>.*)"
)


def is_author_bio(line: str) -> bool:
    """A sentence that says who a person is by their job ("Jane Roe is a travel writer ...")."""
    match = _NAME_IS_RE.match(line)
    if match is None:
        return False
    return _ROLE_RE.search(" ".join(match["rest"].split()[:_ROLE_WORDS])) is not None


def drop_author_bio(lines: list[str]) -> list[str]:
    """``lines`` without an author bio that closes them, and the bio lines after it.

    The bio must start within the last four lines (``is_author_bio``); what follows it
    there ("Karina holds an MBA ...", "When she's not writing ...") belongs to it.
    On the modern development set 12 bio lines so found were not article text and 4 were
    (guest op-eds whose reference keeps the contributor's bio); the 2019 and metadata sets
    have none.
    """
    start = max(1, len(lines) - _BIO_TAIL_LINES)  # never the whole body
    for i in range(start, len(lines)):
        if is_author_bio(lines[i]):
            return lines[:i]
    return lines


# A legal notice's opening words: a label, a risk warning, a "not advice" notice, an
# adviser's registration, an affiliate-commission disclosure. Matched in a line's first
# words only: a story line that reports such a notice opens otherwise.
_DISCLAIMER_RE = re.compile(
    r"^\W{0,2}(?:disclaimer|disclosure|legal notice|important information)\s*:"
    r"|\bsubject to (?:the )?risks?\b|\bpast performance (?:is|does) not\b"
    r"|\b(?:do|does) not (?:provide|constitute|offer) (?:tax|legal|financial|investment"
    r"|accounting|medical)\b|\bnot (?:intended as|a substitute for|to be construed as)\b"
    r"|\bregistered investment advis[eo]r\b|\baffiliate links?\b"
    r"|\bearns? (?:a )?(?:small )?commissions?\b",
    re.I,
)
_DISCLAIMER_WORDS = 14


def is_disclaimer(line: str) -> bool:
    """A line that opens as a legal notice ("All investing is subject to risk, ...")."""
    return _DISCLAIMER_RE.search(" ".join(line.split()[:_DISCLAIMER_WORDS])) is not None


def drop_disclaimer(lines: list[str]) -> list[str]:
    """``lines`` without a legal notice that closes them, and the lines after it.

    The notice must start within the last four lines (``is_disclaimer``), never the first
    line. On the modern development set such closing notices stood on 4 pages (an index-fund
    page's risk warnings, 423 words; an adviser's registration and tax notice; two
    affiliate disclosures), none of them in the reference; on the 2019 set one ("Disclaimer:
    The views ... are their own", then a subscription offer: page F1 +0.010); on the
    metadata set none. The references keep affiliate disclosures at the top of a post as
    often as not, so those stay.
    """
    start = max(1, len(lines) - _BIO_TAIL_LINES)
    for i in range(start, len(lines)):
        if is_disclaimer(lines[i]):
            return lines[:i]
    return lines


# A label over a list of other pages to read: "Further reading", "Related articles from the
# blog:", "You may also be interested in the following articles:", "More book
# recommendations:". Short: a story's sentence that introduces its own list is longer.
_READING_LABEL_RE = re.compile(
    r"\b(?:further|recommended|suggested|related|similar|more|other)\s+(?:\w+\s+)?"
    r"(?:reading|articles?|stories|posts|guides|reads|recommendations)\b"
    r"|\byou (?:may|might) also (?:like|enjoy|be interested)\b",
    re.I,
)
_READING_LABEL_WORDS = 12
_LIST_ITEM = "- "


def drop_reading_list(lines: list[str]) -> list[str]:
    """``lines`` without a closing reading list: a label (``_READING_LABEL_RE``, 12 words at
    most) followed by list items only, to the end.

    Trafilatura keeps such a list when it stands in the story's container. On the modern
    development set 3 pages closed so (a review site's "Further reading" lists, a blog's
    "Related Articles from the ... blog:"), none of them in the reference: +0.0001, no page
    worse; no page of the 2019 or metadata sets changed. A list the label does not head, or
    with a story line after it, stays.
    """
    end = len(lines)
    while end > 1 and lines[end - 1].startswith(_LIST_ITEM):
        end -= 1
    if end == len(lines) or end < 2:
        return lines
    label = lines[end - 1]
    if len(label.split()) <= _READING_LABEL_WORDS and _READING_LABEL_RE.search(label):
        return lines[: end - 1]
    return lines


def drop_trailers(lines: list[str]) -> list[str]:
    """``lines`` without a closing author bio (``drop_author_bio``), legal notice or reading
    list (``drop_reading_list``)."""
    return drop_disclaimer(drop_author_bio(drop_disclaimer(drop_reading_list(lines))))
