"""Byline strings to clean author names."""

import pytest

from newsflow.extract.authors import clean_authors, excluded_names, split_names
from newsflow.extract.candidates import AuthorRef


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Smith and John Doe", ["Jane Smith", "John Doe"]),
        ("By Anna Berg, Senior Correspondent | Email the author", ["Anna Berg"]),
        ("Von Max Müller und Eva Schulz", ["Max Müller", "Eva Schulz"]),
        ("Par Claire Dubois", ["Claire Dubois"]),
        ("Jane Smith, John Doe & Ana Li", ["Jane Smith", "John Doe", "Ana Li"]),
        ("Staff Reporter", []),
        ("Follow @janesmith on Twitter", []),
        ("jane@example.com", []),
    ],
)
def test_split_names_removes_prefixes_roles_and_noise(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


def test_clean_authors_drops_site_name_and_duplicates() -> None:
    refs = [
        AuthorRef("The Example Gazette", None),
        AuthorRef("Jane Smith", "https://e.com/jane"),
        AuthorRef("jane smith", None),
    ]
    cleaned = clean_authors(refs, excluded_names("The Example Gazette"))
    assert cleaned == [("Jane Smith", "https://e.com/jane")]
