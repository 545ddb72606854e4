"""Pick each field's value from its candidates by ordered fallback, recording provenance."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from newsflow.extract.authors import clean_authors, excluded_names, normalize_name
from newsflow.extract.bylines import byline_date
from newsflow.extract.candidates import Candidate, Candidates
from newsflow.extract.dateline import dateline_readings, holds_day_range, tag_region
from newsflow.extract.dates import date_from_url, parse_date
from newsflow.extract.language import normalize_language
from newsflow.extract.metadata import BYLINE_DATELINES, META_DATELINE, REL_AUTHOR
from newsflow.extract.title import choose_title, letters, title_parts, url_sections
from newsflow.models.article import Author, AuthorKind
from newsflow.urls import normalize_url, page_http_url

_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
_MAX_TAGS = 30
# A visible dateline's `parse_dateline` reading (datetime, is_updated, has_time), with its
# candidate.
_Reading = tuple[tuple[datetime, bool, bool], Candidate]


@dataclass
class Resolved:
    """The chosen metadata of a page, and where each value came from."""

    title: str | None = None
    description: str | None = None
    site_name: str | None = None
    authors: list[Author] = field(default_factory=list)
    published_at: datetime | None = None
    published_raw: str | None = None
    modified_at: datetime | None = None
    modified_raw: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    lead_image: str | None = None
    is_free: bool | None = None
    provenance: dict[str, str] = field(default_factory=dict)


def resolve(
    found: Candidates, page_url: str, fetched_at: datetime, links_base: str | None = None
) -> Resolved:
    """Choose one value per field; dates after `fetched_at` are rejected as impossible.

    Relative URLs (canonical, image, author pages) resolve against `links_base`, the page's
    document base URL (`urls.document_base_url`: its `<base href>`), default `page_url`; the
    title's slug, the sections and the date in the address read `page_url` itself."""
    links = links_base or page_url
    out = Resolved()
    _pick_site_name(found, out)
    _pick_text(found, out, "description", "description")
    _pick_text(found, out, "section", "section")
    _pick_title(found, out, page_url)
    _pick_language(found, out)
    _pick_dates(found, out, page_url, fetched_at)  # after the language: datelines need it
    _pick_canonical(found, out, page_url, links)
    _pick_image(found, out, links)
    _pick_authors(found, out, page_url, links)
    if found.lists.get("tags"):
        tags, source = found.lists["tags"][0]
        out.tags = list(dict.fromkeys(tags))[:_MAX_TAGS]
        out.provenance["tags"] = source
    if found.flags.get("is_free"):
        out.is_free, out.provenance["is_accessible_for_free"] = found.flags["is_free"][0]
    return out


def _pick_text(found: Candidates, out: Resolved, name: str, attr: str) -> None:
    candidate = found.first(name)
    if candidate:
        setattr(out, attr, candidate.value)
        out.provenance[attr] = candidate.source


# A site's name is a few words: a declared name longer than this that repeats one of the
# page's titles is the headline a CMS copied into the field (og:site_name = og:title).
_MAX_SITE_NAME_WORDS = 4


def _pick_site_name(found: Candidates, out: Resolved) -> None:
    """The first declared site name that is not a copy of a headline: a value of more than
    `_MAX_SITE_NAME_WORDS` words equal to one of the page's titles is skipped (None when
    every name is one). A short one stays, as a brand's home page titles itself by name."""
    names = _declared_names(found, "site_name")
    if names:
        out.site_name, out.provenance["site_name"] = names[0].value, names[0].source


def _declared_names(found: Candidates, field: str) -> list[Candidate]:
    """The declared names of the site (`field` "site_name") or its publisher ("publisher"),
    in order, without a copy of a headline (a value of more than `_MAX_SITE_NAME_WORDS`
    words equal to one of the page's titles)."""
    titles = {letters(c.value) for c in found.get("title")}
    return [
        c
        for c in found.get(field)
        if letters(c.value) not in titles or len(c.value.split()) <= _MAX_SITE_NAME_WORDS
    ]


def _pick_title(found: Candidates, out: Resolved, page_url: str) -> None:
    # A headline copied into either field would be cut from every title as the site's name.
    declared = (*_declared_names(found, "site_name"), *_declared_names(found, "publisher"))
    site_names = [c.value for c in declared]
    sections = [c.value for c in found.get("section")] + url_sections(page_url)
    host = urlsplit(page_url).hostname or ""
    title = choose_title(found.get("title"), site_names, host, sections, page_url)
    if title:
        out.title = title.value
        out.provenance["title"] = title.source


def _pick_dates(found: Candidates, out: Resolved, page_url: str, fetched_at: datetime) -> None:
    """Markup dates in order of trust; else the visible dateline; else the URL's day.

    A date-only value yields to a later candidate of the same day that has a time. A
    dateline must agree with the URL's day where the URL has one. Never after `fetched_at`.
    """
    parsed = [
        (value, c)
        for c in found.get("published")
        if (value := parse_date(c.value)) is not None and value <= fetched_at
    ]
    if parsed:
        value, chosen = parsed[0]
        if not _has_clock(chosen.value):
            timed = (p for p in parsed[1:] if _has_clock(p[1].value))
            same_day = (p for p in timed if p[0].date() == value.date())
            value, chosen = next(same_day, parsed[0])
        out.published_at, out.published_raw = value, chosen.value
        out.provenance["published_at"] = chosen.source
    updated = None if parsed else _pick_dateline(found, out, page_url, fetched_at)
    for candidate in found.get("modified"):
        modified = parse_date(candidate.value)
        if modified is None or modified > fetched_at:
            continue
        if out.published_at and modified < out.published_at:
            continue  # a "modified" before publication is a template default, not an edit
        out.modified_at, out.modified_raw = modified, candidate.value
        out.provenance["modified_at"] = candidate.source
        break
    if updated and out.modified_at is None:  # no markup date: the "Updated" dateline's
        (value, _, _), candidate = updated
        if out.published_at is None or value >= out.published_at:
            out.modified_at, out.modified_raw = value.astimezone(UTC), candidate.value
            out.provenance["modified_at"] = candidate.source


def _has_clock(raw: str) -> bool:
    return bool(re.search(r"\d:\d\d", raw))


def _pick_dateline(
    found: Candidates, out: Resolved, page_url: str, fetched_at: datetime
) -> _Reading | None:
    """The visible dateline's publication time into `out` (else the URL's day); returns the
    best reading labelled as an update ("Updated …", "Aktualisiert …"), or None.

    An update is a modification time, never the publication: on the 11 pages of the
    metadata set whose markup gives both on different days, the truth is always the
    publication day, so a page whose only visible date is an update has no published_at
    (or the URL's day). A byline's date (`metadata.BYLINE_DATELINES`: "By Ana Li | March 3,
    2024") is read only when no other dateline gives the publication, a post meta block's
    whole text (`metadata.META_DATELINE`) only when no byline gives it either."""
    from_url = date_from_url(page_url)
    url_day = from_url[0].date() if from_url and from_url[0] <= fetched_at else None
    language = out.language or "en"
    tags = (c.value for c in found.get("language"))  # the region sets numeric dates' order
    region = next((r for tag in tags if (r := tag_region(tag, language))), None)
    datelines = found.get("dateline")
    own = [c for c in datelines if c.source not in BYLINE_DATELINES | {META_DATELINE}]

    # a dateline's publication and the update it labels after it ("Published … | Updated …")
    def read(text: str) -> list[tuple[datetime, bool, bool]]:
        return dateline_readings(text, language, fetched_at, region)

    readings = _readings(own, read, url_day)
    if all(updated for (_, updated, _), _ in readings):  # no publication dateline: the bylines'
        bylines = [c for c in datelines if c.source in BYLINE_DATELINES]
        readings += _readings(
            bylines, lambda t: _listed(byline_date(t, language, fetched_at, region)), url_day
        )
    if all(updated for (_, updated, _), _ in readings):  # nor a byline's: a post meta block's
        # the first block that reads, the story's: later ones are cards' (a time no reason)
        metas = (_readings([c], read, url_day) for c in datelines if c.source == META_DATELINE)
        readings += next((found for found in metas if found), [])
    published = [r for r in readings if not r[0][1]]
    if published:
        (value, _updated, _timed), candidate = published[0]
        # A dateline's zone is read from an abbreviation or the page's language: the instant
        # is stored in UTC, the page's own wording stays in published_raw.
        aware = value if value.tzinfo is None else value.astimezone(UTC)
        out.published_at, out.published_raw = aware, candidate.value
        out.provenance["published_at"] = candidate.source
    elif from_url and url_day:
        out.published_at, out.published_raw = from_url
        out.provenance["published_at"] = "url"
    return next((r for r in readings if r[0][1]), None)


def _readings(
    datelines: list[Candidate],
    read: Callable[[str], list[tuple[datetime, bool, bool]]],
    url_day: date | None,
) -> list[_Reading]:
    """The readings of `datelines` by `read` (`dateline_readings`, or `bylines.byline_date` for
    bylines, in the page's language) with their candidates, those with a time of day first,
    those of a text writing a range of days last (`dateline.holds_day_range`: "Oct 3-5, 2026
    · Pier 9" is an event's dates, not the post's); where the URL has a day (`url_day`),
    only those on it (`_on_url_day`): the URL's day is written by the CMS, a dateline on
    another day is a teaser's."""
    readings = [(reading, c) for c in datelines for reading in read(c.value)]
    readings = [r for r in readings if url_day is None or _on_url_day(r[0], url_day)]
    return sorted(readings, key=lambda r: (holds_day_range(r[1].value), not r[0][2]))


def _listed(reading: tuple[datetime, bool, bool] | None) -> list[tuple[datetime, bool, bool]]:
    return [] if reading is None else [reading]


def _on_url_day(reading: tuple[datetime, bool, bool], url_day: date) -> bool:
    """Whether a `parse_dateline` reading falls within a day of the URL's day (the zones
    differ), or after it for an update, which may come any day later."""
    days = (reading[0].date() - url_day).days
    return days >= -1 and (days <= 1 or reading[1])


def _pick_language(found: Candidates, out: Resolved) -> None:
    for candidate in found.get("language"):
        match = _LANG.match(candidate.value.strip())
        if match and len(match.group(1)) == 2:
            out.language = normalize_language(match.group(1))
            out.provenance["language"] = candidate.source
            return


# rel=canonical is the page's own statement of identity; og:url and JSON-LD url are often
# templated from other data (a syndicated copy keeps the original's JSON-LD url).
_CANONICAL_ORDER = ("link:canonical", "og:url", "twitter:url")


def _canonical_rank(source: str) -> int:
    return _CANONICAL_ORDER.index(source) if source in _CANONICAL_ORDER else len(_CANONICAL_ORDER)


def _pick_canonical(found: Candidates, out: Resolved, page_url: str, links: str) -> None:
    for candidate in sorted(found.get("canonical"), key=lambda c: _canonical_rank(c.source)):
        url = page_http_url(candidate.value, links, normalized=True)
        if url:
            out.canonical_url = url
            out.provenance["canonical_url"] = candidate.source
            return
    out.canonical_url = normalize_url(page_url)
    out.provenance["canonical_url"] = "url"


def _pick_image(found: Candidates, out: Resolved, links: str) -> None:
    candidate = found.first("image")
    if candidate:
        try:
            out.lead_image = normalize_url(candidate.value, base=links)
        except ValueError:  # "http://[::1/x": urllib cannot parse it
            return
        out.provenance["lead_image"] = candidate.source


def _pick_authors(found: Candidates, out: Resolved, page_url: str, links: str) -> None:
    """The first source, in order of trust, that names an author after cleaning.

    The site's own name counts as an (organisation) author only where no source of the
    page names anyone else (issue 9): "By the Example Post" is a byline, but a JSON-LD
    author that repeats the publisher yields to a person named further down, or to a name
    the page links as its author (`rel="author"`: a member's screen name, "MixmasterFred",
    reads as an organisation's short form but is the author the markup names).
    """
    host = (urlsplit(page_url).hostname or "").removeprefix("www.")
    site_names = excluded_names(
        out.site_name, host, host.split(".")[0], *(c.value for c in found.get("publisher"))
    )
    site_names |= excluded_names(*(c.value for c in found.get("site_name")))
    site_names |= excluded_names(*_title_site_parts(found, out.title))
    fallback: tuple[list[Author], str] | None = None
    for refs, source in found.authors:
        authors = clean_authors(refs, site_names, out.language or "en", links)
        if not authors:
            continue
        site_only = all(normalize_name(a.name) in site_names for a in authors)
        if fallback is None and site_only:
            fallback = (authors, source)
        elif fallback is None or _names_someone(authors, source, site_only=site_only):
            out.authors, out.provenance["authors"] = authors, source
            return
    if fallback:
        out.authors, out.provenance["authors"] = fallback


def _names_someone(authors: list[Author], source: str, *, site_only: bool) -> bool:
    """Whether `authors` name someone besides the site: a person, or a name linked as the
    author that is not the site's."""
    linked = source == REL_AUTHOR and not site_only
    return linked or any(a.kind is AuthorKind.PERSON for a in authors)


def _title_site_parts(found: Candidates, title: str | None) -> list[str]:
    """The parts of each metadata title beside the headline: the site's name."""
    if not title:
        return []
    key = letters(title)
    return [
        part
        for candidate in found.get("title")
        if candidate.source == "title"
        for part in title_parts(candidate.value)
        if letters(part) and letters(part) not in key and key not in letters(part)
    ]
