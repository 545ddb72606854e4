"""Site blocks that close a story's body as plain lines: contact blocks (pure).

Trafilatura keeps the last blocks of a page's main container when they are set as plain
paragraphs. Besides the kinds ``trailers`` drops (bios, notices, references, appeals,
sign-offs), modern business and blog pages close that container with more blocks of the
site's own, never the story's: a contact block (a "Contact us" / "Contact info" / "Get
in touch" label over the site's addresses, phone numbers, e-mail and a booking button).
"""

from __future__ import annotations

import re

__all__ = ["drop_closers", "drop_contact_block", "is_contact_label"]

# A contact block's label: the whole line, a few words ("Contact Us", "CONTACT INFO:",
# "Get in touch", "Our offices"). A story's sentence about contacting someone is longer.
_CONTACT_LABEL_RE = re.compile(
    r"^\W{0,2}(?:contact (?:us|info(?:rmation)?|details)|get in touch|reach us"
    r"|our (?:offices|locations))\W{0,3}$",
    re.I,
)
# The label heads the block within the body's last lines, and the block is short: on the
# modern development set the longest (15 lines, 152 words) is an outsourcing firm's
# "Contact Us" over its partner appeal and three countries' office addresses.
_CONTACT_TAIL_LINES = 16
_CONTACT_MAX_WORDS = 250


def is_contact_label(line: str) -> bool:
    """A line that is a contact block's label alone ("Contact Us", "CONTACT INFO")."""
    return _CONTACT_LABEL_RE.match(line) is not None


def drop_contact_block(lines: list[str]) -> list[str]:
    """``lines`` without a contact block that closes them: a contact label
    (``is_contact_label``) in the last 16 lines, never the first line, with at most 250
    words from it to the end.

    On the modern development set 3 pages closed so (an outsourcing firm's office
    addresses, a music school's phone and "Book your first lesson", an agency's form
    reply), none of them in the reference; no line of the 2019 or metadata sets matches.
    """
    for i in range(max(1, len(lines) - _CONTACT_TAIL_LINES), len(lines)):
        if is_contact_label(lines[i]):
            if sum(len(line.split()) for line in lines[i:]) <= _CONTACT_MAX_WORDS:
                return lines[:i]
            break
    return lines


def drop_closers(lines: list[str]) -> list[str]:
    """``lines`` without a closing contact block (``drop_contact_block``)."""
    return drop_contact_block(lines)
