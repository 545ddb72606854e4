"""Pick each field's value from its candidates by ordered fallback, recording provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from newsflow.extract.authors import clean_authors, excluded_names
from newsflow.extract.candidates import Candidates
from newsflow.extract.dates import date_from_url, parse_date
from newsflow.extract.language import normalize_language
from newsflow.extract.title import choose_title
from newsflow.urls import is_http_url, normalize_url

_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
_MAX_TAGS = 30


@dataclass
class Resolved:
    """The chosen metadata of a page, and where each value came from."""

    title: str | None = None
    description: str | None = None
    site_name: str | None = None
    authors: list[tuple[str, str | None]] = field(default_factory=list)
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
    article_body: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)


def resolve(found: Candidates, page_url: str, fetched_at: datetime) -> Resolved:
    """Choose one value per field; dates after `fetched_at` are rejected as impossible."""
    out = Resolved()
    _pick_text(found, out, "site_name", "site_name")
    _pick_text(found, out, "description", "description")
    _pick_text(found, out, "section", "section")
    _pick_title(found, out, page_url)
    _pick_dates(found, out, page_url, fetched_at)
    _pick_language(found, out)
    _pick_canonical(found, out, page_url)
    _pick_image(found, out, page_url)
    _pick_authors(found, out, page_url)
    if found.lists.get("tags"):
        tags, source = found.lists["tags"][0]
        out.tags = list(dict.fromkeys(tags))[:_MAX_TAGS]
        out.provenance["tags"] = source
    if found.flags.get("is_free"):
        out.is_free, out.provenance["is_accessible_for_free"] = found.flags["is_free"][0]
    body = found.first("article_body")
    if body:
        out.article_body = body.value
    return out


def _pick_text(found: Candidates, out: Resolved, name: str, attr: str) -> None:
    candidate = found.first(name)
    if candidate:
        setattr(out, attr, candidate.value)
        out.provenance[attr] = candidate.source


def _pick_title(found: Candidates, out: Resolved, page_url: str) -> None:
    site_names = [c.value for c in (*found.get("site_name"), *found.get("publisher"))]
    title = choose_title(found.get("title"), site_names, urlsplit(page_url).hostname or "")
    if title:
        out.title = title.value
        out.provenance["title"] = title.source


def _pick_dates(found: Candidates, out: Resolved, page_url: str, fetched_at: datetime) -> None:
    for candidate in found.get("published"):
        value = parse_date(candidate.value)
        if value is not None and value <= fetched_at:
            out.published_at, out.published_raw = value, candidate.value
            out.provenance["published_at"] = candidate.source
            break
    else:
        from_url = date_from_url(page_url)
        if from_url and from_url[0] <= fetched_at:
            out.published_at, out.published_raw = from_url
            out.provenance["published_at"] = "url"
    for candidate in found.get("modified"):
        value = parse_date(candidate.value)
        if value is None or value > fetched_at:
            continue
        if out.published_at and value < out.published_at:
            continue  # a "modified" before publication is a template default, not an edit
        out.modified_at, out.modified_raw = value, candidate.value
        out.provenance["modified_at"] = candidate.source
        break


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


def _pick_canonical(found: Candidates, out: Resolved, page_url: str) -> None:
    for candidate in sorted(found.get("canonical"), key=lambda c: _canonical_rank(c.source)):
        url = normalize_url(candidate.value, base=page_url)
        if is_http_url(url):
            out.canonical_url = url
            out.provenance["canonical_url"] = candidate.source
            return
    out.canonical_url = normalize_url(page_url)
    out.provenance["canonical_url"] = "url"


def _pick_image(found: Candidates, out: Resolved, page_url: str) -> None:
    candidate = found.first("image")
    if candidate:
        out.lead_image = normalize_url(candidate.value, base=page_url)
        out.provenance["lead_image"] = candidate.source


def _pick_authors(found: Candidates, out: Resolved, page_url: str) -> None:
    host = (urlsplit(page_url).hostname or "").removeprefix("www.")
    excluded = excluded_names(
        out.site_name, host, host.split(".")[0], *(c.value for c in found.get("publisher"))
    )
    excluded |= excluded_names(*(c.value for c in found.get("site_name")))
    for refs, source in found.authors:
        people = [r for r in refs if not r.is_organization] or refs
        names = clean_authors(people, excluded)
        if names:
            out.authors = names
            out.provenance["authors"] = source
            return
