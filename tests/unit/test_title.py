"""The headline: site names and separators cut, logos refused, sources weighed by agreement."""

import json
import random
import re
from datetime import UTC, datetime

import pytest

import newsflow.extract.title as title_rules
from newsflow.extract import extract_article
from newsflow.extract.candidates import Candidate
from newsflow.extract.title import choose_title, url_sections

FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
BODY = "".join(
    f"<p>Paragraph {i} of the report describes the vote of the council in plain words, "
    "long enough to be the body of an article.</p>"
    for i in range(8)
)


def _page(head: str, heading: str = "", lang: str = "en") -> bytes:
    return (
        f'<html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body><header>{heading}</header><article>{BODY}</article></body></html>"
    ).encode()


def _ld(headline: str) -> str:
    data = {"@type": "NewsArticle", "headline": headline}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _title(*pairs: tuple[str, str], sites: tuple[str, ...] = (), host: str = "e.com") -> str:
    chosen = choose_title([Candidate(v, s) for s, v in pairs], list(sites), host)
    assert chosen is not None
    return chosen.value


@pytest.mark.parametrize(
    ("raw", "headline"),
    [
        ("Storm closes schools | Example Gazette", "Storm closes schools"),
        ("Example Gazette - Storm closes schools", "Storm closes schools"),
        # a short section between the headline and the site goes with the site
        ("Storm closes schools – Sport – Example Gazette", "Storm closes schools"),
        ("Storm closes schools :: EXAMPLE GAZETTE", "Storm closes schools"),
        ("Storm closes schools · The Example Gazette", "Storm closes schools"),
        ("宮崎県で震度5弱：朝日新聞デジタル", "宮崎県で震度5弱"),
        ("장동혁, 한동훈 제명했지만ㅣ한국일보", "장동혁, 한동훈 제명했지만"),
        ("Storm closes schools | examplegazette.com", "Storm closes schools"),
    ],
)
def test_title_site_segment_is_cut_at_either_end(raw: str, headline: str) -> None:
    sites = ("Example Gazette", "朝日新聞デジタル", "한국일보")
    assert _title(("title", raw), sites=sites, host="www.examplegazette.com") == headline


def test_title_place_that_is_only_part_of_the_host_is_kept() -> None:
    raw = "Feuer in Lichterfelde - Berlin"
    assert _title(("title", raw), host="www.berliner-zeitung.de") == raw


def test_title_kicker_alone_in_another_source_does_not_shorten_the_headline() -> None:
    headline = "Akkutechnik - Hat Quantumscape genug Akkus gebaut?"
    assert _title(("jsonld:NewsArticle.headline", headline), ("h1", "Akkutechnik")) == headline


def test_title_long_site_name_repeated_by_two_sources_is_cut_after_a_short_headline() -> None:
    chosen = _title(
        ("og:title", "„Großer Einsatz“ - Die Neue Talzeitung am Sonntag"),
        ("h1", "„Großer Einsatz“"),
        ("title", "„Großer Einsatz“ – Die Neue Talzeitung am Sonntag"),
        host="talzeitung.example",
    )
    assert chosen == "„Großer Einsatz“"


def test_title_hyphenated_words_are_not_separators() -> None:
    raw = "49-Euro-Ticket: Pendler zahlen weniger"
    assert _title(("title", raw), sites=("Euro",), host="faz.net") == raw


def test_title_is_never_only_the_site_name() -> None:
    chosen = choose_title([Candidate("Example Gazette", "title")], ["Example Gazette"], "e.com")
    assert chosen is None


def test_title_trailing_section_is_cut_when_another_source_agrees() -> None:
    # GIVEN <title> and og:title with a section and the site, and a clean <h1>
    head = (
        '<meta property="og:title" content="Bubi-Bomber wieder da: Thioune fordert Geduld | Sport">'
        "<title>Bubi-Bomber wieder da: Thioune fordert Geduld - Sport - BILD.de</title>"
    )
    heading = "<h1>Bubi-Bomber wieder da: Thioune fordert Geduld</h1>"
    article = extract_article(
        _page(head, heading, "de"), "https://www.bild.de/a", fetched_at=FETCHED
    )
    # THEN the section is gone and provenance names the trusted source
    assert article.title == "Bubi-Bomber wieder da: Thioune fordert Geduld"
    assert article.provenance["title"] == "og:title"


def test_title_h1_that_is_the_site_name_is_a_logo() -> None:
    head = '<meta property="og:site_name" content="Example Gazette">'
    head += "<title>Council approves the new bridge | Example Gazette</title>"
    article = extract_article(
        _page(head, "<h1>Example Gazette</h1>"), "https://news.e.com/a", fetched_at=FETCHED
    )
    assert article.title == "Council approves the new bridge"
    assert article.provenance["title"] == "title"


def test_title_h1_that_is_the_site_part_of_the_title_tag_is_a_logo() -> None:
    head = "<title>Council approves the new bridge - The Daily Example</title>"
    article = extract_article(
        _page(head, "<h1>The Daily Example</h1>"),
        "https://news.example.org/a",
        fetched_at=FETCHED,
    )
    assert article.title == "Council approves the new bridge"


def test_title_publisher_kicker_is_kept_not_added() -> None:
    # The JSON-LD headline carries a kicker the <h1> lacks: the publisher's headline wins
    # whole, and a kicker only in the <h1> is never glued onto it.
    with_kicker = "Rückbau von Atomkraftwerk: Kühltürme gesprengt"
    head = _ld(with_kicker) + f"<title>{with_kicker} - Politik</title>"
    article = extract_article(
        _page(head, "<h1>Kühltürme gesprengt</h1>", "de"), "https://e.de/a", fetched_at=FETCHED
    )
    assert article.title == with_kicker
    assert article.provenance["title"] == "jsonld:NewsArticle.headline"


def test_title_from_escaped_jsonld_headline_is_plain_text() -> None:
    head = _ld("Samsung soll Smartphones zerst&ouml;ren &#8211; &quot;sofort&quot;")
    article = extract_article(_page(head), "https://e.de/a", fetched_at=FETCHED)
    assert article.title == 'Samsung soll Smartphones zerstören – "sofort"'


def test_title_without_any_candidate_is_none() -> None:
    assert choose_title([], ["Example"], "e.com") is None


def test_title_metadata_that_is_only_the_site_name_loses_to_the_heading() -> None:
    # GIVEN a Korean page (fresh-user trial) whose og:title and <title> are the site's name
    head = (
        '<meta property="og:site_name" content="한빛일보">'
        '<meta property="og:title" content="한빛일보"><title>한빛일보</title>'
    )
    heading = "<h1>서울시의회, 새 다리 예산 통과</h1>"
    article = extract_article(
        _page(head, heading, "ko"), "https://www.hanbit.co.kr/news/1", fetched_at=FETCHED
    )
    # THEN the article's heading is the title, not the brand
    assert article.title == "서울시의회, 새 다리 예산 통과"
    assert article.provenance["title"] == "h1"


def test_a_page_whose_every_title_is_the_site_name_has_no_title() -> None:
    # GIVEN a page whose og:title and <title> are both the site's name, and no heading
    head = (
        '<meta property="og:site_name" content="Harbour Gazette">'
        '<meta property="og:title" content="Harbour Gazette"><title>Harbour Gazette</title>'
    )
    article = extract_article(
        _page(head), "https://www.harbour-gazette.example/a", fetched_at=FETCHED
    )
    # THEN it has no title rather than the brand
    assert article.title is None


def test_a_site_name_field_that_copies_the_headline_does_not_erase_it() -> None:
    # GIVEN a CMS that copied the headline into JSON-LD WebSite.name; the brand is og:site_name
    headline = "Nine tools every harbour pilot should carry (2025)"
    website = {"@type": "WebSite", "name": headline}
    head = (
        _ld(headline)
        + f'<script type="application/ld+json">{json.dumps(website)}</script>'
        + f'<meta property="og:site_name" content="Harbour Gazette"><title>{headline}</title>'
    )
    article = extract_article(
        _page(head, "<h1>Nine tools every harbour pilot should carry in 2025</h1>"),
        "https://www.harbour-gazette.example/a",
        fetched_at=FETCHED,
    )
    # THEN the headline the metadata agree on is the title, and the brand the site name
    assert article.title == headline
    assert article.site_name == "Harbour Gazette"


def test_a_publisher_name_that_copies_the_headline_does_not_erase_it() -> None:
    # GIVEN a CMS that copied the headline into the JSON-LD publisher's name, as another
    # copies it into the site name: the headline was cut from every title as the site's
    # name, and the page had no title at all
    headline = "Nine tools every harbour pilot should carry this winter"
    data = {"@type": "NewsArticle", "headline": headline, "publisher": {"name": headline}}
    head = (
        f'<script type="application/ld+json">{json.dumps(data)}</script><title>{headline}</title>'
    )
    article = extract_article(
        _page(head, f"<h1>{headline}</h1>"),
        "https://www.harbour-gazette.example/a",
        fetched_at=FETCHED,
    )
    # THEN the headline is the title
    assert article.title == headline


def test_a_long_heading_that_starts_the_page_title_is_no_logo() -> None:
    # GIVEN <title> "headline | office name" whose office name is a little longer than the
    # headline, and the headline in the <h1>
    head = "<title>Ten tips for safer passwords | Office of Information Security</title>"
    article = extract_article(
        _page(head, "<h1>Ten tips for safer passwords</h1>"),
        "https://security.example.edu/resources/ten-tips",
        fetched_at=FETCHED,
    )
    # THEN the heading is the headline, not the site's logo
    assert article.title == "Ten tips for safer passwords"
    assert article.provenance["title"] == "h1"


SEO = "Council approves bridge: what the vote means for the old town"
EDITED = "A bridge at last for the old town"
HEADLINE = "jsonld:NewsArticle.headline"


@pytest.mark.parametrize(
    ("headline", "og_title", "tag"),
    [
        # og:title edited on its own, the headline copied from <title>
        (SEO, EDITED, f"{SEO} | Example Gazette"),
        # the headline edited on its own, og:title copied from <title>
        (EDITED, SEO, f"{SEO} | Example Gazette"),
    ],
)
def test_title_headline_and_og_title_differ_the_one_title_does_not_copy_wins(
    headline: str, og_title: str, tag: str
) -> None:
    pairs = ((HEADLINE, headline), ("og:title", og_title), ("title", tag))
    assert _title(*pairs, sites=("Example Gazette",)) == EDITED


def test_title_headline_and_og_title_differ_from_title_the_headline_wins() -> None:
    # <title> copies neither: nothing shows which was edited, trust decides.
    pairs = ((HEADLINE, EDITED), ("og:title", SEO), ("title", "Old town news"))
    assert _title(*pairs) == EDITED


def test_title_headline_and_og_title_agree_they_win_over_title() -> None:
    pairs = ((HEADLINE, EDITED), ("og:title", EDITED), ("title", SEO))
    assert _title(*pairs) == EDITED


def test_title_microdata_headline_shows_an_unspaced_section_suffix_is_not_headline() -> None:
    # GIVEN a page whose og:title and <title> end in "-경제" (the section, no spaces) and the
    # site, and whose headline is given only as schema.org microdata
    headline = "시의회, 새 다리 예산 통과… '구도심' 숙원 풀린다"
    head = (
        '<meta property="og:site_name" content="한빛일보">'
        f'<meta itemprop="headline" content="{headline}">'
        f'<meta property="og:title" content="{headline}-경제ㅣ한빛일보">'
        f"<title>{headline}-경제ㅣ한빛일보</title>"
    )
    article = extract_article(
        _page(head, lang="ko"), "https://www.hanbit.co.kr/news/2", fetched_at=FETCHED
    )
    # THEN the section and the site are cut, because the microdata headline shows where
    assert article.title == headline


def test_title_unspaced_hyphen_is_cut_only_where_another_source_agrees() -> None:
    raw = "49-Euro-Ticket: Pendler zahlen weniger"
    assert _title(("og:title", raw), ("h1", "49"), ("title", raw)) == raw


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # the trusted headline writes "A - B", og:title and <title> write "A: B"
        (
            (
                (HEADLINE, "Bridge vote - Council says yes"),
                ("og:title", "Bridge vote: Council says yes"),
                ("title", "Bridge vote: Council says yes | Example Gazette"),
            ),
            "Bridge vote: Council says yes",
        ),
        # curly quotes in the headline and <h1>, straight ones in three other sources
        (
            (
                (HEADLINE, "Mayor’s ‘last’ bridge"),
                ("h1", "Mayor’s ‘last’ bridge"),
                ("og:title", "Mayor's 'last' bridge"),
                ("jsonld:VideoObject.headline", "Mayor's 'last' bridge"),
                ("title", "Mayor's 'last' bridge | Example Gazette"),
            ),
            "Mayor's 'last' bridge",
        ),
        # a tie keeps the trusted source's spelling
        (
            ((HEADLINE, "Mayor’s bridge"), ("og:title", "Mayor's bridge")),
            "Mayor’s bridge",
        ),
        # unless <title> gives the other form: a tie goes to the spelling <title> shares
        (
            (
                (HEADLINE, "Mayor’s ‘last’ bridge"),
                ("og:title", "Mayor's 'last' bridge | Example Gazette"),
                ("h1", "Mayor’s ‘last’ bridge"),
                ("title", "Mayor's 'last' bridge | Example Gazette"),
            ),
            "Mayor's 'last' bridge",
        ),
        # but not when <title>'s form has fewer sources: only a tie goes to it
        (
            (
                (HEADLINE, "Mayor’s ‘last’ bridge"),
                ("og:title", "Mayor's 'last' bridge"),
                ("h1", "Mayor’s ‘last’ bridge"),
                ("twitter:title", "Mayor’s ‘last’ bridge"),
                ("title", "Mayor's 'last' bridge | Example Gazette"),
            ),
            "Mayor’s ‘last’ bridge",
        ),
        # nor when <title> gives other words: its spelling of them is no variant of the headline
        (
            (
                (HEADLINE, "Mayor’s bridge"),
                ("og:title", "Mayor's bridge"),
                ("title", "Mayor's new bridge | Example Gazette"),
            ),
            "Mayor’s bridge",
        ),
        # quotation marks that only some sources add are another wording, not a spelling
        (
            (
                (HEADLINE, "Why build it... the mayor asks"),
                ("og:title", '"Why build it"... the mayor asks'),
                ("h1", '"Why build it"... the mayor asks'),
            ),
            "Why build it... the mayor asks",
        ),
    ],
)
def test_title_spelling_most_sources_share_wins_among_typographic_variants(
    pairs: tuple[tuple[str, str], ...], expected: str
) -> None:
    assert _title(*pairs, sites=("Example Gazette",)) == expected


@pytest.mark.parametrize(
    ("raw", "sites", "host", "headline"),
    [
        # a bullet separator
        (
            "Eat more greens • Harbour Notes",
            ("Harbour Notes",),
            "harbournotes.example",
            "Eat more greens",
        ),
        # a site name with separators of its own, given whole or in part
        (
            "Low light plants - Fern & Frond | Garden Centres",
            ("Fern & Frond | Garden Centres",),
            "ferns.example",
            "Low light plants",
        ),
        (
            "Eat more greens • Harbour Notes",
            ("Harbour Notes - Example School of Health",),
            "school.example",
            "Eat more greens",
        ),
        # the initials of the declared name
        (
            "Top 100 climate start-ups | WCA",
            ("World Climate Awards",),
            "wca-awards.example",
            "Top 100 climate start-ups",
        ),
        # a whole label of the host, in a short segment
        (
            "Index funds explained | Lindqvist",
            (),
            "investor.lindqvist.example",
            "Index funds explained",
        ),
        (
            "Ten safe computing tips | Information Security Office",
            (),
            "security.uni.example",
            "Ten safe computing tips",
        ),
        # a host that spells the segment's initials
        (
            "Easy car checklist | Harbour Mutual Insurance Services",
            (),
            "www.hmis.example",
            "Easy car checklist",
        ),
        # the end of a host label ("get", "try", "build with" + the brand)
        ("API style guide | Quill", (), "buildwithquill.example", "API style guide"),
    ],
)
def test_title_trailing_site_segment_without_its_exact_declared_name_is_cut(
    raw: str, sites: tuple[str, ...], host: str, headline: str
) -> None:
    assert _title(("og:title", raw), ("title", raw), sites=sites, host=host) == headline


@pytest.mark.parametrize(
    ("raw", "host"),
    [
        # the start of a label is a place or a word, not the site
        ("Feuer in Lichterfelde - Berlin", "www.berliner-zeitung.example"),
        # a series name at the start repeats the host; only a title's end is cut by label
        ("Quillnotes #18 – The world without work?", "quillnotes.example"),
        # a long segment that merely mentions the host's label
        ("Recommended: ten noteworthy quills on data and design", "quill.example"),
    ],
)
def test_title_host_label_does_not_cut_a_place_a_series_or_a_headline(raw: str, host: str) -> None:
    assert _title(("og:title", raw), host=host) == raw


def test_title_trailing_section_named_by_the_address_is_cut() -> None:
    # GIVEN every metadata title ending in "| Opinion", the section the address names
    raw = "Why the old bridge must stay | Opinion"
    head = _ld(raw) + f'<meta property="og:title" content="{raw}"><title>{raw}</title>'
    url = "https://www.gazette.example/story/opinion/contributors/2025/12/19/old-bridge/1/"
    article = extract_article(_page(head, f"<h1>{raw}</h1>"), url, fetched_at=FETCHED)
    # THEN the section goes, though no source shows the headline without it
    assert article.title == "Why the old bridge must stay"


def test_title_trailing_segment_that_is_only_the_articles_slug_is_kept() -> None:
    raw = "Storm closes schools - Harbour"
    url = "https://gazette.example/news/harbour"
    assert _title(("og:title", raw), host="gazette.example") == raw
    chosen = choose_title([Candidate(raw, "og:title")], [], "gazette.example", url_sections(url))
    assert chosen is not None and chosen.value == raw


def test_title_section_label_before_a_pipe_goes_when_another_source_agrees() -> None:
    pairs = (
        ("og:title", "Featured Blog | Five tips for small game studios"),
        ("h1", "Five tips for small game studios"),
    )
    assert _title(*pairs) == "Five tips for small game studios"
    # a kicker before a colon is the publisher's choice, and stays
    kicker = (
        ("og:title", "Akkutechnik: Hat Quantumscape genug Akkus gebaut?"),
        ("h1", "Hat Quantumscape genug Akkus gebaut?"),
    )
    assert _title(*kicker) == "Akkutechnik: Hat Quantumscape genug Akkus gebaut?"


def test_title_sections_between_the_headline_and_the_site_are_cut() -> None:
    # GIVEN a three- and a four-part <title> whose only other source is the same text
    head = "<title>Storm closes schools across the county | News | Example Gazette</title>"
    page = _page(head + '<meta property="og:site_name" content="Example Gazette">')
    article = extract_article(page, "https://e.com/a", fetched_at=FETCHED)
    # THEN the section left between the headline and the site goes too
    assert article.title == "Storm closes schools across the county"
    four = "Couple 'will not recover' from snub | Royal | News | Example.co.uk"
    headline = "Couple 'will not recover' from snub"
    assert _title(("title", four), host="www.example.co.uk") == headline


@pytest.mark.parametrize(
    "raw",
    [
        # the headline's own second half after a dash, not a section
        "Man seen in same bed - then 'asked to meet her sister, 11' - Example Gazette",
        # a section segment only goes after a site cut with the same separator
        "Storm closes schools | News - Example Gazette",
    ],
)
def test_title_long_or_differently_separated_middle_segment_stays(raw: str) -> None:
    expected = raw.rsplit(" - ", 1)[0]
    assert _title(("title", raw), sites=("Example Gazette",)) == expected


def _slug_page(headline: str, majority: str, lang: str = "en") -> bytes:
    """A page whose JSON-LD headline stands alone against og:title, twitter:title, the <h1>
    and <title>, which all give `majority`."""
    head = _ld(headline) + f'<meta property="og:title" content="{majority}">'
    head += f'<meta name="twitter:title" content="{majority}">'
    head += f"<title>{majority} | The Harbour Ledger</title>"
    return _page(head, f"<h1>{majority}</h1>", lang)


_REWRITTEN = "Ferry fares rise as harbour board approves new budget"
_MAJORITY = "Harbour board raises ferry fares by ten percent"


@pytest.mark.parametrize(
    ("url", "title", "source"),
    [
        # the slug spells the headline og:title, twitter:title and the <h1> agree on: its
        # witness outweighs the trust in the JSON-LD headline written apart from them
        (
            "https://www.harbourledger.example/news/harbour-board-raises-ferry-fares-by-ten-"
            "percent-2817364.html",
            _MAJORITY,
            "og:title",
        ),
        # a slug that is an id witnesses nothing: the trusted headline stays
        (
            "https://www.harbourledger.example/news/2817364",
            _REWRITTEN,
            "jsonld:NewsArticle.headline",
        ),
        # a slug that spells the trusted headline, not the majority's, keeps it
        (
            "https://harbourledger.example/ferry-fares-rise-as-harbour-board-approves-new-budget/",
            _REWRITTEN,
            "jsonld:NewsArticle.headline",
        ),
    ],
)
def test_title_slug_confirms_the_headline_most_sources_give(
    url: str, title: str, source: str
) -> None:
    article = extract_article(_slug_page(_REWRITTEN, _MAJORITY), url, fetched_at=FETCHED)
    assert (article.title, article.provenance["title"]) == (title, source)


def test_title_slug_with_spelled_out_umlauts_confirms_the_majority() -> None:
    page = _slug_page(
        "Stadtrat vertagt Entscheidung über neue Brücke",
        "Bürger prüfen Straßenpläne für die Brücke am Südufer",
        "de",
    )
    url = (
        "https://www.hafenbote.example/lokal/buerger-pruefen-strassenplaene-fuer-bruecke-am"
        "-suedufer-a-1f0c9e2a-77b1-4c0e-9d3e-5a6b7c8d9e0f"
    )
    article = extract_article(page, url, fetched_at=FETCHED)
    assert article.title == "Bürger prüfen Straßenpläne für die Brücke am Südufer"


def _slug_choice(url: str, *pairs: tuple[str, str]) -> str:
    chosen = choose_title([Candidate(v, s) for s, v in pairs], [], "harbourledger.example", [], url)
    assert chosen is not None
    return chosen.value


_OTHERS = ("og:title", "twitter:title", "h1")


@pytest.mark.parametrize(
    ("slug", "headline"),
    [
        # the trusted headline spells more of the slug than the majority does
        (
            "harbour-board-ferry-fares-rise-by-ten-percent",
            "Harbour board: ferry fares rise by ten percent",
        ),
        # the majority spells more than the trusted headline, but not half the slug
        ("council-meets-tonight-over-harbour-budget-and-ferry-plans", "Mayor backs new bridge"),
        # a slug of two words (a keyword pair) confirms nothing, though both spell all of it
        ("ferry-fares", "Ferry fares rise as board approves budget"),
    ],
)
def test_title_slug_that_does_not_confirm_the_majority_keeps_the_trusted_headline(
    slug: str, headline: str
) -> None:
    url = f"https://harbourledger.example/news/{slug}-2817364.html"
    pairs = [(HEADLINE, headline)] + [(s, _MAJORITY) for s in _OTHERS]
    assert _slug_choice(url, *pairs) == headline


def test_title_slug_confirms_no_headline_when_two_are_given_equally_often() -> None:
    url = "https://harbourledger.example/news/harbour-board-raises-ferry-fares-by-ten-percent"
    pairs = [("og:title", _MAJORITY), (HEADLINE, _REWRITTEN), ("twitter:title", _REWRITTEN)]
    pairs += [("h1", _MAJORITY)]
    assert _slug_choice(url, *pairs) == _REWRITTEN


def test_title_page_title_does_not_count_towards_the_majority() -> None:
    # <title> is the SEO seed that og:title or twitter:title copy: it adds no second witness
    url = "https://harbourledger.example/news/harbour-board-raises-ferry-fares-by-ten-percent"
    pairs = [(HEADLINE, _REWRITTEN), ("twitter:title", _MAJORITY), ("title", _MAJORITY)]
    assert _slug_choice(url, *pairs) == _REWRITTEN


# The separators as written before each was put behind a lookahead for its first character.
PLAIN_SEPARATORS = {
    "_SEPARATOR": r"\s+(?:[|\-–—:·•»/~]|::|\|\||--)\s+|\s*(?:[｜ㅣ丨：]|--|——)\s*|\s+\|\s*",
    "_ANY_SEPARATOR": r"\s*(?:[|\-–—:·•»/~｜ㅣ丨：]|::|\|\||--|——)\s*",
    "_LABEL_SEPARATOR": r"\s*[|｜]\s*",
    "_SPACED_COLON": r"\s*[:：]\s+",
}


@pytest.mark.parametrize("name", sorted(PLAIN_SEPARATORS))
def test_a_separator_behind_its_lookahead_matches_as_written(name: str) -> None:
    # GIVEN short texts of spaces, separators and letters, every mix of them
    fast, plain = getattr(title_rules, name), re.compile(PLAIN_SEPARATORS[name])
    pieces = [" ", "\u00a0", "\u3000", "\t", *"|-–—:·•»/~｜ㅣ丨：", "a", "B", "정"]
    texts = ["".join(random.Random(n).choices(pieces, k=n % 13)) for n in range(20000)]
    # THEN each finds the same separators, from every position, and splits alike
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert fast.split(text) == plain.split(text)
        for at in range(len(text)):
            found, expected = fast.search(text, at), plain.search(text, at)
            assert (found and found.span()) == (expected and expected.span())
