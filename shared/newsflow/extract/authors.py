"""Author names as pages write them ("By A and B, Staff Writer | Email") to clean names."""

from __future__ import annotations

import re

from newsflow.extract.candidates import AuthorRef

_PREFIX = re.compile(
    r"^\s*(?:(?:written|reported|posted|text|story|words|photos?)\s+)?"
    r"(?:by|von|par|por|di|door|av|af|przez|автор|de)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:\||;|/|•|·|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|&|\n)\s*", re.I)
_NOISE = re.compile(
    r"e-?mail|follow|twitter|facebook|linkedin|instagram|contact|updated|published|"
    r"\bread more\b|\bview\b|\bmore\b from|\bposted\b|\bcomments?\b|\bminutes?\b|\bmin\b|\bread\b",
    re.I,
)
# Words that make a segment a job title or desk rather than a person.
_ROLE = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|contributor|columnist|journalist|"
    r"photographer|bureau|chief|senior|deputy|producer|analyst|intern|desk|team|"
    r"redakteur|redaktion|korrespondent|rédaction|rédacteur|journaliste|redacción|"
    r"agencies|newsroom|wire service)\b",
    re.I,
)
_HAS_LETTER = re.compile(r"[^\W\d_]")
_MAX_WORDS = 5


def _normalize(name: str) -> str:
    return re.sub(r"[^\w]+", "", name.casefold())


def _clean_segment(segment: str) -> str | None:
    text = _PREFIX.sub("", " ".join(segment.split())).strip(" ,.:-–—()[]")
    if not text or not _HAS_LETTER.search(text) or "@" in text or "://" in text:
        return None
    if _NOISE.search(text) or _ROLE.search(text):
        return None
    if len(text.split()) > _MAX_WORDS or any(ch.isdigit() for ch in text):
        return None
    return text


def split_names(raw: str) -> list[str]:
    """The person names in one byline string, without prefixes, roles and link texts."""
    names: list[str] = []
    for part in _SPLIT.split(_PREFIX.sub("", raw)):
        # "Anna Berg, Senior Correspondent": commas separate names or a name and its role;
        # role segments are dropped by _clean_segment.
        for segment in part.split(","):
            name = _clean_segment(segment)
            if name:
                names.append(name)
    return names


def clean_authors(refs: list[AuthorRef], excluded: set[str]) -> list[tuple[str, str | None]]:
    """Clean names with their URLs, without duplicates or the site's own name."""
    found: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for ref in refs:
        names = split_names(ref.name)
        for name in names:
            key = _normalize(name)
            if not key or key in seen or key in excluded:
                continue
            seen.add(key)
            found.append((name, ref.url if len(names) == 1 else None))
    return found


def excluded_names(*names: str | None) -> set[str]:
    """Normalized forms of names that are never authors (the site, the publisher)."""
    return {_normalize(n) for n in names if n} - {""}
