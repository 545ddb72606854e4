"""A picture label with "by" and a name ("Photo by Jane Doe", "Foto di Paolo Neri") is a
credit line in the languages that credit so; a label followed by a common noun or a sentence
stays text (issue 10)."""

import pytest

from newsflow.extract.credits import is_captioned_credit, is_credit_line

BY_CREDITS = [
    "Photo by Jane Doe",
    "Video by Marta Olsen",
    "Foto di Paolo Neri",
    "Foto de Ana Ruiz",
    "Photo de Luc Bernard",
    "(Photo by Tomás de la Vega)",
]
NOT_CREDITS = [
    "Photo by the sea was lovely.",
    "Foto di gruppo al mare",
    "Foto de familia en la plaza",
    "Picture by picture, the story of the flood unfolds.",
]


@pytest.mark.parametrize("line", BY_CREDITS)
def test_a_label_by_a_name_is_a_credit_line(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize("line", NOT_CREDITS)
def test_a_label_before_a_noun_or_sentence_stays(line: str) -> None:
    assert not is_credit_line(line)


def test_a_caption_closed_by_photo_by_a_name_is_a_captioned_credit() -> None:
    assert is_captioned_credit("The mayor opens the new library. Photo by Jane Doe")
