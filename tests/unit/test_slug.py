"""The words of a URL's slug and how many of a headline's words it spells."""

import unicodedata

import pytest

from newsflow.extract.slug import _UNDECOMPOSED, fold, slug_words, spelled_words

_ARABIC_SLUG = "%D8%B4%D8%B9%D8%B1-%D9%88%D8%B1%D8%AF%D9%8A"  # "شعر-وردي"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (
            "https://e.example/stadt/30-euro-karte-kunden-sparen-weniger-27364512.html",
            ["30", "euro", "karte", "kunden", "sparen", "weniger"],
        ),
        # a UUID with its letter prefix, then a fragment
        (
            "https://e.example/wirtschaft/hafen-raeumt-fehler-ein-a-71b0c2d4-e5f6-47a8-9b0c#top",
            ["hafen", "raeumt", "fehler", "ein"],
        ),
        (
            "https://e.example/sport/vm-i-oslo_-tarer-rant-1.2345678",
            ["vm", "i", "oslo", "tarer", "rant"],
        ),
        (
            "https://e.example/lokal/ferje-nytt-om-fjorden-ld.2233445",
            ["ferje", "nytt", "om", "fjorden"],
        ),
        ("https://e.example/world/ferry-fare-rise-b9182736.html", ["ferry", "fare", "rise"]),
        # an id or a parameter set apart by "," or ";"
        (
            "https://e.example/artykul/prom-podrozeje-od-maja,6912345678,id.html",
            ["prom", "podrozeje", "od", "maja"],
        ),
        (
            "https://e.example/7,114884,30123456,prom-podrozeje-od-maja.html",
            ["prom", "podrozeje", "od", "maja"],
        ),
        (
            "https://e.example/news/ferry-fare-rise.html;jsessionid=a1b2c3",
            ["ferry", "fare", "rise"],
        ),
        # the segment with the most words, wherever it is in the path
        (f"https://e.example/news/445566/{_ARABIC_SLUG}/ar", ["شعر", "وردي"]),
        ("https://e.example/article/123456", ["article"]),
        ("https://e.example/2817364?id=9", []),
        ("https://e.example/", []),
        ("http://[::1/ferry-fare-rise-again", []),  # unparsable: no slug, no error
    ],
)
def test_slug_words_leave_the_id_out(url: str, words: list[str]) -> None:
    assert slug_words(url) == words


def test_fold_drops_accents_and_keeps_other_scripts() -> None:
    assert fold("Tårer ØSTBY Straße") == "tarer ostby strasse"
    assert fold("يُشعل") == "يشعل"


@pytest.mark.parametrize(
    ("slug", "headline", "spelled"),
    [
        # German slugs spell umlauts out, others drop the accent
        ("buerger-raeumt-suedufer", "Bürger räumt Südufer", 3),
        ("tarer-rant-sa-kom", "Tårer rant – så kom", 4),
        # an apostrophe's word joined or cut at it
        ("mayor-dunmore-garden", "Mayor Dunmore’s garden", 3),
        ("mayor-dunmores-garden", "Mayor Dunmore's garden", 3),
        # stop-words left out of the slug, words out of order count once
        ("pilot-warnt-segeln", "Pilot warnt: Schüler verlernen das Segeln", 3),
        ("segeln-pilot", "Pilot warnt: Schüler verlernen das Segeln", 1),
        ("harbour-board", "", 0),
    ],
)
def test_spelled_words_count_the_headline_words_the_slug_spells(
    slug: str, headline: str, spelled: int
) -> None:
    assert spelled_words(slug.split("-"), headline) == spelled


def test_folding_takes_its_ascii_shortcut_only_where_the_full_folding_agrees() -> None:
    # The fast path for ASCII text gives what the accent folding gives.
    for word in ("Bakery", "PRIZE", "x_y", "2024", "Straße", "Fødsel", "Ångström", "ﬁne"):
        full = unicodedata.normalize("NFKD", word.casefold().translate(_UNDECOMPOSED))
        assert fold(word) == "".join(c for c in full if not unicodedata.combining(c))
