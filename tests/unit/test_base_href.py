"""A page's `<base href>` sets what its relative links resolve against (HTML's document base
URL): image, canonical, author and licence URLs resolve as a browser resolves them; the
article's own address (its id, the title's slug, the date in the URL) stays the page's."""

import pytest

from newsflow.extract import extract_article
from newsflow.urls import document_base_url

PAGE_URL = "https://harbour-herald.example/news/2024/05/06/ferry-timetable-changes"
STORY = (
    "The harbour board said on Monday that the summer ferry timetable will add two late"
    " sailings on weekends, after a year in which evening crossings ran full."
)


def _page(base: str) -> bytes:
    paragraphs = "".join(f"<p>{STORY} Paragraph {n} of the report.</p>" for n in range(6))
    return (
        "<html><head><title>Ferry timetable changes for summer</title>"
        f"{base}"
        '<link rel="canonical" href="ferry-timetable-changes">'
        '<link rel="license" href="licence.html">'
        "</head><body><article><h1>Ferry timetable changes for summer</h1>"
        '<p class="byline">By <a rel="author" href="people/ann-lee">Ann Lee</a></p>'
        '<figure><img src="pics/ferry.jpg"><figcaption>The late ferry at the quay.'
        "</figcaption></figure>"
        f"{paragraphs}</article></body></html>"
    ).encode()


def test_relative_links_resolve_against_the_base_href() -> None:
    # GIVEN a page whose <base href> names another folder of the site
    base = '<base href="https://harbour-herald.example/archive/">'
    # WHEN it is extracted
    article = extract_article(_page(base), PAGE_URL)
    # THEN its links resolve as a browser resolves them: against the base, not the page
    root = "https://harbour-herald.example/archive/"
    assert article.canonical_url == root + "ferry-timetable-changes"
    assert [image.url for image in article.images] == [root + "pics/ferry.jpg"]
    assert [author.url for author in article.authors] == [root + "people/ann-lee"]
    assert article.rights.license_url == root + "licence.html"
    # ... and the date in the page's own address is still read
    assert article.published_at is not None and article.published_at.day == 6


def test_without_a_base_href_links_resolve_against_the_page() -> None:
    article = extract_article(_page(""), PAGE_URL)
    assert [image.url for image in article.images] == [
        "https://harbour-herald.example/news/2024/05/06/pics/ferry.jpg"
    ]


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (None, PAGE_URL),
        ("/", "https://harbour-herald.example/"),
        ("https://cdn.example/a/", "https://cdn.example/a/"),
        ("javascript:void(0)", PAGE_URL),  # no http(s) URL: the page's own
        ("http://[::1/x", PAGE_URL),  # one urllib cannot parse
    ],
)
def test_document_base_url(href: str | None, expected: str) -> None:
    assert document_base_url(href, PAGE_URL) == expected
