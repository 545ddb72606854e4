"""Credits a byline writes around or instead of a person's name (fresh-user trial):
honorifics are no part of a name."""

import pytest

from newsflow.extract.authors import split_names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Dr. Ilse Marwick", ["Ilse Marwick"]),
        ("Dr Ilse Marwick", ["Ilse Marwick"]),
        ("Prof. Dr. Hauke Brandt", ["Hauke Brandt"]),
        ("By Dr. Ilse Marwick, Contributor", ["Ilse Marwick"]),
        ("Ms. Jane Q. Marwick", ["Jane Q. Marwick"]),
        # with one word left, the honorific is the name's form ("Dr. Oz")
        ("Dr. Okoro", ["Dr. Okoro"]),
    ],
)
def test_honorifics_are_no_part_of_a_name(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names
