"""Language per article: the declaration stands unless the text contradicts it."""

from collections import Counter
from datetime import UTC, datetime

import pytest

from newsflow.extract import extract_article, language
from newsflow.extract.language import article_language, normalize_language

FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
# Our own short news sentences, repeated to the length of a short article.
SWAHILI = (
    "Jeshi la polisi mkoani humo limesema kwamba watu hao walikamatwa kwa makosa ya wizi "
    "na kwamba uchunguzi wa kesi hiyo unaendelea katika kituo cha polisi pamoja na ofisi ya "
    "mkuu wa wilaya, lakini pia wananchi wameombwa kutoa taarifa kwenye kituo hicho. "
)
XHOSA = (
    "Umphathiswa uthe akazange abanjwe kwaye ukuba ityala liza kuqhubeka ngoku emva kotyelelo "
    "lwakhe kwiofisi, kunye nabantu abaninzi abeze apha malunga nombandela lo ngexesha "
    "leentlanganiso okanye xa kukho imibuzo. "
)
ZULU = (
    "Uthishanhloko uthe izimbuzi zingena esikoleni futhi ukuthi abafundi abakwazi ukufunda "
    "uma izilwane zikhona lapho, ngoba ikhansela lathembisa ukuthi lokhu kuzolungiswa kanye "
    "nabazali njengoba kusho umnyango manje. "
)
GERMAN = (
    "Der Bundestag hat am Donnerstag über das Gesetz beraten, und die Opposition kritisierte "
    'den Entwurf. "We will see", sagte ein Gast aus London, der auch im Ausschuss war. '
)
KOREAN = "대통령은 오늘 국회에서 새로운 경제 정책을 발표했다. 야당은 즉시 반대 입장을 밝혔다. "
PERSIAN = "رئیس جمهور امروز در مجلس برنامه جدید اقتصادی را اعلام کرد و مخالفان واکنش نشان دادند. "
CZECH = "Vláda na jednání schválila návrh zákona a do parlamentu ho pošle po schválení. " * 5


@pytest.mark.parametrize(
    ("declared", "text", "language", "from_text"),
    [
        ("en", SWAHILI * 3, "sw", True),  # a CMS default the text contradicts
        ("en", XHOSA * 3, "xh", True),
        ("en", ZULU * 3, "zu", True),
        ("kr", KOREAN * 3, "ko", True),  # a country code in lang=, Hangul text
        ("de", GERMAN * 3, "de", False),  # a quotation does not outvote the text
        ("fa", PERSIAN * 3, "fa", False),  # Arabic script, and Persian is written in it
        ("cs", CZECH, "cs", False),  # no stopword list to measure Czech against
        ("en", "", "en", False),  # no text: nothing contradicts the declaration
        (None, GERMAN * 3, "de", True),
        (None, "", None, True),
    ],
)
def test_article_language_declaration_checked_against_text(
    declared: str | None, text: str, language: str | None, from_text: bool
) -> None:
    assert article_language(declared, text) == (language, from_text)


@pytest.mark.parametrize(("code", "normal"), [("nb", "no"), ("NN", "no"), ("DE", "de")])
def test_normalize_language_folds_norwegian_standards(code: str, normal: str) -> None:
    assert normalize_language(code) == normal


def test_article_declared_en_with_zulu_text_is_zu_with_heuristic_provenance() -> None:
    body = "".join(f"<p>{ZULU}</p>" for _ in range(6))
    html = f'<html lang="en"><head><title>Izimbuzi esikoleni</title></head><body><article>{body}'
    article = extract_article(html.encode(), "https://e.co.za/a", fetched_at=FETCHED)
    assert article.language == "zu"
    assert article.provenance["language"] == "heuristic"


def test_article_declared_nb_is_norwegian_with_declared_provenance() -> None:
    body = "<p>Regjeringen sier at det er for tidlig å si noe om saken, og at den må utredes.</p>"
    html = f'<html lang="nb-NO"><head><title>Saken</title></head><body><article>{body * 6}'
    article = extract_article(html.encode(), "https://e.no/a", fetched_at=FETCHED)
    assert article.language == "no"
    assert article.provenance["language"] == "html:lang"


def test_stopwords_are_letters_only() -> None:
    # _stopwords_in counts a letters-only token whole: a stopword with another character
    # would be missed there
    assert all(word.isalpha() for word in language._LANGUAGES_OF)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said, (AP) that the plan--and the budget--was the_end of it.",
        "der2die und³ das Ⅻist nicht_mit den\u00a0von sich\u2003des",
        'l\'été et les "dans" pour... qui? pas! sur-le-champ',
        "i w nie na się z że 10i 2w",
        "",
    ],
)
def test_stopwords_in_are_those_the_word_regex_finds(text: str) -> None:
    found = Counter(language._WORD.findall(text.casefold()))
    expected = Counter({w: n for w, n in found.items() if w in language._LANGUAGES_OF})
    assert Counter(language._stopwords_in(text.casefold())) == expected


def test_stopwords_in_every_character_as_the_word_regex() -> None:
    # each code point between stopwords and inside one: whatever str.isalpha and the
    # regex's letters make of it, the stopwords counted are the regex's
    for start in range(0, 0x30000, 512):
        chars = [chr(c) for c in range(start, start + 512) if not 0xD800 <= c < 0xE000]
        text = " ".join(f"the{c}and {c}der die{c}" for c in chars)
        found = Counter(language._WORD.findall(text))
        expected = Counter({w: n for w, n in found.items() if w in language._LANGUAGES_OF})
        assert Counter(language._stopwords_in(text)) == expected, start
