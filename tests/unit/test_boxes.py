"""Body lines from a fact box beside the story go; a story wrapped in a 'box' stays."""

from support.pages import news_page

from newsflow.extract import extract_article

# Our own text: a story about a new tram line, and a fact box about trams.
STORY = [
    "The new tram line between the station and the university opened on Saturday, two "
    "years after the first rails were laid along the river road.",
    "Passengers queued at the first stop before dawn, and the first tram left on time at "
    "six o'clock with the mayor and two hundred riders on board.",
    "The city expects twelve thousand journeys a day once the term starts, and will add "
    "a night service on Fridays and Saturdays from next month.",
]
FACTS = [
    "Facts about trams",
    "The city's first horse-drawn tram ran in 1881 along the same river road.",
    "Electric trams replaced the horses in 1902 and ran until the last line closed in 1961.",
]


def _page(box_class: str) -> bytes:
    first, *rest = (f"<p>{line}</p>" for line in STORY)
    facts = f"<h3>{FACTS[0]}</h3>" + "".join(f"<p>{line}</p>" for line in FACTS[1:])
    box = f"<div class='{box_class}'>{facts}</div>"
    return news_page(
        body=f"<article><h1>The new tram line opens</h1>{first}{box}{''.join(rest)}</article>"
    )


def test_fact_box_lines_leave_the_body() -> None:
    # GIVEN a story with a fact box (class "fact-box") between its paragraphs
    article = extract_article(_page("fact-box"), "https://example.org/tram")
    # THEN the story stays whole and none of the box's lines is in the body
    assert article.body_text is not None
    for line in STORY:
        assert line in article.body_text
    for line in FACTS[1:]:
        assert line not in article.body_text


def test_box_named_otherwise_stays() -> None:
    # The same markup under a class that names no fact box keeps its lines.
    article = extract_article(_page("aside-note"), "https://example.org/tram")
    assert article.body_text is not None
    assert FACTS[1] in article.body_text


def test_story_wrapped_in_an_infobox_is_kept() -> None:
    # A page whose story wrapper itself is named "infobox" keeps its story.
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY)
    page = news_page(body=f"<article class='infobox'><h1>The tram</h1>{paragraphs}</article>")
    article = extract_article(page, "https://example.org/tram")
    assert article.body_text is not None
    for line in STORY:
        assert line in article.body_text
