"""Author names as pages write them ("By A and B, Staff Writer | Email") to clean authors.

A byline value becomes zero or more `Author`s: prefixes ("By", "Von", "Par"), roles in any
language ("Senior Reporter", "기자", "記者"), photo credits ("Foto: …", "Getty Images"),
places ("Frankfurt, Germany"), handles, URL slugs, abbreviations in parentheses, generic
bylines ("Our Editors"), editors and reviewers ("Edited by …"), job titles glued on
without a comma ("Paul Frew Home and Digital Security Expert", "Keith Barry Senior Autos
Reporter") and the section or place after " in " ("By Sam Ortiz in Home Projects"),
post-nominal letters ("Dylan Bailey, MS, RD"), a title opened by "Head of …", what follows
a spaced dash or a dateline label ("By Ana Li - Mar 27, 2024") and an avatar's initials
("CM Craig McCarthy") are removed; an
organisation the page credits ("Associated Press", "Redaktion …", the site itself) is kept
with `kind="organization"`. The rules are our own, written for the kinds of fault measured
on the metadata development set and linted on the modern one (issue 9).
"""

from __future__ import annotations

import pickle
import re
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from newsflow.extract.bylines import date_starts
from newsflow.extract.candidates import AuthorRef
from newsflow.extract.dateline import parse_dateline, without_other_dates
from newsflow.models.article import Author, AuthorKind
from newsflow.urls import page_http_url

# A byline's label word: "by" in English, German, French, Spanish/Portuguese, Italian,
# Dutch, Scandinavian, Polish, Russian, and "author" in several.
_LABEL_WORD = (
    r"(?:by|von|par|por|di|door|av|af|przez|автор|de|text|texto|autor|authors?|author\(s\)|auteur)"
)
_PREFIX = re.compile(
    r"^\s*(?:(?:this\s+)?(?:post|article|story|piece)\s+(?:(?:was|is)\s+)?)?"
    r"(?:(?:written|reported|posted|text|story|words|photos?|photographs?|recipe|interview)\s+)?"
    rf"{_LABEL_WORD}\s*[:\-]?\s+",
    re.IGNORECASE,
)
# A text ending in a byline's label word ("Posted on March 3, 2026 by", "Autor:"): a name
# after it is the byline's.
_LABEL_AT_END = re.compile(rf"(?:^|[^\w(]){_LABEL_WORD}\s*[:\-]?$", re.IGNORECASE)
# Where the names of a byline end: a dash or a dot operator with spaces around it ("By Ana
# Li - Mar 27, 2024", "Ana Li ⋅ Review Editor ⋅ Updated …",
# "Ana Li – Example Editorial Team": a date or an affiliation follows; a hyphen inside a
# name has no spaces), a dateline label ("Written by Ana Li Last updated on: …") or " on "
# before a date ("by Ana Li on Jan 22, 2025"), or a picture credit after a comma or a full
# stop ("Words by Ana Li. Photographs by Bo Ek", "By Ana Li, photos by Bo Ek"; fresh-user
# trial: the credit was read as a name, or the whole byline dropped).
_PICTURES_LABEL = (
    r"(?:photos?|photographs?|photography|pictures?|videos?|fotos?|fotografías?|vidéos?|"
    r"bilder?)\s+(?:by|von|par|de|por|di)\b"
)
_NAMES_END = re.compile(
    r"\s+[-–—⋅]\s|\s+(?:last\s+)?(?:updated|published|posted|modified)\b(?:\s+on\b)?\s*:?"
    rf"|[,.]\s+(?={_PICTURES_LABEL})"
    r"|\s+on\s+(?=(?:[^\W\d_]+\.?\s+)?\d)"
    # a count of comments after the names: "By Ana Li 2 Comments", "Max Muster 3 Kommentare"
    r"|\s+(?:\d+|no)\s+(?:comments?|responses?|replies|kommentare?|commentaires?|"
    r"comentarios?|commenti|commento|reacties?|reactie|komentarze?)\b",
    re.IGNORECASE,
)
# A relative time that a byline writes instead of a date ("Yesterday", "2 hours ago", "vor
# 3 Stunden", "il y a 2 jours", "hace 3 días"): a byline's piece, never a name.
_RELATIVE_TIME = re.compile(
    r"(?i)(?:yesterday|today|tonight|just\s+now|gestern|heute|vorgestern|hier|aujourd'hui|"
    r"ayer|hoy|ieri|oggi|ontem|hoje|gisteren|vandaag|wczoraj|dzisiaj|igår|idag"
    r"|(?:[\w-]+\s+){1,2}ago|(?:vor|il\s+y\s+a|hace|há)\s+[\w']+\s+(?:sekunden?|minuten?|"
    r"stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?|secondes?|minutes?|heures?|jours?|"
    r"semaines?|mois|ans?|segundos?|minutos?|horas?|d[ií]as?|semanas?|mes(?:es)?|años?|anos?))\.?"
)
# "By" glued to the capitalised name after it, as a link's "<span>By</span><span>Name</span>"
# reads without a space ("ByUltimate Performance"); "Byron" or "Byung" are names.
_GLUED_BY = re.compile(r"^\s*By(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
# "and" between names; the short words only in lower case, so "Dan" or "E. Jean" stay names.
# A middle dot splits names, except the Catalan "l·l" inside one ("Marcel·lí", "Col·lell").
_SPLIT = re.compile(
    r"\s*(?:\||;|/|•|(?<![lL])·|·(?![lL])|、|，|&|\n|\b(?i:and|und|et)\b"
    r"|\s(?:y|e|en|og|och|ja|és|i|и|ve|dan|và|oraz)\s)\s*"
)
_NOISE = re.compile(
    r"e-?mail|follow|twitter|facebook|linkedin|instagram|contact|updated|published|"
    # a dateline's label in other languages, left when its date is cut ("| Aktualisiert am …")
    r"aktualisiert|veröffentlicht|erschienen|erstellt|geändert|publié|mis\s+à\s+jour|modifié|"
    r"actualizado|publicado|aggiornato|pubblicato|atualizado|"
    r"\b(?:read|see) more\b|\bview\b|\bmore\b from|\bposted\b|\bcomments?\b|"
    r"\bminutes?\b|\bmin\b|\bread\b",
    re.I,
)
# Other people a byline credits beside the author: an editor, a reviewer, a translator.
_NOT_AUTHOR_LABEL = re.compile(
    r"^\s*(?:medically\s+|expert\s+)?(?:edited|reviewed|fact[- ]?checked|translated|"
    r"illustrated|illustrations?|produced|sub-?edited)\s+by\b",
    re.I,
)
# A reviewer's credit alone, as a product review writes its author ("Reviewed by Ana Li"):
# the author where the byline names no one else ("By Bo Ek | Reviewed by Ana Li" credits an
# editor); a medical or an expert review ("Medically reviewed by …") never is.
_REVIEWED_BY = re.compile(r"^\s*reviewed\s+by\b\s*:?\s*", re.I)
# A photographer's or a video maker's credit ("Photos by …", "Fotos von …", "Vidéo par …"):
# no author beside a writer named before it; a photo essay credited to them alone keeps them.
_PICTURES_BY = re.compile(rf"^\s*{_PICTURES_LABEL}", re.I)
# A photo credit: "Foto: …", "Image: …", or a picture agency anywhere in the value.
_CREDIT_LABEL = re.compile(
    r"^\s*(?:fotos?|photos?|photograph|images?|bild(?:er)?|pictures?|credits?|kuva|zdjęcie|"
    r"crédit|crédito|imagen|immagine|foto[- ]?credit|写真|사진|图片|圖片)\s*[:：]",
    re.I,
)
_PICTURE_AGENCY = re.compile(
    r"getty\s*images|istock(?:photo)?|shutterstock|scanpix|\bimago\b|picture[- ]alliance|"
    r"\balamy\b|unsplash|pexels|adobe\s*stock|depositphotos|\bap photo\b",
    re.I,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Post-nominal letters: degrees, licences and fellowships written after a name ("Dylan
# Bailey, MS, RD, FAND", "Michael Greger, M.D. FACLM"), which are no names. The common
# ones of English bylines (Wikipedia, "List of post-nominal letters"), read with or without
# full stops.
_CREDENTIALS = _words(
    "md do phd dphil msc ms ma mba mph mpa msn bsn bsc bs ba rd rdn ld ldn cdn rn np aprn "
    "fnp dnp pac pa cpa cfp cfa chfc clu jd llm esq dds dmd dvm pharmd psyd edd lcsw lmft "
    "lpc facp facs faan fand faap faafp facc faclm foma dabom cscs cpt cssd cde cdces "
    "ibclc ryt eryt"
)

# Job titles and desks, which are never a name; a name may carry them glued to its end
# ("Dana Whitlock Senior Reporter"). Modifiers count only next to a role noun.
_ROLE_NOUNS = _words(
    "correspondent correspondents editor editors reporter reporters writer writers staff "
    "contributor contributors columnist journalist journalists photographer photographers "
    "producer analyst intern redakteur redakteurin korrespondent korrespondentin rédacteur "
    "rédactrice journaliste journalistin periodista redactor redactora giornalista "
    "verslaggever fotograf photojournalist anchor host critic expert experts blogger "
    "bloggers educator educators"
)
_ROLE_MODIFIERS = _words(
    "senior junior deputy chief associate assistant managing executive contributing special "
    "staff political politics sports sport business foreign national local metro city "
    "investigative digital online news science health tech technology culture arts "
    "education environment climate legal crime courts economics economy finance travel "
    "food fashion opinion features white house washington bureau freelance guest "
    "chef chefin leitender leitende stellvertretender freier freie "
    # generic bylines that name nobody: "Our Editors", "Community Editor", "The Staff"
    "our the your community content editorial site web"
)
# Content-management accounts that stand where no author was entered.
_ACCOUNTS = _words(
    "admin administrator webmaster user guest unknown anonymous anonym autor author "
    # a template's placeholder for an author it did not have
    "undefined null none"
)
# The word "news" alone, in the languages of the dev sets: a section label a CMS put in the
# author field, which names no one ("BBC News", "Redaktion …" name the newsroom and stay).
_NEWS_WORDS = _words(
    "news nachrichten noticias notícias nouvelles actualités notizie nieuws nyheter nyheder "
    "uutiset wiadomości новости haberler"
)
# Words that make a byline an organisation the page credits, not a person.
_ORG_WORD = re.compile(
    r"(?i:redaktion|rédaction|redacción|redazione|redactie|redakcja|newsroom|desk|agency|"
    r"agencies|agentur|agence|agencia|bureau|team\b|presse?\b|press-|news\b|nachrichten|zeitung|times\b|"
    r"media\b|tv\b|radio|\bstaff$|\beditorial\s+board$|^the\s.*\bboard$|\b(?:inc|llc|ltd|gmbh|corp)\.?$)",
)
# East Asian roles written before or after the name, with or without a space.
_CJK_ROLE = re.compile(
    r"(?:선임기자|객원기자|기자|특파원|논설위원|편집위원|記者|记者|特派員|特派员|編集委員|"
    r"编辑|編輯|撰稿|通讯员|通訊員)"
)
# A byline's pieces: split at a bar, a semicolon, a line break, or a spaced dot or bullet
# ("By Ana Li · 5 min read"), so a piece with a number drops alone, not with the names; a
# dot with no space around it is a Catalan name's own ("Marcel·lí").
_CHUNK = re.compile(r"\s*[|;\n]\s*|\s+[•·]\s+")
_PARENS = re.compile(r"\s*[(\[（][^)\]）]{0,40}[)\]）]")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.I)
_HAS_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"^[A-Za-zÀ-ɏ'.-]+$")
_MAX_WORDS = 5


def normalize_name(name: str) -> str:
    """The comparison key of a name: case-folded letters and digits only."""
    return re.sub(r"[^\w]+", "", name.casefold())


@lru_cache(maxsize=32)
def _country_names(language: str) -> frozenset[str]:
    """Country names in English and `language` (Babel's CLDR territory names), case-folded."""
    names: set[str] = set()
    for code in {"en", language}:
        territories = _own_territory_names(code)
        if territories is None:
            territories = _inherited_territory_names(code)
        names |= {n.casefold() for t, n in territories.items() if t.isalpha()}
    return frozenset(names)


# A locale file naming fewer territories inherits the rest (Norwegian Nynorsk from "no").
_FULL_TERRITORIES = 200


def _own_territory_names(code: str) -> dict[str, str] | None:
    """The territory names of Babel's data file for `code` alone, when it names them all
    (the root names none); None for a code without its own full file (an alias such as "iw",
    a locale that inherits them) or with one it cannot read (missing, empty, truncated, not
    a table), which `_inherited_territory_names` reads.

    Only this table is kept: Babel's `Locale` would load and hold the whole locale, its root
    and the global data for its parent (5.3 MB held, against 1.5 for this table: stop 25,
    docs/architecture.md). The file is read by `_TablesOnly`, which builds none of Babel's
    classes (their modules would load babel.dates, babel.localtime and pytz: 15 ms of CPU
    and 3.7 MB once)."""
    from babel.localedata import resolve_locale_filename  # noqa: PLC0415 - loaded only for places

    try:
        with Path(resolve_locale_filename(code)).open("rb") as data:
            table = _TablesOnly(data).load()
    except (OSError, ValueError, EOFError, pickle.UnpicklingError):  # EOFError: an empty file
        return None
    territories = table.get("territories") if isinstance(table, dict) else None
    if not isinstance(territories, dict) or len(territories) < _FULL_TERRITORIES:
        return None
    return {t: n for t, n in territories.items() if isinstance(n, str)}


class _Skipped:
    """Stands for every object of a class in Babel's data file (a date, number or plural
    pattern): built from any arguments and state, and never read."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def __setstate__(self, state: object) -> None:
        pass


class _TablesOnly(pickle.Unpickler):
    """An unpickler of Babel's data files that keeps their dicts, lists and strings and puts
    `_Skipped` for each class they name (the pickle documentation's "restricting globals":
    no module is imported and nothing but `_Skipped` is called)."""

    def find_class(self, module: str, name: str) -> type[_Skipped]:
        return _Skipped


def _inherited_territory_names(code: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - loaded only for places

    try:
        return dict(Locale.parse(code).territories)
    except (UnknownLocaleError, ValueError, TypeError, EOFError, pickle.UnpicklingError):
        return {}  # an unknown locale, or a data file Babel cannot read (empty, truncated)


# A middle initial ("Q.", "Q"): one letter, with or without its full stop.
_INITIAL = re.compile(r"\w\.?")


def _role_start(lowered: list[str]) -> int:
    """Where a run of role words at the end of casefolded `lowered` begins (its length when
    none)."""
    start = len(lowered)
    while start > 0 and lowered[start - 1] in _ROLE_NOUNS | _ROLE_MODIFIERS:
        start -= 1
    return start


# Words that open a job title ("Senior … Reporter") and the number of desk words the title
# lists may not know that can stand between one and the role noun ("Senior Autos Reporter").
_RANKS = _words(
    "senior junior deputy chief associate assistant managing executive contributing special"
)
_MAX_DESK_WORDS = 2


def _title_start(lowered: list[str]) -> int:
    """`_role_start`, reaching back over up to `_MAX_DESK_WORDS` unknown desk words to a rank
    word that opens the title ("keith barry senior autos reporter" -> 2), where two words
    are left before it for the name; a name never holds a rank word before its job title."""
    start = _role_start(lowered)
    if not any(w in _ROLE_NOUNS for w in lowered[start:]):
        return start
    for rank in range(start - 2, start - 2 - _MAX_DESK_WORDS, -1):
        if rank >= 2 and lowered[rank] in _RANKS:
            return _role_start(lowered[: rank + 1])
    return start


def _strip_role_words(words: list[str]) -> list[str]:
    """Drop a job title glued after a name; a title alone gives []; 'Ada Reporter' stays."""
    lowered = [w.casefold().strip(".,") for w in words]
    start = _title_start(lowered)
    if 0 < start < len(words) and lowered[-1] == "staff":
        return words  # "Meridian Post Staff": the paper's staff, an organisation, not a person
    # A name does not end on its middle initial: in "Jane Q. Reporter" the role word is the
    # surname, and only what follows it can be a job title.
    if 2 <= start < len(words) and _INITIAL.fullmatch(words[start - 1]):
        title = lowered[start + 1 :]
        return words[: start + 1] if any(w in _ROLE_NOUNS for w in title) else words
    if any(w in _ROLE_NOUNS for w in lowered[start:]):
        if start >= 2:
            return words[:start]
        # One word before a title is a person named like one ("Ada Reporter"); a desk
        # word there ("Sports Editor") was taken into the title above.
        return words if start == 1 else []
    # A title with words after it ("Editor at Large", "Reporter in Berlin") is no name.
    return [] if any(w in _ROLE_NOUNS for w in lowered) else words


# A lower-case "the" opening a credit ("By the Meridian Post politics team"): a word of the
# byline's sentence; a name never opens so ("The Team" keeps its capital).
_SENTENCE_THE = re.compile(r"^the\s+(?=\S)")
# Words a name has before a link text or label run into it ("Ana Li Follow"); fewer, and the
# value is that text ("Follow us", "Read more").
_MIN_NAME_BEFORE_NOISE = 2


def _clean_segment(segment: str) -> str | None:
    text = _PREFIX.sub("", " ".join(segment.split()) + " ")
    text = _CJK_ROLE.sub(" ", text).strip(" ,.:-–—()[]")
    text = _SENTENCE_THE.sub("", text)  # "By the politics team": the sentence's, not the name's
    if not text or not _HAS_LETTER.search(text) or "@" in text or "://" in text:
        return None
    noise = _NOISE.search(text)
    if noise and len(text[: noise.start()].split()) >= _MIN_NAME_BEFORE_NOISE:
        # "A. J. Neal View In Digital Edition": the name ends where a link's text begins
        text, noise = text[: noise.start()].strip(), None
    if noise or _SLUG.match(text):
        return None
    if any(ch.isdigit() for ch in text):
        return None
    if text.casefold() in _ACCOUNTS | _NEWS_WORDS:
        return None
    words = _without_initials_badge(_without_honorifics(text.split()))
    words = _strip_role_words(_without_credentials(words))
    if len(words) == 1 and len(words[0]) < 3 and words[0].islower():
        return None  # "in", "of": a word left over from "By X, in Travel"
    if not words or len(words) > _MAX_WORDS:
        return None
    return " ".join(words)


def _ends_in_role(piece: str) -> bool:
    words = piece.split()
    return bool(words) and words[-1].casefold().strip(".,") in _ROLE_NOUNS


def _segments(part: str, language: str) -> list[str]:
    """Comma-separated pieces of a byline, without places; 'Last, First' stays one piece."""
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    if len(pieces) < 2:
        return pieces
    countries = _country_names(language)
    kept: list[str] = []
    for piece in pieces:
        if piece.casefold() in countries:
            # "…, Frankfurt, Germany": the country and the city named before it (one word,
            # or two after other pieces: "Jane Smith, Germany" keeps the name).
            words = len(kept[-1].split()) if kept else 0
            if (words == 1 or (words == 2 and len(kept) > 1)) and not _DOMAIN.match(kept[-1]):
                kept.pop()
            continue
        kept.append(piece)
    # "Tom Krisher, AP Auto Writer": a later piece ending in a role noun is the job title of
    # the name before it, whatever its desk or agency words ("Auto", "AP") are.
    kept = kept[:1] + [piece for piece in kept[1:] if not _ends_in_role(piece)]
    two_words = len(kept) == 2 and all(_LATIN_WORD.match(p) for p in kept)
    if two_words and kept[0][:1].isupper() and kept[1][:1].isupper():
        return [", ".join(kept)]  # "Smith, Jane" is one person
    return kept


def _is_credential(word: str) -> bool:
    """ "MD", "Ph.D.", "E-RYT", "FAND*": post-nominal letters, written with two capitals or
    more ("Do" and "Ma" are surnames)."""
    bare = re.sub(r"[.\-*]", "", word)
    capitals = sum(ch.isupper() for ch in bare)
    return capitals >= 2 and bare.casefold() in _CREDENTIALS


def _credentials_only(piece: str) -> bool:
    """ "MS", "M.D. FACLM", "E-RYT 200": a comma piece of post-nominal letters (and the
    hours or level a credential carries)."""
    words = piece.split()
    return any(_is_credential(w) for w in words) and all(
        _is_credential(w) or w.isdigit() for w in words
    )


# Nouns that open a job title naming its field after "of", "at" or "for" ("Head of
# Marketing and Community Development", "Director of Research", "Editor at Large").
_TITLE_HEADS = _ROLE_NOUNS | _words("head director manager president founder dean professor")
_TITLE_OPENING = re.compile(r"^\s*(?:co-?)?(\w+)\s+(?:of|at|for)\s", re.I)


def _opens_title(piece: str) -> bool:
    match = _TITLE_OPENING.match(piece)
    return match is not None and match.group(1).casefold() in _TITLE_HEADS


def _without_job_titles(text: str) -> str:
    """`text` without comma pieces after the first that end in a role noun or are
    post-nominal letters, read before "and" splits names: "Paul Frew, Home and Digital
    Security Expert" -> "Paul Frew", "Jillian Kubala, MS, RD" -> "Jillian Kubala", "Ana Li,
    Head of Marketing and Sales" -> "Ana Li"."""
    pieces = text.split(",")
    # "The Team, edited by Walter": the editor credited after a comma is no author either.
    return ",".join(
        pieces[:1]
        + [
            p
            for p in pieces[1:]
            if not _is_job_title(p) and not _credentials_only(p) and not _NOT_AUTHOR_LABEL.match(p)
        ]
    )


def _is_job_title(piece: str) -> bool:
    """A comma piece after a name that is its job title: it ends in a role noun ("Senior
    Writer"), opens with one before its field ("Head of Marketing") or is written in lower
    case, as names are not ("gastroenterologist", "extension educators"), and longer than an
    agency's short form ("dpa", "afp": `_MAX_SHORT_FORM` letters)."""
    text = piece.strip()
    description = text.islower() and len(text) > _MAX_SHORT_FORM
    return _ends_in_role(piece) or _opens_title(piece) or description


_MAX_SHORT_FORM = 4


def _without_credentials(words: list[str]) -> list[str]:
    """`words` without post-nominal letters glued after the name ("Angela Holliday-Bell MD"),
    where two words are left; a name written all in capitals keeps its words."""
    if all(w.isupper() for w in words):
        return words
    end = len(words)
    while end > 2 and _is_credential(words[end - 1]):
        end -= 1
    return words[:end]


# Honorifics written before a name ("Dr. Ana Li", "Prof. Dr. Max Muster", "Dra. Ana Ruiz"),
# which are no part of it: schema.org keeps them apart from a Person's name
# (`honorificPrefix`), as the post-nominal letters after it (`_CREDENTIALS`); the metadata
# set's truths write none. Case-folded, full stop dropped.
_HONORIFICS = _words("dr dra prof mr mrs ms mx rev dott mme mlle")


def _without_honorifics(words: list[str]) -> list[str]:
    """`words` without the honorifics that open them (`_HONORIFICS`), each with the
    lower-case abbreviations after it (a German doctorate's faculty: "Dr. med.", "Dr. rer.
    nat.", "Dr. h.c."), where two words of the name are left ("Dr. Ana Li" -> "Ana Li";
    "Dr. med. Max Muster" -> "Max Muster"; "Dr. Oz" stays)."""
    start = 0
    while len(words) - start > 2 and words[start].casefold().rstrip(".") in _HONORIFICS:
        end = start + 1
        while end < len(words) and words[end].islower() and words[end].endswith("."):
            end += 1
        if len(words) - end < 2:
            break
        start = end
    return words[start:]


def _without_initials_badge(words: list[str]) -> list[str]:
    """`words` without a first word that is the capital initials of the words after it:
    the letters of an avatar placeholder before the name ("CM Craig McCarthy")."""
    initials = "".join(w[:1] for w in words[1:])
    badge = len(words) >= 3 and words[0].isupper() and words[0] == initials.upper()
    return words[1:] if badge else words


def _names_part(text: str) -> str:
    """`text` up to where its names end (`_NAMES_END`): "Ana Li - Mar 27, 2024" -> "Ana Li";
    the whole `text` when that would leave nothing."""
    match = _NAMES_END.search(text)
    return text[: match.start()] if match and match.start() > 0 else text


_A_DIGIT = re.compile(r"\d")
_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Any date a byline writes is before this: `_without_date` reads the dates, not their age.
_NO_LATER_THAN = datetime(9000, 1, 1, tzinfo=UTC)
# The words of a date with its time ("December 27, 2019 at 4:38 pm", "3 de marzo de 2024"):
# a longer rest is a sentence with a date in it (a comment: "Amber says December 27, 2019
# at 4:38 pm Glad you like them!").
_MAX_DATE_WORDS = 6
# The word between a name and its date, as dateline labels have it (`dateline`'s
# _AFTER_LABEL): "Marie Dupont le 3 mars 2024", "Max Muster am 3. März 2024".
_BEFORE_DATE = re.compile(r"\s+(?:on|am|le|el|il|em|op|den|der|de)$")


@lru_cache(maxsize=256)
def _without_date(text: str, language: str) -> str:
    """`text` without the date its names run into ("Andrew Gerrand 4 August 2010", "Wyndo
    Dec 04, 2025", "Marie Dupont le 3 mars 2024" -> the names), when no separator stands
    between them (`_NAMES_END` cut those); unchanged when no word before a comma holds a
    digit, or the rest after the names is no date of at most `_MAX_DATE_WORDS` words. The
    date starts where `bylines.date_starts` says; `dateline.parse_dateline` (the page's
    visible-dateline reader, in `language`) decides: its plain forms first, then any form
    of a rest with a year (dateparser is loaded only then: "Door No. 61, 1st floor" has
    none)."""
    words = text.split(" ")
    starts = date_starts(words)
    if not starts or "," in " ".join(words[: starts[0]]):
        return text
    starts = [k for k in starts if len(words) - k <= _MAX_DATE_WORDS]
    for plain in (True, False):
        for start in starts:
            rest = " ".join(words[start:])
            if not plain and not _A_YEAR.search(rest):
                continue
            if parse_dateline(rest, language, _NO_LATER_THAN, plain=plain):
                return _BEFORE_DATE.sub("", " ".join(words[:start]))
    return text


def _without_glued_title(parts: list[str]) -> list[str]:
    """Names split at "and" without a job title that held the "and": in "Paul Frew Home and
    Digital Security Expert" (no comma) the last part ends in a singular role noun, which
    two people would not share ("… and Bo Ek, Staff Writers"), so it is the title's end, not
    a name. The first part keeps the title's start; `clean_authors` drops it beside the
    bare name ("Paul Frew Home" beside "Paul Frew")."""
    if len(parts) < 2:
        return parts
    last = parts[-1].split()
    role = last[-1].casefold().strip(".,") if last else ""
    singular = role in _ROLE_NOUNS and not role.endswith("s") and role != "staff"
    return parts[:-1] if singular and len(last) > 1 else parts


# " in " after a name: where the byline says where the piece is filed ("By Sam Ortiz in Home
# Projects", "Von Max Muster in Berlin", "By TPN, in Travel"), a section or a place, never a
# name; in Slovenian it is "and" ("Janez Novak in Marko Kos" are two people). Only in a
# byline sentence (one that opened with "By", "Von" ...) or after a comma: a bare name value
# with " in " is an organisation's own name ("Women in Tech", "Institute for Research in
# Economics", the review of this stop).
_IN_TAIL = re.compile(r"(?:\s*,)?\s+in\s+(?=[^\W\d_])")
_IN_IS_AND = frozenset({"sl"})
# " with " before a capitalised word in a byline sentence ("By Ana Li with Bo Ek", "… with
# reporting by Bo Ek"); in a bare name value it may be an organisation's own name
# ("Cooking with Maria").
_WITH_NAME = re.compile(
    r"\s+with\s+(?:(?:additional\s+)?reporting\s+(?:by|from)\s+)?(?=[A-ZÀ-ÖØ-Þ])"
)


def _in_parts(parts: list[str], language: str, *, byline: bool) -> list[str]:
    """`parts` with " in " read in `language`: two names in Slovenian, else the name without
    the section or place that follows, when that starts with a capital letter and `byline`
    (the value opened with a byline prefix) or a comma stands before " in "."""
    if language in _IN_IS_AND:
        return [name for part in parts for name in re.split(r"\s+in\s+", part)]
    cut = []
    for part in parts:
        match = _IN_TAIL.search(part)
        after = part[match.end() :] if match else ""
        filed = match is not None and (byline or "," in match.group())
        cut.append(part[: match.start()] if match and filed and after[:1].isupper() else part)
    return cut


def ends_with_label(text: str) -> bool:
    """Whether `text` (spaces collapsed) ends in a byline's label word (`_LABEL_WORD`: "by",
    "von", "par", "Autor:", ...), as "Posted on March 3, 2026 by" does: the name after it
    is the byline's."""
    return _LABEL_AT_END.search(text) is not None


def split_names(raw: str, language: str = "en") -> list[str]:
    """The names in one byline string, without prefixes, roles, places and link texts.

    `language` is the page's ISO 639-1 code (for country names in it). Returns names in
    page order; [] for a credit line, a handle or a URL. A piece that is a date, a relative
    time ("Yesterday") or a count of comments ("2 Comments") is no name.

    Kept for the next calls (`_names_in`): a page's bylines are split when the metadata asks
    whether any source names someone and again when `clean_authors` cleans them (on the
    modern development set 435 of 910 calls, 40 % of their time, were such repeats).
    """
    # a plain str is kept: lxml's text results refer to their element (and its tree)
    return list(_names_in(raw if type(raw) is str else str(raw), language))


@lru_cache(maxsize=256)
def _names_in(raw: str, language: str) -> tuple[str, ...]:
    """`split_names`, as a tuple (the cache's values are shared)."""
    names: list[str] = []
    reviewers: list[str] = []
    # a date a label says is not the story's ("| Member since March 3, 2015") is no name
    for chunk in _CHUNK.split(without_other_dates(raw)):
        text = " ".join(chunk.split())
        if _RELATIVE_TIME.fullmatch(text):  # "By Ana Li | Yesterday"
            continue
        # A credit line ("Foto: …", "Name/Ritzau Scanpix"), a handle or a URL: no author.
        if _CREDIT_LABEL.match(text) or _PICTURE_AGENCY.search(text):
            continue
        if reviewed := _REVIEWED_BY.match(text):  # the author only where no one else is
            reviewers.append(f"By {text[reviewed.end() :]}")
            continue
        if _NOT_AUTHOR_LABEL.match(text):  # "Edited by …", "Medically reviewed by …"
            continue
        if names and _PICTURES_BY.match(text):  # "By Ana Li | Photos by Bo Ek"
            continue
        if "://" in text or text.startswith(("@", "www.")):
            continue
        names.extend(_chunk_names(text, language))
    if not names:
        names = [name for text in reviewers for name in _chunk_names(text, language)]
    return tuple(names)


def _chunk_names(text: str, language: str) -> list[str]:
    """The names in one piece of a byline (`_names_in`'s, whitespace collapsed)."""
    text = _GLUED_BY.sub("By ", text)
    byline = _PREFIX.match(text) is not None
    text = _names_part(_PREFIX.sub("", text))
    text = _without_date(text, language) if _A_DIGIT.search(text) else text
    if any(ch.isdigit() for ch in text.split(",")[0]):
        return []  # "Door No. 61, 1st floor, …": an address or a date, not names
    text = _without_job_titles(_PARENS.sub("", text))
    if byline:  # "By Ana Li with Bo Ek": a second author credited in the byline
        text = _WITH_NAME.sub(" and ", text)
    parts = _in_parts(_SPLIT.split(text), language, byline=byline)
    return [
        name
        for part in _without_glued_title(parts)
        for segment in _segments(part, language)
        if (name := _clean_segment(segment))
    ]


def author_kind(name: str, site_names: set[str], *, declared_organization: bool) -> AuthorKind:
    """An organisation when the markup says so, it is the site, or its words name one."""
    if declared_organization or normalize_name(name) in site_names:
        return AuthorKind.ORGANIZATION
    # The site's name with a role after it ("SFist Contributor"): the site is credited.
    words = name.split()
    start = _role_start([w.casefold().strip(".,") for w in words])
    if 0 < start < len(words) and normalize_name(" ".join(words[:start])) in site_names:
        return AuthorKind.ORGANIZATION
    if _ORG_WORD.search(name) or _DOMAIN.match(name):
        return AuthorKind.ORGANIZATION
    # A single Latin word not written as a name: an agency's short form ("AFP", "dpa").
    if " " not in name and _LATIN_WORD.match(name) and not name.istitle():
        return AuthorKind.ORGANIZATION
    return AuthorKind.PERSON


def clean_authors(
    refs: list[AuthorRef], site_names: set[str], language: str = "en", page_url: str = ""
) -> list[Author]:
    """Clean authors of one source, in page order, without duplicates.

    `site_names` are normalized names of the site and its publisher (`excluded_names`): such
    a name is kept as an organisation when the page names it as the author, but dropped when
    the same source also names a person. A domain that is not the site's ("x.com") is dropped.
    An author's URL is made absolute against `page_url` ("/autoren/jane-doe/" ->
    "https://e.com/autoren/jane-doe/"), as HTML resolves an `href` and JSON-LD a relative
    IRI against the document's address (RFC 3986 section 5).
    """
    found: list[Author] = []
    seen: set[str] = set()
    for ref in refs:
        names = [_without_site_suffix(n, site_names) for n in split_names(ref.name, language)]
        for name in names:
            key = normalize_name(name)
            if not key or key in seen:
                continue
            if _DOMAIN.match(name) and not _names_site(key, site_names):
                continue
            seen.add(key)
            kind = author_kind(name, site_names, declared_organization=ref.is_organization)
            url = _absolute(ref.url, page_url) if len(names) == 1 else None
            found.append(Author(name=name, url=url, kind=kind))
    found = _without_extended_names(found)
    people = [a for a in found if a.kind is AuthorKind.PERSON]
    if people:
        return [a for a in found if normalize_name(a.name) not in site_names]
    return found


def _absolute(url: str | None, page_url: str) -> str | None:
    """`url` resolved against `page_url` as a browser resolves an `href` and JSON-LD a relative
    IRI (RFC 3986 section 5.2; urllib drops tabs and newlines as the WHATWG URL parser does):
    "../writers/x/" on "https://e.com/news/city/a" -> "https://e.com/news/writers/x/". A bare
    word ("resnik") is a relative path to both. None for no URL, a "#fragment" (a place in
    this page, not an author page), a result that is no http(s) address with a host
    ("javascript:", "mailto:", a relative URL without `page_url`) or one urllib cannot parse
    ("http://[::1": ValueError)."""
    value = (url or "").strip()
    if not value or value.startswith("#"):
        return None
    return page_http_url(value, page_url)


def _without_site_suffix(name: str, site_names: set[str]) -> str:
    """`name` without the site's name glued on after it ("Brian Truitt USA TODAY" -> "Brian
    Truitt"), when two words or more are left; else `name`. A name that is itself one of
    the site's names is whole ("The Daily Bugle" stays, though "bugle" is its host's name)."""
    if normalize_name(name) in site_names:
        return name
    words = name.split()
    for start in range(2, len(words)):
        if normalize_name(" ".join(words[start:])) in site_names:
            return " ".join(words[:start])
    return name


def _without_extended_names(found: list[Author]) -> list[Author]:
    """`found` without a name that is another found name with words glued after it: "Paul
    Frew Home" beside "Paul Frew" is that person with the start of a job title."""
    words = [a.name.casefold().split() for a in found]

    def extends_another(own: list[str]) -> bool:
        return any(len(other) < len(own) and own[: len(other)] == other for other in words)

    return [a for a, own in zip(found, words, strict=True) if not extends_another(own)]


def _names_site(key: str, site_names: set[str]) -> bool:
    return any(key == s or (len(s) > 3 and s in key) for s in site_names)


def excluded_names(*names: str | None) -> set[str]:
    """Normalized forms of the site's and publisher's names (kept only as organisations)."""
    return {normalize_name(n) for n in names if n} - {""}
