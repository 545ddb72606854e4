"""Body lines that repeat a nearby line: pull quotes, a paragraph given twice."""

import re
import sys
import unicodedata

from support.key_texts import KEY_TEXTS
from support.pages import news_page

from newsflow.extract import extract_article
from newsflow.extract.repeats import _words, drop_repeats

# Our own text: a story about a harbour.
QUOTED = (
    '"We rebuilt the harbour wall stone by stone, and it will hold for another century," '
    "the engineer said on the quay."
)
STORY = [
    "The harbour wall that the winter storms broke open has been rebuilt by the town, "
    "three months later than planned and at twice the cost the council first set aside.",
    QUOTED + " She had led the works since the first storm in November.",
    "Fishermen who had moored their boats in the next bay since the storms can return on "
    "Monday, the harbour master said, once the divers have checked the new foundations. "
    "The ferry to the islands will keep its winter timetable until the end of April, and "
    "the fish market reopens on the quay the same week.",
    "The council will now ask the region to pay half of the bill, as it did for the "
    "lighthouse repairs a decade ago, and expects an answer before the summer.",
]
PULL_QUOTE = QUOTED


def _everything(line: str) -> bool:
    return True


def test_pull_quote_beside_its_paragraph_goes() -> None:
    lines = [STORY[0], STORY[1], PULL_QUOTE, STORY[2], STORY[3]]
    assert drop_repeats(lines, _everything) == STORY


def test_copy_with_a_gap_goes_and_the_whole_one_stays() -> None:
    # The recovery added the paragraph a second time without its link's words.
    gapped = STORY[2].replace("the harbour master said, ", "")
    shown = {STORY[0], STORY[1], STORY[2], STORY[3]}
    lines = [STORY[0], STORY[1], STORY[2], gapped, STORY[3]]
    assert drop_repeats(lines, shown.__contains__) == STORY


def test_copy_with_furniture_glued_on_goes_and_the_clean_one_stays() -> None:
    glued = STORY[2] + " Advertisement Trending Now"
    shown = {STORY[0], STORY[1], STORY[2], STORY[3]}
    lines = [STORY[0], STORY[1], glued, STORY[2], STORY[3]]
    assert drop_repeats(lines, shown.__contains__) == STORY


def test_equal_lines_and_short_labels_stay() -> None:
    # A button repeated above and below a list, and labels too short to be a sentence.
    button = "Book your table at the harbour restaurant now"
    lines = [button, STORY[0], "Read more", "Read more", STORY[3], button]
    assert drop_repeats(lines, _everything) == lines


def test_pull_quote_in_a_quote_box_is_not_read_twice() -> None:
    page = news_page(
        body=(
            "<article><h1>The harbour wall is rebuilt</h1>"
            f"<p>{STORY[0]}</p><p>{STORY[1]}</p>"
            f"<div class='quote-box'><p>{PULL_QUOTE}</p></div>"
            f"<p>{STORY[2]}</p><p>{STORY[3]}</p></article>"
        )
    )
    article = extract_article(page, "https://example.org/harbour")
    assert article.body_text is not None
    assert article.body_text.count("stone by stone") == 1
    assert "lighthouse repairs" in article.body_text


def test_lines_built_on_one_template_are_not_repeats() -> None:
    # "Step 1 …" and "Step 2 …": a word changed, none left out; both are the story's.
    steps = [
        f"Step {n} of the harbour tour starts at the old fish market and follows the quay "
        "north to the lighthouse and back along the beach."
        for n in (1, 2, 3)
    ]
    assert drop_repeats(steps, _everything) == steps


def _casefolded_words(line: str) -> list[str]:
    return re.findall(r"\w+", line.casefold())


def test_words_read_from_the_word_key_are_the_casefolded_words() -> None:
    for line in KEY_TEXTS:
        assert _words(line) == _casefolded_words(line), line


def test_every_character_keeps_the_words_a_line_is_compared_on() -> None:
    # Each character whose casefolding differs from it, each format mark (soft hyphen,
    # zero-width marks) and combining mark, and each space, between and inside words.
    tested = [
        char
        for char in map(chr, range(sys.maxunicode + 1))
        if char.casefold() != char or unicodedata.category(char) in ("Cf", "Mn", "Zs")
    ]
    assert len(tested) > 2000
    for char in tested:
        line = f"Ab{char}cd ef {char} GH{char}"
        assert _words(line) == _casefolded_words(line), hex(ord(char))


def test_window_counts_the_short_lines_between() -> None:
    # Labels between a paragraph and its pull quote count in the distance, though no pair
    # holding a label is compared: eight lines on it goes, nine lines on it stays.
    for labels, dropped in ((7, True), (8, False)):
        lines = [STORY[1], *["Read more"] * labels, PULL_QUOTE, STORY[3]]
        expected = [line for line in lines if line != PULL_QUOTE] if dropped else lines
        assert drop_repeats(lines, _everything) == expected, labels
