"""Text decoded twice (UTF-8 read as Latin-1 or cp1252) is repaired where the page is
decoded, so every field gets it; clean text, in UTF-8 or in a real cp1252 page, is not."""

import pytest

from newsflow.extract import extract_article
from newsflow.extract.decode import decode_html
from newsflow.mojibake import fix_mojibake

CLEAN = "The council’s plan runs night buses to the café district — at last."
TITLE = "Night buses return to the café district"
AUTHOR = "Zoë Müller"
STANDFIRST = "After three years, the council’s ‘moonlight’ routes are back."
SENTENCES = [
    f"The council’s night bus number {n} will run to the café district every twenty "
    "minutes between midnight and five in the morning, the transport office said."
    for n in range(1, 6)
]
# Our own clean pages: accented letters beside punctuation that looks like a UTF-8
# continuation byte in cp1252 ("é»", "ß“", "à…", "ã—"), the cases ftfy must leave alone.
CLEAN_TEXTS = {
    "fr": "« Un café» dit-il, déjà… Où est l’été ? Ça va — à Noël, « Élan » et ½ € : 3 %.",
    "de": "„Straße“ und „Grüße“ — Öl für Ärzte, Fuß… Über die Brücke ‚schön‘ für 5 €.",
    "pt": "Não sei… a situação está» ruim; “ação” é coração—põe ‘mãe’ à venda por 2 €.",
}


def _doubly_encoded(text: str, charset: str) -> str:
    """``text`` as a CMS stores it after reading its UTF-8 bytes as ``charset``."""
    return text.encode("utf-8").decode(charset, errors="strict")


def _page(charset: str | None) -> bytes:
    """A UTF-8 news page whose title, byline, standfirst and body were decoded twice as
    ``charset`` (Latin-1 keeps C1 control characters, cp1252 gives "â€™"); None: clean."""

    def text(value: str) -> str:
        return _doubly_encoded(value, charset) if charset else value

    paragraphs = "\n".join(f"<p>{text(s)}</p>" for s in SENTENCES)
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{text(TITLE)}</title>
<meta property="og:title" content="{text(TITLE)}">
<meta name="author" content="{text(AUTHOR)}">
<meta name="description" content="{text(STANDFIRST)}">
</head><body><article><h1>{text(TITLE)}</h1>
<p class="byline">By <a rel="author" href="/people/zoe">{text(AUTHOR)}</a></p>
<p class="standfirst">{text(STANDFIRST)}</p>
{paragraphs}
</article></body></html>"""
    return html.encode("utf-8")


def test_utf8_read_as_latin1_is_repaired() -> None:
    broken = _doubly_encoded(CLEAN, "latin-1")  # "councilâ\x80\x99s"
    assert "\x80" in broken
    assert fix_mojibake(f"<p>First line.</p>\n<p>{broken}</p>") == (
        f"<p>First line.</p>\n<p>{CLEAN}</p>"
    )


def test_utf8_read_as_cp1252_is_repaired() -> None:
    text = "Ãœber die Brücke: l’été à Zürich"  # "Über" decoded as cp1252, then the rest
    assert fix_mojibake(text) == "Über die Brücke: l’été à Zürich"


def test_a_line_break_inside_the_latin1_form_is_not_a_line_break() -> None:
    # "Å" is C3 85; read as Latin-1 its second byte is U+0085, which str.splitlines cuts at
    assert fix_mojibake(_doubly_encoded("Ångström", "latin-1")) == "Ångström"


def test_a_minified_page_is_weighed_one_text_node_at_a_time() -> None:
    # one line: a broken text node beside a clean French one that looks suspect ("é»")
    broken = _doubly_encoded(CLEAN, "cp1252")
    page = f'<p class="a">{broken}</p><p lang="fr">« Un café» à Noël…</p><a href="/été">x</a>'
    assert fix_mojibake(page) == (
        f'<p class="a">{CLEAN}</p><p lang="fr">« Un café» à Noël…</p><a href="/été">x</a>'
    )


def test_clean_text_is_returned_unchanged() -> None:
    text = f"{CLEAN}\nÇa va. Straße. Ελληνικά."
    assert fix_mojibake(text) is text  # nothing suspect: not even copied
    # "é—" looks like a lead and a continuation byte; ftfy sees it is plausible text
    assert fix_mojibake("A bride and her fiancé—a quiet wedding.") == (
        "A bride and her fiancé—a quiet wedding."
    )


def test_suspect_but_plausible_text_is_returned_as_it_is() -> None:
    # "é—" and "à\xa0" look like a lead and a continuation byte; ftfy keeps both pieces, so
    # the page comes back as the very object it was (not a copy)
    page = "<p>A bride and her fiancé—a quiet wedding.</p>\n<p>Voilà\xa0tout</p>" * 3
    assert fix_mojibake(page) is page


def test_only_the_broken_pieces_are_replaced() -> None:
    # broken pieces first, last and between clean and plausible ones, on lines and in tags
    broken = _doubly_encoded(CLEAN, "cp1252")
    page = (
        f"{broken}<b>fiancé—a</b>\nplain line\n<i>{broken}</i>é»<p>"
        f"Ça va.</p>\n<p title='{broken}'>{broken}"
    )
    assert fix_mojibake(page) == (
        f"{CLEAN}<b>fiancé—a</b>\nplain line\n<i>{CLEAN}</i>é»<p>"
        f"Ça va.</p>\n<p title='{CLEAN}'>{CLEAN}"
    )


@pytest.mark.parametrize("charset", ["latin-1", "cp1252"])
def test_every_field_of_a_doubly_encoded_page_reads_as_written(charset: str) -> None:
    # GIVEN a sound UTF-8 page whose CMS decoded its text twice, title and byline too
    data = _page(charset)
    assert TITLE.encode("utf-8") not in data
    # WHEN it is extracted
    article = extract_article(data, "https://news.example.org/night-buses")
    # THEN every field reads as the author wrote it, and the page as a clean one does
    clean = extract_article(_page(None), "https://news.example.org/night-buses")
    assert article.title == TITLE
    assert [author.name for author in article.authors] == [AUTHOR]
    assert article.description == STANDFIRST
    assert article.paragraphs[-len(SENTENCES) :] == SENTENCES
    assert (article.title, article.authors, article.standfirst, article.body_text) == (
        clean.title,
        clean.authors,
        clean.standfirst,
        clean.body_text,
    )


def test_decoding_repairs_the_text_and_leaves_the_markup() -> None:
    data = _page("cp1252")
    decoded = decode_html(data)
    assert decoded.text == _page(None).decode("utf-8")
    assert (decoded.encoding, decoded.source) == ("utf-8", "utf8-valid")


@pytest.mark.parametrize("language", sorted(CLEAN_TEXTS))
@pytest.mark.parametrize("charset", ["utf-8", "cp1252"])
def test_a_clean_page_decodes_to_its_own_text(language: str, charset: str) -> None:
    # GIVEN a page written in the charset it declares, with no double encoding
    html = (
        f'<html lang="{language}"><head><meta charset="{charset}">'
        f"<title>{CLEAN_TEXTS[language][:30]}</title></head>"
        f'<body><p title="{CLEAN_TEXTS[language]}">{CLEAN_TEXTS[language]}</p>\n'
        f"<p>{CLEAN_TEXTS[language]} &amp; &eacute;</p></body></html>"
    )
    data = html.encode(charset)
    # WHEN it is decoded, THEN its text is exactly what was written, markup and entities too
    assert decode_html(data).text == html


def test_the_bytes_search_finds_exactly_the_pairs_the_text_search_finds() -> None:
    # Every character up to U+2200 after each possible lead, and after an ASCII letter:
    # decode_html skips the repair of a UTF-8 page when the bytes hold no pair.
    from newsflow.mojibake import _SUSPECT_RE, may_need_repair

    for lead in ["a", "\u00c1", *map(chr, range(0xC2, 0xF5)), "\u00f5", "\u00ff"]:
        for code in range(0x20, 0x2200):
            text = f"<p>{lead}{chr(code)}</p>"
            found = _SUSPECT_RE.search(text) is not None
            assert may_need_repair(text.encode("utf-8")) is found, (lead, hex(code))
    for text in [*CLEAN_TEXTS.values(), CLEAN, _doubly_encoded(CLEAN, "cp1252")]:
        assert may_need_repair(text.encode()) is (_SUSPECT_RE.search(text) is not None)
        assert fix_mojibake(text) is text or may_need_repair(text.encode())


def _needs_non_ascii(items: list[tuple[object, object]]) -> bool:
    """Whether every match of a parsed pattern sequence holds a non-ASCII character."""
    return any(_item_needs_non_ascii(op, arg) for op, arg in items)


def _item_needs_non_ascii(op: object, arg: object) -> bool:
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.LITERAL:
        return isinstance(arg, int) and arg > 0x7F
    if op is c.IN:
        assert isinstance(arg, list)
        return all(
            (kind is c.LITERAL and value > 0x7F) or (kind is c.RANGE and value[0] > 0x7F)
            for kind, value in arg
        )
    if op is c.BRANCH:
        assert isinstance(arg, tuple)
        return all(_needs_non_ascii(list(alternative)) for alternative in arg[1])
    if op is c.SUBPATTERN:
        assert isinstance(arg, tuple)
        return _needs_non_ascii(list(arg[-1]))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        assert isinstance(arg, tuple)
        return arg[0] >= 1 and _needs_non_ascii(list(arg[2]))
    return False


def _zero_width_and_flags(items: list[tuple[object, object]]) -> set[object]:
    """The zero-width items (anchors, lookarounds) and the inline flags of a parsed pattern."""
    from re import _constants as c  # type: ignore[attr-defined]

    found: set[object] = set()
    for op, arg in items:
        if op is c.AT:
            found.add(arg)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            assert isinstance(arg, tuple)
            found.add((op, "behind" if arg[0] < 0 else "ahead"))
        elif op is c.BRANCH:
            assert isinstance(arg, tuple)
            for alternative in arg[1]:
                found |= _zero_width_and_flags(list(alternative))
        elif op is c.SUBPATTERN:
            assert isinstance(arg, tuple)
            found |= {("flags", arg[1])} if arg[1] else set()
            found |= _zero_width_and_flags(list(arg[-1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            assert isinstance(arg, tuple)
            found |= _zero_width_and_flags(list(arg[2]))
    return found


def test_ftfys_badness_pattern_is_what_the_windowed_search_assumes() -> None:
    # _looks_bad searches only near non-ASCII runs: it holds while every match of the
    # installed ftfy's pattern holds a non-ASCII character and spans at most BADNESS_SPAN,
    # and while no part of it looks past a window's end (endpos cuts the text there: a
    # lookahead, "$" or "\b" would read the cut) or folds case (a "K" Kelvin sign matches "k")
    import re
    from re import _constants as c  # type: ignore[attr-defined]

    from ftfy.badness import BADNESS_RE

    from newsflow.mojibake import BADNESS_SPAN

    parsed = re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)  # type: ignore[attr-defined]
    assert not BADNESS_RE.flags & re.IGNORECASE
    assert parsed.getwidth()[1] <= BADNESS_SPAN
    assert _needs_non_ascii(list(parsed.data))
    # "^" is the text's start whatever pos is; a lookbehind reads before pos, as in the text
    allowed = {c.AT_BEGINNING, (c.ASSERT, "behind"), (c.ASSERT_NOT, "behind")}
    assert _zero_width_and_flags(list(parsed.data)) <= allowed


# ASCII beside the characters ftfy's patterns weigh: accented letters, cp1252 punctuation,
# C1 controls, box drawing, Greek and Cyrillic ("Ã ", "â€™", "Ð°", "вЂ", "Â ,").
_MIXED = "aZe ,.!?\n\t_x1ÃÂÎÐØÙàéíšžřœŒ€™“”‘’—–…•«»°µ²×\xa0\xad\x85\x9c│ВГРСЂЃ"


@pytest.mark.parametrize("seed", range(40))
def test_the_windowed_badness_test_agrees_with_ftfys(seed: int) -> None:
    import random

    from ftfy.badness import is_bad

    from newsflow.mojibake import _looks_bad

    rng = random.Random(seed)
    for _ in range(200):
        # mostly ASCII with a few other characters, so windows start, merge and end anywhere
        text = "".join(
            rng.choice(_MIXED) if rng.random() < 0.15 else rng.choice("ab ,.x\n")
            for _ in range(rng.randrange(0, 120))
        )
        assert _looks_bad(text) is is_bad(text), repr(text)
    for text in ["Ã  la", "x" * 50 + "Ã©", "é" + " " * 30 + "plain", "x" * 40 + "Â »" + "y" * 9]:
        assert _looks_bad(text) is is_bad(text), repr(text)


@pytest.mark.parametrize("seed", range(5))
def test_ftfy_returns_a_text_its_first_test_finds_clean_as_it_is(seed: int) -> None:
    # fix_mojibake skips ftfy.fix_encoding where ftfy.badness.is_bad is false: the same
    # answer while fix_encoding returns such a text unchanged (C1 controls, NBSP included)
    import random

    import ftfy
    from ftfy.badness import is_bad

    rng = random.Random(seed)
    clean = 0
    for _ in range(400):
        text = "".join(rng.choice(_MIXED) for _ in range(rng.randrange(1, 12)))
        if not is_bad(text):
            clean += 1
            assert ftfy.fix_encoding(text) == text, repr(text)
    assert clean > 100


def test_a_long_clean_piece_with_suspect_pairs_is_kept_as_it_is() -> None:
    # one script line of state: Czech prose, "íž", "á\xa0" pairs, no line break or ">"
    blob = '{"text":"Vyšetřovatelé prověřují, v\xa0níž soud řekl: „Je potřeba dodat.“"},' * 2000
    page = f"<script>{blob}</script>\n<p>Hotovo.</p>"
    assert fix_mojibake(page) is page


# Text ftfy repairs although no lead character in it is followed by all the continuation
# characters its UTF-8 sequence needs (C2-DF: 1, E0-EF: 2, F0-F4: 3): cp1252 punctuation
# read as Latin-1 (a C1 control beside an accent; ftfy's fix_c1_controls), a byte lost as
# "?" or U+FFFD (replace_lossy_sequences) and a no-break space turned into a space
# (restore_byte_a0). A pre-test asking for whole sequences would skip all of them.
DAMAGED_FORMS = [
    "A bride and her fiancé\x97a quiet wedding.",
    "Le café\x85 et la gare.",
    "the councilâ€?s plan",
    "the councilâ€\ufffds plan",
    "the councilâ€ s plan",
]


@pytest.mark.parametrize("text", DAMAGED_FORMS)
def test_damaged_sequences_ftfy_repairs_are_not_skipped_by_the_pre_test(text: str) -> None:
    import re

    import ftfy

    from newsflow.mojibake import _CONTINUATION, may_need_repair

    c = _CONTINUATION.pattern
    whole = re.compile(f"[\u00c2-\u00df]{c}|[\u00e0-\u00ef]{c}{{2}}|[\u00f0-\u00f4]{c}{{3}}")
    assert whole.search(text) is None  # no whole sequence: only a partial one
    assert may_need_repair(text.encode("utf-8"))
    assert fix_mojibake(text) == ftfy.fix_encoding(text) != text
    assert fix_mojibake(f"<p>{text}</p>\n") == f"<p>{ftfy.fix_encoding(text)}</p>\n"


def test_cp1252_punctuation_read_as_latin1_reads_as_written() -> None:
    assert fix_mojibake(DAMAGED_FORMS[0]) == "A bride and her fiancé—a quiet wedding."
    assert fix_mojibake(DAMAGED_FORMS[1]) == "Le café… et la gare."
