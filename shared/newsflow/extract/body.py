"""Main text: the article's paragraphs, without boilerplate (pure, no I/O).

``extract_paragraphs`` returns the body of a news article as a list of
cleaned paragraphs. Trafilatura (precision mode) does the heavy lifting; this
module adds what it gets wrong most often on news pages:

* pre-cleaning: hover cards, tooltips and visually hidden nodes whose text
  trafilatura would otherwise splice into sentences;
* recovery: articles split over several sibling body containers, and
  paragraphs of the chosen container that trafilatura dropped;
* post-filtering: headline repeats, captions and photo credits, share /
  newsletter / related-link / comment prompts, ad labels, agency sign-offs.

Everything is pure (no I/O).
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import cast

from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

from newsflow.extract.blocks import (
    HEADINGS,
    LIST_ITEM,
    is_lead_in,
    is_structure,
    kept_structure_weight,
    structure_lines,
)
from newsflow.extract.cards import card_lines, sibling_card_lines, without_slide_counters
from newsflow.extract.closers import drop_closers
from newsflow.extract.code_anchors import code_anchors
from newsflow.extract.continued import continuations
from newsflow.extract.credits import is_captioned_credit, is_credit_line, may_hold_credit
from newsflow.extract.fallback_paths import extract, fallback_text
from newsflow.extract.first_pass import precision_text
from newsflow.extract.foreign import drop_foreign
from newsflow.extract.notices import is_comment_notice
from newsflow.extract.sponsor_box import without_sponsor_boxes
from newsflow.extract.stoplists import stoplist_language
from newsflow.extract.streamed import place_streamed_parts
from newsflow.extract.summary_box import kept_paragraphs, with_summary_box
from newsflow.extract.tables import is_data_table
from newsflow.extract.teasers import drop_teasers
from newsflow.extract.text import (
    count_words,
    element_signature,
    element_text,
    link_word_count,
    text_content,
    word_grams,
    word_key,
    word_runs,
)
from newsflow.extract.trailers import drop_trailers
from newsflow.extract.walk import PageWalk, document_tops
from newsflow.extract.xpath import (
    attribute_values,
    elements_with_any,
    matching_values,
    may_match,
)

__all__ = ["extract_paragraphs"]

_FUZZY_MATCH_CHARS = 200_000
# A first pass is short when empty or under a quarter of the page's visible words; the next
# strategy's body replaces it when 1.5x longer. Chosen on both development sets (2019 and
# modern, every strategy run on every page): the next strategy wins on 44 of 483 modern pages
# and 1 of 88 2019 pages, all but one of them under a quarter. A share of 0.4 (or any body
# under 200 words) ran it on 53 of 88 2019 pages and 117 modern ones, each a whole
# trafilatura run, for that one more win (modern F1 +0.0008); 0.15 loses 2 more wins.
# Gains of 1.5-2.0 score alike, lower gains let boilerplate in.
_FIRST_PASS_PAGE_SHARE = 0.25
_NEXT_STRATEGY_GAIN = 1.5
# Confidence: where a body starts to look doubtful (see ``confidence``).
_CONFIDENT_WORDS = 150
_CONFIDENT_MIN_SHARE = 0.25
_CONFIDENT_MAX_SHARE = 0.8
_FALLBACK_FACTOR = 0.8
_LAYOUT_CELL_WORDS = 60
# A div in a table cell holding this many words or fewer, and no blocks, is a label's wrapper.
_LABEL_DIV_WORDS = 20
_LINK_LINE_MAX_WORDS = 15
# A sentence that introduces a list ("Meditation has been shown to help improve:"): labels
# above teaser lists ("Related stories:", "More from the desk:") are shorter.
_PROMO_BOX_MAX_WORDS = 50


def _whole_name_parts(names: list[str]) -> str:
    """A pattern finding any of ``names`` as a whole part of a class or id value: at the
    value's ends or between spaces, "_" and "-" ("cta" in "article-cta-box", not in "actas").

    It means ``(?:^|[\\s_-])(?:name|...)(?:$|[\\s_-])``, written so that every alternative
    starts with a letter (the part's first, then a look back past it): re then skips to the
    positions holding one of those letters, 3x faster over a page's class and id values.
    """
    return "|".join(
        rf"{re.escape(name[0])}(?<![^\s_-]{re.escape(name[0])}){re.escape(name[1:])}(?![^\s_-])"
        for name in names
    )


# A call-to-action box ("article-cta-box") is a promo too; "cta" only as a whole name part.
_PROMO_BOX_RE = re.compile(
    r"newsletter|mailmagazine|subscribe|signup|sign-up|promo|" + _whole_name_parts(["cta"])
)
# Boxes around the story that are never its text: the author's bio, legal disclaimers and
# disclosures. Capped in size so a page wrapped in one stays whole. (Not cookie-consent
# dialogs: removing one can change which strategy wins on a gallery page.)
# Lower case: matched against lower-cased class and id values (camelCase "authorBio" too);
# a case-insensitive pattern costs 5-8x more per page.
_ASIDE_BOX_RE = re.compile(
    r"disclaimer|disclosure|author-?(?:box|bio|info|description|profile)|about-?(?:the-?)?author"
    r"|bio\b"
)
_ASIDE_BOX_MAX_WORDS = 300
_MAX_WORD_CHARS = 40
_BOX_RE = re.compile(f"{_PROMO_BOX_RE.pattern}|{_ASIDE_BOX_RE.pattern}")
_HEADER_MAX_WORDS = 10
# A line without a closing stop is still a sentence from 12 words: headlines are shorter.
_SENTENCE_WORDS = 12
_BYLINE_LINE_RE = re.compile(
    r"^\W*(?:(?:compiled|written|reported)\s+)?(?:by|von|par|por|di|door|автор|av|af)\b\s*:?\s+\w",
    re.I,
)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
    "oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|"
    "novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    "octubre|noviembre|diciembre"
)
_DATE_LINE_RE = re.compile(
    rf"\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b(?:{_MONTHS})[a-zé]*\.?\s+\d{{1,2}},?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}\.?\s+(?:{_MONTHS})[a-zé]*\.?,?\s+\d{{4}}\b",
    re.I,
)
_ROLE_LINE_RE = re.compile(
    r"^\W*(?:[\w.]+\s+){0,2}(?:staff\s+writer|correspondent|reporter|contributor|columnist"
    r"|editor|redakteur|korrespondent)\W*$",
    re.I,
)
_DOUBLE_BREAK = re.compile(r"(?:<br\s*/?>\s*){2,}", re.I)

_LETTERS_OR_DIGITS = re.compile(r"[^\W_]")

# Inline pop-ups (people/stock hover cards, tooltips, screen-reader-only
# labels) live inside <p> and would be read as part of the sentence.
# Lower case, matched against lower-cased values (``matching_values(fold_case=True)``), as
# ``_BOX_RE``: a case-insensitive pattern costs 3-4x more per page.
_POPUP_CLASS_RE = re.compile(
    _whole_name_parts(
        [
            "tooltip",
            "popover",
            "hovercard",
            "hover-card",
            "sr-only",
            "visually-hidden",
            "visuallyhidden",
            "screen-reader",
            "element-invisible",
        ]
    )
)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")

# A dateline's label ("Updated: 3 March", "Posted on Monday", "Published by ...", or bare
# "Published:" over a date of its own): what follows the label, if anything, holds a digit,
# opens with a weekday, "today", "yesterday", "just now" or "by", or is a time "ago" ("Updated
# an hour ago", "Posted moments ago"). A line that only opens with the word is
# the story's ("Posted in News Release", a changelog's "Updated and maintained ...", a schema's
# "updatedAt: DateTime!"): on the modern development set 3 pages of 3 sites better, none
# worse, no page of the 2019 or metadata sets changed (issue 10).
_DATELINE_LABEL = r"""
      | (?:updated|published|posted|last\s+updated)(?:\s+(?:at|on))?\s*:?\s*
        (?:(?=\D{0,40}\d|[\w ]{0,30}\bago\W*$
              |(?:by|today|yesterday|just\s+now|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)
          [\w,.:/ ]{0,40})?"""

# Paragraph-level boilerplate. Anchored and short-line-only so that real
# sentences that happen to contain these words survive. The labels over links to other pages
# are those no reference of the three development sets keeps ("Further reading", "Read next:
# <title>" and "Related <noun>" other than the listed nouns stand in some): on the metadata
# set 10 pages of 9 sites better, on the modern set 3 better and 1 worse.
_BOILER_LINE_RE = re.compile(
    r"""^\W*(?:
        advertisement|advertising|anzeige|publicidad|publicit[eé]|pubblicit[aà]|реклама
      | (?:\d+\s*)?comments?|comentarios?|kommentare|commenti
      | share(?:\s+this)?(?:\s+(?:article|story|post))?|tweet|email|print
      | (?:related(?:\s+(?:posts?|stories|story|articles?|content|coverage|reading|links?|videos?))?
          |read\s+more|see\s+more|more|also|also\s+read|read\s+also|don'?t\s+miss|watch|listen
          |you\s+(?:may|might)\s+also\s+(?:like|enjoy|check|be\s+interested\s+in\b[\w\s]{0,30})
          |recommended|trending|more\s+from\s+[\w\s]{1,30}|more\s+news|also\s+check
          |more\s+articles\s+you\s+(?:may|might)\s+(?:like|enjoy)|most\s+read(?:\s+in\s+[\w\s]{1,30})?)
        \W*(?::.*)?
      | (?:lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|à\s+lire\s+aussi|lire\s+aussi
          |auch\s+interessant|weiterführende\s+links|mehr\s+themen(?:\s+auf\s+[\w.]{1,30})?
          |czytaj\s+(?:więcej|też|także)
          |lea\s+también|leer\s+más|leggi\s+anche|ler\s+também|leia\s+também
          |читайте\s+также|также\s+читайте|другие\s+новости|関連記事|おすすめ情報)\W*(?::.*)?
      | (?:continue|continues)\s+(?:reading|below).*|(?:story|article)\s+continues\s+below.*
      | tell\s+us\s+what\s+you\s+think.*
      | like\s+this\s+(?:story|article)\?.*
      | also\s+on\s+\S+\.\w+\b.*
      | filed\s+under\s*:.*
      | source\s*:\s*[^.]{0,60}
      | tempo\s+de\s+leitura\s*:.*
      | (?:reading|read)\s+time\s*:.*
      | \d+\s+min(?:ute)?s?\s+read
      | \d+\s+(?:photos|images|pictures|fotos|bilder|photographs)
      | copyright\b(?:\W+\w+){0,4}|©.*|\(c\)\s.*  # a credit; a notice: ©/year, rights
      | copyright\b(?:\W+\w+){0,5}?\W*(?:[©ⓒ]|\(c\)|\b(?:19|20)\d\d\b).*
      | copyright\b.*all\s+rights\s+reserved.*
    """
    + _DATELINE_LABEL
    + r"""
      | (?:photo|image|picture|foto|video)\s*(?:credit)?s?\s*:.*
      | (?:(?:photo|image|picture|foto|video)s?\s+)?courtesy(?:\s+of)?(?:\s+[^.!?]{1,60})?
      | (?:table\s+of\s+)?contents|in\s+this\s+(?:article|post|guide)|on\s+this\s+page
      | jump\s+to(?:\s+(?:a\s+)?section)?|topics\s+covered
    )\W*$""",
    re.I | re.X,
)

# Promo and call-to-action lines. "Sign up for" / "subscribe to" counts when it names "our"/
# "my" thing, or tells the reader (a sentence's first words, after "you (can)", "to", "and")
# to sign up for a newsletter; a story's third-person line ("Residents can sign up for flood
# alerts") is kept, and so is a step or tip signing the reader up for another's service ("Sign
# up for a Hulu ad-free account", "you'll need to sign up for a premium plan"): how-to guides,
# reviews and deal posts are made of those, and their references keep them. The words end
# there ("subscribe today", "sign up forms" are not "subscribe to", "sign up for"). On the
# three development sets 10 of the 13 lines the reader-directed form dropped stood in their
# reference: narrowed, 2019 1 page better (F1 0.98751 -> 0.98761), modern 3 better and none
# worse by 0.005 (0.96678 -> 0.96684), no metadata page changed (issue 10).
# A sign-up form's own prompt and messages ("Enter email address", '"*" indicates required
# fields', "Awesome, you're subscribed!", "We already have this email", "If you do not
# receive a confirmation email, ...") stand in no reference of the development sets.
_PROMO_RE = re.compile(
    r"""(?:
        (?:(?:^|[:.!?|–—]\s)\W*(?:please\s+)?|\byou\s+(?:can\s+)?|\bto\s+|\band\s+)
        (?:sign\s+up\s+for|subscribe\s+to)\b(?=[^.!?]{0,60}\bnewsletters?\b)
      | (?:sign\s+up\s+for|subscribe\s+to)\s+(?:our|my)\b
      | newsletters?\b.*\binbox|inbox\b.*\bnewsletters?
      | get\s+the\s+latest\b.*\b(?:inbox|newsletter)
      | follow\s+(?:us|him|her|them|[A-Z][\w\s.']{0,40})\s+on\s+(?:twitter|facebook|instagram)
      | (?:like|follow)\s+us\s+on
      | having\s+(?:issues|trouble)\s+with\s+comment
      | please\s+(?:let\s+us\s+know|read\s+our)\b.*comment
      | (?:share|send)\s+(?:it|this)\s+with\s+a\s+friend
      | delivered\s+(?:to|through)\s+your\s+(?:inbox|letterbox|door)
      | click\s+here\s+(?:for\s+more|to\s+subscribe|to\s+sign)
      | have\s+a\s+(?:news\s+)?tip\?
      | we'?d\s+like\s+to\s+hear\s+what\s+you\s+think
      | all\s+rights\s+reserved
      | e-?mail\s+this\s+(?:story|article|page)|printer[-\s]friendly|версия\s+для\s+печати
      | stay\s+informed\s*:
      | get\s+our\b.{0,60}\bnewsletter
      | download\s+our\s+app
      | we\s+use\s+cookies|by\s+clicking\s+\W?accept
      | manage\s+(?:cookie|consent)\s+(?:settings|preferences)
      | join\s+our\s+(?:newsletter|mailing\s+list)|thank\s+you\s+for\s+subscribing
      | sign\s+up\s+(?:to|for)\s+(?:our|the)\s+(?:\w+\s+)?newsletter
      | ^\W*(?:e-?mail\s+address|get\s+started\s+today|book\s+a\s+demo\b.*)\W*$
      | ^\W*enter\s+(?:your\s+)?e-?mail(?:\s+address)?\W*$|^\W*indicates\s+required\s+fields?\W*$
      | \byou'?re\s+(?:now\s+)?subscribed\b|\bwe\s+already\s+have\s+this\s+e-?mail\b
      | ^\W*if\s+you\s+(?:do\s+not|don'?t|did\s+not|didn'?t)\s+receive\s+(?:a|the|our)
        \s+confirmation\s+e-?mail
      | \bhas\s+a\s+disclosure\s+policy\W*$|\bour\s+editorial\s+(?:process|guidelines|policy)\W*$
    )""",
    re.I | re.X,
)

# Every alternative of ``_PROMO_RE`` spells one of these words (lower-case): a line holding
# none of them cannot match, and most lines hold none. Testing the words costs a tenth of the
# pattern's search (its ~25 alternatives are tried at every position of the line). The four
# characters re.IGNORECASE matches to ASCII letters that str.lower() does not map there
# ("İ", "ı", "ſ", "K") send a line to the pattern itself. tests/unit/test_body_cost.py checks
# each alternative names a word.
_PROMO_WORDS = (
    "sign", "subscrib", "newsletter", "inbox", "latest", "follow", "like", "comment", "friend",
    "delivered", "click", "tip", "think", "reserved", "mail", "printer", "печати", "informed",
    "download", "cookie", "manage", "join", "started", "demo", "disclosure", "editorial",
    "required",
)  # fmt: skip
_FOLDED_UNLIKE_LOWER = re.compile("[\u0130\u0131\u017f\u212a]")


def _lower_if_alike(line: str) -> str | None:
    """``line.lower()``, or None when re.IGNORECASE reads a letter of the line otherwise (one
    of ``_FOLDED_UNLIKE_LOWER``): a word prefilter on the lower-cased line then proves
    nothing. The four letters are not ASCII: isascii() settles most lines without reading a
    character, and the rest take a regex search, a third of the cost of a set's isdisjoint."""
    if line.isascii() or _FOLDED_UNLIKE_LOWER.search(line) is None:
        return line.lower()
    return None


def top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of a pattern's outer group ``(?:...)``, split at its ``|`` (not nested,
    escaped or in a character class), stripped."""
    inner = pattern.strip()[3:-1]  # "(?:" ... ")"
    parts, depth, start, klass, escaped = [], 0, 0, False, False
    for i, char in enumerate(inner):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif klass:
            klass = char != "]"
        elif char == "[":
            klass = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    return [part.strip() for part in [*parts, inner[start:]]]


# Each word's alternatives of ``_PROMO_RE`` (those that spell it), as one pattern: a line is
# searched only with the alternatives of the words it holds (an alternative matches only a
# line holding a word it spells), a few of the pattern's alternatives on a usual line instead
# of all of them at every position (modern development set: half the cost of ``_is_promo``).
_PROMO_BY_WORD = {
    word: re.compile(
        "|".join(
            f"(?:{alternative})"
            for alternative in top_level_alternatives(_PROMO_RE.pattern)
            if word in alternative.lower()
        ),
        _PROMO_RE.flags,
    )
    for word in _PROMO_WORDS
}


def _is_promo(line: str, lower: str | None) -> bool:
    """``_PROMO_RE.search(line)``, searching only with the alternatives of the words the line
    holds (``_PROMO_BY_WORD``). ``lower``: ``_lower_if_alike(line)``."""
    if lower is None:
        return _PROMO_RE.search(line) is not None
    for word, pattern in _PROMO_BY_WORD.items():  # a loop: a generator costs a sixth more
        if word in lower and pattern.search(line) is not None:
            return True
    return False


# Cookie-consent text that a consent plugin prints into the page, often as a table of the
# cookies it sets ("cookielawinfo-checkbox-analytics | 11 months | This cookie is set by
# ..."): the cookie banner's own sentences and each row of its table. Story sentences that
# name cookies ("a skillet cookie", "headers like Cookie") say nothing of setting them.
# A banner's sentence speaks of the site and its visitors ("... essential for the website to
# function", "... to remember your choice"); a story about cookie rules ("... before any
# tracking cookies are set") need not, and is kept.
_CONSENT_RE = re.compile(
    r"\bcookies?\b.{0,60}\b(?:is|are)\s+(?:set|used|absolutely|essential|necessary|stored)\b"
    r"|\b(?:necessary|functional|analytics|performance)\s+cookies\b",
    re.I,
)
_CONSENT_ADDRESS_RE = re.compile(
    r"\b(?:website|site|plugin|browser|visitors?|users?|you|your|we|our)\b", re.I
)
_CONSENT_ROW_RE = re.compile(r"^\W*cookie\s*\|\s*duration|cookielawinfo", re.I)

# A line that reports what it quotes ("'We use cookies ...', the banner told visitors";
# "Sign up for our newsletter, one writer told readers") is the story's, not the page's
# own promo or banner.
_REPORTED_RE = re.compile(
    r"\b(?:said|says|told|wrote|urged|warned|according\s+to|(?:found|ruled)\s+that)\b", re.I
)
_CONSENT_MAX_WORDS = 80

# Agency sign-off lines ("Reporting by ...; Editing by ...").
_SIGNOFF_RE = re.compile(
    r"^\W*(?:\(?\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b|"
    r".{0,80}\bcontributed\s+(?:reporting|to\s+this\s+report)\b)",
    re.I,
)
# Every match of _SIGNOFF_RE spells one of these (lower-case): most lines hold none, and
# skip its search, whose ".{0,80}" is tried at every length.
_SIGNOFF_WORDS = ("reporting", "writing", "editing", "contributed")

# A line that is only a photo credit, wherever it stands ("AP Photo", "Foto: dpa", "Fot. PAP",
# "사진=연합뉴스"), and a caption closed by one: ``credits.is_credit_line`` and
# ``credits.is_captioned_credit``.

# A picture's source said in words at the line's start ("Image from the March 2024 review",
# "Image used under license from Shutterstock", "Photo courtesy of the museum", "Image
# provided by the brand"). "Picture by ..." lines stay: the modern set's reference keeps
# one (modern set: 2 pages better).
_CREDIT_SOURCE_LINE_RE = re.compile(
    r"^\W*(?:photo|image|picture|foto|bild)s?\s+(?:from|via|courtesy(?:\s+of)?"
    r"|(?:provided|supplied)\s+by|used\s+under\s+licen[cs]e|sourced\s+from)\b",
    re.I,
)
_CREDIT_LINE_MAX_WORDS = 10


def _is_credit_line(line: str, words: int) -> bool:
    """A paragraph of ``words`` words that is only a photo or video credit (agency or labelled,
    ``credits.is_credit_line``; a source said in words) or a caption closed by one
    (``credits.is_captioned_credit``)."""
    if not may_hold_credit(line):  # no label's or agency's word: nor a source's, below
        return False
    if words <= _CREDIT_LINE_MAX_WORDS and (
        is_credit_line(line) or _CREDIT_SOURCE_LINE_RE.match(line)
    ):
        return True
    return is_captioned_credit(line)


_INLINE_TAGS = frozenset(
    ("span", "a", "em", "strong", "b", "i", "u", "font", "small", "sup", "sub", "mark")
)
# Classes trafilatura's precision mode discards wholesale; harmless on an
# inline wrapper inside a paragraph (e.g. <span class="link"><a>..</a></span>).
_PRECISION_TRAP_RE = re.compile(r"(?:^|\s)(?:link|bottom)(?:\s|$)", re.I)


def _remove_keep_tail(el: HtmlElement) -> None:
    """Remove ``el`` but keep its tail text, which belongs to the sentence."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn tables used for page layout into plain blocks, so their text reads as prose.

    Old sites lay the whole page out in tables; trafilatura would then render the article
    as table rows. A table is a layout table when a cell holds blocks (a paragraph, a table,
    a div of blocks or running text: ``_is_layout_div``) or running text, unless header cells
    name its columns (``tables.is_data_table``).
    """
    for table in list(tree.iter("table")):
        if is_data_table(table):
            continue
        cells = list(table.iter("td", "th"))
        single_column = all(
            len(row.findall("td")) + len(row.findall("th")) <= 1 for row in table.iter("tr")
        )
        if not single_column and not any(
            # a block inside (one walk of the cell, not an ElementPath search per tag)
            next(c.iterdescendants("p", "table"), None) is not None
            or any(_is_layout_div(div) for div in c.iterdescendants("div"))
            or word_runs(c.text_content()) > _LAYOUT_CELL_WORDS
            for c in cells
        ):
            continue
        for element in _layout_parts(table):
            element.tag = "div"


def _layout_parts(table: HtmlElement) -> list[HtmlElement]:
    """The table elements of layout table ``table`` to flatten: its own and those of nested
    layout tables, not those of a data table nested in a cell (``tables.is_data_table``: an
    old council page's schedule with its header row, inside the layout cell of the notice).
    """
    kept = [t for t in table.iterdescendants("table") if is_data_table(t)]
    inside = {e for t in kept for e in t.iter()}
    parts = table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th")
    return [e for e in parts if e not in inside]


def _slides(hidden: list[HtmlElement]) -> set[HtmlElement]:
    """The `hidden` elements that are each one of three or more siblings of their tag and
    class: a slideshow's or carousel's slides, which the page's script shows in turn (a list
    article's items set as slides, all but the first ``display:none``). They stay, as the
    shown one does. Each parent's children are counted once (a menu of hundreds of hidden
    items is not counted once per item)."""
    counts: dict[HtmlElement, Counter[tuple[str, str]]] = {}
    out: set[HtmlElement] = set()
    for el in hidden:
        parent = el.getparent()
        if parent is None or not el.get("class"):
            continue
        if parent not in counts:
            counts[parent] = Counter(element_signature(c) for c in parent if isinstance(c.tag, str))
        if counts[parent][element_signature(el)] >= 3:
            out.add(el)
    return out


def _is_layout_div(div: HtmlElement) -> bool:
    """A div in a table cell that makes the table layout: one holding blocks, or running text
    (more than ``_LABEL_DIV_WORDS`` words).

    A grid of short cells is data whatever wraps their text: on the modern development set
    a training plan's week table set its row labels in ``<td><div>1st</div></td>``, and read
    as layout its rows were lost (page F1 0.918 -> 0.995 as a table; no other page of the
    three sets changed, issue 10).
    """
    if next(div.iterdescendants("p", "div", "table"), None) is not None:
        return True
    return word_runs(div.text_content()) > _LABEL_DIV_WORDS


def _split_double_breaks(tree: HtmlElement) -> int:
    """Text separated by <br><br> inside an inline-only block becomes <p> paragraphs; returns
    how many blocks were split.

    Hand-written and old CMS pages mark paragraphs with blank lines, not <p>; without
    paragraphs the extractor sees one block and may drop or merge the story.
    """
    split = 0
    for parent in _double_break_parents(tree):
        if any(
            child.tag not in _INLINE_TAGS and child.tag not in {"br", "img"} for child in parent
        ):
            continue
        inner = (parent.text or "") + "".join(
            etree.tostring(child, encoding="unicode", with_tail=True) for child in parent
        )
        chunks = [c for c in _DOUBLE_BREAK.split(inner) if c.strip()]
        if len(chunks) < 2:
            continue
        for child in list(parent):
            parent.remove(child)
        parent.text = None
        for chunk in chunks:
            parent.append(fragment_fromstring(chunk, create_parent="p"))
        split += 1
    return split


def _double_break_parents(tree: HtmlElement) -> list[HtmlElement]:
    """The elements of the body holding a ``<br>`` whose next element sibling is a ``<br>``,
    outside ``<p>`` and quotes, in document order: the XPath
    ``//body//*[br/following-sibling::*[1][self::br]][not(ancestor-or-self::p)]
    [not(ancestor-or-self::blockquote)]``, at half its cost on the development sets (the
    same elements on all 715 pages): the page's ``<br>`` are found in C, and libxml2 no longer
    tests every element for a ``<br>`` child.

    Not inside ``<p>`` or quotes: a ``<p>`` cannot hold paragraphs, and embedded posts keep
    their own line breaks.
    """
    found: dict[HtmlElement, None] = {}
    for br in tree.iter("br"):
        after = br.getnext()
        while after is not None and not isinstance(after.tag, str):  # a comment, not an element
            after = after.getnext()
        if after is not None and after.tag == "br":
            found[br.getparent()] = None
    parents = [
        parent
        for parent in found
        if parent.tag not in ("p", "blockquote")
        and next(parent.iterancestors("p", "blockquote"), None) is None
        and next(parent.iterancestors("body"), None) is not None
    ]
    # found in the order of their <br>: an element whose pair follows a child's comes later
    return sorted(parents, key=_tree_position) if len(parents) > 1 else parents


def _tree_position(element: HtmlElement) -> list[int]:
    """`element`'s child index at each level from the root: sorts elements in document
    order."""
    path = []
    while (parent := element.getparent()) is not None:
        path.append(parent.index(element))
        element = parent
    return path[::-1]


def _preclean(
    tree: HtmlElement, marks: Collection[str] | None = None, walk: PageWalk | None = None
) -> None:
    """Drop inline pop-ups and hidden nodes, defuse precision traps, in place.

    ``marks``: the page's class and id values, if read already (a superset of the values is
    fine: the elements are looked up in the tree as it is). ``walk``: the page's walk
    (``walk.PageWalk``), when the tree's elements are still those it read, in their order.
    """
    _unwrap_layout_tables(tree)  # renames tags in place: the walk's look-ups hold
    if _split_double_breaks(tree):
        walk = None  # new paragraphs and inline elements in place of the walked ones
    # One walk finds the pop-ups, the hidden nodes and the boxes (``_remove_boxes``), before
    # any removal: the boxes found inside a pop-up or a stripped element are then out of the
    # page already, and removing them again changes nothing the page shows.
    classes = dict.fromkeys(attribute_values(tree, "class")) if marks is None else marks
    popup_classes, box_classes = _popup_and_box_classes(classes)
    styles = None if walk is None else walk.by_style  # the page's distinct style values
    queries = [
        ("class", popup_classes),
        ("style", matching_values(tree, "style", _HIDDEN_STYLE_RE, fold_case=True, values=styles)),
        ("class", box_classes),
        # the marks hold the ids with the classes: the class search found the ids too
        ("id", box_classes if marks is not None else _box_ids(tree)),
    ]
    found = None if walk is None else walk.with_any(queries)  # looked up, not walked
    popups, hidden, class_boxes, id_boxes = (
        elements_with_any(tree, queries) if found is None else found
    )
    slides = _slides(hidden)
    for el in popups + [el for el in hidden if el.tag not in ("html", "body") and el not in slides]:
        _remove_keep_tail(el)
    # code and styles are never prose; trafilatura drops them too
    etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)
    cards: dict[HtmlElement, None] = {}  # in document order (a nested <p> meets one twice)
    for p in tree.iter("p"):
        # every descendant, its tag tested here: a tag filter builds its matcher of the 12
        # tags for each <p>, which costs more than the few other elements a paragraph holds
        # (modern development set: the walk's cost 0.12 -> 0.08 s)
        for el in p.iterdescendants():
            if el.tag not in _INLINE_TAGS:
                continue
            # a hover card: an inline wrapper holding a picture and several links
            # (next(iter(tag)): a fourth of ElementPath's find(".//img") per span)
            if (
                el.tag == "span"
                and next(el.iter("img"), None) is not None
                and len(el.findall(".//a")) >= 2
            ):
                el.set("data-nfx-drop", "1")
                cards[el] = None
                continue
            cls = el.get("class")
            if cls and _PRECISION_TRAP_RE.search(cls):
                del el.attrib["class"]
            style = el.get("style")
            if style and "border" in style:
                del el.attrib["style"]
    # a box whose class the trap loop just removed is no box by its class any more
    _remove_boxes([el for el in class_boxes if el.get("class") in box_classes] + id_boxes)
    # only the innermost card: its wrapper also holds the visible link text. The cards still
    # in the page (not in a removed box) are those an XPath of the mark finds, at a small
    # share of the cost of testing every element for it.
    for el in [card for card in cards if _root_of(card) is tree]:
        if el.find(".//*[@data-nfx-drop]") is None:
            _remove_keep_tail(el)


# Every match of _POPUP_CLASS_RE, and of _BOX_RE, holds one of its words (tests/unit/
# test_body_cost.py checks each alternative spells one): `xpath.may_match`'s words.
_POPUP_WORDS = ("tooltip", "popover", "hover", "sr-only", "visually", "screen-reader", "invisible")
_BOX_WORDS = (
    "newsletter", "mailmagazine", "subscribe", "sign", "promo", "cta", "discl", "author", "bio",
)  # fmt: skip


def _popup_and_box_classes(values: Collection[str]) -> tuple[set[str], set[str]]:
    """The class (or id) values naming a pop-up (``_POPUP_CLASS_RE``) and those naming a box
    (``_BOX_RE``), searched lower-cased (``matching_values`` with ``fold_case``).

    A value is searched only when it holds one of the pattern's words (``xpath.may_match``):
    on the two body development sets a page has 235 values and about 15 hold a word.
    """
    names = list(values)
    return (
        {v for v in may_match(names, _POPUP_WORDS) if _POPUP_CLASS_RE.search(v.lower())},
        {v for v in may_match(names, _BOX_WORDS) if _BOX_RE.search(v.lower())},
    )


def _root_of(element: HtmlElement) -> HtmlElement:
    """The top of `element`'s tree: the page's root, or a removed element's own top."""
    while (parent := element.getparent()) is not None:
        element = parent
    return element


def _box_ids(tree: HtmlElement) -> set[str]:
    return matching_values(tree, "id", _BOX_RE, fold_case=True)


def _remove_boxes(boxes: list[HtmlElement]) -> None:
    """Remove promo boxes (at most 50 words) and bio/disclaimer/cookie boxes (at most 300).

    ``boxes``: the elements whose class or id names either kind, in document order (by class,
    then by id).
    """
    for box in boxes:
        if box.getparent() is None or box.tag == "body":
            continue
        label = f"{box.get('class') or ''} {box.get('id') or ''}".lower()
        limit = _PROMO_BOX_MAX_WORDS if _PROMO_BOX_RE.search(label) else _ASIDE_BOX_MAX_WORDS
        text = text_content(box)
        # a word takes at least two characters with its space: skip counting long texts
        if len(text) <= _MAX_WORD_CHARS * limit and word_runs(text) <= limit:
            _remove_keep_tail(box)


def _titles(tree: HtmlElement) -> set[str]:
    """Normalised headline variants used to drop a repeated title line."""
    out: set[str] = set()
    for texts in _headline_texts(tree):
        for text in texts[:3]:
            n = word_key(text)
            if n:
                out.add(n)
                # "<title>" often carries " | Site name"
                for sep in (" | ", " - ", " – ", " — ", " :: "):
                    if sep in text:
                        head = word_key(text.split(sep)[0])
                        if len(head.split()) >= 3:
                            out.add(head)
    return out


def _headline_texts(tree: HtmlElement) -> list[list[str]]:
    """The page's headline texts in document order, by source: the ``og:title`` and
    ``twitter:title`` meta contents, the ``<title>``'s text nodes, the ``<h1>``s' texts.

    What the XPaths ``//meta[@property="og:title"]/@content``,
    ``//meta[@name="twitter:title"]/@content``, ``//title/text()`` and ``//h1`` find, from
    one walk of the three tags (lxml filters them in C): 0.6x their cost on the modern
    development set (the same texts on the 571 pages of both body sets). The walk reads
    every top element of the document, as ``//`` does: markup after ``</html>`` makes a
    second ``<html>`` beside the root.
    """
    og: list[str] = []
    twitter: list[str] = []
    title: list[str] = []
    h1: list[HtmlElement] = []
    for el in chain.from_iterable(top.iter("meta", "title", "h1") for top in document_tops(tree)):
        if el.tag == "meta":
            content = el.get("content")
            if content is not None and el.get("property") == "og:title":
                og.append(content)
            if content is not None and el.get("name") == "twitter:title":
                twitter.append(content)
        elif el.tag == "title":  # its text nodes: its text and its children's tails
            title.extend(t for t in (el.text, *(child.tail for child in el)) if t is not None)
        elif len(h1) < 3:
            h1.append(el)
    return [og, twitter, title, [el.text_content() for el in h1]]


def _is_boilerplate(line: str) -> bool:
    words = word_runs(line)
    if words == 0:
        return True
    if words <= 25 and _BOILER_LINE_RE.match(line):
        return True
    if words > _CONSENT_MAX_WORDS:  # past every test's length
        return False
    lower = _lower_if_alike(line)  # for the word prefilters of the tests below
    if words <= 40 and _is_promo(line, lower) and not _REPORTED_RE.search(line):
        return True
    if words <= 60 and _is_signoff(line, lower):
        return True
    if is_comment_notice(line, words):  # the comment form's policy
        return True
    if _is_consent_line(line, lower):
        return True
    if words > 20:
        return False
    return _is_credit_line(line, words)


def _is_signoff(line: str, lower: str | None) -> bool:
    """``_SIGNOFF_RE.match(line)``, searched only when the line holds a word it spells
    (``_SIGNOFF_WORDS``). ``lower``: ``_lower_if_alike(line)``."""
    if lower is not None and not any(word in lower for word in _SIGNOFF_WORDS):
        return False
    return _SIGNOFF_RE.match(line) is not None


def _is_consent_line(line: str, lower: str | None) -> bool:
    """A row of a consent plugin's cookie table, or a banner sentence addressing the site's
    visitors that no reported speech frames. ``lower``: ``_lower_if_alike(line)``."""
    # both patterns spell "cookie": most lines do not, and skip both searches
    if lower is not None and "cookie" not in lower:
        return False
    if _CONSENT_ROW_RE.search(line):
        return True
    return (
        _CONSENT_RE.search(line) is not None
        and _CONSENT_ADDRESS_RE.search(line) is not None
        and _REPORTED_RE.search(line) is None
    )


def _link_texts(tree: HtmlElement) -> _LinkTexts:
    """Normalised texts of all links, to spot lines that are a bare link (``_LinkTexts``)."""
    return _LinkTexts(tree)


class _LinkTexts(Collection[str]):
    """The word keys of the page's link texts, read on first use.

    Only list items and the lines under a dropped label are looked up, and most bodies hold
    neither (the extractor's lines hold no list item on 199 of 483 modern and 77 of 88 2019
    development pages): those bodies never walk the page's links. Recovery's ``<br>`` spacing
    (``_recover_container``) changes the text of a link holding a ``<br>``: such links are
    read at once, the others when first asked, so the keys are those of the page as it was
    when this was made.

    A key looked up is sought among the links whose text can have it (``_LinkHeads``), not
    among all the page's links: on 200 modern development pages 8,956 of the link texts the
    lookups keyed were keyed by no other step.
    """

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree
        self._early: dict[HtmlElement, str] = {}
        for br in tree.iter("br"):
            for a in br.iterancestors("a"):
                self._early[a] = _link_key(a)
        self._keys: set[str] | None = None
        self._heads: _LinkHeads | None = None

    def _read(self) -> set[str]:
        if self._keys is None:
            early = self._early
            keys = (early[a] if a in early else _link_key(a) for a in self._tree.iter("a"))
            self._keys = {key for key in keys if key}
        return self._keys

    def __contains__(self, key: object) -> bool:
        if self._keys is not None or not isinstance(key, str):
            return key in self._read()
        if self._heads is None:
            self._heads = _LinkHeads(self._tree, self._early)
        return self._heads.holds(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


def _link_key(a: HtmlElement) -> str:
    return word_key(text_content(a))


# A link text's first characters when they are ASCII letters or digits: its word key opens
# with them lower-cased (see ``_LinkHeads``).
_LINK_HEAD_CHARS = 4


class _LinkHeads:
    """The page's link keys (``_LinkTexts``), each link keyed only when a lookup may find it.

    A link whose text (leading spaces aside) opens with `_LINK_HEAD_CHARS` ASCII letters or
    digits has a word key opening with them lower-cased: they are the first word's first
    characters (only spaces stand before them, and neither the invisible marks word keys drop
    nor the typographic ones are ASCII), and lower() maps an ASCII character alone. Such a
    link is keyed when a key with that opening is looked up; the others (short, or opening
    with another character) at the first lookup. ``early``: the keys of the links read at
    once (``_LinkTexts``).
    """

    def __init__(self, tree: HtmlElement, early: dict[HtmlElement, str]) -> None:
        self._found = {key for key in early.values() if key}
        self._by_head: dict[str, list[HtmlElement]] = {}
        self._rest: list[HtmlElement] = []
        for a in tree.iter("a"):
            if a in early:
                continue
            head = text_content(a).lstrip()[:_LINK_HEAD_CHARS]
            if len(head) == _LINK_HEAD_CHARS and head.isascii() and head.isalnum():
                self._by_head.setdefault(head.lower(), []).append(a)
            else:
                self._rest.append(a)

    def holds(self, key: str) -> bool:
        """Whether a link of the page has the word key `key` (never the empty key)."""
        if key in self._found:
            return True
        links = (
            self._by_head.pop(key[:_LINK_HEAD_CHARS], []) if len(key) >= _LINK_HEAD_CHARS else []
        )
        for a in chain(links, self._rest):
            if link_key := _link_key(a):
                self._found.add(link_key)
        self._rest = []
        return key in self._found


def _drop_link_lists(lines: list[str], links: Collection[str]) -> list[str]:
    """Remove runs of two or more list items that are each one whole link.

    In news bodies such runs are "related stories" teasers; lists of links
    inside prose paragraphs, lists a sentence of the story introduces
    (``blocks.is_lead_in``), and runs next to an item that is not a whole link, before or
    after it (one list of the story's, some of its items linked: a brand's materials, a
    guide's sources then its own pages), are left alone. Keeping a run that one such item
    ends or opens, not only one between two, made 14 modern development pages better (a
    clothing-brands guide 0.863 -> 0.931 recall, an SEO guide's reading list 0.949 ->
    0.991) and 2 slightly worse (-0.006), modern F1 +0.0003; no page of the 2019 or
    metadata sets changed (issue 10).
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].startswith(LIST_ITEM) and word_key(lines[j]) in links:
            j += 1
        if j - i >= 2:
            inside = j < len(lines) and lines[j].startswith(LIST_ITEM)
            if inside or (out and (is_lead_in(out[-1]) or out[-1].startswith(LIST_ITEM))):
                out.extend(lines[i:j])
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out


def _is_all_links(line: str, links: Collection[str]) -> bool:
    """A short line made only of link texts and separators: navigation, not prose."""
    rest = word_key(line)
    if not rest or len(rest.split()) > _LINK_LINE_MAX_WORDS:
        return False
    for link in sorted((t for t in links if t in rest), key=len, reverse=True):
        rest = rest.replace(link, " ")
    return not rest.strip()


def _is_header_line(line: str) -> bool:
    """Bylines, datelines and author roles that sit above the first paragraph."""
    words = word_runs(line)
    return words <= _HEADER_MAX_WORDS and bool(
        _BYLINE_LINE_RE.match(line) or _DATE_LINE_RE.search(line) or _ROLE_LINE_RE.search(line)
    )


def _is_lead_link_item(line: str, prose_follows: bool, links: Collection[str]) -> bool:
    """A list item above the story's prose that is a link or a headline-style teaser.

    Table of contents entries and related stories are whole links; standfirst bullets of
    a live page are short headlines. Summary bullets ("Key takeaways") are sentences and
    belong to the story: on the modern development set 26 of 29 dropped non-link leading
    items were article text, nearly all sentences; on the 2019 set every dropped leading
    item was a link.
    """
    if not (prose_follows and line.startswith(LIST_ITEM)):
        return False
    return not _is_sentence(line) or word_key(line) in links


def _is_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", "!", "?", "…")) or word_runs(line) >= _SENTENCE_WORDS


def _is_prose_line(line: str) -> bool:
    return bool(line) and not line.startswith(LIST_ITEM)


def _clean(paragraphs: list[str], titles: set[str], links: Collection[str]) -> list[str]:
    out: list[str] = []
    # Leading list items that are links or headlines are section links, related stories or a
    # standfirst when prose follows them; a body that is all list (a ranked list, a listicle)
    # is the story itself, and summary bullets ("Key takeaways") are sentences of the story.
    last_prose = next(  # read from the end: the body's last line is mostly prose
        (i for i in range(len(paragraphs) - 1, -1, -1) if _is_prose_line(paragraphs[i])), -1
    )
    in_header, after_label = True, False
    for i, raw in enumerate(paragraphs):
        line = raw.strip()
        if not line:
            continue
        if i < 3 and word_key(line) in titles:
            continue
        if in_header and (_is_header_line(line) or _is_lead_link_item(line, i < last_prose, links)):
            continue  # bylines, datelines and section links above the story
        if after_label and _is_all_links(line, links):
            continue  # the links under a dropped "Other news:" label
        if _is_boilerplate(line):
            after_label = line.rstrip().endswith(":")
            continue
        in_header = in_header and word_runs(line) < _HEADER_MAX_WORDS
        after_label = False
        out.append(line)
    # A separator rule ("___", "* * *") closing the body once the junk after it is gone.
    while out and not _LETTERS_OR_DIGITS.search(out[-1]):
        out.pop()
    return drop_trailers(_drop_link_lists(out, links))


@dataclass(frozen=True)
class _Strategy:
    """One way of running trafilatura: its name in provenance and its settings."""

    name: str
    favor_precision: bool
    fast: bool
    favor_recall: bool = False


# Ordered: each runs only when the one before is short against the page's visible text, and
# the third only when the second found nothing or a clearly longer body than the first: when a
# fallback finds no more than the first pass did, the two modes agree on the story and a wider
# one adds the rest of the page. On the dev sets (715 pages) recall replaced the body on 2
# pages, after balanced found nothing (0, 0 -> 1992 words) or more (0 -> 629 -> 3553); on the
# 33 where balanced found no clearly longer body, recall, a whole trafilatura run, never did.
# "precision" is trafilatura's precision mode without its fallback comparison (the fast,
# usual case); "balanced" is its default mode with the readability/jusText comparison and
# its recall escalation, which keeps the lists, tables and long sections precision drops;
# "recall" is its recall mode, for pages whose story sits in blocks both others discard
# (all-div layouts, sections with many links): it runs only when both are still short.
STRATEGIES = (
    _Strategy("trafilatura:precision", favor_precision=True, fast=True),
    _Strategy("trafilatura:balanced", favor_precision=False, fast=False),
    _Strategy("trafilatura:recall", favor_precision=False, fast=False, favor_recall=True),
)


def _trafilatura_lines(
    tree: HtmlElement,
    url: str | None,
    strategy: _Strategy,
    language: str | None = None,
    marks: Collection[str] | None = None,
) -> list[str]:
    if strategy.favor_precision and strategy.fast and not strategy.favor_recall:
        # the same text as extract() gives in this mode, at less cost (see first_pass)
        first = precision_text(tree, url, marks)
        return first.split("\n") if first else []
    if not strategy.favor_precision and not strategy.fast:
        # the same text as extract() gives in this mode, at less cost (see fallback_paths)
        text = fallback_text(
            tree,
            url,
            recall=strategy.favor_recall,
            target_language=stoplist_language(tree, language),
            marks=marks,
        )
        return text.split("\n") if text else []
    text = extract(  # trafilatura.extract, its regex XPaths answered by walks
        tree,
        url=url,
        include_comments=False,
        favor_precision=strategy.favor_precision,
        favor_recall=strategy.favor_recall,
        fast=strategy.fast,
        with_metadata=False,
        deduplicate=False,
        target_language=stoplist_language(tree, language),
    )
    return text.split("\n") if text else []


_SKIP_ANCESTORS = frozenset(
    ("figure", "figcaption", "aside", "nav", "footer", "header", "form", "button", "noscript")
)
# compiled once: an XPath string given to .xpath() is compiled at every call
_BLOCK_XPATH = etree.XPath(".//p|.//blockquote[not(ancestor::blockquote)]")
# Blocks of the extractor's own container that may hold dropped article text: its direct
# children, quotes one div down, tables in wrapper divs at any depth (see ``_candidates``).
_CONTAINER_XPATH = etree.XPath(
    "./p|./blockquote|./div/blockquote|./h2|./h3|./h4|./h5|./h6|./ul|./ol|./dl|./table|./div//table"
)
# A table wrapped for scrolling or embedding ("div.w-embed > div.responsive-table > table")
# is the container's own table; one inside a list, quote, figure or another table is not.
_NESTING = frozenset(("p", "ul", "ol", "dl", "table", "blockquote", "li", "figure"))


def _candidates(container: HtmlElement) -> list[HtmlElement]:
    """The container's blocks that may hold dropped article text (``_CONTAINER_XPATH``).

    Tables count at any depth inside the container's wrapper divs unless they sit in
    another block: on the modern development set a tip chart and its rows sat three divs
    down, in a scrolling wrapper. So do the blocks of a prose wrapper (``_prose_wrappers``).
    """
    out = []
    for el in cast("list[HtmlElement]", _CONTAINER_XPATH(container)):
        node = el.getparent()
        while node is not None and node is not container and node.tag not in _NESTING:
            node = node.getparent()
        if node is container:
            out.append(el)
    for wrapper in _prose_wrappers(container):
        out.extend(cast("list[HtmlElement]", _WRAPPED_XPATH(wrapper)))
    out.extend(div for div in container.iterchildren("div") if _is_div_paragraph(div))
    out.extend(_nested_div_paragraphs(container))
    return list(dict.fromkeys(out))  # a quote one div down is also a wrapper's own


# A div that is a paragraph: only text and inline markup, a sentence of 20 words or more.
# Callout boxes ("div.special-container" with "Updates: ...") carry sections of a story
# that way; a caption, label or teaser is shorter or not a sentence.
_DIV_PARAGRAPH_WORDS = 20


def _is_div_paragraph(div: HtmlElement) -> bool:
    """A child div of the container holding one paragraph of prose and no blocks."""
    if any(isinstance(c.tag, str) and c.tag not in _INLINE_TAGS and c.tag != "br" for c in div):
        return False
    text = element_text(div)
    return text.endswith((".", "!", "?", "…")) and word_runs(text) >= _DIV_PARAGRAPH_WORDS


def _nested_div_paragraphs(container: HtmlElement) -> list[HtmlElement]:
    """Div paragraphs (``_is_div_paragraph``) below the container's children, reached
    through divs and sections only (``_WRAPPER_PATH_TAGS``).

    Utility-class layouts set a section's prose as bare text in nested divs ("div.rounded-lg >
    div.flex > div.flex-1 > div.text-sm"), with no ``<p>``: a definition box, a verdict. On
    the modern development set 8 pages gained (a cloud-storage guide 0.82 -> 0.89, a
    renovation guide 0.92 -> 0.96, an app-cost guide's notes) and 4 lost (two company
    blurbs in a box after the story, -0.046 and -0.022; two comparison pages, -0.01);
    modern F1 +0.0001, no page of the 2019 or metadata sets changed. A div holding any
    block is not a paragraph, so a widget's text in ``<p>`` or list items stays out.
    """
    out = []
    for div in container.iterdescendants("div"):
        node = div.getparent()
        if node is container or not _is_div_paragraph(div):
            continue
        while node is not None and node is not container and node.tag in _WRAPPER_PATH_TAGS:
            node = node.getparent()
        if node is container:
            out.append(div)
    return out


# The blocks of a prose wrapper (``_prose_wrappers``) that may hold dropped article text.
_WRAPPED_XPATH = etree.XPath("./p|./blockquote|./h2|./h3|./h4|./h5|./h6|./ul|./ol|./dl")
# A wrapper holds a section of the story when two of its paragraphs are sentences: on the
# modern development set a tipping guide's sections sat in "div.w-embed > div.rich-text";
# teasers and calls to action hold one.
_WRAPPER_MIN_PARAGRAPHS = 2
# sign-up boxes and consent placeholders for embeds hold form controls; a story does not
_CONTROL_TAGS = ("form", "input", "button", "select", "textarea")


def _has_controls(el: HtmlElement) -> bool:
    """Whether a form control (``_CONTROL_TAGS``) stands below `el`: what the XPath
    ``.//form|.//input|.//button|.//select|.//textarea`` finds, by a walk of the tags in C
    that stops at the first (a fifth of the XPath's CPU, which collects and sorts them all)."""
    return next(el.iterdescendants(*_CONTROL_TAGS), None) is not None


# The blocks a prose wrapper may sit in below the container (nav, aside, figure, ... may not).
_WRAPPER_PATH_TAGS = frozenset(("div", "section"))
_WRAPPER_PARAGRAPH_WORDS = 8


def _prose_wrappers(container: HtmlElement) -> list[HtmlElement]:
    """Divs below the container, reached through divs and sections only, that hold paragraphs
    of prose.

    Embeds and scrolling wrappers ("div.w-embed > div.responsive-table") carry whole
    sections of a story, and so do embed sections ("section.embed > div > div", a buying
    guide's FAQ on the modern development set). A widget holds at most one paragraph of 8
    words or more, or form controls (a sign-up box, an embed's consent toggle). Recovering
    paragraphs at any depth was tried and not kept: it pulled in summary bullets, teasers and
    sign-up boxes.
    """
    out = []
    for div in container.iterdescendants("div"):
        node = div.getparent()
        while node is not None and node is not container and node.tag in _WRAPPER_PATH_TAGS:
            node = node.getparent()
        if node is not container:
            continue
        prose = [
            p
            for p in div.iterchildren("p")
            if word_runs(text_content(p)) >= _WRAPPER_PARAGRAPH_WORDS
        ]
        if len(prose) >= _WRAPPER_MIN_PARAGRAPHS and not _has_controls(div):
            out.append(div)
    return out


_PLACED_TAGS = ("p", "blockquote", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table")


# editor debris such as "&lt;span data-mce-type=..." escaped into the text
_MARKUP_RE = re.compile(r"&(?:amp;)*lt;|<\s*/?\s*(?:span|div|p|a|img|script)\b", re.I)


_SKIP_CLASS_RE = re.compile(
    r"caption|credit|related|newsletter|promo|share|social-(?:links|buttons|share)|signup|subscribe|"
    r"gallery|comment|advert|sponsor|recommend|popular|trending|teaser|byline|author|meta",
    re.I,
)


def _in_skipped(el: HtmlElement, stop: HtmlElement) -> bool:
    node: HtmlElement | None = el
    while node is not None and node is not stop:
        if _is_skipped_box(node):
            return True
        node = node.getparent()
    return False


def _is_skipped_box(node: HtmlElement) -> bool:
    """A figure, aside, nav, ... (``_SKIP_ANCESTORS``) or a caption, related-links, promo, ...
    box by class or id (``_SKIP_CLASS_RE``)."""
    if node.tag in _SKIP_ANCESTORS:
        return True
    return bool(_SKIP_CLASS_RE.search((node.get("class") or "") + " " + (node.get("id") or "")))


# The site's own boxes by class or id, which the extractor's boilerplate rules dropped: a
# sidebar, a cookie or consent notice, an ad slot ("ad", "ads", "top-ad"; not "header"), a
# comment thread's mount ("disqus_thread": its comments are drawn into it).
_SITE_BOX_RE = re.compile(r"sidebar|cookie|consent|gdpr|disqus|(?<![a-z0-9])ads?(?![a-z0-9])", re.I)


def _is_site_box(node: HtmlElement) -> bool:
    """A sidebar, cookie notice, ad slot or comment thread by class or id (``_SITE_BOX_RE``),
    or a block hidden from readers of the page's text (``aria-hidden="true"``: a decoration
    or a copy of what is read elsewhere)."""
    if node.get("aria-hidden") == "true":
        return True
    return bool(_SITE_BOX_RE.search((node.get("class") or "") + " " + (node.get("id") or "")))


def _outside_skipped(blocks: list[HtmlElement], section: HtmlElement) -> list[HtmlElement]:
    """The blocks of `section` not in a skipped box below it (``_in_skipped``) nor in a
    site's box (``_is_site_box``), each element on the way up tested once for all the
    blocks; [] when `section` is a site's box itself."""
    if _is_site_box(section):
        return []
    inside: dict[HtmlElement, bool] = {section: False}  # element to: in a skipped box
    out = []
    for block in blocks:
        path = []
        node: HtmlElement | None = block
        while node is not None and node not in inside:
            path.append(node)
            node = node.getparent()
        skipped = node is None or inside[node]
        for el in reversed(path):
            skipped = skipped or _is_skipped_box(el) or _is_site_box(el)
            inside[el] = skipped
        if not skipped:
            out.append(block)
    return out


class _Paragraphs:
    """The page's body paragraphs (``//body//p``) and their word keys, and the reading order
    of its placed blocks, read once per page.

    Recovery matches every strategy's lines against them, and the tree does not change
    between strategies (each pass works on its copy; recovery's own ``<br>`` spacing is done
    before the first read), so the keys computed for the first strategy serve the next.
    """

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree
        self._keys: dict[HtmlElement, str] | None = None
        self._order: dict[HtmlElement, int] | None = None
        self._line_keys: dict[str, str] = {}

    def line_key(self, line: str) -> str:
        """``word_key(line)`` for a body line: recovery keys each strategy's lines twice
        (container, then the blocks between paragraphs), mostly the same lines."""
        key = self._line_keys.get(line)
        if key is None:
            key = self._line_keys[line] = word_key(line)
        return key

    def order(self) -> dict[HtmlElement, int]:
        """Each paragraph, quote and structure block (``_PLACED_TAGS``) to an even number
        rising in document order: a div paragraph (``_is_div_paragraph``) takes the odd one
        after the block before it."""
        if self._order is None:
            self._order = {el: 2 * i for i, el in enumerate(self._tree.iter(*_PLACED_TAGS))}
        return self._order

    def keys(self) -> dict[HtmlElement, str]:
        """Each body paragraph to its word key, in document order."""
        if self._keys is None:
            self._keys = {p: word_key(text_content(p)) for p in _body_paragraphs(self._tree)}
        return self._keys

    def key_of(self, p: HtmlElement) -> str:
        """The word key of paragraph `p` (one outside the body is read on the spot)."""
        key = self.keys().get(p)
        return word_key(text_content(p)) if key is None else key


def _body_paragraphs(tree: HtmlElement) -> list[HtmlElement]:
    """The XPath ``//body//p``: on a page with one ``<body>`` (as lxml's parser makes) its
    paragraphs as lxml finds them by tag, at four fifths of the XPath's cost; nested or
    missing bodies are left to the XPath, which drops repeats. The bodies are looked for in
    every top element of the document, as ``//`` does (markup after ``</html>`` makes a
    second ``<html>`` beside the root, often with a body of its own)."""
    bodies = [body for top in document_tops(tree) for body in top.iter("body")]
    if len(bodies) == 1:
        return list(bodies[0].iterdescendants("p"))
    return cast("list[HtmlElement]", tree.xpath("//body//p"))


def _recover(
    tree: HtmlElement, lines: list[str], paragraphs: _Paragraphs | None = None
) -> list[str]:
    """The extractor's lines with what it dropped of the story given back, in reading order:
    its container's blocks (``_recover_container``), then subheadings and lists between
    kept paragraphs (``_restore_between``), then a summary box before the first
    (``summary_box.with_summary_box``); a sponsor's block among them leaves
    (``sponsor_box.without_sponsor_boxes``). ``paragraphs``: the page's, when an earlier
    strategy read them."""
    paragraphs = paragraphs or _Paragraphs(tree)
    lines = _recover_sections(tree, _recover_container(tree, lines, paragraphs), paragraphs)
    lines = sibling_card_lines(paragraphs.keys(), lines, paragraphs.line_key)
    # a slide's counter over an item's heading would read as the heading's widget
    lines = _restore_between(tree, without_slide_counters(lines), paragraphs)
    held = kept_paragraphs(lines, paragraphs.keys(), paragraphs.line_key)
    return without_sponsor_boxes(with_summary_box(lines, held, paragraphs.line_key), held)


# A page builder's section of the story (``_recover_sections``) holds a sentence this long;
# one above the story's first line holds two paragraphs (``_WRAPPER_MIN_PARAGRAPHS``).
_SECTION_PROSE_WORDS = 20
_SECTION_MAX_LINK_SHARE = 0.3
_SECTION_BLOCKS = etree.XPath(
    ".//p[not(ancestor::li)]|.//h2|.//h3|.//h4|.//ul[not(ancestor::li)]|.//ol[not(ancestor::li)]"
)


# Scans of the kept text by ``_recover_sections`` before its pieces are set apart for lookups
# (a set of them costs a few scans)
_SCANS_BEFORE_WORDS = 16


def _inner_words_in(key: str, words: Collection[str]) -> bool:
    """False when `key` cannot stand in a text whose ``split(" ")`` pieces are `words`: its
    inner pieces (between two spaces of the key, so whole pieces of the text wherever the key
    stands) must be among them. Set lookups instead of a scan of the text: most paragraphs
    tested against the kept lines stand in none of them."""
    i, k = key.find(" "), key.rfind(" ")
    return i == k or all(piece in words for piece in key[i + 1 : k].split(" "))


def _recover_sections(tree: HtmlElement, lines: list[str], paragraphs: _Paragraphs) -> list[str]:
    """The extractor's lines with the story's other page-builder sections put back, in order.

    Page builders (Elementor, block themes) set each section of a story in a widget of its
    own, each with the same text element ("div.text-block__text.rich-text"), often far apart
    in the tree; the extractor keeps the one holding most of the story (the parent of the
    most kept paragraph text, or of kept subheadings when no paragraph is a ``<p>``) and
    drops the rest. A block with that element's
    tag and class, placed before the story's last kept line, none of whose paragraphs was
    kept, that holds a sentence of 20 words or more, no form controls and not mostly links,
    is a section of the story; above the story's first line it needs two paragraphs of 8
    words or more (one is a fact-check's claim, a teaser or a standfirst). Its paragraphs,
    subheadings and lists go back in reading order. On the modern development set 7 pages
    gained (a software-alternatives guide 0.726 -> 0.828 recall, an index-fund guide, a VPN
    guide, a Rust progress report) and 1 lost (a charity's award cards); modern F1 +0.0002,
    no 2019 page changed, the metadata body F1 +0.0001. Then the sections beside the story's
    container and its ancestors go back by the same test (``_sibling_section_lines``).
    """
    index = {paragraphs.line_key(line): i for i, line in enumerate(lines)}
    order = paragraphs.order()
    weight: Counter[HtmlElement] = Counter()
    anchors: list[tuple[int, int]] = []
    for block, key in paragraphs.keys().items():
        if len(key) >= 20 and key in index:
            weight[block.getparent()] += len(key)
            anchors.append((order.get(block, 0), index[key]))
    if not weight:  # a container of bare text between its subheadings
        for block in tree.iter("h2", "h3"):
            if len(key := word_key(block.text_content())) >= 20 and key in index:
                weight[block.getparent()] += len(key)
                anchors.append((order.get(block, 0), index[key]))
    if not weight:
        return lines
    container = weight.most_common(1)[0][0]
    cls = container.get("class") or ""
    first, last = min(pos for pos, _ in anchors), max(pos for pos, _ in anchors)

    joined: list[str] = []  # the lines' keys as one string, read when a section is met
    # its split(" ") pieces, to skip most scans (``_inner_words_in``) once scans are many: a
    # page of thousands of sibling sections scanned all its kept text for each
    words: set[str] = set()
    scans = [0]

    def covered(key: str) -> bool:
        if key in index:
            return True
        if len(key) < 20:
            return False
        if not joined:
            joined.append(" ".join(index))
        scans[0] += 1
        if scans[0] == _SCANS_BEFORE_WORDS:
            words.update(joined[0].split(" "))
        if scans[0] >= _SCANS_BEFORE_WORDS and not _inner_words_in(key, words):
            return False
        return key in joined[0]

    extra: list[tuple[int, str]] = []
    for section in _holding_paragraphs(tree, paragraphs, container.tag, cls) if cls.strip() else []:
        if section in weight:
            continue
        found = cast("list[HtmlElement]", _SECTION_BLOCKS(section))
        blocks = [b for b in found if order.get(b, last) < last]
        least = _WRAPPER_MIN_PARAGRAPHS if blocks and order[blocks[0]] < first else 1
        if blocks and _is_prose_section(section, blocks, covered, paragraphs, least=least):
            extra.extend(_placed_lines(blocks, order))
    for part in continuations(container):  # the story's text after an inline module
        found = cast("list[HtmlElement]", _SECTION_BLOCKS(part))
        if found and _is_prose_section(part, found, covered, paragraphs, least=1):
            extra.extend(_placed_lines(found, order))
    taken = {word_key(text) for _, text in extra}  # a same-class section is often a sibling

    @cache  # a sibling section's paragraphs are tested three times
    def given(key: str) -> bool:
        return key in taken or covered(key)

    sections = _sibling_sections(container, weight, paragraphs, last) if first < last else []
    headline = _headline_position(tree, order, first) if sections else -1
    for section in sections:
        extra.extend(
            _sibling_section_lines(
                section, paragraphs, given, headline=headline, first=first, last=last
            )
        )
    return _insert_in_reading_order(lines, anchors, extra) if extra else lines


def _placed_lines(
    blocks: list[HtmlElement], order: dict[HtmlElement, int]
) -> list[tuple[int, str]]:
    """The text lines of paragraphs and structure blocks, each with its block's position."""
    out: list[tuple[int, str]] = []
    for block in blocks:
        texts = structure_lines(block) if is_structure(block) else [element_text(block)]
        out.extend((order[block], text) for text in texts if text)
    return out


def _sibling_sections(
    container: HtmlElement, holders: Collection[HtmlElement], paragraphs: _Paragraphs, last: int
) -> list[HtmlElement]:
    """The elements beside the container and beside each of its ancestors below ``<body>``
    that hold a paragraph of 12 words or more placed before the story's last kept line
    (`last`), none of the kept paragraphs (their parents are `holders`), and are no skipped
    boxes by tag (nav, aside, footer, ...: ``_SKIP_ANCESTORS``), in the page's order.

    Found walking up from the long paragraphs: most of a page's elements hold none.
    """
    held: set[HtmlElement] = set()
    for holder in holders:
        up: HtmlElement | None = holder
        while up is not None and up not in held:  # up to an ancestor already met
            held.add(up)
            up = up.getparent()
    beside: set[HtmlElement] = set()
    node = container
    while node.tag != "body" and (parent := node.getparent()) is not None:
        beside.update(s for s in parent if s is not node and s.tag not in _SKIP_ANCESTORS)
        node = parent
    beside -= held
    order = paragraphs.order()
    out: dict[HtmlElement, None] = {}
    for p, key in paragraphs.keys().items():
        if order.get(p, last) >= last or p.getparent() in held:  # after the story, or kept
            continue
        if key.count(" ") < _SENTENCE_WORDS - 1:
            continue
        # up to the first element beside the story's path, or on it (a kept section's own)
        section = next((a for a in p.iterancestors() if a in beside or a in held), None)
        if section in beside:
            out[section] = None
    return list(out)


# A call to action: one paragraph and a link drawn as a button ("a.fusion-button")
_BUTTON_LINKS = etree.XPath(".//a[contains(@class, 'button') or contains(@class, 'btn')]")


def _headline_position(tree: HtmlElement, order: dict[HtmlElement, int], first: int) -> int:
    """The reading position (``_Paragraphs.order``) just after the last ``<h1>`` standing
    before the story's first kept line (`first`), or -1 when no ``<h1>`` does (a page
    without a headline tells the site's blocks from the story's by nothing here)."""
    headline, before = -1, -1  # the placed block before the <h1> met
    for el in tree.iter("h1", *_PLACED_TAGS):
        if el.tag == "h1":
            headline = before + 1
            continue
        pos = order.get(el)
        if pos is None:
            continue
        if pos >= first:
            break
        before = pos
    return headline


def _sibling_section_lines(
    section: HtmlElement,
    paragraphs: _Paragraphs,
    covered: Callable[[str], bool],
    *,
    headline: int,
    first: int,
    last: int,
) -> list[tuple[int, str]]:
    """The (position, line) pairs of a section beside the story's container
    (``_sibling_sections``) when it is a section of the story, else [].

    Landing pages, product pages and block layouts set a story's sections side by side under
    a common ancestor ("main > section.intro, section.how-it-works, section.faq"), and the
    extractor keeps the one holding most of the story. A sibling section is the story's by
    the test of a page builder's section (``_is_prose_section``: placed before the story's
    last kept line, none of its paragraphs kept, a sentence of 12 words or more, no form
    controls, not mostly links, outside skipped boxes); above the page's headline (the last
    ``<h1>`` before the story's first line: ``_headline_position``) nothing is the story's (a
    blog's left column, a cookie notice, another story's teaser); above the first line it needs
    a sentence of 20 words or more and two paragraphs of 8 words or more or a subheading of
    its own (a standfirst, a hero's blurb or a site alert has neither), and with one
    paragraph no button link (a call to action). Paragraphs mostly of links, blocks in
    skipped boxes or the site's boxes (``_is_site_box``: a sidebar, a cookie notice, an ad
    slot, which trafilatura's boilerplate rules dropped), lines already kept and a
    paragraph's second copy (a layout's variant for another screen size) stay out. The
    story needs two kept paragraphs or more: beside a single one, "before its last line"
    says little.

    On the modern development set 9 pages gained (an engineering-schools guide that came out
    empty, 0 -> 0.58 recall; a paper summary 0.81 -> 1.00; a laptop guide's spec lists; a
    brand directory's entries) and 3 lost precision (a design tool's blurb in a hidden
    variant -0.045, a recipe's tip box -0.007, a "Reviewed by" label -0.001): modern F1
    0.9646 -> 0.9660. No page of the 2019 set changed; on the metadata set 2 pages gained
    (a news story's closing paragraph in its own block, 0.854 -> 0.934 recall) and none lost.
    Between the story's kept lines a sentence of 12 words (``_SENTENCE_WORDS``) rather than 20
    will do: 4 more pages gained (a training plan's sections 0.715 -> 0.773 recall, a podcast
    guide's, an analytics guide's), 1 lost a little (-0.004 precision), F1 +0.0001.
    The headline's bound changed one modern page (a health agency's ".gov website" banner
    out, precision 0.968 -> 0.997, and the summary box it had drawn in, recall 0.969 ->
    0.928), modern F1 0.96680 -> 0.96678; no 2019 or metadata page changed.
    """
    order = paragraphs.order()
    found = [
        b for b in cast("list[HtmlElement]", _SECTION_BLOCKS(section)) if order.get(b, last) < last
    ]
    # the cheap refusal first: a kept paragraph
    if any(covered(paragraphs.key_of(b)) for b in found if b.tag == "p"):
        return []
    blocks = [b for b in _outside_skipped(found, section) if not _is_link_paragraph(b)]
    if not blocks:
        return []
    least, words = 1, _SENTENCE_WORDS  # between kept lines of the story, a sentence will do
    if order[blocks[0]] < headline:  # above the page's headline: the site's column, not the story
        return []
    if order[blocks[0]] < first:
        words = _SECTION_PROSE_WORDS
        least = 1 if any(b.tag in HEADINGS for b in blocks) else _WRAPPER_MIN_PARAGRAPHS
    if not _is_prose_section(
        section, blocks, covered, paragraphs, least=least, sentence_words=words
    ):
        return []
    prose = sum(1 for b in blocks if b.tag == "p" and word_runs(element_text(b)) >= 8)
    if prose < _WRAPPER_MIN_PARAGRAPHS and _BUTTON_LINKS(section):
        return []
    out: list[tuple[int, str]] = []
    seen: set[str] = set()  # a paragraph twice: a layout's variants for two screen sizes
    for block in blocks:
        texts = structure_lines(block) if is_structure(block) else [element_text(block)]
        for text in texts:
            key = word_key(text)
            if text and not covered(key) and (block.tag != "p" or key not in seen):
                seen.add(key)
                out.append((order[block], text))
    return out


def _is_link_paragraph(block: HtmlElement) -> bool:
    """A paragraph whose words are mostly link text ("See the rating.", "Shop Brand.")."""
    if block.tag != "p" or next(block.iter("a"), None) is None:  # no link: no text to read
        return False
    return link_word_count(block) > 0.5 * word_runs(element_text(block))


def _holding_paragraphs(
    tree: HtmlElement, paragraphs: _Paragraphs, tag: str, cls: str
) -> list[HtmlElement]:
    """The elements of `tree` (itself or below it) of `tag` and class value `cls` that are
    or hold a body paragraph, found walking up from the paragraphs (not in the page's order:
    recovery places what it finds by position). The paragraphs (``//body//p``) can lie in a
    second ``<html>`` beside `tree`, which ``tree.iter`` never reached: those are left out.

    A section of the story (``_recover_sections``) holds a paragraph, and the walk visits a
    share of the page's elements: a quarter of the cost of walking every element of the tag
    on the modern development set.
    """
    seen: set[HtmlElement] = set()
    out = []
    keyed = paragraphs.keys()  # the body's paragraphs, to their keys
    for p in keyed:
        node: HtmlElement | None = p
        while node is not None and node not in seen:
            seen.add(node)
            if node.tag == tag and node.get("class") == cls:
                out.append(node)
            node = node.getparent()
    return [s for s in out if s is tree or tree in s.iterancestors()]


def _is_prose_section(
    section: HtmlElement,
    blocks: list[HtmlElement],
    covered: Callable[[str], bool],
    paragraphs: _Paragraphs,
    *,
    least: int,
    sentence_words: int = _SECTION_PROSE_WORDS,
) -> bool:
    """A page-builder section (``_recover_sections``) of `least` paragraphs or more, one of
    them a sentence of `sentence_words` or more, none of them kept (`covered`), outside
    skipped boxes, not links."""
    prose = False
    count = 0
    for block in blocks:
        if block.tag != "p":
            continue
        if covered(paragraphs.key_of(block)):
            return False
        text = element_text(block)
        count += word_runs(text) >= _WRAPPER_PARAGRAPH_WORDS
        prose = prose or (_is_sentence(text) and word_runs(text) >= sentence_words)
    if not prose or count < least:
        return False
    root = cast("HtmlElement", section.getroottree().getroot())
    if _in_skipped(section, root) or _has_controls(section):
        return False
    return link_word_count(section) <= _SECTION_MAX_LINK_SHARE * word_runs(section.text_content())


_RESTORED_HEADING_MAX_WORDS = 20


def _restore_between(tree: HtmlElement, lines: list[str], paragraphs: _Paragraphs) -> list[str]:
    """Put back a subheading or list whose neighbours in the page are two paragraphs kept one
    after the other, and a subheading right above a kept paragraph below the body's start.

    The extractor drops a short heading it takes for a widget title, and a list it takes for
    navigation, even between two paragraphs it keeps; standing there, in whichever block, it
    is the section's own (a cost guide's "Kitchen Renovation Costs" between its paragraphs,
    an index-fund guide's list of indexes, on the modern development set: 7 pages better, 1
    worse, none changed on the 2019 set). Headings the cleaning would drop, lists mostly of
    links that no sentence introduces (``blocks.is_lead_in``), and blocks already kept stay out.
    """
    index: dict[str, int] = {}
    for i, line in enumerate(lines):
        index.setdefault(paragraphs.line_key(line), i)
    before: dict[int, list[str]] = {}
    for block in tree.iter(*HEADINGS, "ul", "ol"):
        slot = _restore_slot(block, lines, index, paragraphs)
        if slot is not None and (restored := _restorable_lines(block, index)):
            before.setdefault(slot, restored)
    if not before:
        return lines
    out: list[str] = []
    for i, line in enumerate(lines):
        out.extend(before.get(i, []))
        out.append(line)
    return out


def _restore_slot(
    block: HtmlElement, lines: list[str], index: dict[str, int], paragraphs: _Paragraphs
) -> int | None:
    """The line a dropped subheading or list goes back before (``_restore_between``), or None.

    A list goes back between kept paragraphs on both sides, one right after the other, or
    right after a kept sentence that introduces it (``blocks.is_lead_in``, "... how to steer clear
    of them:") when the line after that sentence is no list item: the extractor kept the
    sentence and dropped its list (modern development set: 2 pages better, 4 slightly worse,
    +0.0002). A subheading needs only the paragraph under it kept, of 12 words or more, and a
    kept sentence above that: the extractor's precision mode drops a heading that is all link
    (a guide's "h3 > a" product or place names over their paragraphs), wherever its previous
    sibling stands (12 pages better, 2 slightly worse, +0.0003). Under a headline or above the
    story's first line it would be a kicker or a second headline; over a short blurb, an index
    page's headline. Neither changed a page of the 2019 or metadata sets (issue 10).
    """
    prev, after = block.getprevious(), _opening_paragraph(block)
    first = index.get(paragraphs.key_of(prev)) if prev is not None and prev.tag == "p" else None
    if block.tag not in HEADINGS and first is not None and _lead_in_without_list(lines, first):
        return first + 1
    second = index.get(paragraphs.key_of(after)) if _is_paragraph(after) else None
    if second is None:
        return None
    if block.tag in HEADINGS:
        prose = word_runs(lines[second]) >= _SENTENCE_WORDS  # not a headline list's blurb
        return second if prose and second > 0 and _is_story_line(lines[second - 1]) else None
    return second if first is not None and first == second - 1 else None


def _is_paragraph(element: HtmlElement | None) -> bool:
    """A ``<p>``, or a div holding one paragraph of prose and no blocks (``_is_div_paragraph``):
    a slideshow's or list card's item text set as ``div.slide__text`` under its heading."""
    if element is None:
        return False
    return element.tag == "p" or (element.tag == "div" and _is_div_paragraph(element))


def _opening_paragraph(block: HtmlElement) -> HtmlElement | None:
    """The element after `block`; for a subheading whose next element is a wrapper (a div or
    section) opening with a paragraph (its first 8 words), that paragraph.

    List guides set each entry's body in a wrapper under its linked title ("h3 > a" then
    "div.step-content > p"): the title goes back over the kept paragraph as over a bare one
    (``_restore_slot``). On the modern development set 5 pages gained (a zero-waste guide
    0.842 -> 0.994 recall, a projector guide, a company list), 2 lost a little (a teaser
    title over a blurb, -0.006 precision); no 2019 page changed.
    """
    after = block.getnext()
    if after is None or block.tag not in HEADINGS or after.tag not in _WRAPPER_PATH_TAGS:
        return after
    first = next(after.iter("p"), None)
    if first is None:
        return after
    opening = " ".join(after.text_content().split(None, 8)[:8])  # no split past the 8th
    return first if " ".join(first.text_content().split()).startswith(opening) else after


def _is_story_line(line: str) -> bool:
    """A kept line of the story's own text above a subheading (``_restore_slot``): a sentence,
    a list item, a table row or a label introducing what follows ("Recommended courses:").

    A guide's linked course titles sit between one course's list of topics and the next
    one's description: on the modern development set 2 pages gained (a course guide 0.935 ->
    0.980 recall), none lost, no 2019 page changed.
    """
    return _is_sentence(line) or line.startswith(LIST_ITEM) or " | " in line or line.endswith(":")


def _lead_in_without_list(lines: list[str], i: int) -> bool:
    """Line ``i`` introduces a list (``blocks.is_lead_in``) and no list item follows it."""
    after = lines[i + 1] if i + 1 < len(lines) else ""
    return is_lead_in(lines[i]) and not after.startswith(LIST_ITEM)


def _restorable_lines(block: HtmlElement, index: dict[str, int]) -> list[str]:
    """A dropped subheading's or list's lines (``_restore_between``), or [] to leave it out."""
    if block.tag in HEADINGS:
        text = element_text(block)
        keep = word_runs(text) <= _RESTORED_HEADING_MAX_WORDS and not _is_boilerplate(text)
        return [text] if keep and word_key(text) not in index else []
    items = structure_lines(block)
    if not items or any(word_key(item) in index for item in items):
        return []
    linked = link_word_count(block) > 0.5 * sum(word_runs(item) for item in items)
    return [] if linked and not _follows_lead_in(block) else items


def _recover_container(tree: HtmlElement, lines: list[str], paragraphs: _Paragraphs) -> list[str]:
    """Add body paragraphs trafilatura dropped from its own container.

    The container is the element holding most of the matched paragraphs;
    other elements with the same tag and class (articles split around ad
    slots) count as the same container.
    """
    norms = [paragraphs.line_key(line) for line in lines]
    exact = set(norms)
    joined = " ".join(norms)
    # substring tests catch paragraphs trafilatura merged or split, but are
    # quadratic: on huge documents settle for exact matches
    fuzzy = len(joined) <= _FUZZY_MATCH_CHARS

    def covered(n: str) -> bool:
        return n in exact or (fuzzy and n in joined)

    # <br> separates words as much as block boundaries do
    for br in tree.iter("br"):
        if not (br.tail or "").startswith("\n"):  # idempotent: a later strategy reruns this
            br.tail = "\n" + (br.tail or "")
    if not joined:
        return lines
    parents: Counter[HtmlElement] = Counter()
    # only paragraphs, quotes and structure are ever placed: their relative order is enough.
    # Even numbers, so a div paragraph (``_is_div_paragraph``) takes the odd one after the
    # block before it.
    order = paragraphs.order()
    matched: set[HtmlElement] = set()
    # (document position, line index) of matched paragraphs, to slot
    # recovered ones back in reading order
    anchors: list[tuple[int, int]] = []
    line_of = {n: i for i, n in reversed(list(enumerate(norms)))}
    # A kept paragraph too short to match by substring ("Done? Good.", "Let's do it.") still
    # marks its place when its line stands once in the body: what recovery adds after it in the
    # page goes after it, not above it. Only for placing: the dangling-heading test and the
    # container's weight count long paragraphs as before. On the three development sets 2019
    # 0.98761 -> 0.98766, modern 0.96740 -> 0.96743, metadata body 0.9673 -> 0.9679 (a
    # workout guide's lead-in now over its list, +0.012; a Japanese paper's lines in order,
    # +0.091); 3 modern pages lost 0.003-0.005 (a feature list now after its lead-in, kept
    # whole) (issue 10).
    once = {n for n, c in Counter(norms).items() if c == 1}
    short: list[tuple[int, int]] = []  # kept short paragraphs, their lines once in the body
    for p, n in paragraphs.keys().items():
        if len(n) >= 20 and covered(n):
            matched.add(p)
            parents[p.getparent()] += len(n)
            if n in line_of:
                anchors.append((order.get(p, 0), line_of[n]))
        elif n and n in once:
            short.append((order.get(p, 0), line_of[n]))
    if not parents:
        return lines
    container, weight = parents.most_common(1)[0]
    if weight < 0.3 * len(joined):
        # a body split into many blocks of one kind (a block editor's "div.ebd-block" per
        # paragraph) weighs as the blocks together: the container and its cousins
        cousins = set(_cousins(container))
        weight += sum(w for el, w in parents.items() if el in cousins)
    if weight < 0.3 * len(joined):  # a guide's kept text: its lists, tables, subheadings
        weight += kept_structure_weight(container, covered)
    if weight < 0.3 * len(joined):
        return lines
    extra, headings, kept = _container_blocks(container, matched, exact, covered, order)
    extra = _drop_dangling_headings(extra, headings, [pos for pos, _ in anchors] + list(kept))
    lines, extra = _merge_variants(lines, extra)
    if not extra:
        return lines
    anchors += code_anchors(tree, _PLACED_TAGS, order, line_of)  # kept code blocks
    return _insert_in_reading_order(
        lines, anchors + short + _structure_anchors(kept, line_of), extra
    )


def _structure_anchors(
    kept: dict[int, list[str]], line_of: dict[str, int]
) -> list[tuple[int, int]]:
    """(document position, line index) of each list or table the extractor kept (position to
    its lines, ``_container_blocks``): the index of its last line in the body (`line_of`, word
    key to index).

    Recovered blocks go after the kept block before them in the page
    (``_insert_in_reading_order``); with paragraphs alone as anchors, a subheading recovered
    after a kept list went above the list, under the paragraph that introduced it. On the
    modern development set 21 pages changed, 6 gained more than 0.005 (a music-lessons
    guide's subheadings, each one list too high: page F1 0.954 -> 0.998; a buying guide
    0.964 -> 0.994) and 1 lost 0.009 (a site's appeal now longer than the closing cut's
    reach); modern F1 0.96714 -> 0.96740, no page of the 2019 or metadata sets changed
    (issue 10).
    """
    out = []
    for pos, rendered in kept.items():
        found = [line_of[key] for key in map(word_key, rendered) if key in line_of]
        if found:
            out.append((pos, max(found)))
    return out


# A recovered paragraph is a variant of a kept line when this share of its word 4-grams
# stand in that line (or the line's in it): the same paragraph with a link's text missing
# or an escaped entity ("&#39;") left in. The shared ``repeats`` rule uses 0.9 on lines
# far apart; here the pair is known to be one block and its rendering.
_VARIANT_SHARE = 0.8
_VARIANT_MIN_GRAMS = 6


def _merge_variants(
    lines: list[str], extra: list[tuple[int, str]]
) -> tuple[list[str], list[tuple[int, str]]]:
    """Recovered paragraphs that repeat a kept line are not added twice.

    ``extra`` holds (document position, text) pairs recovery would add. One that is mostly
    a kept line is that line again: it is dropped when the kept line is as long, and
    replaces the kept line when the kept line is a fragment of it (the extractor cut the
    paragraph at a link). Returns the lines and the pairs left to add.
    """
    if not extra:
        return lines, extra
    extra_grams = [word_grams(html.unescape(text)) for _, text in extra]
    vocabulary = set(_WORD_RUNS.findall("\n".join(lines).casefold()))  # word_grams' words
    # the grams of the paragraphs that may be variants: the others' hits never reach the share
    wanted = set().union(*(grams for grams in extra_grams if _may_be_variant(grams, vocabulary)))
    if not wanted:
        return lines, extra
    # each wanted gram to the first line holding it: later lines written first, earlier ones
    # over them
    index: dict[tuple[str, ...], int] = {}
    for i in range(len(lines) - 1, -1, -1):
        index.update(dict.fromkeys(word_grams(lines[i]) & wanted, i))
    out: list[tuple[int, str]] = []
    lines = list(lines)
    for (pos, text), grams in zip(extra, extra_grams, strict=True):
        hits = Counter(index[g] for g in grams if g in index)
        if len(grams) < _VARIANT_MIN_GRAMS or not hits:
            out.append((pos, text))
            continue
        i, shared = hits.most_common(1)[0]
        if shared < _VARIANT_SHARE * len(grams):
            out.append((pos, text))
        elif len(grams) > len(word_grams(lines[i])) and not _ENTITY_RE.search(text):
            lines[i] = text  # the kept line was a fragment of the paragraph
    return lines, out


def _may_be_variant(grams: frozenset[tuple[str, ...]], vocabulary: set[str]) -> bool:
    """Whether a recovered paragraph of these word 4-grams can be a variant of a kept line
    (``_merge_variants``): a gram stands in a line only when each of its words is among the
    lines' words (`vocabulary`), so a variant needs that share of grams all of whose words
    are. Reading the lines' words once costs a fraction of shingling every line, and on the
    modern development set 101 of 138 recoveries with paragraphs to add need no shingles."""
    if len(grams) < _VARIANT_MIN_GRAMS:
        return False
    inside = sum(1 for gram in grams if vocabulary.issuperset(gram))
    return inside >= _VARIANT_SHARE * len(grams)


# the words ``text.word_grams`` shingles, from casefolded text
_WORD_RUNS = re.compile(r"\w+")
# an HTML reference left in text ("&#39;", "&amp;"): the page escaped it twice
_ENTITY_RE = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)


def _container_blocks(
    container: HtmlElement,
    matched: set[HtmlElement],
    exact: set[str],
    covered: Callable[[str], bool],
    order: dict[HtmlElement, int],
) -> tuple[list[tuple[int, str]], dict[int, str], dict[int, list[str]]]:
    """Paragraphs and structure of the container (and its cousins) the extractor left out.

    Inside the extractor's own container only direct children are candidates (nested
    widgets are not); in cousins any paragraph or quote is, and in sibling cousins the
    container's kinds of block as well. Returns (document position,
    line) pairs, the subheadings among them (position to tag), and the lists and tables the
    extractor kept (article text under a subheading, like a paragraph), position to lines.
    """
    extra: list[tuple[int, str]] = []
    headings: dict[int, str] = {}
    kept: dict[int, list[str]] = {}
    seen: set[str] = set()
    for cont in [container, *_cousins(container)]:
        cands = (
            _candidates(cont)
            if cont is container
            else cast("list[HtmlElement]", _BLOCK_XPATH(cont))
        )
        # sibling sections, and sibling blocks of the container's class (a body split around
        # an ad slot), hold subheadings and lists of the story like the container does;
        # cousins further away hold only their paragraphs (their lists are widgets')
        if cont is not container and (
            cont.tag == "section" or cont.getparent() is container.getparent()
        ):
            cands = list(dict.fromkeys([*_candidates(cont), *cands]))
        for block in cands:
            if block in matched or _in_skipped(block, cont) or _holds_kept(block, matched):
                continue
            if is_structure(block):
                pos = order.get(block, 0)
                rendered = structure_lines(block)
                lines = _structure_lines(block, rendered, exact, covered)
                if lines and block.tag in HEADINGS:
                    headings[pos] = block.tag
                elif not lines and _is_kept(block, rendered, covered):
                    kept[pos] = rendered
                extra.extend((pos, line) for line in lines)
                continue
            text = element_text(block)
            n = word_key(text)
            words = len(n.split())
            # counted as ``count_words`` does, a Japanese, Chinese or Thai character one word:
            # a paragraph of those scripts is one or two \w runs (issue 10; the metadata
            # set's Japanese paper 0.812 -> 0.906 recall, no other page of the sets changed
            # but a modern page's lone template token, no longer a paragraph)
            if count_words(text) < 8 or n in seen or covered(n) or _MARKUP_RE.search(text):
                continue
            seen.add(n)
            if link_word_count(block) > 0.5 * words:
                continue
            if _is_boilerplate(text):
                continue
            extra.append((_position(block, order), text))
    return extra, headings, kept


def _holds_kept(block: HtmlElement, matched: set[HtmlElement]) -> bool:
    """A quote holding a paragraph the extractor kept (one of `matched`): its paragraphs are
    the extractor's lines already, and its text, read whole, runs them together into one line
    that repeats them ("... online.Here's what I'm after:Background Story1. What ...").

    On the modern development set a newsletter guide quoted a prompt of nine paragraphs, the
    extractor kept them, and recovery added the quote again as one line, after which the kept
    copies went as repeats of it (page F1 0.917 -> 0.992 without it); no other page of the
    three development sets changed (issue 10).
    """
    return block.tag == "blockquote" and any(p in matched for p in block.iterdescendants("p"))


def _position(block: HtmlElement, order: dict[HtmlElement, int]) -> int:
    """The block's place in reading order; a div paragraph's is just after its previous block
    (its previous sibling's, or for one nested in layout divs, the block before it in the page)."""
    if block in order:
        return order[block]
    before = next((order[el] for el in block.itersiblings(preceding=True) if el in order), None)
    return (_placed_before(block, order) if before is None else before) + 1


def _placed_before(block: HtmlElement, order: dict[HtmlElement, int]) -> int:
    """The place of the last placed block before `block` in the page, ancestors aside (XPath's
    ``preceding::``), or -1: found walking back from the block through its and its ancestors'
    earlier siblings, not in the node-set of every placed block before it."""
    node: HtmlElement | None = block
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            placed = [el for el in sibling.iter(*_PLACED_TAGS) if el in order]
            if placed:
                return order[placed[-1]]
        node = node.getparent()
    return -1


def _is_kept(block: HtmlElement, lines: list[str], covered: Callable[[str], bool]) -> bool:
    """A list, table or dl (rendered as `lines`, ``structure_lines``) some line of which the
    extractor kept."""
    return block.tag not in HEADINGS and any(covered(word_key(line)) for line in lines)


def _structure_lines(
    block: HtmlElement, lines: list[str], exact: set[str], covered: Callable[[str], bool]
) -> list[str]:
    """A dropped subheading, list or table of the container (rendered as `lines`,
    ``structure_lines``), or [] when kept or not prose.

    A block the extractor kept any line of is left to it; lists and tables mostly made
    of links are navigation (tables of contents, related stories), not article.
    """
    norms = [word_key(line) for line in lines]
    if block.tag in HEADINGS:
        # a kept heading is a line of its own: its words inside a paragraph ("The Audit
        # Certificate is ...") do not mean the extractor kept it
        return [] if not lines or norms[0] in exact or _is_boilerplate(lines[0]) else lines
    # long lines by substring: the extractor renders items holding blocks its own way
    if not lines or any(n in exact or (len(n) >= 20 and covered(n)) for n in norms):
        return []
    words = sum(word_runs(line) for line in lines)
    linked = link_word_count(block) > 0.5 * words and not _follows_lead_in(block)
    if linked or _MARKUP_RE.search(" ".join(lines)):
        return []
    return lines


def _follows_lead_in(block: HtmlElement) -> bool:
    """A list or table right after a paragraph that introduces it (``blocks.is_lead_in``)."""
    prev = block.getprevious()
    return prev is not None and prev.tag == "p" and is_lead_in(element_text(prev))


def _drop_dangling_headings(
    extra: list[tuple[int, str]], headings: dict[int, str], kept: list[int]
) -> list[tuple[int, str]]:
    """Keep a recovered subheading only when article text precedes and follows it.

    ``headings`` maps the recovered subheadings' positions to their tags, ``kept`` holds the
    positions of the paragraphs, lists and tables the extractor kept. A heading followed by
    nothing, or by a heading of its rank or higher before any text, heads a widget the
    extractor rightly left out ("Leave a reply", "More from ..."); one above the first kept
    paragraph is the headline or a kicker, not a section of the story. A subheading of
    lower rank in between is the section's own ("h2 Choosing / h3 Factors / list").
    """
    if not headings:
        return extra
    content = sorted({*kept, *(p for p, _ in extra if p not in headings)})
    ordered_headings = sorted(headings)
    out: list[tuple[int, str]] = []
    for pos, line in extra:
        if pos in headings:
            k = bisect.bisect_right(content, pos)
            if k in (0, len(content)):
                continue
            h = bisect.bisect_right(ordered_headings, pos)
            between = ordered_headings[h : bisect.bisect_left(ordered_headings, content[k])]
            if any(headings[other] <= headings[pos] for other in between):
                continue
        out.append((pos, line))
    return out


def _cousins(container: HtmlElement) -> list[HtmlElement]:
    """Same tag and class near the container: a body split around ad slots.

    A container that is a class-less ``section`` with an id has as cousins its sibling
    sections of that kind: a story set one section per subheading ("section#what-is-x",
    "section#how-to-choose"). Their subheadings and lists count, like the container's own
    (``_container_blocks``).
    """
    tag, cls = element_signature(container)
    if not cls and tag == "section" and container.get("id"):
        return [
            other
            for other in [*container.itersiblings(preceding=True), *container.itersiblings()]
            if other.tag == "section" and other.get("id") and not other.get("class")
        ]
    if not cls:
        return []
    # split bodies are cousins: siblings, or children of sibling wrappers
    scope = container.getparent()
    if scope is not None and scope.getparent() is not None:
        scope = scope.getparent()
    if scope is None:
        return []
    probe = max(cls.split(), key=len)  # in the class of every element of that signature
    return [
        other
        for other in scope.iter(tag)
        if other is not container
        and probe in (other.get("class") or "")
        and element_signature(other) == (tag, cls)
    ]


def _insert_in_reading_order(
    lines: list[str], anchors: list[tuple[int, int]], extra: list[tuple[int, str]]
) -> list[str]:
    """Slot recovered paragraphs after the kept line that precedes them in the page."""
    anchors.sort()
    positions = [pos for pos, _ in anchors]
    after: dict[int, list[str]] = {}
    for pos, text in sorted(extra, key=lambda item: item[0]):  # stable: list order kept
        k = bisect.bisect_left(positions, pos) - 1
        slot = anchors[k][1] if k >= 0 else -1
        after.setdefault(slot, []).append(text)
    out: list[str] = list(after.get(-1, []))
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(after.get(i, []))
    return out


@dataclass(frozen=True)
class Body:
    """The main text of a page: paragraphs, the strategy that found them, how sure we are."""

    paragraphs: list[str]
    strategy: str
    confidence: float


def _words(lines: list[str]) -> int:
    return sum(word_runs(line) for line in lines)


def _is_short(words: int, page_words: int) -> bool:
    """A body short against the page's visible text: the extractor may have missed the story."""
    return words == 0 or words < _FIRST_PASS_PAGE_SHARE * page_words


def confidence(words: int, page_words: int, page_link_density: float, fallback: bool) -> float:
    """How likely the body is the whole story and only it, in [0, 1].

    Each doubt halves at most: a body under 150 words, one under a quarter of the page's
    visible words (missed sections) or over 80% of them (boilerplate kept), a page whose
    words are mostly links, and a body from a fallback strategy (x0.8). On both development
    sets the lowest-confidence tenth of pages has the lowest F1 (``make bench-extract``).
    """
    share = words / page_words if page_words else 1.0
    length = min(1.0, words / _CONFIDENT_WORDS)
    missed = min(1.0, share / _CONFIDENT_MIN_SHARE)
    dumped = min(1.0, max(0.0, 1.0 - share) / (1.0 - _CONFIDENT_MAX_SHARE))
    links = 1.0 - min(1.0, max(0.0, page_link_density))
    score = length * (0.5 + missed / 2) * (0.5 + dumped / 2) * (0.5 + links / 2)
    return round(score * (_FALLBACK_FACTOR if fallback else 1.0), 3)


def extract_body(
    tree: HtmlElement,
    url: str | None = None,
    page_words: int = 0,
    page_link_density: float = 0.0,
    *,
    marks: Collection[str] | None = None,
    language: str | None = None,
    walk: PageWalk | None = None,
) -> Body:
    """The article body of a parsed page, trying each of ``STRATEGIES`` until one is not short.

    ``page_words`` and ``page_link_density`` describe the page's visible text
    (``classify.page_signals``), measured before this call; ``marks``, the page's class and
    id values read before it (``xpath.class_and_id_values``), if read; ``language``, the page's
    language from its markup (for ``stoplist_language``); ``walk``, the page's walk
    (``walk.PageWalk``) of the tree as the other readers left it. The tree is consumed:
    pre-cleaning changes it, so run every other reader first.
    """
    moved = place_streamed_parts(tree, marks)  # a streamed page's late sections, where they show
    _preclean(tree, marks, None if moved else walk)  # moved parts: not in the walk's order
    if walk is not None:
        walk.forget_lookups()  # their last reader is done: not held beside the tree's copies
    titles = _titles(tree)
    links = _link_texts(tree)
    paragraphs = _Paragraphs(tree)
    best: tuple[list[str], str, int] | None = None
    for strategy in STRATEGIES:
        found = _trafilatura_lines(tree, url, strategy, language, marks=marks)
        lines = _clean(_recover(tree, found, paragraphs), titles, links)
        words = _words(lines)
        fallback_agrees = (
            best is not None and best[2] > 0 and words <= best[2] * _NEXT_STRATEGY_GAIN
        )
        if best is None or words > best[2] * _NEXT_STRATEGY_GAIN:
            best = (lines, strategy.name, words)
        if not _is_short(words, page_words) or fallback_agrees:
            break
    assert best is not None  # STRATEGIES is not empty
    lines, name, words = best
    if _is_short(words, page_words):
        lines, words = _with_story_cards(tree, lines, words)
    lines = drop_teasers(tree, lines, url)  # a grid of other stories' headlines and excerpts
    # the next story, social embeds, ...: the paragraphs' keys, read for recovery, serve it
    lines = drop_foreign(tree, lines, marks, url, paragraphs.keys())
    lines = drop_closers(lines)  # the site's contact block, author card, "About us" note
    fallback = name != STRATEGIES[0].name
    return Body(lines, name, confidence(words, page_words, page_link_density, fallback))


def _with_story_cards(tree: HtmlElement, lines: list[str], words: int) -> tuple[list[str], int]:
    """A short body with the prose cards that follow it (``cards.card_lines``), and its words."""
    cards = [line for line in card_lines(tree, lines) if not _is_boilerplate(line)]
    return ([*lines, *cards], words + _words(cards)) if cards else (lines, words)


def extract_paragraphs(tree: HtmlElement, url: str | None = None) -> list[str]:
    """The article body of a parsed page as cleaned paragraphs (see ``extract_body``)."""
    return extract_body(tree, url).paragraphs
