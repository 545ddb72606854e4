"""Site blocks that close a story's body as plain lines: contact blocks, author cards,
organisation notes (pure).

Trafilatura keeps the last blocks of a page's main container when they are set as plain
paragraphs. Besides the kinds ``trailers`` drops (bios, notices, references, appeals,
sign-offs), modern business and blog pages close that container with three more blocks of
the site's own, never the story's:

- a contact block: a "Contact us" / "Contact info" / "Get in touch" label over the site's
  addresses, phone numbers, e-mail and a booking button;
- an author card: the writer's name on a line of its own over their job title ("Jane Roe" /
  "Content Writer"), or a bio that opens on the writer's greeting ("Hi there! I'm Jane,
  and I ...") or role ("As a writer, Jane creates ...") rather than on their name
  (``trailers.is_author_bio``);
- an organisation's note about itself ("About Acme" / "Acme is a global provider of ..."),
  a press release's or company blog's boilerplate.
"""

from __future__ import annotations

import re

from newsflow.extract.trailers import names_role

__all__ = [
    "drop_author_card",
    "drop_closers",
    "drop_contact_block",
    "drop_organisation_note",
    "is_contact_label",
]

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

# An author card: the name line, then the title line, within the body's last lines.
_CARD_TAIL_LINES = 8
# A person's name alone on its line: one to four capitalised words ("Sam", "Jennifer
# Simonazzi"), credentials after a comma allowed ("Ana Ruiz, MD"); no closing stop.
_NAME_LINE_RE = re.compile(
    r"^(?!(?:The|This|That|These|Our|My|Your|About)\b)[A-Z][\w'’.-]*"
    r"(?:\s+[A-Z][\w'’.-]*){0,3}(?:,\s+[A-Z][\w.]*(?:,\s*[A-Z][\w.]*){0,3})?$"
)
# A job title on its line: a few words naming a role ("Content and Email Manager at Acme",
# "Head of Product Marketing", "Technical Writing"), without a sentence's stop, digits,
# commas, brackets or an address: a book list's "Author, translated by X (Publisher)" or a
# reference "[3] ... https://..." is no title.
_TITLE_MAX_WORDS = 10
_NOT_TITLE_RE = re.compile(r"[.!?:]\s*$|[\d,()\[\]/@]")
# A card sets the title in title case, as the name ("Content Writer", "Content and Email
# Manager at Acme": every word of four letters or more opens with a capital, both such cards
# of the modern development set); a subheading over a short sentence of the story ("What
# Happens Next" / "Council staff will publish marketing materials") has lower-case words.
_LOWER_LONG_WORD_RE = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]{3,}")
_TITLE_ROLE_RE = re.compile(
    r"\b(?:manager|head of|lead|officer|chief|vp|writing|marketing|editorial|staff)\b", re.I
)
# A bio that opens on the writer's greeting or role instead of their name.
_GREETING_BIO_RE = re.compile(r"^\W{0,2}(?i:hi|hello|hey)(?i: there)?\W{1,3}I['’]m [A-Z]")
# The role-first bio names the writer after the comma ("As a writer, Pavlina creates ..."): a
# story's own "As a physician, I urge ..." (a pronoun) or "As a lawyer, Smith said ..." (a
# quote's attribution, ``_REPORTED_RE``) is no bio.
_ROLE_FIRST_BIO_RE = re.compile(
    r"^\W{0,2}(?i:as an?) (?:[\w-]+\s+){0,3}?(?P<role>[\w-]+), "
    r"(?!(?:I|We|He|She|They|It|You)\b)[A-Z]"
)
_REPORTED_RE = re.compile(r"\b(?:said|says|told|added|argued|wrote)\b")
# Both start within the body's last four lines, as ``trailers``' bios do.
_BIO_TAIL_LINES = 4


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


def _is_title_line(line: str) -> bool:
    words = line.split()
    if not 0 < len(words) <= _TITLE_MAX_WORDS or _NOT_TITLE_RE.search(line):
        return False
    if _LOWER_LONG_WORD_RE.search(line):
        return False
    return names_role(line) or _TITLE_ROLE_RE.search(line) is not None


def _opens_bio(line: str) -> bool:
    if _GREETING_BIO_RE.match(line):
        return True
    match = _ROLE_FIRST_BIO_RE.match(line)
    return match is not None and names_role(match["role"]) and not _REPORTED_RE.search(line)


def _is_card(lines: list[str], i: int) -> bool:
    """Whether ``lines[i]`` is a name line over a job-title line."""
    return (
        i + 1 < len(lines)
        and _NAME_LINE_RE.match(lines[i].strip()) is not None
        and _is_title_line(lines[i + 1])
    )


def drop_author_card(lines: list[str]) -> list[str]:
    """``lines`` without an author card that closes them, and the lines after it: the
    body's only name line over a job-title line, in its last 8 lines, or a bio opening on a
    greeting or a role in the last 4; never the first line.

    Two or more name-and-title pairs are a list of people (a team, speakers, an interview's
    panel) and stay. On the modern development set 4 pages closed with a card (a
    newsletter's "Sam" / "Content and Email Manager at ...", a software blog's writer card,
    a travel blog's "Hi there! I'm ..." box), none of them in the reference.
    """
    start = max(1, len(lines) - _CARD_TAIL_LINES)
    cards = [i for i in range(1, len(lines)) if _is_card(lines, i)]
    if len(cards) == 1 and cards[0] >= start:
        return lines[: cards[0]]
    for i in range(max(1, len(lines) - _BIO_TAIL_LINES), len(lines)):
        if _opens_bio(lines[i].strip()):
            return lines[:i]
    return lines


# An organisation's note about itself: its name (a few capitalised words) "is a/an/the ...
# company / firm / provider / leader / directory ..." within six words: a press release's
# or company blog's boilerplate ("Acme is a global solutions provider focused on ...").
# A pronoun or "There" opens a sentence of the story about someone ("She is the first woman
# to lead the agency"), never an organisation's name; and the words between the article and
# the noun describe the organisation ("a global solutions provider"): a preposition or
# relative word there makes the noun another's ("a former leader of the agency", "an
# analyst at the firm").
_NOT_ORG_NAME = r"(?:The|This|It|That|He|She|They|We|You|I|There|Here|Its|His|Her|Their|Our)"
_NOT_ORG_WORD = r"(?:to|of|in|at|on|for|from|with|by|who|which|that|whose)"
_ORG_NOTE_RE = re.compile(
    rf"^(?!{_NOT_ORG_NAME}\b)(?:[A-Z][\w.&'’-]*\s){{0,3}}[A-Z][\w.&'’-]*,? (?:is|has been) "
    rf"(?:a|an|the) (?:(?!{_NOT_ORG_WORD}\b)[\w-]+ ){{0,6}}?"
    r"(?:company|organi[sz]ation|firm|provider|agency|leader"
    r"|nonprofit|non-profit|platform|directory|publisher|network|consultancy|manufacturer"
    r"|retailer|startup)\b"
)
# The short heading over it ("About Acme").
_ABOUT_LABEL_RE = re.compile(r"^\W{0,2}About (?:[A-Z][\w.&'’-]*\s?){1,4}\W{0,2}$")


def drop_organisation_note(lines: list[str]) -> list[str]:
    """``lines`` without an organisation's note about itself that closes them
    (``_ORG_NOTE_RE``, in the last 4 lines, never the first line), its "About ..." heading
    and the lines after it.

    A note that answers a question on the line above ("Where can I learn more about Acme?"
    / "Acme is a venture firm ...") is the story's own FAQ and stays. On the modern
    development set 3 pages closed with such a note (an outsourcing firm's, a media group's,
    a directory's), none in the reference; on the 2019 set one (a press release's "Ascom is
    a global solutions provider ...", not in the reference); no metadata page changed.
    """
    for i in range(max(1, len(lines) - _BIO_TAIL_LINES), len(lines)):
        if _ORG_NOTE_RE.match(lines[i]) and not lines[i - 1].rstrip().endswith("?"):
            about = i > 1 and _ABOUT_LABEL_RE.match(lines[i - 1]) is not None
            return lines[: i - 1 if about else i]
    return lines


def drop_closers(lines: list[str]) -> list[str]:
    """``lines`` without a closing contact block (``drop_contact_block``), author card
    (``drop_author_card``) or organisation note (``drop_organisation_note``)."""
    return drop_organisation_note(drop_author_card(drop_contact_block(lines)))
