"""A line that names a photo, an image or credits in passing is article text: only a credit
line (``credits.is_credit_line``) or a caption closed by a credit is boilerplate.

The lines are of the kinds the development sets' references keep (a guide's list items, a
remark in parentheses, a caption written as prose); a pattern that took any short line with
"photo"/"image"/"credit" in parentheses or after a colon dropped them (issue 10).
"""

from __future__ import annotations

import pytest

from newsflow.extract import body

KEPT = [
    "- eco labels (see photo above)",
    "(The photo above is just part of our record collection)",
    "- OpenAI API key (minimum $5 in token credits)",
    "What Else You'll Need (To Image Successfully)",
    "- Secure key vendors (photo, video, florist, entertainment)",
    "Cover image: an artist's impression of the light installation on the canal",
    "The Reuters/Ipsos poll found 40% approval.",
]

DROPPED = [
    "AP Photo/Alexander Zemlianichenko",
    "Residents gathered outside (Getty Images)",
    "Mikhail Klimentyev/AFP via Getty Images",
    "Smoke rises over the harbour (Photo by Ann Lee/Getty Images)",
    "Image credit: the museum",
]


@pytest.mark.parametrize("line", KEPT)
def test_a_line_naming_a_picture_in_passing_is_text(line: str) -> None:
    assert not body._is_boilerplate(line)


@pytest.mark.parametrize("line", DROPPED)
def test_a_credit_line_is_boilerplate(line: str) -> None:
    assert body._is_boilerplate(line)
