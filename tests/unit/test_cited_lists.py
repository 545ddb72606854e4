"""A list of labelled links that the story's own sentence introduces, pointing off the site,
is the story's (a changelog's patches, a report's sources), not a related-stories list."""

import lxml.html

from newsflow.extract import extract_article
from newsflow.extract.foreign import drop_foreign

# An invented project blog: a release note citing the patches it sent to a tracker elsewhere.
STORY = [
    "The lantern compiler gained two new targets this autumn, and most of the work went "
    "into the code generator that the project shares with the wider toolchain.",
    "Several patches were sent upstream for review this month:",
    "None of them is merged yet, but the reviewers asked for only small changes so far, "
    "and the next release should carry all of them.",
    "Thanks to everyone who tested the nightly builds and sent reports about them.",
]
PATCHES = [
    ("libwick: Allow casts between integers and pointers", 101),
    ("libwick: Add support for the weak variable attribute", 102),
    ("libwick: Fix volatile loads and stores", 103),
]
LINES = [*STORY[:2], *(f"- {text}" for text, _ in PATCHES), *STORY[2:]]


def _page(host: str) -> str:
    items = "".join(
        f"<li><p><a href='{host}/wick/pulls/{n}'>{text}</a></p></li>" for text, n in PATCHES
    )
    return (
        "<html><head><title>Lantern progress report</title></head><body><article>"
        "<h1>Lantern progress report</h1>"
        f"<p>{STORY[0]}</p><p>{STORY[1]}</p><ul>{items}</ul>"
        f"<p>{STORY[2]}</p><p>{STORY[3]}</p></article></body></html>"
    )


def _tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def test_list_introduced_by_the_story_and_linking_off_site_is_kept() -> None:
    # GIVEN a note whose sentence ending in ":" introduces patch links to another site
    tree = _tree(_page("https://tracker.example.net"))
    # WHEN the body's lines are checked for teaser lists
    kept = drop_foreign(tree, LINES, url="https://lantern-blog.example.org/report-7")
    # THEN the list stays, in its place
    assert kept == LINES


def test_same_list_linking_to_the_sites_own_pages_is_a_teaser_list() -> None:
    # "More on this:" followed by the site's own stories is still a related-stories list
    tree = _tree(_page("https://lantern-blog.example.org"))
    kept = drop_foreign(tree, LINES, url="https://www.example.org/report-7")
    assert kept == STORY


def test_list_without_a_lead_in_sentence_is_a_teaser_list() -> None:
    # the paragraph before the list does not introduce it (no colon): the list goes
    lines = [STORY[0], *LINES[2:5], *STORY[2:]]
    html = _page("https://tracker.example.net").replace(f"<p>{STORY[1]}</p>", "")
    kept = drop_foreign(_tree(html), lines, url="https://lantern-blog.example.org/report-7")
    assert kept == [STORY[0], *STORY[2:]]


def test_without_the_pages_address_nothing_is_spared() -> None:
    # no url and no canonical address: which links lead off the site is unknown
    assert drop_foreign(_tree(_page("https://tracker.example.net")), LINES) == STORY


def test_canonical_address_names_the_site_when_no_url_is_given() -> None:
    html = _page("https://tracker.example.net").replace(
        "</title>", "</title><link rel='canonical' href='https://lantern-blog.example.org/r7'>"
    )
    assert drop_foreign(_tree(html), LINES) == LINES


def test_extract_article_keeps_the_cited_patches() -> None:
    article = extract_article(
        _page("https://tracker.example.net").encode(),
        "https://lantern-blog.example.org/report-7",
    )
    for text, _ in PATCHES:
        assert text in article.body_text
