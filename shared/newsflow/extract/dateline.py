"""The visible dateline ("Published July 10, 2019 at 1:18 p.m. EDT", "입력 2019.07.10 오후 1:18")
to a timezone-aware datetime, for pages without a machine-readable date.

Month and weekday names in the page's language, 12-hour clocks and relative forms
("3 hours ago", "vor 3 Stunden") are read by dateparser (maintained, 200+ locales; installed
with htmldate/trafilatura); labels, zone abbreviations, the numeric order of the page's
language and the zone of a language's press are our own rules (issue 9).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, time, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsflow.extract.dates import MIN_YEAR, region_zone, zone_offset

# Labels before a dateline; the "updated" kind marks a modification time. The word after a
# label ("on", "am", "le", "il") is no article in French "il y a 3 heures" (3 hours ago).
_AFTER_LABEL = r"\b\s*(?:(?:on|am|le|el|il|em|op)\b(?!\s+y\s+a\b))?\s*[:：]?\s*"
_UPDATED = re.compile(
    r"^(?:last\s+)?(?:updated?|upd\.?|modified|aktualisiert|geändert|mis\s+à\s+jour|modifié|"
    r"actualizado|actualización|aggiornato|atualizado|bijgewerkt|zaktualizowano|güncelleme|"
    r"oppdatert|opdateret|uppdaterad|обновлено|수정|업데이트|更新|최종수정)" + _AFTER_LABEL,
    re.I,
)
_PUBLISHED = re.compile(
    r"^(?:published|posted|first\s+published|veröffentlicht|erschienen|erstellt|publié|publicado|"
    r"pubblicato|gepubliceerd|opublikowano|publisert|publicerad|udgivet|yayınlanma|yayın|"
    r"опубликовано|기사입력|입력|등록|公開|発行|配信|发布|發佈|發布|date)" + _AFTER_LABEL,
    re.I,
)
# Pieces of a dateline: at separators, wide gaps, and before a label written without one or
# in parentheses ("입력 2024.05.03 14:22 수정 2024.05.03 15:01", "By Ann Lee Published on July
# 18, 2025", "12 March 2024 14:35 (updated 13 March 2024 09:00)"); `_UPDATED`'s "Upd:" too.
_PIECES = re.compile(
    r"\s+[-–—|•·/]\s+|\s*[|;]\s*|\s{3,}|\s+\(?(?=(?:last\s+)?(?:updated?|upd|modified|modifié|"
    r"aktualisiert|mis\s+à\s+jour|actualizado|aggiornato|atualizado|güncelleme|oppdatert|"
    r"opdateret|uppdaterad|수정|최종수정|업데이트|更新|published|posted|veröffentlicht|erschienen|publié|"
    r"publicado|pubblicato|gepubliceerd|opublikowano|publisert|publicerad|udgivet)\b)"
    r"|(?<=\d)\s+(?=[^\W\d]+[:：])",  # a label with a colon after a number: "14:35 来源：…"
    re.I,
)
# A date a label says is not the story's, from the label to the next separator (as
# `_PIECES` has them: a bar, a dot, a semicolon, a spaced dash or slash): a member's
# or an author's ("Member since March 3, 2015", "Inscrite depuis …", "Joined Mar 2015"), a
# life's ("Born 3 May 1970", "Died March 1, 2024": an obituary's subject), a start ("Since
# 2010", "Columnist since 2010"), a page range ("Pages 12-14", "pp. 3-5"). Only at the start
# of the text or of a piece, so a name ("Max Born") is no label.
_OTHER_DATE = re.compile(
    r"(?i)(?:^|(?<=[|•·,;])|(?<=\s[-–—]))\s*(?:(?:member\s+since|joined|born|died|pages?|"
    r"mitglied\s+seit|dabei\s+seit|geboren|gestorben|seiten?|membre\s+depuis|inscrite?|née?|"
    r"décédée?|miembro\s+desde|nacid[oa]|fallecid[oa]|páginas?|iscritto|nato|nata|pagine|"
    r"lid\s+sinds)\b|pp?\.|"
    # "since" alone only right before its date: "Desde Madrid, 3 de marzo" is a place; a
    # role may open the piece ("Columnist since March 3, 2010", "Redakteurin seit März 2015")
    r"(?:[^\W\d_]+\s+){0,2}(?:since|seit|depuis|desde|sinds)\s+"
    r"(?=(?:le\s+|el\s+|dem\s+)?(?:\S*\d|[^\W\d_]+\.?\s+\d)))"
    r"(?:(?!\s+[-–—/]\s)[^|•·;])*"
)
# A time of day alone, with its meridiem or zone in any script: the rest of the piece before
# it ("06/01/2026 - 14:02 MEZ", "November 19, 2019 / 10:07 AM", "12 مارس 2024 - 2:35 م").
_BARE_CLOCK = re.compile(
    r"(?i)(?:오전|오후|上午|下午|午前|午後)?\s*\d{1,2}[:.h]\d\d(?::\d\d)?\s*(?:[ap]\.?\s?m\.?|uhr|h)?"
    r"(?:\s*(?:(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d\d)?|[^\W\d_]{1,5}))?"
)
# Reading times printed beside a dateline ("5 min read", "4m read", "Lesezeit 4 Min.", "Reading
# time: 2 minutes"): a duration, not a date, cut out before the dateline is split.
_MINUTES = r"\d+\s*(?:min(?:ute)?s?|minuten?|minutos?|minuti|minuto|m\b)\.?"
_READING_TIME = re.compile(
    r"(?i)(?:(?:reading|read)\s+time|lesezeit|lesedauer|temps\s+de\s+lecture|tiempo\s+de\s+"
    r"lectura|tempo\s+de\s+leitura|tempo\s+di\s+lettura|leestijd|czas\s+czytania)\s*[:：]?\s*"
    rf"(?:about\s+|ca\.\s*)?{_MINUTES}|{_MINUTES}\s*(?:read|reading|lesezeit|de\s+lectura|"
    r"de\s+lecture|di\s+lettura|de\s+leitura|leestijd)\b"
)
_TRAILING_MINUTES = re.compile(rf"(?i)\s+{_MINUTES}$")
# Numbers that are no date's parts, cut out before a dateline is split: a price with its
# currency's sign or ISO 4217 code ("Price £3.50 Oct 4, 2025": dateparser took 3.50 for the
# clock) and a software version ("Version 2.10.25", "v2.10.25": a dotted date to it).
_AMOUNT = r"\d+(?:[.,]\d+)*"
_CURRENCY_CODE = r"(?:USD|EUR|GBP|CHF|JPY|CNY|CAD|AUD|INR|SEK|NOK|DKK|PLN)"
_NOT_A_DATE = re.compile(
    rf"[$£€¥₹₩]\s?{_AMOUNT}|{_AMOUNT}\s?[$£€¥₹₩]|\b{_CURRENCY_CODE}\s?{_AMOUNT}"
    rf"|{_AMOUNT}\s?{_CURRENCY_CODE}\b"
    r"|(?i:\b(?:version|versión|versione|ver\.|build|firmware)\s*|\bv)\d+(?:\.\d+)+\b"
)
_MERIDIEM = re.compile(r"\b([ap])\.\s?m\.?(?=\W|$)", re.I)
_NOISE_WORDS = re.compile(r"\b(?:at|um|Uhr|à|às|alle|om|o|kl|klo)\b\.?", re.I)
_DIGIT = re.compile(r"\d")
_CLOCK = re.compile(r"\d:\d\d|\d\s*(?:h|Uhr|時|시)\s*\d|\d\.\d\d\s*Uhr", re.I)
_MAX_CHARS = 120
# A year or a date written in numbers with one separator: what a date inside other words
# must hold ("9.7/10 Best VPN" and a count of minutes have neither).
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DATED = re.compile(rf"{_YEAR.pattern}|(?<!\d)\d{{1,4}}([./-])\d{{1,2}}\1\d{{2,4}}(?!\d)")
# A label that ends in a colon ("Last update:", "Stand:", "更新日："): words without a number.
_COLON_LABEL = re.compile(r"^[^\d:：]{1,40}[:：]\s*")
# A year or a numeric date: what a relative form ("vor 2 Tagen") never has.
_ABSOLUTE = re.compile(r"\d{4}|\d[./-]\d")
# A duration alone, as reading times show it: dateparser reads "6 min" as six minutes ago. In
# English also after words ("Tech news 8 minutes"): a relative date there says "ago" after it
# (German "vor 6 Minuten", Spanish "hace 6 minutos" say it before).
_DURATION_TEXT = (
    r"\d+\s*(?:min|mins|minutes?|minuten?|minutos?|hours?|hrs?|h|stunden?|sec|seconds?)"
    r"\.?(?:\s+(?:read|reading|to read|lesezeit|de lectura|de lecture))?$"
)
_DURATION = re.compile(rf"(?i)^{_DURATION_TEXT}")
# An elapsed time in words as Rails' distance_of_time_in_words writes it, "ago" left to the
# template ("about 5 hours", "over 2 years", "almost 3 years", "less than 20 seconds"): a
# relative date. Only its forms: it never writes "about 20 minutes", a cooking or reading
# time ("<span class=cook-time>about 20 minutes</span>").
_DISTANCE_IN_WORDS = re.compile(
    r"(?i)(?:about\s+(?P<about>\d+\s+(?:hours?|months?|years?))"
    r"|(?:over|almost)\s+(?P<years>\d+\s+years?)|less\s+than\s+(?P<seconds>\d+\s+seconds))"
)
_EN_DURATION = re.compile(rf"(?i)^(?:[^\W\d_]+\s+)*{_DURATION_TEXT}")
# Numeric dates are read in the order of the page's language: 10.07.2019 is 10 July in
# German, 07/10/2019 is July 10 in (US) English; East Asian and Hungarian write year first.
_YEAR_FIRST = frozenset({"ko", "ja", "zh", "hu", "lt", "mn"})
_MONTH_FIRST = frozenset({"en"})
# English writes the day first outside the US, its territories, the Marshall Islands and the
# Philippines (CLDR 47 short date patterns: en-GB, en-IE, en-AU, en-IN "dd/MM/y" or "d/M/yy";
# en-US, en-PH, en-MH "M/d/yy"): a page whose markup names another region ("en-GB") reads
# 12/03/2024 as 12 March. Without a region, month first as before; Canada writes both (CLDR
# gives it year first only), so it keeps month first too.
_MONTH_FIRST_REGIONS = frozenset({"US", "PH", "AS", "GU", "MP", "PR", "UM", "VI", "MH", "CA"})
_REGION = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z]{4})?[-_]([a-zA-Z]{2}|\d{3})(?:[-_.@]|$)")
# The zone of a language's press: a dateline without a zone is in it. A page from elsewhere
# gets a wrong offset, as UTC (the fallback) would give it, which is wrong for all of them.
_LANGUAGE_ZONES = {
    "ko": "Asia/Seoul",
    "ja": "Asia/Tokyo",
    "zh": "Asia/Shanghai",
    "de": "Europe/Berlin",
    "it": "Europe/Rome",
    "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw",
    "cs": "Europe/Prague",
    "hu": "Europe/Budapest",
    "da": "Europe/Copenhagen",
    "sv": "Europe/Stockholm",
    "nb": "Europe/Oslo",
    "no": "Europe/Oslo",
    "fi": "Europe/Helsinki",
    "el": "Europe/Athens",
    "tr": "Europe/Istanbul",
    "uk": "Europe/Kyiv",
    "he": "Asia/Jerusalem",
    "vi": "Asia/Ho_Chi_Minh",
    "th": "Asia/Bangkok",
    # One offset all year in every country where the language is official (tz database,
    # 2017-2026): is, lt, lv, et, bg, hr, sl, sk, sr, bs, mk, sq (Albania, Kosovo, North
    # Macedonia, Montenegro), lb, ka, ms (Malaysia, Brunei, Singapore), af (Namibia since
    # 2017), xh, zu; ro but for the hour Moldova's clocks change apart (2 hours a year).
    # Most of the press but not all: hi (Fiji +12), hy (the diaspora's), az (Iran +03:30),
    # be (papers in exile in Poland, Lithuania), sw (DR Congo, Rwanda, Burundi: +02:00), fr
    # (France, Belgium, Switzerland, Luxembourg and Monaco keep Paris's offsets; Quebec's
    # and West Africa's press do not).
    "hi": "Asia/Kolkata",
    "fr": "Europe/Paris",
    "is": "Atlantic/Reykjavik",
    "lt": "Europe/Vilnius",
    "lv": "Europe/Riga",
    "et": "Europe/Tallinn",
    "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia",
    "hr": "Europe/Zagreb",
    "sl": "Europe/Ljubljana",
    "sk": "Europe/Bratislava",
    "sr": "Europe/Belgrade",
    "bs": "Europe/Sarajevo",
    "mk": "Europe/Skopje",
    "sq": "Europe/Tirane",
    "lb": "Europe/Luxembourg",
    "be": "Europe/Minsk",
    "ka": "Asia/Tbilisi",
    "hy": "Asia/Yerevan",
    "az": "Asia/Baku",
    "ms": "Asia/Kuala_Lumpur",
    "sw": "Africa/Nairobi",
    "af": "Africa/Johannesburg",
    "xh": "Africa/Johannesburg",
    "zu": "Africa/Johannesburg",
}

# The zone of a region's press, for a language tag naming the region ("fr-CA", "pt-BR",
# "es-MX"): it comes before the language's zone (a Quebec paper's "fr-CA" is in Toronto's
# time, not Paris's), and gives one to a language whose press spans zones and has none
# above (en, es, pt, ar). The region's capital's zone (tz database), but where most of the
# press sits in a country of several zones (CA: Toronto and Montreal; BR: São Paulo; AU:
# Sydney; MX: Mexico City; RU: Moscow). Not "US": "en-US" is the default tag of WordPress and
# most CMSs, set on sites everywhere, so it names no place.
_REGION_ZONES = {
    # English
    "GB": "Europe/London", "IE": "Europe/Dublin", "CA": "America/Toronto",
    "AU": "Australia/Sydney", "NZ": "Pacific/Auckland", "IN": "Asia/Kolkata",
    "PK": "Asia/Karachi", "SG": "Asia/Singapore", "PH": "Asia/Manila",
    "ZA": "Africa/Johannesburg", "NG": "Africa/Lagos", "KE": "Africa/Nairobi",
    "GH": "Africa/Accra",
    # French
    "FR": "Europe/Paris", "BE": "Europe/Brussels", "CH": "Europe/Zurich",
    "LU": "Europe/Luxembourg", "MC": "Europe/Monaco", "SN": "Africa/Dakar",
    "CI": "Africa/Abidjan", "ML": "Africa/Bamako", "BF": "Africa/Ouagadougou",
    "GN": "Africa/Conakry", "NE": "Africa/Niamey", "TG": "Africa/Lome",
    "BJ": "Africa/Porto-Novo", "CM": "Africa/Douala", "GA": "Africa/Libreville",
    "CD": "Africa/Kinshasa", "CG": "Africa/Brazzaville", "MA": "Africa/Casablanca",
    "DZ": "Africa/Algiers", "TN": "Africa/Tunis", "HT": "America/Port-au-Prince",
    # Spanish and Portuguese
    "ES": "Europe/Madrid", "MX": "America/Mexico_City", "AR": "America/Argentina/Buenos_Aires",
    "CO": "America/Bogota", "CL": "America/Santiago", "PE": "America/Lima",
    "VE": "America/Caracas", "BR": "America/Sao_Paulo", "PT": "Europe/Lisbon",
    "AO": "Africa/Luanda", "MZ": "Africa/Maputo",
    # German, Dutch, Arabic, Russian beyond their language's zone
    "AT": "Europe/Vienna", "DE": "Europe/Berlin", "NL": "Europe/Amsterdam",
    "EG": "Africa/Cairo", "SA": "Asia/Riyadh", "AE": "Asia/Dubai", "RU": "Europe/Moscow",
}  # fmt: skip


def date_order(language: str, region: str | None = None) -> str:
    """dateparser's DATE_ORDER ("YMD", "MDY" or "DMY") for numeric dates in `language` (ISO
    639-1) as written in `region` (ISO 3166-1 alpha-2, upper case; None when the page names
    none). The region only turns English to day first (`_MONTH_FIRST_REGIONS`)."""
    if language in _YEAR_FIRST:
        return "YMD"
    if language in _MONTH_FIRST and (region is None or region in _MONTH_FIRST_REGIONS):
        return "MDY"
    return "DMY"


def tag_region(tag: str, language: str) -> str | None:
    """The upper-case region subtag of a language tag in BCP 47 or POSIX form ("en-GB",
    "en_gb", "en-Latn-IN", "en_GB.UTF-8") whose language is `language` (ISO 639-1), else None
    (no region, another language, or not a tag)."""
    match = _REGION.match(tag.strip())
    if match is None or match.group(1).lower() != language:
        return None
    return match.group(2).upper()


def writes_year(text: str) -> bool:
    """Whether `text` writes a year or a numeric date with one separator (`_DATED`:
    "March 3, 2026", "03/13/26"): what a full date among other words holds, and a rating
    ("4.7 out of 5 stars") or a count ("67 Reviews") does not."""
    return _DATED.search(text) is not None


def without_other_dates(text: str) -> str:
    """`text` with each date a label says is not the story's (`_OTHER_DATE`: "Member since
    March 3, 2015", "Pages 12-14 2023") put out as a separator " | "; unchanged without one."""
    return _OTHER_DATE.sub(" | ", text) if _DIGIT.search(text) else text


def without_non_dates(text: str) -> str:
    """`text` as every dateline reader reads it (`parse_dateline`, `bylines.byline_date`):
    `without_other_dates`, and without numbers that are no date's parts (`_NOT_A_DATE`: a
    price, "£3.50"; a software version, "Version 2.10.25"), each put out as a space."""
    if not _DIGIT.search(text):
        return text
    return _NOT_A_DATE.sub(" ", " ".join(without_other_dates(text).split()))


def parse_dateline(
    text: str,
    language: str,
    fetched_at: datetime,
    region: str | None = None,
    *,
    plain: bool = False,
) -> tuple[datetime, bool, bool] | None:
    """(datetime, is_updated, has_time) from a visible dateline, or None.

    `language` is the page's ISO 639-1 code, `region` the region its markup names ("GB" from
    "en-GB", see `tag_region`; it sets the numeric order, `date_order`), `fetched_at` the
    base of relative forms ("3 hours ago"). The zone is the one written (EDT, CET, KST,
    +02:00), else the zone of the language's press (ko → Asia/Seoul, `_LANGUAGE_ZONES`) for a
    time of day, else UTC: a date without a time is its UTC midnight, keeping its day. Words
    around the date (bylines, labels, reading times "5 min read", a time after a separator)
    and dates a label says are not the story's ("Member since …", `without_non_dates`) are
    cut off, see `_pieces` and `_read_surrounded`. Returns None for text that holds no full
    date (a bare clock "15:25", a year alone), for dates after `fetched_at` and before
    `MIN_YEAR`; with `plain`, also for every form `_read_plain` does not read (dateparser is
    then neither called nor loaded).
    """
    return next(_read_pieces(text, language, fetched_at, region, plain), None)


def dateline_readings(
    text: str, language: str, fetched_at: datetime, region: str | None = None
) -> list[tuple[datetime, bool, bool]]:
    """`parse_dateline`'s reading of `text` and the first later piece labelled as the other
    kind: an update after a publication ("Published: March 4, 2026 | Updated: March 5, 2026",
    "Publié le 2 mars 2026, mis à jour le 3 mars 2026"), a publication after an update
    ("Updated: March 5, 2026 | Published: March 4, 2026"): zero, one or two
    (datetime, is_updated, has_time) in the text's order. Other unlabelled pieces after the
    first date are not read (a second date without a label says nothing of its kind)."""
    return list(_read_pieces(text, language, fetched_at, region, False))


def _read_pieces(
    text: str, language: str, fetched_at: datetime, region: str | None, plain: bool
) -> Iterator[tuple[datetime, bool, bool]]:
    """The readings of `parse_dateline`: the first piece that reads as a date, then only
    pieces labelled as the other kind (an update after a publication or an unlabelled date,
    a publication after an update), up to the first of them that reads. With `plain`, none
    after a first piece writing a date (`_DATED`) that the plain forms do not read: a later
    piece (the update in "Geschrieben am 3. März 2026 – Aktualisiert am 4. März 2026") is no
    reading of the first date's kind; the full reader decides."""
    if len(text) > _MAX_CHARS or not _DIGIT.search(text):
        return
    first: bool | None = None  # the first reading's kind (is it an update?), once read
    for labelled in _pieces(without_non_dates(text)):
        piece, updated = _strip_label(labelled)
        wanted = first is None or (not updated if first else updated)
        if not _DIGIT.search(piece) or not wanted:
            continue
        if first is True and not _PUBLISHED.match(labelled.strip(" :,")):
            continue  # after an update only a piece labelled as the publication
        order = _dotted_order(piece, date_order(language, region))
        value = _parse_piece(piece, language, order, fetched_at, plain, place=region)
        if value is not None and value.year >= MIN_YEAR and value <= fetched_at:
            yield value, updated, bool(_CLOCK.search(piece))
            if first is not None:
                return
            first = updated
        elif plain and value is None and first is None and _DATED.search(piece):
            return  # a date the plain forms miss ("Erschienen am 3. März"): no later piece's


# A numeric date with dots between day, month and year ("9.12.2025", "03.02.26").
_DOTTED_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2}(?:\d\d)?(?![\d.])")


def _dotted_order(piece: str, order: str) -> str:
    """`order`, but day first ("DMY") for a month-first order when `piece` writes its date
    with dots: the dotted form is the European one, day first (DIN 5008's DD.MM.YYYY);
    month-first English writes slashes or dashes. "Posted on 9.12.2025" on a page marked only
    "en" is 9 December, not 12 September (fresh-user trial)."""
    return "DMY" if order == "MDY" and _DOTTED_DATE.search(piece) else order


def _pieces(text: str) -> list[str]:
    """`text` (`without_non_dates`'s) without reading times, split at separators and labels.
    A time of day alone joins the date without a time beside it:
    after it ("2026-01-08 | 12:42"), or before it with its label ("Updated 16:47 EST /
    December 19 2025")."""
    text = _READING_TIME.sub(" | ", " ".join(text.split()))
    if _DATED.search(text):  # a count of minutes after a date is a reading time, not "ago"
        text = _TRAILING_MINUTES.sub("", text)
    pieces: list[str] = []
    for piece in _PIECES.split(text):
        last = pieces[-1] if pieces else ""
        clock_after = _is_day(last) and _BARE_CLOCK.fullmatch(piece)
        unlabelled = _strip_label(piece)[0] == piece.strip(" :,")
        before = _BARE_CLOCK.fullmatch(_strip_label(last)[0])
        clock_before = _is_day(piece) and unlabelled and before
        if clock_after or clock_before:
            pieces[-1] += " " + piece
        else:
            pieces.append(piece)
    return pieces


def _is_day(piece: str) -> bool:
    """A year or numeric date without a time of day."""
    return bool(_DATED.search(piece)) and not _CLOCK.search(piece)


def _strip_label(piece: str) -> tuple[str, bool]:
    text = piece.strip(" :,")
    if match := _UPDATED.match(text):  # (a comma after the label: "Aktualisiert, 3. Mai")
        return text[match.end() :].lstrip(" ,"), True
    if match := _PUBLISHED.match(text):
        return text[match.end() :].lstrip(" ,"), False
    return text, False


def _parse_piece(
    piece: str,
    language: str,
    order: str,
    fetched_at: datetime,
    plain_only: bool = False,
    *,
    place: str | None = None,
) -> datetime | None:
    """The datetime `piece` writes (`parse_dateline`'s rules); `place`: the region the page's
    language tag names (`tag_region`), whose press zone (`_press_zone`) a time without a
    written zone is in."""
    try:
        offset, rest = zone_offset(piece)
    except ValueError:
        return None  # an offset no zone has ("GMT+25"): the time is nowhere
    region, rest = region_zone(rest) if offset is None else (None, rest)
    rest = _NOISE_WORDS.sub(" ", _MERIDIEM.sub(r"\1m", rest))
    text = " ".join(rest.split())
    plain = not _ABSOLUTE.search(rest) and not _CLOCK.search(rest)
    duration = _EN_DURATION if language == "en" else _DURATION
    if language == "en" and (distance := _DISTANCE_IN_WORDS.fullmatch(text)):
        elapsed = distance["about"] or distance["years"] or distance["seconds"]
        text = f"{elapsed} ago"  # "about 5 hours": 5 hours ago
    elif offset is None and plain and duration.match(rest.strip()):
        return None  # a reading time ("6 min", "8 minutes read"), not "6 min ago"
    base = fetched_at.astimezone(UTC).replace(tzinfo=None)
    decided, value = _read_plain(text, language, order, base.year)
    if plain_only and (not decided or value is None):
        return None  # what only dateparser reads
    if not decided and language == "en":
        decided, value = _read_inside(text, order, base.year)
    if not decided:
        value = _dateparser_parse(text, language, order, base)
    if not decided and value is None and _DATED.search(text):
        value = _read_surrounded(text, language, order, base)
    if not decided and language == "en":
        value = _as_written(text, order, base.year, value)
    years = _YEAR.findall(text)
    if value is None or (years and str(value.year) not in years):
        return None  # none, or not the year written: "18.07.2024, 11.08 7 min" as 7 min ago
    if value.tzinfo is not None:
        return value
    if offset is not None:
        return value.replace(tzinfo=timezone(offset))
    if plain:
        return value.replace(tzinfo=UTC)  # a relative form, counted from the UTC fetch time
    if region is None and not _CLOCK.search(piece) and value.time() == time(0):
        # A day without a time of day keeps its calendar day: UTC midnight, as a markup
        # date-only value ("2024-03-03") and the URL's day are read (`dates.parse_date`).
        return value.replace(tzinfo=UTC)
    zone = region or _press_zone(language, place)
    return value.replace(tzinfo=zone) if zone else value.replace(tzinfo=UTC)


# The plainest datelines, read without dateparser (it costs about 0.4 s of CPU and 7 MB to
# load, then 2 ms a call) as it reads them: the tests compare both on a grid of such forms.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan", "february feb", "march mar", "april apr", "may", "june jun",
            "july jul", "august aug", "september sep sept", "october oct", "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}  # fmt: skip
# A weekday as dateparser's "en" data names it ("Thurs" and "Weds" are not among them).
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed|thu|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\.?,?\s)?"
)
# A clock in any of three places: before the date ("11:11 PM Nov 19, 2019", "Fri 6:45 PM,
# Feb 16, 2018"), between the day and the year (C's asctime: "Nov 20 15:23 2019"), after.
_CLOCK_AT = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?"
_CLOCK_PARTS = re.compile(
    r"(?i)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s?(?P<ampm>[ap]m))?"
)
_MONTH = r"(?P<{}>[a-z]{{3,9}})\.?"
_ORDINAL = r"(?:st|nd|rd|th)"  # "November 26th", "3rd March": read as dateparser reads them
# A range of days ("Oct 3-5, 2025", "3–5 October 2025"): its first day. dateparser reads the
# range as a month and a day (5 March), which no reader of the page sees.
_RANGE_END = rf"(?:[-–](?P<{{}}>\d{{{{1,2}}}}){_ORDINAL}?)?"
_NAMED = (
    rf"{_WEEKDAY}(?:(?P<before>{_CLOCK_AT}),?\s)?"
    rf"(?:{_MONTH.format('month')}\s(?P<day>\d{{1,2}}){_ORDINAL}?{_RANGE_END.format('end')},?"
    rf"|(?P<day2>\d{{1,2}}){_ORDINAL}?{_RANGE_END.format('end2')}\s{_MONTH.format('month2')},?)"
    rf"(?:\s(?P<between>{_CLOCK_AT}))?(?:\s(?P<year>\d{{4}}))?(?:,?\s(?P<after>{_CLOCK_AT}))?"
)
_NAMED_DATE = re.compile(rf"(?i){_NAMED}\.?")
# German month names and their common short forms (CLDR de: "Jan.", "Feb.", "März", "Apr.";
# Austrian "Jänner"), and the plain German dateline: a weekday perhaps, the day with its
# full stop, the month, the year and a 24-hour clock perhaps ("01. April 2025, 15:25",
# "Mittwoch, 14. Januar 2026, 10:30 Uhr": "um" and "Uhr" are cut before, `_NOISE_WORDS`).
_GERMAN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "januar jänner jan jän", "februar feb", "märz mär mrz", "april apr", "mai",
            "juni jun", "juli jul", "august aug", "september sep sept", "oktober okt",
            "november nov", "dezember dez",
        ),
        start=1,
    )
    for name in names.split()
}  # fmt: skip
_GERMAN_DATE = re.compile(
    r"(?i)(?:(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag),?\s)?"
    r"(?P<day>\d{1,2})\.\s?(?P<month>[^\W\d_]{3,9})\.?\s(?P<year>\d{4})"
    r"(?:,?\s(?:-\s)?(?P<after>\d{1,2}:\d{2}))?"
)
# (ISO 8601's "2022-11-23T08:10": a 24-hour clock after a "T", read after a year first only)
_NUMERIC = (
    r"(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})"
    rf"(?:,?\s(?P<after>{_CLOCK_AT})|T(?P<iso>\d{{2}}:\d{{2}}(?::\d{{2}})?))?"
)
_NUMERIC_DATE = re.compile(rf"(?i){_NUMERIC}")
# The same dates standing inside other words ("Ann Lee Dec 4, 2025 ∙ Paid", "Notes (2025-09-21)"):
# not glued to a letter, a digit or a date's separator on either side.
_NAMED_INSIDE, _NUMERIC_INSIDE = (
    re.compile(rf"(?i)(?<![\w./:-]){pattern}(?![\w/:-]|\.\d)") for pattern in (_NAMED, _NUMERIC)
)
# A count or an id beside a date ("Oct 24, 2025 237482" views): five to nine digits, too long
# for a date's part and too short for a Unix time (dateparser reads ten digits as one).
_COUNT = re.compile(r"(?<!\d)\d{5,9}(?!\d)")
# A dateline in brackets: "[ 2018-08-25 15:24 ]", "(March 3, 2024)".
_BRACKETED = re.compile(r"\[\s*([^][]*?)\s*\]|\(\s*([^()]*?)\s*\)")
_TIME_ONLY = re.compile(r"(?i)\d{1,2}(?::\d{2}){0,2}(?:\s?[ap]m)?")


def _read_surrounded(text: str, language: str, order: str, base: datetime) -> datetime | None:
    """The date in `text` that other words surround ("Last update: July 16, 2025", "Ann Lee
    January 19, 2025 6:23 pm", "Posted on July 1, 2024 by ann"), or None.

    Tried in order: without a leading label that ends in a colon, then by dateparser's
    IGNORE_SURROUNDING_TEXT (it drops words its locale does not know at either edge), then the
    same from the word before the first number (a month or weekday name), then from the
    first number. The caller calls it only for text with a year or a numeric date, so a
    relative reading of a bare count ("Cook time 50 mins") is never taken.
    """
    if label := _COLON_LABEL.match(text):
        decided, value = _read_plain(text[label.end() :], language, order, base.year)
        if decided:
            return value
        text = text[label.end() :]
    words = text.split(" ")
    first = next((k for k, word in enumerate(words) if _DIGIT.search(word)), 0)
    for start in dict.fromkeys((0, max(first - 1, 0), first)):
        value = _dateparser_parse(" ".join(words[start:]), language, order, base, surrounded=True)
        if value is not None:
            return value
    return None


def _read_plain(
    text: str, language: str, order: str, base_year: int
) -> tuple[bool, datetime | None]:
    """(True, datetime or None) for a dateline of a form read here: a numeric date with a
    four- or two-digit year (in the page's `order`, see `date_order`, or with day and month
    swapped where that order gives a month above 12, as dateparser reads "13/03/2026" on a US
    page; a two-digit year in the century `_four_digit_year` gives it by `base_year`; year
    first, also with ISO 8601's "T" before a 24-hour clock), an English month name with day
    (an ordinal suffix allowed: "November 26th") and year (on English pages; without the
    year it is no full date: None), each with an optional clock (after a numeric date;
    before, inside or after a named one), a German month name after the day and its full
    stop, with the year and an optional 24-hour clock ("01. April 2025, 15:25", on German
    pages, `_GERMAN_DATE`), or a clock alone (no date: None), any of them in brackets;
    (True, None) for a range of days ending before it starts ("Oct 5-3, 2025"); (False,
    None) for anything else, which dateparser reads."""
    if bracketed := _BRACKETED.fullmatch(text):
        text = bracketed[1] if bracketed[1] is not None else bracketed[2]
    if _TIME_ONLY.fullmatch(text):
        return True, None
    named = _NAMED_DATE.fullmatch(text) if language == "en" else None
    if named:
        return _read_named(named)
    german = _GERMAN_DATE.fullmatch(text) if language == "de" else None
    if german and (month := _GERMAN_MONTHS.get(german["month"].lower())):
        return _built(int(german["year"]), month, int(german["day"]), german["after"])
    numeric = _NUMERIC_DATE.fullmatch(text)
    return (False, None) if numeric is None else _read_numeric(numeric, order, base_year)


def _read_numeric(
    numeric: re.Match[str], order: str, base_year: int
) -> tuple[bool, datetime | None]:
    """`_read_plain`'s reading of a `_NUMERIC_DATE` match."""
    a, b, c = int(numeric["a"]), int(numeric["b"]), int(numeric["c"])
    if len(numeric["a"]) == 4 and len(numeric["c"]) <= 2:
        return _built(a, b, c, numeric["after"] or numeric["iso"])
    if len(numeric["c"]) not in (2, 4) or len(numeric["a"]) > 2 or order == "YMD":
        return False, None
    if numeric["iso"]:
        return False, None
    month, day = (a, b) if order == "MDY" else (b, a)
    if month > 12:  # no such month in the page's order: dateparser reads the other
        month, day = day, month
    year = c if len(numeric["c"]) == 4 else _four_digit_year(c, base_year)
    return _built(year, month, day, numeric["after"])


def _four_digit_year(year: int, base_year: int) -> int:
    """The year a two-digit `year` (0-99) stands for: the latest year ending in those digits
    that is not after `base_year` (the fetch year), so "26" is 2026 in 2026 and 1927-2026 is
    the window. ICU's SimpleDateFormat reads "yy" within 80 years before and 20 after today
    (its default century); a news page never carries a date after its fetch, so the window
    here is the 100 years up to the fetch. dateparser's own choice depends on the whole
    date ("13.03.26" is 1926 when fetched before March 2026): its readings are put in the
    same window (`_dateparser_parse`)."""
    return base_year - (base_year - year) % 100


def _read_inside(text: str, order: str, base_year: int) -> tuple[bool, datetime | None]:
    """(True, datetime) for English text in which other words surround the one date
    `_read_plain` reads in a plain form, named or numeric, with its clock ("Ana Li Dec 04,
    2025 ∙ Paid", "Backup Strategy January 22nd, 2019 tech", "the 15/12/2025 19:00 by",
    "Notes on AI (2025-09-21)"): no other digit in the text but counts of five or more
    digits ("Oct 24, 2025 237482" views, `_COUNT`), and no other word dateparser's English
    reads as a date part (`_EN_DATE_WORD`: "Theresa May 3 March 2024" has two months), so
    the date is what dateparser's IGNORE_SURROUNDING_TEXT finds, if it finds one. (False,
    None) for any other text, which dateparser reads."""
    found = _plain_dates(text, order, base_year)
    if len(found) != 1:
        return False, None
    match, value = found[0]
    rest = _COUNT.sub(" ", text[: match.start()] + " " + text[match.end() :])
    if _DIGIT.search(rest) or _EN_DATE_WORD.search(_folded(rest)):
        return False, None
    return True, value


def _plain_dates(text: str, order: str, base_year: int) -> list[tuple[re.Match[str], datetime]]:
    """The full dates in English `text` that `_read_plain` reads in a plain form, named (with
    its year) or numeric, where they stand inside other words, with their readings."""
    found = [(m, v) for m in _NAMED_INSIDE.finditer(text) if m["year"] and (v := _read_named(m)[1])]
    found += [
        (m, v)
        for m in _NUMERIC_INSIDE.finditer(text)
        if (v := _read_numeric(m, order, base_year)[1])
    ]
    return found


def _as_written(text: str, order: str, base_year: int, value: datetime | None) -> datetime | None:
    """dateparser's reading `value` (None: none) of English `text`, or the one full date
    `text` writes in a plain form (`_plain_dates`), with no other year beside it, when
    dateparser read another day or none: it took a word or number beside the date for its
    month or day ("Oct 4, 2025 by June Smith" is 4 June to it, "Oct 4, 2025 12 comments"
    12 April) or gave up on them ("beat 3-1 on Oct 4, 2025", "12 Comments Oct 4, 2025")."""
    found = _plain_dates(text, order, base_year)
    if len(found) != 1 or len(_YEAR.findall(text)) > 1:
        return value
    written = found[0][1]
    return written if value is None or written.date() != value.date() else value


def _read_named(named: re.Match[str]) -> tuple[bool, datetime | None]:
    """`_read_plain`'s reading of a `_NAMED_DATE` match."""
    month = _MONTHS.get((named["month"] or named["month2"]).lower())
    clocks = [named[k] for k in ("before", "between", "after") if named[k]]
    day, end = int(named["day"] or named["day2"]), named["end"] or named["end2"]
    if month is None or len(clocks) > 1:
        return False, None
    if end and int(end) <= day:
        return True, None  # a "range" ending before it starts ("Oct 5-3"): no date to read
    if named["year"] is None:
        return True, None  # no year: dateparser's REQUIRE_PARTS has no full date either
    return _built(int(named["year"]), month, day, *clocks)


def _built(
    year: int, month: int, day: int, clock: str | None = None
) -> tuple[bool, datetime | None]:
    parts = _CLOCK_PARTS.fullmatch(clock) if clock else None
    hour, minute, second = (
        int(parts[k] or 0) if parts else 0 for k in ("hour", "minute", "second")
    )
    if parts and parts["ampm"]:
        if not 1 <= hour <= 12:
            return False, None
        hour = hour % 12 + (12 if parts["ampm"].lower() == "pm" else 0)
    try:
        return True, datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 - as dateparser
    except ValueError:
        return False, None  # dateparser's word on impossible dates


# The English words dateparser's "en" locale reads as a month, a weekday, a unit of a relative
# form or a relative date (the words of its data file dateparser/data/date_translation_data/
# en.py; a unit test checks them against the installed dateparser), and its number words.
# A relative form always holds a unit or one of these words ("in 3" alone is no date);
# single-letter units ("3h", "5 d") and ordinals ("2nd") are letters or glued to a number.
_EN_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# A range of days: an event's span ("Oct 3-5, 2026 · Pier 9", "3–5 October", "3.–5. Oktober"),
# which a post, published on one day, never writes as its own date.
_DAY_RANGE = re.compile(
    rf"(?i)\b(?:{_EN_MONTH})\.?\s\d{{1,2}}{_ORDINAL}?\s?[-–]\s?\d{{1,2}}(?![\d:])"
    rf"|(?<![\d.:/-])\d{{1,2}}(?:{_ORDINAL}|\.)?\s?[-–]\s?\d{{1,2}}(?:{_ORDINAL}|\.)?\s[^\W\d_]{{3,}}"
)


def holds_day_range(text: str) -> bool:
    """Whether `text` writes a range of days (`_DAY_RANGE`: "Oct 3-5, 2026", "3–5 October
    2026", "3.–5. Oktober"): an event's dates, which a page's publication date is not."""
    return _DAY_RANGE.search(text) is not None


_EN_DATE_WORD = re.compile(
    rf"(?i)\b(?:{_EN_MONTH}|mon(?:day)?s?|tues?(?:day)?|"
    r"wed(?:nesday)?|thu(?:rs?)?(?:day)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|years?|yrs?|"
    r"mo|months?|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|century|centuries|"
    r"decades?|fortnights?|now|today|yesterday|tomorrow|tonight|noon|midnight|morning|"
    r"afternoon|evening|night|this|last|next|till|tu|we|th|fr|sa|su|[dhmswy])\b"
)
_EN_NUMBER_WORD = re.compile(
    r"(?i)\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)\b"
)
# A year in Roman numerals, as dateparser reads it ("April MMX").
_ROMAN_YEAR = re.compile(r"\bM{1,3}(?:CM|CD|D?C{0,4})(?:XC|XL|L?X{0,4})(?:IX|IV|V?I{0,4})\b")
_GLUED_NUMBER = re.compile(r"\d[^\W\d_]|[^\W\d_]\d")
_CLOCK_TIME = re.compile(r"(?<!\d)\d{1,2}:\d\d(?::\d\d)?(?!\d)")
_NUMBER = re.compile(r"\d+")
_THREE_DIGITS = re.compile(r"\d{3}")  # a year written in full, or a Unix time
_INNER_PERIOD = re.compile(r"(?<=[^0-9\s])\.")  # dateparser's RE_SANITIZE_PERIOD
# An ordinal suffix ("1st floor", "26th") and an English contraction ("let's", "don't", "I'm"):
# letters glued to a number or a word that are no unit of time ("s", "m", "d" alone are).
_SUFFIX = re.compile(r"(?i)(?<=\d)(?:st|nd|rd|th)\b|(?<=[^\W\d_])['’](?:s|t|d|m|ll|re|ve)\b")
# A decimal score out of 5, 10 or 100 ("9.7/10", "4.5/5"): dateparser reads "9.7/10" as 7
# September 2010, but no page writes a date with two kinds of separator.
_RATING = re.compile(r"(?<![\d./-])\d{1,2}\.\d{1,2}/(?:5|10|100)(?![\d./-])")
# A month name, and the relative words that make no day of it ("last April 2017" is a month)
_MONTH_AND_MODIFIER = re.compile(rf"(?i)\b(?:{_EN_MONTH}|last|this|next)\b")


def _no_english_date(text: str) -> bool:
    """True for English text from which dateparser cannot read a day, a month and a year
    (REQUIRE_PARTS), or holds none by our rules (a score "9.7/10", `_RATING`): no number
    glued to letters, and either no date word of its "en" locale (a month, a weekday, a
    unit, "today") and at most two numbers, or only month names ("last", "this", "next"
    beside them) and at most one number: a day, a month and a year need three numbers or a
    month name and two ("Reviewed April 2017" has no day). Numbers are those outside clock
    times, number words such as "a" and Roman years included, of at most four digits or
    counts of five to nine (a postcode "600102", views); ten digits are a Unix time, which
    dateparser reads. dateparser is then neither called nor loaded. The text is first
    folded (`_folded`)."""
    text = _RATING.sub(" ", _folded(text))
    if _GLUED_NUMBER.search(text):
        return False
    numbers = _NUMBER.findall(_CLOCK_TIME.sub(" ", _COUNT.sub(" ", text)))
    words = len(_EN_NUMBER_WORD.findall(text)) + len(_ROMAN_YEAR.findall(text))
    if any(len(number) > 4 for number in numbers):
        return False
    if not _EN_DATE_WORD.search(text):
        return len(numbers) + words <= 2
    others = _EN_DATE_WORD.search(_MONTH_AND_MODIFIER.sub(" ", text))
    return others is None and len(numbers) + words <= 1


def _folded(text: str) -> str:
    """`text` folded as dateparser folds it (NFKD without accents: "MÄR" is "MAR", "à" is
    "a", which it reads as "1"; a period after a letter dropped: "on.e" is "one"), without
    ordinal suffixes and contractions (`_SUFFIX`: "1st" is "1", "let's" "let")."""
    folded = unicodedata.normalize("NFKD", text)
    text = _INNER_PERIOD.sub("", "".join(c for c in folded if unicodedata.category(c) != "Mn"))
    return _SUFFIX.sub("", text)


def _dateparser_parse(
    text: str, language: str, order: str, base: datetime, *, surrounded: bool = False
) -> datetime | None:
    """dateparser's naive reading of `text` in `language` with numeric dates in `order` (then
    English alone, for a language it does not know) with a day, a month and a year, relative
    forms counted back from the naive UTC `base`; `surrounded` lets it drop unknown words at
    either edge. None when it reads no date, or for English text `_no_english_date` finds
    dateless (never loaded then)."""
    if language == "en" and _no_english_date(text):
        return None
    import dateparser  # noqa: PLC0415 - heavy import, needed only on pages without a date

    settings: Any = {
        "IGNORE_SURROUNDING_TEXT": surrounded,
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": order,
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    for languages in ([language, "en"], ["en"]):
        try:
            value: datetime | None = dateparser.parse(text, languages=languages, settings=settings)
        except (ValueError, OverflowError, KeyError):
            continue  # a language dateparser does not know: try English alone
        if value is None or _THREE_DIGITS.search(text):
            return value
        try:  # a year written in two digits: in the window `_four_digit_year` gives it
            return value.replace(year=_four_digit_year(value.year % 100, base.year))
        except ValueError:
            return None  # 29 February in a year without it
    return None


@lru_cache(maxsize=64)
def _press_zone(language: str, region: str | None) -> ZoneInfo | None:
    """The zone of the press of `region` (`_REGION_ZONES`), else of `language`
    (`_LANGUAGE_ZONES`); None for neither or without a tz database."""
    name = _REGION_ZONES.get(region or "") or _LANGUAGE_ZONES.get(language)
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:  # no tz database on the host: the caller falls back to UTC
        return None
