"""Lines that trail a story's body without being part of it (pure, no I/O).

Trafilatura keeps the last paragraphs of a page's main container, and modern article
pages end that container with the author's bio set as plain paragraphs ("Karina Cohen is
the owner of ...") rather than in a box ``body`` could remove by its class. Others end it
with the site's legal notices set the same way: risk warnings, "not advice" notices,
affiliate-commission disclosures; or with a labelled list of other pages to read. Some close
it with reference matter: a list of the sources' bare web addresses or of their citations,
a copyright notice, or the blog's latest posts with their dates; or with the site's own
appeal: a call for readers' donations, a contact-consent notice. Others sign off: a label
crediting the author ("Written by Jane Roe", "About the Author:") over the byline box, a
farewell to the readers or a request to follow the writer ("Thanks for reading", "Follow us
on ..."), an invitation to correct the page ("Improve this Blog Post").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsflow.extract.blocks import LIST_ITEM

__all__ = [
    "drop_author_bio",
    "drop_closing_references",
    "drop_disclaimer",
    "drop_reading_list",
    "drop_sign_off",
    "drop_support_appeal",
    "drop_trailers",
    "names_role",
]

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


def names_role(text: str) -> bool:
    """Whether ``text`` names a job ("writer", "co-founder", "nutritionist"; ``_ROLES``)."""
    return _ROLE_RE.search(text) is not None


def drop_author_bio(lines: list[str]) -> list[str]:
    """``lines`` without an author bio that closes them, and the bio lines after it.

    The bio must start within the last four lines (``is_author_bio``); what follows it
    there ("Karina holds an MBA ...", "When she's not writing ...") belongs to it.
    On the modern development set 12 bio lines so found were not article text and 4 were
    (guest op-eds whose reference keeps the contributor's bio); the 2019 and metadata sets
    have none.
    """
    return _cut_at_tail_line(lines, is_author_bio)


def _cut_at_tail_line(lines: list[str], starts_trailer: Callable[[str], bool]) -> list[str]:
    """``lines`` up to the first of their last four (``_BIO_TAIL_LINES``) for which
    ``starts_trailer`` holds, never the first line (never the whole body); all when none."""
    for i in range(max(1, len(lines) - _BIO_TAIL_LINES), len(lines)):
        if starts_trailer(lines[i]):
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
    # split no further than the words read: a paragraph's tail line runs to hundreds
    words = line.split(None, _DISCLAIMER_WORDS)[:_DISCLAIMER_WORDS]
    return _DISCLAIMER_RE.search(" ".join(words)) is not None


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
    return _cut_at_tail_line(lines, is_disclaimer)


# A line that is one bare web address ("https://example.org/report.pdf", "www.example.org").
_BARE_URL_RE = re.compile(r"^\W{0,3}(?:https?://|www\.)\S+$", re.I)
# The label above a list of addresses ("Article Sources:", "Image References"): a few words
# that are not a sentence.
_LABEL_WORDS = 4
# A copyright notice: the sign or the word, then a year within a few words
# ("© Random House, Inc. 2023", "Copyright 2024 The Harbour Post", "2019 ©").
_COPYRIGHT_RE = re.compile(
    r"©\s*(?:[\w&.,]+\s+){0,6}?(?:19|20)\d\d\b|\b(?:19|20)\d\d\s*©"
    r"|\bcopyright\s+(?:©\s*)?(?:19|20)\d\d\b",
    re.I,
)
# A post listed with its date ("- Packing for Patagonia - November 4, 2025",
# "05/03/2026 by Jane Roe"): the blog's latest posts under the story.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATED_POST_RE = re.compile(
    rf"(?:[-–—|]\s*{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|[-–—|]\s*\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
    rf"|^\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\s+by\s+.*)\s*$",
    re.I,
)
_DATED_POST_WORDS = 30
# A reference-list entry: a source, then its year in brackets closed by a full stop, within
# its first words ("Statista. (2024). Number of ...", "Netflix. (Retrieved 2025). ...").
_CITATION_RE = re.compile(
    r"^\W{0,3}(?:\S+\s+){1,8}?\((?:retrieved\s+)?(?:19|20)\d\d[a-z]?\)\.", re.I
)
# Two or more addresses or dated posts make a list; one may be the story's own last link.
_MIN_LIST_LINES = 2


def _closing_run(lines: list[str], is_item: Callable[[str], bool]) -> int:
    """Index where the run of ``is_item`` lines closing ``lines`` starts (never 0)."""
    start = len(lines)
    while start > 1 and is_item(lines[start - 1]):
        start -= 1
    return start


def _is_label(line: str) -> bool:
    return len(line.split()) <= _LABEL_WORDS and not line.rstrip().endswith((".", "!", "?"))


def drop_closing_references(lines: list[str]) -> list[str]:
    """``lines`` without the reference matter that closes them.

    Four kinds, each at the very end, never the first line:
    - two or more lines that are each one bare web address, with a short label above them
      ("Article Sources:");
    - two or more reference-list entries (``_CITATION_RE``, "Statista. (2024). ..."), with
      the addresses they wrap onto and a short label above them (modern set: 2 pages, none
      in the reference, P +0.012 and +0.013; no 2019 or metadata page changed);
    - a copyright notice (``_COPYRIGHT_RE``) in the last four lines, and what follows it;
    - two or more posts listed with their dates (``_DATED_POST_RE``).
    On the modern development set these stood on 2, 1 and 1 pages, in no reference (page F1
    +0.097 and +0.022, +0.084, +0.066); the 2019 and metadata sets have none, and no
    story line there or on the modern set matches.
    """
    start = _closing_run(lines, lambda line: _BARE_URL_RE.match(line) is not None)
    if len(lines) - start >= _MIN_LIST_LINES:
        lines = lines[: start - 1 if start > 1 and _is_label(lines[start - 1]) else start]
    start = _closing_run(
        lines,
        lambda line: len(line.split()) <= _DATED_POST_WORDS and bool(_DATED_POST_RE.search(line)),
    )
    if len(lines) - start >= _MIN_LIST_LINES:
        lines = lines[:start]
    lines = _drop_closing_citations(lines)
    return _cut_at_tail_line(lines, lambda line: _COPYRIGHT_RE.search(line) is not None)


def _drop_closing_citations(lines: list[str]) -> list[str]:
    """``lines`` without a closing reference list: two or more entries (``_CITATION_RE``),
    with the bare addresses they wrap onto and a short label above them."""
    start = _closing_run(
        lines, lambda line: bool(_CITATION_RE.match(line) or _BARE_URL_RE.match(line))
    )
    if sum(bool(_CITATION_RE.match(line)) for line in lines[start:]) < _MIN_LIST_LINES:
        return lines
    return lines[: start - 1 if start > 1 and _is_label(lines[start - 1]) else start]


# A site's appeal to its readers: a call for donations ("kept alive by reader donations",
# "Your one-off or monthly donation"), for support ("Support our mission ..."), or the
# consent notice under a contact form ("you are consenting to be contacted ...").
_APPEAL_RE = re.compile(
    r"\b(?:reader|one-off|monthly|tax-deductible) donations?\b"
    r"|\bsupport (?:our|independent) (?:journalism|mission|reporting|newsroom)\b"
    r"|\byou (?:are )?(?:consenting|consent) to be contacted\b"
    r"|\b(?:message|msg) (?:&|and) data rates may apply\b|\breply stop\b",
    re.I,
)


def drop_support_appeal(lines: list[str]) -> list[str]:
    """``lines`` without a support appeal or consent notice that closes them (``_APPEAL_RE``
    anywhere in one of the last four lines, never the first line), and the lines after it.

    On the modern development set 5 pages closed so (page F1 +0.008 to +0.041), none of
    them in the reference, and no story line there or on the 2019 and metadata sets matches.
    A plain "donate today" is left alone: a music school's post that closes with it keeps
    it in its reference.
    """
    return _cut_at_tail_line(lines, lambda line: _APPEAL_RE.search(line) is not None)


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


def drop_reading_list(lines: list[str]) -> list[str]:
    """``lines`` without a closing reading list: a label (``_READING_LABEL_RE``, 12 words at
    most) followed by list items only, to the end.

    Trafilatura keeps such a list when it stands in the story's container. On the modern
    development set 3 pages closed so (a review site's "Further reading" lists, a blog's
    "Related Articles from the ... blog:"), none of them in the reference: +0.0001, no page
    worse; no page of the 2019 or metadata sets changed. A list the label does not head, or
    with a story line after it, stays.
    """
    end = _closing_run(lines, lambda line: line.startswith(LIST_ITEM))
    if end == len(lines) or end < 2:
        return lines
    label = lines[end - 1]
    if len(label.split()) <= _READING_LABEL_WORDS and _READING_LABEL_RE.search(label):
        return lines[: end - 1]
    return lines


# A label crediting the author, a few words at most ("Written by Jane Roe", "About the
# Author:", "Medically reviewed by", "Article written by:"): the head of a byline box.
_CREDIT_LABEL_RE = re.compile(
    r"^\W{0,2}(?:about the (?:author|writer|contributor)s?|(?:article |post )?(?:written|authored)"
    r" by|(?:medically |fact[- ]checked and )?reviewed by|meet the (?:author|writer))\b"
    r"\W{0,3}(?:\w+\W*){0,4}$",
    re.I,
)
# A farewell to the readers or a request to follow the writer, opening its line ("Thank you
# for reading The Weekly", "Be sure to follow me on social media", "You can also connect
# with me here:").
_FAREWELL_RE = re.compile(
    r"^\W{0,2}(?:thanks?(?: you)? (?:so much )?for reading"
    r"|(?:be sure to |you can also )?(?:follow|connect with) (?:(?:me|us) )?(?:on|here|with)\b)",
    re.I,
)


# An invitation to correct the page, opening its line ("Improve this Blog Post", "Edit this
# page on GitHub", "Found a typo?"): the site's, under every post.
_EDIT_PROMPT_RE = re.compile(
    r"^\W{0,2}(?:(?:improve|edit) this (?:blog )?(?:post|page|article)\b"
    r"|found an? (?:typo|mistake)\b)",
    re.I,
)


def is_sign_off(line: str) -> bool:
    """A label crediting the author (``_CREDIT_LABEL_RE``), a farewell to the readers
    (``_FAREWELL_RE``) or an invitation to correct the page (``_EDIT_PROMPT_RE``: on the
    modern set 3 pages of one docs blog closed so, none in the reference, P +0.012 to +0.017;
    no 2019 or metadata page changed)."""
    return any(regex.match(line) for regex in (_CREDIT_LABEL_RE, _FAREWELL_RE, _EDIT_PROMPT_RE))


def drop_sign_off(lines: list[str]) -> list[str]:
    """``lines`` without a sign-off that closes them (``is_sign_off``, in the last four lines,
    never the first line), and the lines after it: the byline box, the social links or the
    newsletter's footer it heads.

    On the modern development set 10 pages closed so (5 credit labels, 5 farewells): 8
    better (page F1 up to +0.036: a newsletter's "Thank you for reading ..." footer, a
    blog's "Written by ..." box with the next posts' teasers), 2 worse (a "Thanks for
    reading" above a last tip its reference keeps, -0.006; a credit label its reference
    keeps, under -0.001); modern F1 +0.0002. No page of the 2019 or metadata sets changed.
    """
    return _cut_at_tail_line(lines, is_sign_off)


def drop_trailers(lines: list[str]) -> list[str]:
    """``lines`` without a closing author bio (``drop_author_bio``), legal notice
    (``drop_disclaimer``), reading list (``drop_reading_list``), reference matter
    (``drop_closing_references``), support appeal (``drop_support_appeal``) or sign-off
    (``drop_sign_off``)."""
    lines = drop_support_appeal(drop_closing_references(drop_reading_list(lines)))
    return drop_sign_off(drop_disclaimer(drop_author_bio(drop_disclaimer(lines))))
