"""Recovery of a story's other page-builder sections (``body._recover_sections``), and of
linked subheadings after a kept list (``body._restore_between``).

A page builder sets each section of a story in a widget of its own, every one with the same
text element, far apart in the tree; the extractor keeps the widget holding most of the
story. A guide's linked titles follow the previous entry's list. Pages are our own.
"""

from lxml.html import document_fromstring

from newsflow.extract import body

STORY = [
    "The ferry company said on Monday that the winter timetable would keep the late crossing "
    "to the island, after a petition signed by more than two thousand residents.",
    "Under the new timetable the last boat leaves the harbour at half past eleven, an hour "
    "later than last winter, and waits for the final train from the city.",
    "The company said the extra crossing would be paid for by a small rise in the price of "
    "return tickets bought on board rather than online.",
]
INTRO = [
    "Islanders have asked for a later ferry for years, saying the last boat left before the "
    "evening shifts at the mainland hospital and the port had ended.",
    "The petition, started by a nurse who commutes every day, gathered signatures at the "
    "harbour cafe and in the island's two shops over the summer.",
]
ITEMS = ["Later departures on weekdays", "A bus link at the pier"]


def _widget(inner: str) -> str:
    """One page-builder row: row > column > widget > widget body > text element."""
    return (
        "<section class='pb-row'><div class='pb-column'><div class='pb-widget'>"
        f"<div class='pb-widget-body'><div class='pb-text rich-text'>{inner}</div></div>"
        "</div></div></section>"
    )


def _page(before: str, after: str = "") -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html><body><h1>Late ferry stays</h1><div class='pb-page'>"
        f"{_widget(before)}{_widget(story)}{_widget(after) if after else ''}"
        "</div></body></html>"
    )


def _recover(html: str) -> list[str]:
    """The recovery step on a page whose story widget the extractor kept."""
    return body._recover(document_fromstring(html), STORY)  # the unit under test


def test_builder_section_above_the_kept_one_is_recovered_in_reading_order() -> None:
    # GIVEN the story's opening set in its own builder widget, far from the kept one
    intro = "".join(f"<p>{p}</p>" for p in INTRO)
    intro += "<ul>" + "".join(f"<li>{item}</li>" for item in ITEMS) + "</ul>"
    # WHEN recovery runs, THEN the opening comes back before the kept story
    assert _recover(_page(intro)) == [*INTRO, *(f"- {item}" for item in ITEMS), *STORY]


def test_single_paragraph_widget_above_the_story_is_not_recovered() -> None:
    # a claim, a teaser or a standfirst above the story holds one paragraph
    assert _recover(_page(f"<p>{INTRO[0]}</p>")) == STORY


def test_builder_sections_after_the_story_or_of_links_are_not_recovered() -> None:
    # GIVEN a call to action in a widget after the story's last line, and a widget of links
    offer = (
        "<p>Book your crossing online before the end of the month and save a fifth on every "
        "return ticket to the island this winter.</p>"
        "<p>Members of the ferry club also park for free at the harbour on weekdays.</p>"
    )
    links = "".join(f"<p><a href='/story-{i}'>{p}</a></p>" for i, p in enumerate(INTRO))
    # WHEN recovery runs, THEN neither comes back
    assert _recover(_page(links, after=offer)) == STORY


def _restore(items_html: str, kept_before: list[str]) -> list[str]:
    """Subheading restoration (``body._restore_between``) on a guide whose linked course
    title stands between a kept list (or label) and the course's kept paragraph."""
    html = (
        f"<html><body><div class='entry'><p>{STORY[0]}</p>{items_html}"
        f"<h3><a href='/courses/harbour-history'>Harbour history for beginners</a></h3>"
        f"<p>{STORY[1]}</p></div></body></html>"
    )
    tree = document_fromstring(html)
    return body._restore_between(tree, [*kept_before, STORY[1]], body._Paragraphs(tree))


def test_linked_subheading_after_a_kept_list_item_or_label_is_restored() -> None:
    # GIVEN a course guide: a list of what a course covers, then the next course's linked
    # title over its description; the extractor kept the list and the description
    items = [f"- {item}" for item in ITEMS]
    listed = _restore("<ul>" + "".join(f"<li>{i}</li>" for i in ITEMS) + "</ul>", items)
    labelled = _restore("<p>Recommended courses:</p>", ["Recommended courses:"])
    # WHEN restoration runs, THEN the title goes back above its description
    assert listed == [*items, "Harbour history for beginners", STORY[1]]
    assert labelled == ["Recommended courses:", "Harbour history for beginners", STORY[1]]


def test_linked_subheading_after_a_kept_short_label_is_not_restored() -> None:
    # a headline list's labels ("Latest", "Sponsored") are not the story's own text
    assert _restore("<p>Latest</p>", ["Latest"]) == ["Latest", STORY[1]]


def test_linked_subheading_over_a_wrapped_kept_paragraph_is_restored() -> None:
    # GIVEN a numbered tip whose linked title stands over a wrapper div opening with the
    # tip's paragraph, the extractor keeping the paragraphs and dropping the title
    tip = "<h3><a href='#tip-2'>2. Take the late ferry home</a></h3>"
    html = (
        f"<html><body><div class='entry'><p>{STORY[0]}</p>{tip}"
        f"<div class='tip-body'><p>{STORY[1]}</p><p>{STORY[2]}</p></div></div></body></html>"
    )
    tree = document_fromstring(html)
    # WHEN restoration runs, THEN the title goes back above the tip's paragraph
    lines = body._restore_between(tree, STORY, body._Paragraphs(tree))
    assert lines == [STORY[0], "2. Take the late ferry home", *STORY[1:]]


def test_subheading_over_a_wrapper_opening_with_other_text_is_not_restored() -> None:
    # a wrapper opening with a label, not the kept paragraph, is a widget under its heading
    html = (
        f"<html><body><div class='entry'><p>{STORY[0]}</p><h3><a href='#s'>Sponsored</a></h3>"
        f"<div class='box'><span>Advertisement from our partners</span><p>{STORY[1]}</p></div>"
        f"<p>{STORY[2]}</p></div></body></html>"
    )
    tree = document_fromstring(html)
    assert body._restore_between(tree, STORY, body._Paragraphs(tree)) == STORY
