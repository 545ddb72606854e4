"""Invented pages that are no story (written for these tests after the public shape of each kind
of page, no page copied): a news site's front, section, tag, author and search pages, an error
page, an empty category and a login wall, on the templates of `invented_pages`."""

from __future__ import annotations

import json

from support.invented_pages import FOOTER, NAV

HEADLINES = (
    "Riverside council approves flood wall after two-year wait",
    "Dorfbäckerei findet eine Nachfolgerin",
    "Harbour road closed after lorry spill",
    "What the soil under a city park tells scientists",
    "Library extends opening hours for exam season",
    "Ferry timetable changes from next month",
    "New cycle lane opens on the east bank",
    "School roof repairs finished early",
)


def _page(title: str, body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"{head}</head><body><header>{NAV}</header>{body}{FOOTER}</body></html>"
    )


def _cards(tag: str = "article", excerpt: bool = True) -> str:
    return "".join(
        f"<{tag} class='post-card'><h2 class='entry-title'><a href='/news/{i}'>{h}</a></h2>"
        f"<div class='meta'>By Maya Okafor <time datetime='2026-03-0{i + 1}'>{i + 1} March"
        "</time></div>"
        + (
            f"<p class='excerpt'>A short summary of the story about {h.lower()}, "
            "with what happened and what comes next.</p>"
            if excerpt
            else ""
        )
        + f"</{tag}>"
        for i, h in enumerate(HEADLINES)
    )


YOAST_ARCHIVE = (
    "<meta property='og:type' content='article'>"
    + "<script type='application/ld+json'>"
    + json.dumps({"@type": "CollectionPage", "name": "Council Archives"})
    + "</script>"
)

NON_ARTICLES: dict[str, str] = {
    "front-page": _page(
        "Example Gazette | Local news",
        f"<main><section class='top-stories'><h2>Top stories</h2>{_cards()}</section></main>",
        "<meta property='og:type' content='website'>",
    ),
    "section-front": _page(
        "Local news | Example Gazette",
        f"<main><h1>Local news</h1>{_cards('div')}</main>",
    ),
    "tag-archive-yoast": _page(
        "Council Archives - Example Gazette",
        f"<main><h1 class='page-title'>Tag: <span>Council</span></h1>{_cards()}"
        "<nav class='pagination'><a href='/tag/council/page/2/'>Older posts</a></nav></main>",
        YOAST_ARCHIVE,
    ),
    "author-archive": _page(
        "Maya Okafor, Author at Example Gazette",
        "<main><h1>Maya Okafor</h1><p class='author-bio'>Maya covers local government.</p>"
        f"{_cards(excerpt=False)}</main>",
    ),
    "search-results": _page(
        "You searched for flood - Example Gazette",
        f"<main><h1>Search results for: flood</h1>{_cards()}</main>",
        YOAST_ARCHIVE,
    ),
    "error-404": _page(
        "Page not found - Example Gazette",
        "<main><article class='error-404 not-found'><h1 class='page-title'>Oops! That page "
        "can't be found.</h1><p>It looks like nothing was found at this location. Maybe try "
        "one of the links below or a search?</p><form role='search'><input type='search'>"
        "</form></article></main>",
    ),
    "empty-category": _page(
        "Obituaries Archives - Example Gazette",
        "<main><h1 class='page-title'>Category: Obituaries</h1><section class='no-results'>"
        "<h2>Nothing Found</h2><p>It seems we can't find what you're looking for.</p>"
        "</section></main>",
        YOAST_ARCHIVE,
    ),
    "login-wall": _page(
        "Sign in | Example Gazette",
        "<main><h1>Sign in to your account</h1><form><label>Email</label><input "
        "type='email'><label>Password</label><input type='password'><button>Sign in</button>"
        "</form><p><a href='/register'>Create an account</a></p></main>",
    ),
    "headline-list": _page(
        "Latest news - Example Gazette",
        "<main><h1>Latest news</h1><ul class='latest'>"
        + "".join(
            f"<li><a href='/n/{i}'>{h}</a> <span>2h ago</span></li>"
            for i, h in (enumerate(HEADLINES * 3))
        )
        + "</ul></main>",
    ),
}
