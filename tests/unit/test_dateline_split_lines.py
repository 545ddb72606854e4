"""Datelines whose label, name and date stand in separate elements of one line (fresh-user
trial): the line is read whole, as a text node holding all of it is."""

from datetime import UTC, datetime

import pytest
from support.pages import STORY, news_page

from newsflow.extract import extract_article

FETCHED = datetime(2026, 6, 1, tzinfo=UTC)
URL = "https://lantern-quay.example/notes/why-paper"


def page(line: str, lang: str = "en") -> bytes:
    return news_page("", f"<article><h1>Why I went back to paper</h1>{line}{STORY}</article>", lang)


# A label alone in its text node, the author's name a link after it and the date after that.
@pytest.mark.parametrize(
    ("line", "day", "authors"),
    [
        (
            '<div class="meta">Posted by <a rel="author" href="/u/orla">Orla Fenwick</a>'
            " on 12 January 2026</div>",
            "2026-01-12",
            ["Orla Fenwick"],
        ),
        ("<p>Posted: <span>March 3, 2026</span></p>", "2026-03-03", []),
    ],
)
def test_a_label_before_markup_reads_its_whole_line(
    line: str, day: str, authors: list[str]
) -> None:
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == day
    assert [a.name for a in article.authors] == authors


def test_a_label_whose_line_holds_a_paragraph_is_no_dateline() -> None:
    # the label's element is a whole paragraph, far longer than a dateline: not read
    line = (
        "<p>Posted by <a href='/u/orla'>Orla Fenwick</a> after a long week in which the "
        "council met 3 times and argued about the ferry timetable, the harbour fees, the new "
        "quay lights and almost everything else on its agenda.</p>"
    )
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert article.published_at is None


def test_a_date_in_a_link_after_the_label_is_another_page_s() -> None:
    # "Posted on <a>another site's forum on 2025-07-09</a>": the date is the linked post's
    line = (
        "<p>Posted on <a href='https://forum.example/t/1'>the Quay Society forum on "
        "2026-01-09</a>:</p>"
    )
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert article.published_at is None


# A post's meta block (class "entry-meta", "post-meta", "meta") sets the author and the date
# side by side; its whole text is a dateline, read by the same reader as any other.
@pytest.mark.parametrize(
    ("line", "day"),
    [
        ('<p class="entry-meta">Orla Fenwick Published: 03/13/2026</p>', "2026-03-13"),
        (
            '<div class="post-meta"><span>Orla Fenwick</span> · <div>Mar 3, 2026 ∙ Paid</div>'
            "</div>",
            "2026-03-03",
        ),
        ('<div class="meta"><a href="/u/orla">Orla Fenwick</a> 4 May 2026</div>', "2026-05-04"),
    ],
)
def test_a_post_meta_block_is_a_dateline(line: str, day: str) -> None:
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == day


def test_a_meta_block_in_a_teaser_is_not_the_story_s() -> None:
    teaser = (
        '<aside class="related"><h3>Also on the quay</h3><div class="entry-meta">'
        "Bo Ek 2 May 2026</div></aside>"
    )
    body = f"<article><h1>Why I went back to paper</h1>{STORY}</article>{teaser}"
    article = extract_article(news_page("", body), URL, fetched_at=FETCHED)
    assert article.published_at is None


# Only the post's own meta block: a comment's, a product's or an event's dates something else,
# and the story's block comes first, before the cards that repeat theirs below it.
@pytest.mark.parametrize(
    "line",
    [
        '<div id="responses"><div class="comment-meta"><a href="/profile/bo">Bo Ek</a>'
        " 3 May 2026 at 5:00 pm</div></div>",
        '<div class="product-meta">SKU 7-12 · Released Jan 5, 2026 · $49.99</div>',
    ],
)
def test_another_thing_s_meta_block_is_not_the_story_s(line: str) -> None:
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert article.published_at is None
    assert article.authors == []


def test_the_story_s_meta_block_comes_before_the_cards() -> None:
    cards = "".join(
        f'<div class="card"><a href="/n/{k}">Story {k}</a><div class="entry-meta">{day}</div></div>'
        for k, day in enumerate(("Feb 1, 2026 10:30 am", "Jan 9, 2026"))
    )
    story = '<div class="entry-meta">Mar 3, 2026</div>'
    body = f"<article><h1>Why I went back to paper</h1>{story}{STORY}</article>{cards}"
    article = extract_article(news_page("", body), URL, fetched_at=FETCHED)
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2026-03-03"


# Another story's card in a list of <article>s, or a picture's caption, is not the story: the
# story's <article> is the one holding the <h1>, else the page's first.
@pytest.mark.parametrize(
    ("title", "after", "day"),
    [
        (
            "<h1>Why I went back to paper</h1>",
            '<div class="grid"><article><h3><a href="/n/2">Ink</a></h3>'
            '<div class="entry-meta">Feb 1, 2026</div></article></div>',
            None,
        ),
        (
            "<h1>Why I went back to paper</h1>",
            '<figure><img src="/p.jpg" alt=""><div class="meta">Taken 12 May 2019</div></figure>',
            None,
        ),
        (  # the title outside any <article>: the first is the story's
            "<h2>Why I went back to paper</h2>",
            '<div class="entry-meta">Mar 3, 2026</div>',
            "2026-03-03",
        ),
    ],
)
def test_a_card_s_or_a_caption_s_meta_is_not_the_story_s(
    title: str, after: str, day: str | None
) -> None:
    story = f"<article>{title}{after if day else ''}{STORY}</article>"
    body = f"<h1>Lantern Quay</h1>{story}{'' if day else after}"
    article = extract_article(news_page("", body), URL, fetched_at=FETCHED)
    found = article.published_at.date().isoformat() if article.published_at else None
    assert found == day


# A link in the meta block to an author's page ("/@handle", "/profile/…") names the author,
# where no byline does.
@pytest.mark.parametrize(
    ("href", "authors"),
    [
        ("https://lantern-quay.example/@orlaf", ["Orla Fenwick"]),
        ("/profile/orla-fenwick", ["Orla Fenwick"]),
        ("/topics/paper", []),  # a section's link is no author
    ],
)
def test_a_meta_block_s_author_link_names_the_author(href: str, authors: list[str]) -> None:
    link = f'<a href="{href}">Orla Fenwick</a>'
    line = f'<div class="post-meta">{link}<div>Mar 3, 2026 ∙ Paid</div></div>'
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == authors


def test_a_meta_block_s_link_opening_another_window_names_no_author() -> None:
    link = '<a href="https://video.example/@lanternquay" target="_blank">Lantern Quay</a>'
    line = f'<div class="post-meta">{link}<div>Mar 3, 2026</div></div>'
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert article.authors == []


# A meta block's author link names the author only as the block's first element or after a
# byline's label: after other words it is a tag's or a topic's (whom the story is about).
@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ('<div class="entry-meta">Filed under <a href="/people/jo-marsh">Jo Marsh</a></div>', []),
        (
            '<div class="post-meta"><span>Mar 3, 2026</span> · Tags: <a href="/people/jo-marsh">'
            "Jo Marsh</a></div>",
            [],
        ),
        (
            '<div class="post-meta">Posted on Mar 3, 2026 by <a href="/people/jo-marsh">Jo Marsh'
            "</a></div>",
            ["Jo Marsh"],
        ),
        (
            '<div class="entry-meta"><img src="/a.png" alt=""><!-- avatar --><span><a '
            'href="/people/jo-marsh">Jo Marsh</a></span> · Mar 3, 2026</div>',
            ["Jo Marsh"],
        ),
        (
            '<div class="post-meta">Von <a href="/autoren/jo-marsh">Jo Marsh</a> | 3. März 2026'
            "</div>",
            ["Jo Marsh"],
        ),
    ],
)
def test_a_meta_block_link_after_other_words_names_no_author(line: str, authors: list[str]) -> None:
    article = extract_article(page(line), URL, fetched_at=FETCHED)
    assert [a.name for a in article.authors] == authors
