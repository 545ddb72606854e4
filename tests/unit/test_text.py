"""Strings from markup: character references decoded and odd spaces normalised, once."""

import gc
import gzip
import json
import re
import weakref
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from newsflow.extract import extract_article
from newsflow.extract.text import _TOKEN, clean_multiline, clean_text, count_words, visible_texts

FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
BODY = "".join(
    f"<p>Paragraph {i} of the report describes the vote of the council in plain words, "
    "long enough to be the body of an article.</p>"
    for i in range(8)
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Smartphones zerst&ouml;ren", "Smartphones zerstören"),
        ("Schubert: &quot;Nicht mehr&quot;", 'Schubert: "Nicht mehr"'),
        ("It&#039;s here", "It's here"),
        ("Her &#8216;Best Work&#8217;", "Her \u2018Best Work\u2019"),
        ("&#x201C;Hex&#x201D;", "\u201cHex\u201d"),
        ("double &amp;quot;escaped&amp;quot;", 'double "escaped"'),
        ("triple &amp;amp;ouml;", "triple ö"),
        ("AT&T and R&D &copy 2024", "AT&T and R&D &copy 2024"),  # no ";": text, not markup
        ("an &unknown; name", "an &unknown; name"),
        ("non\u00a0breaking\u202fspaces\u2009here", "non breaking spaces here"),
        ("Bundes\u00adtags\u00adwahl", "Bundestagswahl"),
        ("zero\u200bwidth\u2060joined\ufeff", "zerowidthjoined"),
        ("  runs \t of\n\n whitespace  ", "runs of whitespace"),
        ("&nbsp;&nbsp;padded&nbsp;", "padded"),
        ("东京\u3000新闻", "东京\u3000新闻"),  # the ideographic space belongs to CJK text
        ("می\u200cخواهم", "می\u200cخواهم"),  # ZWNJ spells Persian words
    ],
)
def test_clean_text_decodes_references_and_normalises_spaces(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_multiline_keeps_lines_and_drops_blank_ones() -> None:
    assert clean_multiline("First&nbsp;line\n\n \u00a0\nSecond &amp; last") == (
        "First line\nSecond & last"
    )


def test_every_markup_source_arrives_clean_in_the_article() -> None:
    # GIVEN references and odd spaces in JSON-LD, <meta> content and author names
    ld = {
        "@type": "NewsArticle",
        "headline": "K&uuml;hlt&uuml;rme &#8216;gesprengt&#8217;",
        "description": "Die\u00a0Anlage &amp;quot;Block B&amp;quot; ist weg.",
        "author": {"@type": "Person", "name": "J&ouml;rg\u00a0H&auml;berle"},
        "keywords": ["Atom&shy;kraft", "Energie"],
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<meta property="og:site_name" content="Zeitung&amp;amp;Co">'
    )
    html = f'<html lang="de"><head><meta charset="utf-8">{head}</head><body><article>{BODY}'
    # WHEN the page is extracted
    article = extract_article(html.encode(), "https://www.example-zeitung.de/a", fetched_at=FETCHED)
    # THEN every field is plain text
    assert article.title == "Kühltürme \u2018gesprengt\u2019"
    assert article.description == 'Die Anlage "Block B" ist weg.'
    assert [a.name for a in article.authors] == ["Jörg Häberle"]
    assert article.site_name == "Zeitung&Co"
    assert article.tags == ["Atomkraft", "Energie"]


def _decoded_twice(text: str) -> str:
    """`text` as a CMS stores it after reading its UTF-8 bytes as Latin-1."""
    return text.encode("utf-8").decode("latin-1")


def test_clean_multiline_repairs_text_decoded_twice_before_splitting_lines() -> None:
    # "Å" is C3 85: its Latin-1 form holds NEL (U+0085), where str.splitlines cuts.
    assert clean_multiline(_decoded_twice("Ångström\nZürich")) == "Ångström\nZürich"


def test_jsonld_escapes_of_text_decoded_twice_are_repaired_in_the_article() -> None:
    # GIVEN mojibake the page-level repair cannot see: JSON \\u escapes (ASCII bytes) and
    # doubly escaped references, which decode to "Ã©" only once read from the markup
    ld = {
        "@type": "NewsArticle",
        "headline": _decoded_twice("Café à Zürich: l’été des terrasses"),
        "author": {"@type": "Person", "name": _decoded_twice("Jörg Häberle")},
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<meta name="description" content="Caf&amp;Atilde;&amp;copy; und Terrassen">'
    )
    html = f'<html lang="de"><head><meta charset="utf-8">{head}</head><body><article>{BODY}'
    assert "\\u00c3" in html and html.isascii()  # what the page-level repair sees
    # WHEN the page is extracted
    article = extract_article(html.encode(), "https://www.example-zeitung.de/a", fetched_at=FETCHED)
    # THEN the fields read from markup are repaired
    assert article.title == "Café à Zürich: l’été des terrasses"
    assert [a.name for a in article.authors] == ["Jörg Häberle"]
    assert article.description == "Café und Terrassen"


# Edges of count_words' str.split shortcut: every whitespace str.split and the regex's \s
# both know, scripts counted one word a character, and neighbours of their ranges that are not.
WORD_COUNT_EDGES = [
    "",
    "   ",
    "one two\tthree\nfour\r\nfive",
    "a\u00a0b\u2009c\u202fd\u3000e\u2028f\u2029g\x1c h\x1fi\x85j\x0bk\x0cl",
    "zero\u200bwidth and BOM\ufeffinside, Mongolian\u180eseparator",
    "東京で会議が開かれた",
    "東京 Tokyo 会議 meeting",
    "ข่าววันนี้ Thai news",
    "한국어 기사 본문",  # Hangul is spaced: words, not characters
    "カタカナ ひらがな",
    "\u303f\u3040 \u30ff\u3100 \u4dc0 \ufb00",  # next to the counted ranges
    "𠀀𠀁 supplementary ideographs",
]


@pytest.mark.parametrize("text", WORD_COUNT_EDGES)
def test_word_count_shortcut_counts_as_the_token_pattern(text: str) -> None:
    assert count_words(text) == len(_TOKEN.findall(text))


def test_word_count_shortcut_counts_as_the_token_pattern_on_pages() -> None:
    # the page signals and the classifier count a whole page's text; most take the shortcut
    sets = Path(__file__).resolve().parents[1]
    texts = [
        lxml.html.document_fromstring(gzip.decompress(path.read_bytes())).text_content()
        for sample in ("devset", "modernset")
        for path in sorted((sets / sample / "html").glob("*.html.gz"))
    ]
    assert len(texts) > 20
    assert any(_SPACELESS.search(t) for t in texts)  # pages the shortcut leaves to the regex
    assert [count_words(t) for t in texts] == [len(_TOKEN.findall(t)) for t in texts]


_SPACELESS = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\u0e00-\u0e7f]")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("three plain words", 3),
        ("  tabs\tand\nnewlines\u00a0and NBSP  ", 5),
        ("separators\x1cand\x85NEL\u2028too", 4),  # str.split's whitespace, as the regex's \s
        ("", 0),
        ("北京 news", 3),  # one word per Chinese character
        ("東京\u3000タワー", 5),  # the ideographic space separates nothing: each character counts
        ("ภาษาไทย ok", 8),
    ],
)
def test_count_words_counts_spaced_words_and_spaceless_script_characters(
    text: str, words: int
) -> None:
    assert count_words(text) == words


def test_measured_texts_hold_no_element_and_go_with_the_page() -> None:
    # GIVEN a paragraph's text as lxml returns it: a str that refers to its element
    from newsflow.extract import text

    paragraph = lxml.html.fromstring("<div><p>One two, three.</p></div>")[0]
    smart = paragraph.xpath("text()")[0]
    element = weakref.ref(paragraph)
    # WHEN it is measured
    assert text.word_key(smart) == "one two three"
    assert text.match_key(smart) == "onetwothree"
    assert (text.count_words(smart), text.word_runs(smart)) == (3, 3)
    kept = [text._word_key, text._match_key, text._count_words, text._word_runs]
    assert all(measure.cache_info().currsize >= 1 for measure in kept)
    # THEN the measures keep no element alive once the caller lets go of it
    del paragraph, smart
    gc.collect()
    assert element() is None
    # AND extracting a page forgets every text it measured
    extract_article(f"<html><body><article>{BODY}".encode(), "https://example.com/a")
    assert all(measure.cache_info().currsize == 0 for measure in kept)


_VISIBLE_XPATH = (
    "//body//text()[not(parent::script or parent::style or parent::template or parent::noscript)]"
)
UNSEEN_KINDS = (
    "<html><head><title>not the body</title></head><body>lead <script>var a = 1;</script>"
    "after the script<style>p {}</style>after the style<!-- a note -->after the note"
    "<noscript><p>inside a noscript paragraph</p> a noscript tail</noscript>after noscript"
    "<template><b>template child</b> template tail</template><p>Story <i>text</i> ends.</p>"
    "<?php echo 1; ?>after the instruction</body></html>"
)


def test_visible_texts_are_the_body_texts_outside_code_in_document_order() -> None:
    tree = lxml.html.fromstring(UNSEEN_KINDS)
    texts = visible_texts(tree)
    assert texts == [str(t) for t in tree.xpath(_VISIBLE_XPATH)]
    joined = " ".join(texts)
    assert "after the script" in joined and "inside a noscript paragraph" in joined
    assert "var a" not in joined and "a noscript tail" not in joined
    assert "not the body" not in joined and "a note" not in joined
    assert joined.index("lead") < joined.index("after the note") < joined.index("Story")


def test_visible_texts_match_the_xpath_on_the_sample_pages() -> None:
    samples = Path(__file__).resolve().parents[1]
    pages = sorted((samples / "modernset" / "html").glob("*.html.gz"))[:20]
    assert pages
    for path in pages:
        tree = lxml.html.fromstring(gzip.decompress(path.read_bytes()))
        assert visible_texts(tree) == [str(t) for t in tree.xpath(_VISIBLE_XPATH)], path.name


def test_visible_texts_leave_out_the_text_directly_inside_unseen_elements() -> None:
    import lxml.html
    from lxml import etree

    from newsflow.extract.text import visible_texts

    page = (
        "<html><body>a<script>s</script>b<noscript>n<img>t<p>p</p>q</noscript>c"
        "<style>y</style><div>d<template>x<span>z</span>w</template>e</div>f</body></html>"
    )
    tree = lxml.html.document_fromstring(page)
    xpath = etree.XPath(
        "//body//text()[not(parent::script or parent::style or parent::template"
        " or parent::noscript)]",
        smart_strings=False,
    )
    assert visible_texts(tree) == xpath(tree) == ["a", "b", "p", "c", "d", "z", "e", "f"]


def test_squash_spaces_collapses_what_its_pattern_does_for_every_space() -> None:
    import sys

    from newsflow.extract.text import _SPACES, squash_spaces

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert len(spaces) > 20
    for space in [*spaces, "\u200b"]:
        text = f"{space} Ana{space}{space}Li {space}\u3000x{space}"
        assert squash_spaces(text) == _SPACES.sub(" ", text).strip()
        text = f"{space}a{space}b{space}"
        assert squash_spaces(text) == _SPACES.sub(" ", text).strip()
    assert squash_spaces("a\u3000\u3000b \t c") == "a\u3000\u3000b c"  # CJK space kept
    assert squash_spaces("a\x1cb  c") == "a\x1cb c"


def test_word_runs_of_are_the_regex_runs_for_every_ascii_character() -> None:
    import random
    import re

    from newsflow.extract.text import match_key, word_key, word_runs_of

    every_ascii = "".join(chr(c) for c in range(128))
    samples = [every_ascii, every_ascii[::-1], "", "   ", "_a_ b9", "x", "Ana's 7-2 vote (AP)."]
    rng = random.Random(10)
    alphabet = every_ascii + "éß—’\u00a0\u200b"
    samples += ["".join(rng.choice(alphabet) for _ in range(40)) for _ in range(300)]
    for text in samples:
        assert word_runs_of(text) == re.findall(r"\w+", text)
        assert word_key(text) == " ".join(re.findall(r"\w+", text)).lower() or not text.isascii()
        assert match_key(text) == "".join(re.findall(r"\w+", text)).casefold()


def test_measures_of_text_ascii_but_for_typographic_marks_are_their_regex_definitions() -> None:
    import random
    import re

    from newsflow.extract.text import (
        _INVISIBLE_IN_KEYS,
        _TYPOGRAPHIC_MARKS,
        match_key,
        word_grams,
        word_key,
        word_runs,
        word_runs_of,
    )

    rng = random.Random(11)
    marks = "".join(_TYPOGRAPHIC_MARKS)
    plain = "abcXYZ019_ .,'-\t"
    samples = [
        "It\u2019s \u201cfine\u201d \u2014 a 9\u20135 job\u2026",
        "\u2018A\u2019\u201eB\u201c",
    ]
    samples += ["".join(rng.choice(plain + marks) for _ in range(40)) for _ in range(300)]
    # and with a character past ASCII that is no mark: a word one, a space, an invisible one
    samples += [text + rng.choice("é\u00a0\u200b\u200d") for text in samples[:100]]
    for text in samples:
        runs = re.findall(r"\w+", text)
        assert word_runs_of(text) == runs
        assert word_runs(text) == len(runs)
        assert (
            word_key(text) == " ".join(re.findall(r"\w+", _INVISIBLE_IN_KEYS.sub("", text))).lower()
        )
        assert match_key(text) == "".join(runs).casefold()
        words = re.findall(r"\w+", text.casefold())
        assert word_grams(text) == frozenset(tuple(words[i : i + 4]) for i in range(len(words) - 3))
