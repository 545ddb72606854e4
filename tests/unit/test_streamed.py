"""Streamed server rendering (``streamed.place_streamed_parts``): a React page's late parts,
sent at the end of the body in hidden ``div#S:n``, go where the browser's script puts them.
The pages are our own (an invented garden club's news site)."""

import time

from lxml.html import HtmlElement, document_fromstring

from newsflow.extract import body
from newsflow.extract.streamed import place_streamed_parts
from newsflow.extract.xpath import class_and_id_values

OPENING = [
    "The allotment society voted on Tuesday to open its waiting list to families from the "
    "three new estates north of the river, ending a rule that dated from the nineteen fifties.",
    "More than four hundred households have asked for a plot since the estates were finished, "
    "the society's secretary told members at the packed meeting in the parish hall.",
]
LATER = [
    "Under the new rules each plot will be split in two when its holder gives it up, so that "
    "twice as many families can grow their own vegetables on the same ground by next spring.",
    "Members who have held a full plot for more than ten years will keep it, the committee "
    "said, and may share it with a neighbour from the list if they find it too much to tend.",
    "The council has offered a strip of land beside the railway for a second site, which the "
    "society will survey in the autumn before deciding whether the soil is fit for crops.",
]
HEADING = "What changes for plot holders"


def _streamed_page(call: str = '<script>$RC("B:0","S:3")</script>') -> str:
    """A story whose second half streamed after the footer, its placeholder holding a
    fallback between React's boundary comments."""
    opening = "".join(f"<p>{p}</p>" for p in OPENING)
    later = f"<h2>{HEADING}</h2>" + "".join(f"<p>{p}</p>" for p in LATER)
    footer = "".join(f"<li><a href='/p{i}'>Page {i} of the archive</a></li>" for i in range(12))
    return (
        "<html><body><header><nav><a href='/'>Riverside Growers</a></nav></header>"
        "<main><article class='story'><h1>Waiting list opens to new estates</h1>"
        f"<div class='story-body'>{opening}"
        "<!--$?--><template id='B:0'></template><div class='skeleton'>Loading the rest of the "
        "story, please wait</div><!--/$--></div></article></main>"
        f"<footer><ul>{footer}</ul></footer>"
        f"<div hidden id='S:3'>{later}</div>{call}</body></html>"
    )


def _find(tree: HtmlElement, path: str) -> HtmlElement:
    found = tree.find(path)
    assert isinstance(found, HtmlElement)
    return found


def test_a_boundary_part_replaces_its_placeholder_and_fallback() -> None:
    # GIVEN a page whose later section waits, hidden, after the footer ($RC names the pair)
    tree = document_fromstring(_streamed_page())
    # WHEN the streamed parts are placed
    assert place_streamed_parts(tree) == 1
    # THEN the section follows the opening inside the story body, and the fallback is gone
    story = _find(tree, ".//div[@class='story-body']")
    assert [el.tag for el in story.iterchildren("*")] == ["p", "p", "h2", "p", "p", "p"]
    assert "Loading" not in story.text_content()
    assert _find(tree, ".//div[@id='S:3']").text_content() == ""


def test_a_part_no_call_names_goes_to_the_placeholder_of_its_number() -> None:
    # GIVEN a saved page without the runtime's scripts, the part S:0 and a bare P:0
    html = (
        "<html><body><div class='post'><p>First.</p><template id='P:0'></template>"
        "<p>Last.</p></div><div hidden id='S:0'>Lead text <b>bold</b> middle</div></body></html>"
    )
    tree = document_fromstring(html)
    # WHEN the streamed parts are placed, THEN the part's text and elements stand in place
    assert place_streamed_parts(tree, class_and_id_values(tree)) == 1
    post = _find(tree, ".//div[@class='post']")
    assert post.text_content() == "First.Lead text bold middleLast."


def test_a_page_without_streamed_parts_is_left_alone() -> None:
    html = "<html><body><template id='B:0'></template><p>Only text.</p></body></html>"
    tree = document_fromstring(html)
    assert place_streamed_parts(tree, class_and_id_values(tree)) == 0
    assert tree.find(".//template") is not None


def test_the_body_holds_the_streamed_half_of_the_story_in_reading_order() -> None:
    # GIVEN a streamed page whose second half stands after the footer
    tree = document_fromstring(_streamed_page())
    # WHEN its body is extracted
    lines = body.extract_body(tree, "https://growers.example/news/waiting-list").paragraphs
    # THEN the whole story is there, in the order the browser shows it
    assert lines == [*OPENING, HEADING, *LATER]


def test_thousands_of_parts_and_unclosed_boundaries_cost_their_number_not_its_square() -> None:
    # GIVEN a hostile page near the element limit: 6,000 boundaries opened and never closed,
    # their placeholders all siblings, and a part for each after them
    n = 6000
    holders = "".join(f"<!--$?--><template id='B:{i}'></template><p>Loading</p>" for i in range(n))
    parts = "".join(f"<div hidden id='S:{i}'><p>Part {i}.</p></div>" for i in range(n))
    tree = document_fromstring(f"<html><body><main>{holders}{parts}</main></body></html>")
    # WHEN the streamed parts are placed
    start = time.process_time()
    moved = place_streamed_parts(tree)
    # THEN every part moved, with no closing comment no fallback went, in well under a second
    # (a scan for each boundary's end, or a walk to each placeholder's index: seconds)
    assert time.process_time() - start < 1.0
    assert moved == n
    main = _find(tree, ".//main")
    assert [el.text for el in main.iterchildren("p")][:4] == [
        "Part 0.",
        "Loading",
        "Part 1.",
        "Loading",
    ]
