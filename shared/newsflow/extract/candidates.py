"""Metadata candidates: every value a page offers for a field, tagged with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from newsflow.extract.text import clean_multiline, clean_text


@dataclass(frozen=True)
class AuthorRef:
    """An author as one source names them, before cleaning."""

    name: str
    url: str | None
    is_organization: bool = False


@dataclass(frozen=True)
class Candidate:
    """One value for a field, and the source it came from (e.g. `og:title`)."""

    value: str
    source: str


@dataclass
class Candidates:
    """All candidates of a page, in the order of trust in which they were collected.

    Every text enters through `add*`, which cleans it once (`clean_text`: character
    references decoded, odd spaces normalised), so no source needs its own unescaping.
    """

    values: dict[str, list[Candidate]] = field(default_factory=dict)
    lists: dict[str, list[tuple[list[str], str]]] = field(default_factory=dict)
    authors: list[tuple[list[AuthorRef], str]] = field(default_factory=list)
    flags: dict[str, list[tuple[bool, str]]] = field(default_factory=dict)

    def add(self, name: str, value: str | None, source: str, *, multiline: bool = False) -> None:
        text = (clean_multiline if multiline else clean_text)(value) if value else ""
        if text:
            self.values.setdefault(name, []).append(Candidate(text, source))

    def add_list(self, name: str, values: list[str], source: str) -> None:
        cleaned = [text for text in map(clean_text, values) if text]
        if cleaned:
            self.lists.setdefault(name, []).append((cleaned, source))

    def add_authors(self, refs: list[AuthorRef], source: str) -> None:
        # Line breaks stay: a byline's lines are often one name each.
        cleaned = [replace(ref, name=clean_multiline(ref.name)) for ref in refs]
        if cleaned := [ref for ref in cleaned if ref.name]:
            self.authors.append((cleaned, source))

    def add_flag(self, name: str, value: bool, source: str) -> None:
        self.flags.setdefault(name, []).append((value, source))

    def get(self, name: str) -> list[Candidate]:
        return self.values.get(name, [])

    def first(self, name: str) -> Candidate | None:
        found = self.values.get(name)
        return found[0] if found else None
