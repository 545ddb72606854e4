"""Byline strings to clean authors: names, organisations, and what is never an author."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.pages import STORY as BODY
from support.pages import news_page

from newsflow.extract import extract_article
from newsflow.extract.authors import clean_authors, excluded_names, split_names
from newsflow.extract.candidates import AuthorRef
from newsflow.models import Author, AuthorKind

CASES = Path(__file__).parent.parent / "fixtures" / "cases"
FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
PERSON, ORG = AuthorKind.PERSON, AuthorKind.ORGANIZATION


def page(head: str, body: str = BODY) -> bytes:
    return news_page(head, body)


def ld_author(author: object, publisher: str = "Example Gazette") -> str:
    data = {
        "@type": "NewsArticle",
        "headline": "Council approves the new bridge",
        "author": author,
        "publisher": {"@type": "NewsMediaOrganization", "name": publisher},
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def authors_of(html: bytes, url: str = "https://www.example-gazette.com/a") -> list[Author]:
    return extract_article(html, url, fetched_at=FETCHED).authors


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Smith and John Doe", ["Jane Smith", "John Doe"]),
        ("By Anna Berg, Senior Correspondent | Email the author", ["Anna Berg"]),
        ("Von Max Müller und Eva Schulz", ["Max Müller", "Eva Schulz"]),
        ("Par Claire Dubois", ["Claire Dubois"]),
        ("Por Lucía Gómez y Pedro Ruiz", ["Lucía Gómez", "Pedro Ruiz"]),
        (
            "Trine Juncher Jørgensen og Tôrtia Reimer-Johansen",
            ["Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"],
        ),
        ("Jane Smith, John Doe & Ana Li", ["Jane Smith", "John Doe", "Ana Li"]),
        ("Dan Brown", ["Dan Brown"]),  # "dan" joins names only in lower case (Malay "and")
        # a middle dot splits names, but Catalan's "l·l" is a letter pair inside one
        ("Marcel·lí Puig · Anna Col·lell", ["Marcel·lí Puig", "Anna Col·lell"]),
        ("Ana Li·Bo Ek", ["Ana Li", "Bo Ek"]),
        ("Staff Reporter", []),
        ("Follow @janesmith on Twitter", []),
        ("jane@example.com", []),
    ],
)
def test_split_names_removes_prefixes_roles_and_noise(byline: str, names: list[str]) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Dana Whitlock Senior Reporter", ["Dana Whitlock"]),
        ("Dana Whitlock Senior Reporter, Example Post", ["Dana Whitlock", "Example Post"]),
        ("Sports Editor", []),
        ("Editor at Large", []),
        ("Ada Reporter", ["Ada Reporter"]),  # a person named like a job title stays
        ("Ada Reporter, Staff Writer", ["Ada Reporter"]),
        # After a middle initial the role word is the surname, not a job title.
        ("Jane Q. Reporter", ["Jane Q. Reporter"]),
        ("Mary A Writer", ["Mary A Writer"]),
        ("Jane Q. Reporter Senior Editor", ["Jane Q. Reporter"]),
        # A job title after the name, with desk or agency words the title lists do not know.
        ("TOM KRISHER, AP Auto Writer", ["TOM KRISHER"]),
        ("Mira Holt, Reuters Energy Correspondent", ["Mira Holt"]),
        # a rank word opens the title, with desk words the lists do not know before the role
        ("By Dana Whitlock Senior Garden Reporter", ["Dana Whitlock"]),
        ("Dana Whitlock Deputy Chief Harbour Patrol Writer", ["Dana Whitlock"]),
        # a rank word as a surname, or where it would leave one word of name, stays
        ("Ada Senior, Staff Writer", ["Ada Senior"]),
        ("Ada Senior Harbour Reporter", ["Ada Senior Harbour"]),
    ],
)
def test_job_titles_glued_to_a_name_are_cut_but_names_like_titles_stay(
    byline: str, names: list[str]
) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize(
    ("byline", "language", "names"),
    [
        ("Von", "de", []),
        ("신현주 기자", "ko", ["신현주"]),
        ("山田太郎記者", "ja", ["山田太郎"]),
        ("Foto: Mads Claus Rasmussen", "da", []),
        ("Image: Reuters", "en", []),
        ("Getty Images", "en", []),
        ("iStockphoto", "en", []),
        ("Mads Claus Rasmussen/Ritzau Scanpix", "da", []),
        ("Jane Smith | Photos: Getty Images", "en", ["Jane Smith"]),
        ("hessenschau.de, Frankfurt, Germany", "de", ["hessenschau.de"]),
        ("Anna Berg, Berlin, Deutschland", "de", ["Anna Berg"]),
        ("Frankfurt, Germany", "en", []),
        ("Jane Smith, Germany", "en", ["Jane Smith"]),
        ("Jane Smith, Buenos Aires, Argentina", "es", ["Jane Smith"]),
        ("chuck-ross", "en", []),
        ("@someone", "en", []),
        ("@https://x.com/paul_serran", "en", []),
        ("https://www.example.com/author/jane", "en", []),
        (
            "Elena Oberholzer (obe), Oliver Maksan (oma)",
            "de",
            ["Elena Oberholzer", "Oliver Maksan"],
        ),
        ("Smith, Jane", "en", ["Smith, Jane"]),  # "Last, First" is one person
        ("By TPN, in", "en", ["TPN"]),
        ("admin", "en", []),  # a CMS account, not an author
        ("Nachrichten", "de", []),  # a section word in the author field names no one
        ("News", "en", []),
        # an editor or a reviewer the byline credits beside the author
        ("Edited by Eira Lindgren", "en", []),
        ("Medically reviewed by Dr. Jane Doe", "en", []),
    ],
)
def test_roles_credits_places_handles_and_abbreviations_are_never_authors(
    byline: str, language: str, names: list[str]
) -> None:
    assert split_names(byline, language) == names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Ada Lindqvist , Home and Digital Security Expert", ["Ada Lindqvist"]),
        ("Bo Ek, Privacy and Data Expert | Ada Lindqvist", ["Bo Ek", "Ada Lindqvist"]),
        ("Ada Lindqvist and Bo Ek, Staff Writers", ["Ada Lindqvist", "Bo Ek"]),
    ],
)
def test_a_job_title_after_a_comma_with_and_in_it_is_not_split_into_names(
    byline: str, names: list[str]
) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize(
    ("byline", "language", "names"),
    [
        # where the piece is filed: a section or a place, never a name
        ("By Sam Ortiz in Home Projects", "en", ["Sam Ortiz"]),
        ("By Sam Ortiz and Bo Ek in Washington", "en", ["Sam Ortiz", "Bo Ek"]),
        ("By TPN, in Travel", "en", ["TPN"]),
        ("Von Max Muster in Berlin", "de", ["Max Muster"]),
        # a lower-case name particle after "in" is part of the name
        ("Sophie in 't Veld", "nl", ["Sophie in 't Veld"]),
        # in Slovenian "in" is "and"
        ("Janez Novak in Marko Kos", "sl", ["Janez Novak", "Marko Kos"]),
        # a bare name value, no byline sentence: " in " is part of an organisation's name
        ("Women in Tech", "en", ["Women in Tech"]),
        ("Institute for Research in Economics", "en", ["Institute for Research in Economics"]),
    ],
)
def test_in_after_a_name_starts_a_section_or_place_except_where_it_means_and(
    byline: str, language: str, names: list[str]
) -> None:
    assert split_names(byline, language) == names


def test_a_name_linked_as_author_beats_the_site_named_as_author() -> None:
    # GIVEN a how-to page whose JSON-LD credits the site, and whose byline links a member's
    # screen name as the author, then the section the piece is filed in
    head = ld_author({"@type": "Organization", "name": "Example Gazette"})
    body = (
        '<article><h1>Council approves the new bridge</h1><div class="header-byline">By '
        '<a rel="author" href="/member/SamOrtiz/">SamOrtiz</a> in '
        '<a class="category" href="/workshop/">Workshop</a>'
        '<a class="channel" href="/workshop/wood/">Woodworking</a></div>' + BODY + "</article>"
    )
    # THEN the author is the linked name, without the section
    assert [a.name for a in authors_of(page(head, body))] == ["SamOrtiz"]


def test_clean_authors_keeps_kinds_and_drops_the_site_beside_a_person() -> None:
    site = excluded_names("The Example Gazette")
    refs = [
        AuthorRef("The Example Gazette", None, is_organization=True),
        AuthorRef("Jane Smith", "https://e.com/jane"),
        AuthorRef("jane smith", None),
        AuthorRef("Associated Press", None),
        AuthorRef("dpa", None),
        AuthorRef("x.com", None),
    ]
    assert clean_authors(refs, site) == [
        Author(name="Jane Smith", url="https://e.com/jane", kind=PERSON),
        Author(name="Associated Press", kind=ORG),
        Author(name="dpa", kind=ORG),
    ]


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ({"@type": "Organization", "name": "Example Gazette"}, [("Example Gazette", ORG)]),
        ({"@type": "Person", "name": "Associated Press"}, [("Associated Press", ORG)]),
        ({"@type": "Person", "name": "Example Gazette"}, [("Example Gazette", ORG)]),
        ("BBC News", [("BBC News", ORG)]),
        ("Redaktion hessenschau.de", [("Redaktion hessenschau.de", ORG)]),
        (
            [{"@type": "Organization", "name": "Deutsche Presse-Agentur"}, "MM-Redaktion"],
            [("Deutsche Presse-Agentur", ORG), ("MM-Redaktion", ORG)],
        ),
        # a site's staff and a company, typed as persons by the markup (modern dev set lint)
        ({"@type": "Person", "name": "Harbourside Staff"}, [("Harbourside Staff", ORG)]),
        ({"@type": "Person", "name": "Quillworks Inc"}, [("Quillworks Inc", ORG)]),
        ({"@type": "Person", "name": "Jana Staffeld"}, [("Jana Staffeld", PERSON)]),
    ],
)
def test_an_organisation_the_page_names_as_author_is_kept(
    author: object, expected: list[tuple[str, AuthorKind]]
) -> None:
    authors = authors_of(page(ld_author(author)))
    assert [(a.name, a.kind) for a in authors] == expected


def test_the_site_as_author_yields_to_a_person_named_in_the_page() -> None:
    head = ld_author({"@type": "Organization", "name": "Example Gazette"})
    head += '<meta name="author" content="Jane Smith">'
    authors = authors_of(page(head))
    assert [(a.name, a.kind) for a in authors] == [("Jane Smith", PERSON)]


def test_related_story_teasers_with_rel_author_are_not_bylines() -> None:
    body = (
        '<article><h1>Council approves the new bridge</h1><p class="byline">'
        '<a rel="author" href="/authors/jane">Jane Smith</a></p>'
        + BODY
        + '</article><aside><ul><li><a href="/b">Other story</a> '
        '<a rel="author" href="/authors/tom">Tom Teaser</a></li></ul></aside>'
        '<div class="related-stories"><a rel="author" href="/authors/ann">Ann Other</a></div>'
    )
    authors = authors_of(page("", body))
    assert [(a.name, a.url) for a in authors] == [
        ("Jane Smith", "https://www.example-gazette.com/authors/jane")
    ]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        # a link's "<span>By</span><span>Name</span>" read without a space
        ("ByMarta Quill", ["Marta Quill"]),
        ("ByÉlodie Marchal", ["Élodie Marchal"]),
        # names that start with "By"
        ("Byron Ames", ["Byron Ames"]),
        ("Byung Kim", ["Byung Kim"]),
    ],
)
def test_split_names_unglues_a_by_prefix_from_a_capitalised_name(
    byline: str, names: list[str]
) -> None:
    assert split_names(byline) == names


def test_author_urls_are_absolute_against_the_page_address() -> None:
    # GIVEN a byline link whose spans read "ByMarta Quill", with a relative href
    body = (
        '<article><h1>Council approves the new bridge</h1><p class="byline">'
        '<a rel="author" href="../writers/marta-quill/"><span>By</span><span>Marta Quill</span>'
        "</a></p>" + BODY + "</article>"
    )
    # WHEN the page at a section's address is extracted
    authors = authors_of(page("", body), "https://www.example-gazette.com/news/city/a")
    # THEN the name has no "By" and the URL is the one a browser follows
    assert [(a.name, a.url) for a in authors] == [
        ("Marta Quill", "https://www.example-gazette.com/news/writers/marta-quill/")
    ]


def test_json_ld_author_url_is_absolute_against_the_page_address() -> None:
    head = ld_author({"@type": "Person", "name": "Marta Quill", "url": "/writers/marta-quill"})
    authors = authors_of(page(head))
    assert [a.url for a in authors] == ["https://www.example-gazette.com/writers/marta-quill"]


@pytest.mark.parametrize(
    ("href", "url"),
    [
        (
            "//cdn.example-gazette.com/writers/marta",
            "https://cdn.example-gazette.com/writers/marta",
        ),
        ("https://other.example/marta", "https://other.example/marta"),
        # no author page: a place in this page, a script, a mail address, nothing
        ("#author-box", None),
        ("javascript:void(0)", None),
        ("mailto:marta@example-gazette.com", None),
        ("   ", None),
        ("http://[::1/writers/marta", None),  # urllib cannot parse it
    ],
)
def test_author_link_url_is_an_http_address_or_none(href: str, url: str | None) -> None:
    body = (
        f'<article><h1>Council approves the new bridge</h1><p class="byline">By <a rel="author"'
        f' href="{href}">Marta Quill</a></p>{BODY}</article>'
    )
    authors = authors_of(page("", body), "https://www.example-gazette.com/news/city/a")
    assert [(a.name, a.url) for a in authors] == [("Marta Quill", url)]


def test_json_ld_author_url_of_one_word_is_a_relative_path() -> None:
    # a bare word is a relative reference to RFC 3986 and to JSON-LD (schema.org's `url` is
    # an IRI): resolved like "../x", not guessed to be a handle
    head = ld_author({"@type": "Person", "name": "Marta Quill", "url": "marta-quill"})
    authors = authors_of(page(head), "https://www.example-gazette.com/news/city/a")
    assert [a.url for a in authors] == ["https://www.example-gazette.com/news/city/marta-quill"]


def test_a_relative_author_url_without_a_page_address_is_none() -> None:
    refs = [AuthorRef("Marta Quill", "/writers/marta")]
    assert clean_authors(refs, set()) == [Author(name="Marta Quill")]


def test_a_byline_in_the_article_footer_counts_but_not_one_in_the_page_footer() -> None:
    body = (
        "<article><h1>Council approves the new bridge</h1>" + BODY + "<footer>"
        '<a rel="author" href="/authors/jane">Jane Smith</a></footer></article>'
        '<footer><a rel="author" href="/authors/web">Web Team Lead</a></footer>'
    )
    assert [a.name for a in authors_of(page("", body))] == ["Jane Smith"]


def test_name_elements_of_an_author_card_give_the_name_without_the_title() -> None:
    html = (CASES / "author-job-title.html").read_bytes()
    article = extract_article(
        html,
        "https://www.example-post.com/entry/flood-grants-families-wait_us_5b081ab4",
        fetched_at=FETCHED,
    )
    assert [(a.name, a.kind) for a in article.authors] == [("Dana Whitlock", PERSON)]
    assert article.provenance["authors"] == "byline:name"


def test_camel_case_author_list_class_is_a_byline() -> None:
    body = (
        '<article><ul class="metaInfoAuthorList"><li class="metaInfoAuthorList-item">'
        '<a href="/author/nf/">Nathaniel Flakin</a></li></ul>' + BODY + "</article>"
    )
    assert [a.name for a in authors_of(page("", body))] == ["Nathaniel Flakin"]


def test_the_name_field_of_a_comment_form_is_not_a_byline() -> None:
    body = (
        "<article><h1>Council approves the new bridge</h1>" + BODY + "</article>"
        '<div id="respond"><form class="comment-form"><div class="comment-form-author">'
        '<label for="author">Nama <span>(wajib)</span></label><input id="author"></div>'
        "</form></div>"
        '<ol class="comment-list"><li><span class="comment-author">Reader Rita</span></li></ol>'
    )
    assert authors_of(page("", body)) == []


def test_a_byline_inside_a_layout_container_named_like_a_widget_counts() -> None:
    # GIVEN a page builder whose every block, the story's too, is a "widget-container"
    body = (
        '<div class="builder-widget-container"><h1>Council approves the new bridge</h1>'
        '<div class="post-author"><a href="/people/jane">Jane Smith</a></div>' + BODY + "</div>"
        '<div class="widget recent-posts"><div class="post-author">Tom Teaser</div></div>'
    )
    html = news_page("", body)
    article = extract_article(html, "https://e.com/bridge", fetched_at=FETCHED)
    # THEN the story's byline counts, the teaser's beside it does not
    assert [a.name for a in article.authors] == ["Jane Smith"]


def test_a_section_link_in_the_byline_box_is_not_an_author() -> None:
    body = (
        '<article><h1>Council approves the new bridge</h1><div class="article-author-container">'
        '<a href="/news/category/29/lifestyle">Lifestyle</a></div>' + BODY + "</article>"
    )
    assert authors_of(page("", body)) == []


def test_a_name_with_a_job_title_glued_on_without_a_comma_gives_the_name() -> None:
    # GIVEN an author card whose elements read the name with and without its title
    body = (
        '<article><h1>The best home cameras</h1><div class="author">'
        '<span class="author-name">Ada Lindqvist , Home and Digital Security Expert</span>'
        '<span class="author-name">Ada Lindqvist Home and Digital Security Expert</span>'
        '<span class="author-name">Ada Lindqvist</span></div>' + BODY + "</article>"
    )
    # THEN the title's words are no names ("Ada Lindqvist Home", "Digital Security")
    assert [(a.name, a.kind) for a in authors_of(page("", body))] == [("Ada Lindqvist", PERSON)]
    # and the last part before a singular job title is no second name
    assert split_names("Bo Ek Privacy and Digital Security Expert") == ["Bo Ek Privacy"]
    # while two names before a plural title stay two people
    assert split_names("Ada Lindqvist and Bo Ek Staff Writers") == ["Ada Lindqvist", "Bo Ek"]


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        # a role with no name: not an author
        ("Our Editors", []),
        ("Community Editor", []),
        ("The Staff", []),
        ("Staff Writer", []),
        # the site's name with a role: the site is credited, as an organisation
        ("Harbourside Contributor", [("Harbourside Contributor", ORG)]),
        # a person named like a job title stays a person
        ("Ada Reporter", [("Ada Reporter", PERSON)]),
    ],
)
def test_generic_bylines_are_no_person(author: str, expected: list[tuple[str, AuthorKind]]) -> None:
    head = f'<meta name="author" content="{author}">'
    head += '<meta property="og:site_name" content="Harbourside - City News and Events">'
    authors = authors_of(page(head), "https://harbourside.example/a")
    assert [(a.name, a.kind) for a in authors] == expected


def test_a_browse_by_menu_link_is_not_a_byline() -> None:
    # GIVEN a page with no byline and a footer menu of "By …" links
    menu = (
        '<div class="links"><h4>Reviews</h4><a href="/projector-categories/">By Category</a>'
        '<a href="/browse-by-maker/">By Manufacturer</a></div>'
    )
    body = "<article><h1>Best portable projectors</h1>" + BODY + "</article>" + menu
    assert authors_of(page("", body)) == []
    # nor is an entry or a heading of the site's menu, one link to an item
    for nav in (
        '<ul class="main-menu"><li><a href="/gifts">Popular Gifts</a></li>'
        '<li><a href="/shop?sort=price">By Price</a></li></ul>',
        '<div class="dropdown"><div class="nav-menu__title">By Industry</div>'
        '<ul><li><a href="/solutions/farms">Farms</a></li></ul></div>',
    ):
        menu_page = page("", nav + "<article><h1>Best portable projectors</h1>" + BODY)
        assert authors_of(menu_page) == []
    # while a byline whose whole text is a link to its author still counts
    byline = '<p><a href="/people/jane">By Jane Smith</a></p>'
    linked = "<article><h1>Best portable projectors</h1>" + byline + BODY + "</article>"
    assert [a.name for a in authors_of(page("", linked))] == ["Jane Smith"]


def test_the_sites_name_glued_after_a_name_is_cut() -> None:
    site = excluded_names("HARBOUR TODAY", "harbourtoday.example")
    refs = [AuthorRef("Brian Lindqvist HARBOUR TODAY", None)]
    assert clean_authors(refs, site) == [Author(name="Brian Lindqvist", kind=PERSON)]
    # the site's name alone stays the credited organisation
    assert clean_authors([AuthorRef("HARBOUR TODAY", None)], site)[0].kind is ORG


def test_a_site_name_that_ends_in_another_of_the_sites_names_is_not_cut() -> None:
    # GIVEN the site's names: its og:site_name and the first label of its host
    site = excluded_names("The Daily Bugle", "bugle.example.com", "bugle")
    # WHEN the page credits the site by its whole name
    authors = clean_authors([AuthorRef("The Daily Bugle", None)], site)
    # THEN that name is the credited organisation, not "The Daily" with "Bugle" cut off
    assert authors == [Author(name="The Daily Bugle", kind=ORG)]


@pytest.mark.parametrize(
    "language", ["en", "de", "fr", "ko", "ja", "zh", "nb", "nn", "ht", "iw", "xx"]
)
def test_country_names_are_babels_territory_names(language: str) -> None:
    # Read from Babel's data file alone (not a whole Locale, 4 MB held), they must be the
    # names Babel's Locale gives, inherited ones (nn, nb) and aliases (iw) included.
    from babel import Locale, UnknownLocaleError

    from newsflow.extract.authors import _country_names

    expected: set[str] = set()
    for code in {"en", language}:
        try:
            territories = Locale.parse(code).territories
        except UnknownLocaleError:
            continue
        expected |= {n.casefold() for t, n in territories.items() if t.isalpha()}
    assert _country_names(language) == frozenset(expected)
    assert "germany" in _country_names(language)
