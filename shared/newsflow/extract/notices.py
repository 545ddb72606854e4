"""A comment form's moderation notice: the form's, never the story's (pure).

Sites print their comment policy beside the comment form, in or just after the article's
container ("All comments are moderated", "Your comment will be reviewed by the moderator",
"Comentários ... não serão aprovados pelo moderador", "Kommentare werden moderiert"). When
recovery puts back the container's paragraphs, the notice comes with them.
"""

from __future__ import annotations

import re

__all__ = ["is_comment_notice"]

# a notice is a short line: a story's sentence about moderation runs longer
_NOTICE_MAX_WORDS = 25
# "comment" in the languages of the development sets, then a moderation word in the same
# sentence (moderated, moderator, moderati, moderador, modérés, modération, moderiert,
# freigeschaltet; not "modern", "Moderna", "moderate": "declined to comment on the
# modernisation", "comments from the moderate wing")
# Its lower-, title- and upper-case spellings hold one of these ("CoMMENTS" goes unread):
_STEMS = ("omment", "oment", "OMMENT", "OMENT")
_NOTICE_RE = re.compile(
    r"\b(?:comments?|coment[aá]rios?|kommentare?|commentaires?|commenti|komentar)\b"
    r"[^.!?]{0,120}?\b(?:moderat(?:ed|ion|ors?|[ioa])\b|moderazion|moderad[oa]s?\b|moderador"
    r"|mod[eé]r(?:[eé]|ation)|moderiert|freigeschalt|freischalt)",
    re.I,
)


def is_comment_notice(line: str, words: int) -> bool:
    """A line of 25 words or fewer (``words``: its word count) that says how the page's
    comments are moderated."""
    if words > _NOTICE_MAX_WORDS or not any(stem in line for stem in _STEMS):
        return False  # most lines: no regex search
    return _NOTICE_RE.search(line) is not None
