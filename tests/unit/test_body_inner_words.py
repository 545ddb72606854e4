"""The word prefilter of recovery's kept-text scans (``body._inner_words_in``): a key that
stands in the kept text has each inner word among the text's words, so a key missing one
is refused without a scan, and no key that stands in the text is refused."""

from newsflow.extract import body

KEPT = (
    "the town library will open on sundays from march the council said "
    "volunteers from the reading club will staff the front desk"
)
WORDS = set(KEPT.split(" "))


def test_a_key_standing_in_the_kept_text_passes() -> None:
    # starts and ends inside words of the text ("own", "rea"): only its inner words are whole
    key = "own library will open on sundays from march the council said volunteers from the rea"
    assert key in KEPT
    assert body._inner_words_in(key, WORDS)


def test_a_key_with_an_inner_word_the_text_lacks_is_refused() -> None:
    assert not body._inner_words_in("the town museum will open on sundays", WORDS)
    assert not body._inner_words_in("the reading club will staff the back desk", WORDS)


def test_a_key_without_inner_words_is_left_to_the_scan() -> None:
    assert body._inner_words_in("unheardof", WORDS)
    assert body._inner_words_in("unheard words", WORDS)


def test_every_substring_of_the_kept_text_passes() -> None:
    for start in range(len(KEPT)):
        for end in range(start, len(KEPT) + 1, 7):
            assert body._inner_words_in(KEPT[start:end], WORDS), KEPT[start:end]
