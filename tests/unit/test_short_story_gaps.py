"""Pages that are no story but that the first short-story rule (classify.StoryMarks, 2026.11.30
.109/.112: 20-59 words, a headline its <title> repeats or one headed <article>, and an author or
date anywhere) turned into articles, found in review (issue 10); and short stories the tightened
rule (2026.11.30.140: a credit the page declares for its article or that stands in the
headline's header, and no error, search or sign-in page) still stores.

On main (5478c2f) each non-story page is not_article ("only N words of main text"). The credit
these pages show is not the body's: a `<time>` in a "Most read" sidebar, the byline of the
first card of a result list, a site-wide ``<meta name="author">``, a wall over a story.
Pages invented for these tests."""

import json

import pytest

from newsflow.extract import classify, extract_article
from newsflow.models import OutcomeKind

HEADLINES = [
    "Ferry terminal opening delayed again",
    "Council approves new harbour budget",
    "Storm damages the old pier overnight",
]
SIDEBAR = (
    "<aside class='sidebar'><h2>Most read</h2><ul>"
    + "".join(
        f"<li><a href='/news/{i}'>{h}</a> <time datetime='2026-03-0{i + 1}'>{i + 1} March"
        "</time></li>"
        for i, h in enumerate(HEADLINES)
    )
    + "</ul></aside>"
)
CARDS = "".join(
    f"<article class='card'><h3><a href='/news/{i}'>{h}</a></h3><p class='meta'>By Maya "
    f"Okafor, <time datetime='2026-03-0{i + 1}'>{i + 1} March 2026</time></p></article>"
    for i, h in enumerate(HEADLINES)
)
NOT_FOUND = (
    "Sorry, the page you were looking for could not be found. It may have been moved, "
    "renamed or deleted. Please check the address, use the search box above, or return to "
    "our homepage for the latest local news."
)


def _page(title: str, main: str, head: str = "") -> bytes:
    return (
        f"<html lang='en'><head><title>{title} | Example Gazette</title>{head}</head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<main>{main}</main>{SIDEBAR}<footer><p>© Example Gazette</p></footer></body></html>"
    ).encode()


PAGES = {
    "404 beside a dated sidebar": _page(
        "Page not found", f"<h1>Page not found</h1><p>{NOT_FOUND}</p>"
    ),
    "404 with a site-wide author meta": _page(
        "Page not found",
        f"<h1>Page not found</h1><p>{NOT_FOUND}</p>",
        "<meta name='author' content='Example Gazette Newsroom'>",
    ),
    "search results of credited cards": _page(
        'Search results for "harbour ferry"',
        '<h1>Search results for "harbour ferry"</h1><p>Showing 3 results for harbour ferry, '
        "sorted by relevance. Use the filters on the left to narrow your search by date, "
        f"section or author, or try a different spelling.</p>{CARDS}",
    ),
    "tag page with a description": _page(
        "Harbour ferry news and analysis",
        "<h1>Harbour ferry news and analysis</h1><p>Everything we have written about the "
        "Northbridge ferry terminal, from the first plans in 2021 to the long delays, the cost "
        f"overruns and the council's fight with the builder.</p>{CARDS}",
    ),
    "login wall over a story": _page(
        HEADLINES[0],
        f"<article><h1>{HEADLINES[0]}</h1><p class='byline'>By Maya Okafor</p><div "
        "class='wall'><p>This article is for subscribers only. Sign in or create a free "
        "account to continue reading, and get unlimited access to local news, newsletters and "
        "our app from just one pound a week.</p><a href='/login'>Sign in</a></div></article>",
        "<meta property='article:published_time' content='2026-03-04T10:00:00Z'>",
    ),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_that_is_no_story_stays_not_article(name: str) -> None:
    article = extract_article(PAGES[name], "https://gazette.example/news/x")
    assert article.outcome.kind is not OutcomeKind.ARTICLE, article.outcome.reason


BRIEF = (
    "<p>The harbour ferry will run an extra evening crossing from Friday, the operator said, "
    "after commuters asked for a later boat home.</p><p>The 19:40 sailing runs until the end "
    "of May.</p>"
)
TEASER = (
    "<p>The harbour ferry will run an extra evening crossing from Friday, the operator said, "
    "after commuters asked for a later boat home from the city.</p>"
)
LOGIN_FORM = (
    "<form action='/login' method='post'><label>Email <input type='email' name='email'></label>"
    "<label>Password <input type='password' name='password'></label><button>Sign in</button>"
    "</form>"
)
AUTHOR_BIO = (
    "<div class='profile'><p>Maya Okafor covers transport and the harbour for the Gazette. "
    "She joined the paper in 2019 from the Northbridge Echo and lives in the old town.</p></div>"
)
EVENT_TEXT = (
    "<p>Forty local makers sell pottery, prints and knitwear in the main hall of the old "
    "harbour market. Entry is free, and the cafe serves soup and cakes all day.</p>"
)
DIV_CARDS = "".join(
    f"<div class='card'><h3><a href='/news/{i}'>{h}</a></h3><p>By Maya Okafor</p></div>"
    for i, h in enumerate(HEADLINES)
)
MORE_PAGES = {
    "sign-in page": _page(
        "Sign in to your Gazette account",
        "<h1>Sign in to your Gazette account</h1><p>Sign in to read our stories, comment on "
        "them and manage your newsletters. New here? Create a free account in a minute with "
        f"your email address.</p>{LOGIN_FORM}",
    ),
    "login form over a credited story": _page(
        HEADLINES[1],
        f"<article><h1>{HEADLINES[1]}</h1><p class='byline'>By Maya Okafor</p>{TEASER}"
        f"<div class='gate'><p>Sign in to keep reading.</p>{LOGIN_FORM}</div></article>",
        "<meta property='article:published_time' content='2026-03-04T10:00:00Z'>",
    ),
    "author page with a bio": _page(
        "Maya J. Okafor",
        f"<h1>Maya J. Okafor</h1>{AUTHOR_BIO}",
        "<meta name='author' content='Example Gazette'>",
    ),
    "search page with only its search box": _page(
        "Search the Example Gazette",
        "<h1>Search the Example Gazette</h1><form role='search' action='/search'><input "
        "type='search' name='q'><button>Search</button></form><p>Search more than 40,000 "
        "stories from 1998 to today by word, by section or by author, and sort what you find by "
        "date or by relevance.</p>",
    ),
    "newsletter sign-up page": _page(
        "Get the Morning Tide newsletter",
        "<h1>Get the Morning Tide newsletter</h1><p>The day's harbour, council and sport news "
        "in your inbox by seven every weekday morning, picked by our editors. It is free, and "
        "you can unsubscribe at any time.</p><form action='/subscribe'><input type='email' "
        "name='email'><button>Sign up</button></form>",
    ),
    "product page with dated reviews": _page(
        "Gazette harbour print, framed",
        "<h1>Gazette harbour print, framed</h1><p class='price'>£45.00</p><p>A framed print of "
        "the 1952 front page that showed the harbour's new pier, on archival paper, 40 by 50 "
        "centimetres, posted in three working days.</p>"
        "<section class='reviews'><h2>Reviews</h2><p>Lovely print. <time datetime='2026-02-01'>"
        "1 February 2026</time></p></section>",
        '<script type="application/ld+json">{"@type": "Product", "name": "Harbour print"}</script>',
    ),
    "event page dated in a sidebar": _page(
        "Spring craft fair at the harbour market",
        f"<h1>Spring craft fair at the harbour market</h1>{EVENT_TEXT}",
    ),
    "404 error page whose notice has a date class": _page(
        "404 error",
        f"<article><h1>This page does not exist</h1><p class='date'>{NOT_FOUND}</p></article>",
    ),
    "tag page of div cards without a description": _page(
        "Harbour ferry news and analysis",
        f"<h1>Harbour ferry news and analysis</h1>{DIV_CARDS}<p>{NOT_FOUND}</p>",
    ),
    "error page of dated links under its notice": _page(
        "Oops! Nothing here",
        f"<h1>Oops! Nothing here</h1><p>{NOT_FOUND}</p><ul>"
        + "".join(
            f"<li><a href='/news/{i}'>{h}</a> <time>2026-03-0{i + 1}</time></li>"
            for i, h in enumerate(HEADLINES)
        )
        + "</ul>",
    ),
}


@pytest.mark.parametrize("name", list(MORE_PAGES))
def test_other_page_that_is_no_story_stays_not_article(name: str) -> None:
    article = extract_article(MORE_PAGES[name], "https://gazette.example/news/x")
    assert article.outcome.kind is not OutcomeKind.ARTICLE, article.outcome.reason


DATED_UNDER_NAME = (
    "<h1>Spring craft fair at the harbour market</h1><p><time datetime='2026-03-14'>"
    f"Saturday 14 March, 10am to 4pm</time></p>{EVENT_TEXT}"
)


@pytest.mark.parametrize(
    "data",
    [
        {"@type": "Event", "name": "Spring craft fair", "startDate": "2026-03-14T10:00"},
        {"@type": ["MusicEvent"], "name": "Spring craft fair", "startDate": "2026-03-14"},
        {"@graph": [{"@type": "WebPage"}, {"@type": "Product", "name": "Craft fair ticket"}]},
    ],
)
def test_event_or_product_page_dated_under_its_name_stays_not_article(data: object) -> None:
    # the page's JSON-LD entity is an event or a product: its framing and its date look like
    # a dated brief's, but it is about that thing, no story
    page = _page(
        "Spring craft fair at the harbour market",
        DATED_UNDER_NAME,
        f"<script type='application/ld+json'>{json.dumps(data)}</script>",
    )
    article = extract_article(page, "https://gazette.example/events/fair")
    assert article.outcome.kind is not OutcomeKind.ARTICLE, article.outcome.reason


def test_story_declaring_an_event_beside_its_article_type_stays_article() -> None:
    data = [
        {"@type": "NewsArticle", "headline": "Spring craft fair at the harbour market"},
        {"@type": "Event", "name": "Spring craft fair", "startDate": "2026-03-14T10:00"},
    ]
    page = _page(
        "Spring craft fair at the harbour market",
        DATED_UNDER_NAME,
        f"<script type='application/ld+json'>{json.dumps(data)}</script>",
    )
    article = extract_article(page, "https://gazette.example/news/fair")
    assert article.outcome.kind is OutcomeKind.ARTICLE, article.outcome.reason


NEWS_LD = {"@type": "NewsArticle", "headline": HEADLINES[2]}
STORIES = {
    "JSON-LD article with its author only": _page(
        HEADLINES[2],
        f"<div class='story'><h1>{HEADLINES[2]}</h1>{BRIEF}</div>",
        "<script type='application/ld+json'>"
        + json.dumps({**NEWS_LD, "author": {"@type": "Person", "name": "Maya Okafor"}})
        + "</script>",
    ),
    "byline in a header beside the headline": _page(
        HEADLINES[2],
        f"<div class='post'><header><h1>{HEADLINES[2]}</h1><div class='meta'><span "
        f"class='author-name'>Maya Okafor</span></div></header><div class='content'>{BRIEF}"
        "</div></div>",
    ),
    "German byline under the headline": _page(
        "Fähre fährt abends eine Stunde länger",
        "<h1>Fähre fährt abends eine Stunde länger</h1><p>Von Anna Schmidt</p><p>Die Hafenfähre "
        "fährt ab Freitag eine zusätzliche Abendfahrt, teilte der Betreiber mit, nachdem "
        "Pendler um ein späteres Boot gebeten hatten.</p><p>Die Fahrt um 19:40 Uhr gilt bis "
        "Ende Mai.</p>",
    ),
    "dated brief on a site with a login modal outside its story": _page(
        HEADLINES[2],
        f"<article><h1>{HEADLINES[2]}</h1><time datetime='2026-03-04'>4 March 2026</time>"
        f"{BRIEF}</article><div class='modal' hidden>{LOGIN_FORM}</div>",
    ),
    "JSON-LD dated brief followed by related-story cards": _page(
        HEADLINES[2],
        f"<div class='story'><h1>{HEADLINES[2]}</h1>{BRIEF}</div><section><h2>Related</h2>"
        f"{CARDS}</section>",
        "<script type='application/ld+json'>"
        + json.dumps({**NEWS_LD, "datePublished": "2026-03-04T09:00:00Z"})
        + "</script>",
    ),
    "byline after a standfirst, under a logo's h1": _page(
        HEADLINES[2],
        "<h1 class='logo'><a href='/'><img src='/logo.png' alt=''></a></h1><div class='post'>"
        f"<h1>{HEADLINES[2]}</h1><p "
        "class='dek'>Commuters asked for a later boat home, and the operator has listened to "
        "them for once.</p><div><span>Written by:</span> <span>Maya Okafor</span></div>"
        f"{BRIEF}</div>",
    ),
}


@pytest.mark.parametrize("name", list(STORIES))
def test_short_story_its_page_credits_is_an_article(name: str) -> None:
    article = extract_article(STORIES[name], "https://gazette.example/news/ferry")
    assert article.outcome.kind is OutcomeKind.ARTICLE, article.outcome.reason
    assert 20 <= article.word_count < 60


@pytest.mark.parametrize(
    ("heading", "is_story"),
    [
        ("Sorry, this page can't be found", False),
        ("Page not found", False),
        ("Search results for ferry", False),
        ("Sign in to your account", False),
        ("Ferry found adrift off the pier", True),
        ("404 jobs to go at the harbour", True),  # a number, not an error code
    ],
)
def test_headline_of_an_error_search_or_sign_in_page_frames_no_story(
    heading: str, is_story: bool
) -> None:
    # a declared, credited page: only its headline decides
    signals = classify.PageSignals(
        words=200,
        link_words=20,
        scripts=0,
        app_root=False,
        js_prompt=False,
        paywall_marker=False,
        article_markup=True,
        declared_article=True,
        header_credit=True,
    )
    titles = [(heading, "h1"), (f"{heading} | Example Gazette", "title")]
    assert classify.story_marks(signals, titles, []).is_story is is_story
