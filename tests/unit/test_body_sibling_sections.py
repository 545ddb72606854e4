"""Recovery of a story's sections that stand beside the kept one (``body._recover_sections``,
``body._sibling_section_lines``).

Landing and product pages set a story's sections side by side under a common ancestor
("main > section.intro, section.details, ..."); the extractor keeps the section holding
most of the story and drops the others. Pages are our own.
"""

from lxml.html import document_fromstring

from newsflow.extract import body

STORY = [
    "The town library will open on Sundays from March, the council said, after a survey found "
    "that most families could only visit at the weekend.",
    "Volunteers from the reading club will staff the front desk on Sunday afternoons, while "
    "two librarians run the children's corner and the study rooms.",
    "The council said the longer hours would cost less than expected because the building "
    "already heats the upstairs archive every day of the week.",
]
DETAILS = [
    "What changes on Sundays",
    "Borrowers can collect reserved books from the side entrance on Sunday mornings, and the "
    "returns box by the car park will be emptied twice a day.",
    "The study rooms can be booked online for two hours at a time, and printing costs the "
    "same as on weekdays.",
]
STANDFIRST = (
    "After a survey of more than a thousand households, the town's library is adding a "
    "seventh opening day to its week, starting in the spring."
)
OFFER = (
    "Join the friends of the library before the end of the month and get a tote bag and two "
    "free tickets to the spring author talks."
)


def _page(details: str, offer: str = "") -> str:
    """A landing page: a hero, the story's opening, a details section, an offer band and
    the story's end, each a section of ``main``."""
    return (
        "<html><body><header><a href='/'>Town Library</a></header><main>"
        f"<section class='hero'><h1>Library opens on Sundays</h1><p>{STANDFIRST}</p></section>"
        f"<section class='intro'><div class='copy'><p>{STORY[0]}</p><p>{STORY[1]}</p></div>"
        f"</section>{details}{offer}"
        f"<section class='outro'><div class='copy'><p>{STORY[2]}</p></div></section>"
        "</main><footer><p>Town Library Trust</p></footer></body></html>"
    )


DETAILS_SECTION = (
    f"<section class='details'><div class='wrap'><h2>{DETAILS[0]}</h2></div>"
    f"<div class='wrap'><p>{DETAILS[1]}</p><p>{DETAILS[2]}</p></div></section>"
)


def _recover(html: str, lines: list[str]) -> list[str]:
    """The recovery step on a page whose story sections the extractor kept as `lines`."""
    return body._recover(document_fromstring(html), lines)  # the unit under test


def test_section_beside_the_kept_one_is_recovered_in_reading_order() -> None:
    # GIVEN a landing page whose details section, beside the story's kept sections, was
    # dropped, with a one-paragraph hero above the story
    html = _page(DETAILS_SECTION)
    # WHEN recovery runs, THEN the details come back between the story's parts; the hero's
    # standfirst (one paragraph, no subheading, above the story) does not
    assert _recover(html, STORY) == [*STORY[:2], *DETAILS, STORY[2]]


def test_call_to_action_band_beside_the_story_is_not_recovered() -> None:
    # GIVEN an offer band of one paragraph and a button link between the story's parts
    band = f"<section class='band'><p>{OFFER}</p><a class='btn-primary' href='/join'>Join</a>"
    html = _page(DETAILS_SECTION, offer=band + "</section>")
    # WHEN recovery runs, THEN the details come back and the offer does not
    assert _recover(html, STORY) == [*STORY[:2], *DETAILS, STORY[2]]


def test_section_after_the_story_s_last_line_is_not_recovered() -> None:
    # GIVEN the details section after the story's end (where related links and offers sit)
    html = _page("").replace("</main>", DETAILS_SECTION + "</main>")
    # WHEN recovery runs, THEN nothing is added
    assert _recover(html, STORY) == STORY


def test_short_section_between_the_story_s_kept_parts_is_recovered() -> None:
    # GIVEN a section of one 15-word sentence under a subheading, between the story's parts
    note = "The returns box by the car park will be emptied twice a day on Sundays."
    section = f"<section class='note'><h3>Returns</h3><p>{note}</p></section>"
    # WHEN recovery runs, THEN it comes back where it stands
    assert _recover(_page(section), STORY) == [*STORY[:2], "Returns", note, STORY[2]]


BLOG_NOTE = [
    "About this blog",
    "Library Notes is written by a small group of volunteers who have used the town library "
    "for most of their lives and care about its future.",
    "We cover council meetings, the reading club and whatever else our neighbours ask us to "
    "look into each week.",
]


def _two_column_page(headline_first: bool) -> str:
    """A blog page: a left column of the site's own prose beside the story's column, the
    story's headline over the story (or, with `headline_first`, over both columns)."""
    h1 = "<h1>Library opens on Sundays</h1>"
    side = (
        f"<div class='col-left'><h3>{BLOG_NOTE[0]}</h3><p>{BLOG_NOTE[1]}</p>"
        f"<p>{BLOG_NOTE[2]}</p></div>"
    )
    story = "".join(f"<p>{line}</p>" for line in STORY)
    return (
        f"<html><body>{h1 if headline_first else ''}<div class='wrap'>{side}"
        f"<div class='col-main'><article>{'' if headline_first else h1}"
        f"<div class='entry-content'>{story}</div></article></div></div></body></html>"
    )


def test_site_column_above_the_story_s_headline_is_not_recovered() -> None:
    # GIVEN a left column of the blog's own prose (a subheading, two long sentences) before
    # the story's headline, beside the story's column
    html = _two_column_page(headline_first=False)
    # WHEN recovery runs, THEN the column stays out: above the headline is the site's
    assert _recover(html, STORY) == STORY


def test_section_between_headline_and_story_is_recovered() -> None:
    # GIVEN the same column set below the story's headline
    html = _two_column_page(headline_first=True)
    # WHEN recovery runs, THEN it comes back before the story, as a landing page's intro
    assert _recover(html, STORY) == [*BLOG_NOTE, *STORY]


def test_site_box_between_the_story_s_parts_is_not_recovered() -> None:
    # GIVEN a sidebar, a cookie notice and an ad slot, each with a long sentence, between
    # the story's parts (the extractor's boilerplate rules dropped them by class)
    for cls in ("sidebar-right", "cookie-notice", "ad-slot"):
        box = DETAILS_SECTION.replace("class='details'", f"class='{cls}'")
        # WHEN recovery runs, THEN the site's box stays out
        assert _recover(_page(box), STORY) == STORY, cls


def test_comment_mount_and_hidden_box_between_the_story_s_parts_are_not_recovered() -> None:
    # GIVEN a comment thread's mount and a box hidden from readers (aria-hidden), each with
    # a long sentence, between the story's parts
    for attrs in ("id='disqus_thread'", "aria-hidden='true'"):
        box = DETAILS_SECTION.replace("class='details'", attrs)
        # WHEN recovery runs, THEN the box stays out
        assert _recover(_page(box), STORY) == STORY, attrs
