"""A story told in cards (a guide's introduction, then one card per place) keeps its cards.

The fault kind comes from the modern development set (a restaurant guide whose body was its
three-paragraph introduction); the pages here are our own.
"""

from lxml.html import HtmlElement, document_fromstring

from newsflow.extract import body
from newsflow.extract.cards import card_lines

URL = "https://food.example.org/2026/11/30/harbour-kitchens"
INTRO = [
    "The harbour district has become the city's busiest place to eat, and the inspectors "
    "noticed: eleven kitchens along the quay earned a mention in this year's guide.",
    "Below are the ones that take bookings online, from the new fish counters to the old "
    "dining rooms that have fed the dock workers for three generations.",
]
PLACES = [
    (
        "Quay Nine",
        "Seafood | Old Harbour",
        "Quay Nine serves the morning catch grilled over vine cuttings, with a short list of "
        "island wines and a view of the ferries. Book the counter seats for the best show.",
    ),
    (
        "The Net Loft",
        "Bistro | Warehouse Row",
        "Upstairs in a former sail loft, this bistro cooks a different stew every day of the "
        "week, and the Friday bouillabaisse sells out long before the evening service ends.",
    ),
    (
        "Salt & Smoke",
        "Grill | Customs Square",
        "A family grill where the smoked mackerel comes with potato bread baked in the back "
        "room, and the waiters still write every order in pencil on a paper pad by hand.",
    ),
    (
        "Lantern",
        "Noodles | Ferry Lane",
        "Hand-pulled noodles in a broth of roasted fish bones, served until two in the "
        "morning to the crews coming off the late ferries and the cooks from other kitchens.",
    ),
]


def _card(name: str, label: str, prose: str) -> str:
    return (
        f"<div class='venue'><h3 class='venue-title'><a href='/v/{name}'>{name}</a></h3>"
        f"<p class='venue-map'><a href='#map'>map</a></p><p class='venue-label'>{label}</p>"
        f"<div class='venue-excerpt'><p>{prose}</p></div>"
        "<p class='venue-book'><a href='/book'>Book now</a></p></div>"
    )


def _page(cards: str, intro: list[str] = INTRO) -> HtmlElement:
    lead = "".join(f"<p>{p}</p>" for p in intro)
    menu = "".join(f"<li><a href='/c/{i}'>Section {i}</a></li>" for i in range(200))
    return document_fromstring(
        "<html><head><title>Harbour kitchens</title></head><body>"
        f"<nav><ul>{menu}</ul></nav><div class='page'><h1>Harbour kitchens</h1>"
        f"<div class='page-lead'>{lead}</div><div class='page-footer'><div class='venues'>"
        f"{cards}</div></div></div></body></html>"
    )


def _body(tree: HtmlElement) -> list[str]:
    words = len(tree.text_content().split())
    return body.extract_body(tree, URL, page_words=words).paragraphs


def test_prose_cards_after_a_short_introduction_are_the_story() -> None:
    # GIVEN a guide whose introduction is followed by one card per restaurant
    tree = _page("".join(_card(*place) for place in PLACES))
    # WHEN its body is extracted
    lines = _body(tree)
    # THEN each card's name, label and prose are in it, in page order, without its buttons
    assert all(line in lines for line in INTRO)
    card_text = [line for line in lines if line not in INTRO]
    assert card_text == [line for place in PLACES for line in place]
    assert "Book now" not in lines and "map" not in lines


def test_teaser_cards_with_short_excerpts_are_not_the_story() -> None:
    # a grid of related stories: a linked headline and a line of teaser each
    teasers = "".join(
        _card(name, label, "A short teaser line about the place.") for name, label, _ in PLACES
    )
    assert card_lines(_page(teasers), INTRO) == []


def test_cards_before_the_body_are_not_read() -> None:
    # a card run that precedes the body's container is a widget above the story
    tree = document_fromstring(
        "<html><body><div class='page'><div class='venues'>"
        + "".join(_card(*place) for place in PLACES)
        + "</div><div class='page-lead'>"
        + "".join(f"<p>{p}</p>" for p in INTRO)
        + "</div></div></body></html>"
    )
    assert card_lines(tree, INTRO) == []


def test_a_full_story_keeps_out_the_prose_cards_after_it() -> None:
    # GIVEN a long story (not short against its page) followed by prose cards
    story = [f"{line} Paragraph {i} of a long report." for i in range(12) for line in INTRO]
    tree = _page("".join(_card(*place) for place in PLACES[:3]), intro=story)
    # WHEN its body is extracted, THEN the cards stay out: only a short body reads them
    lines = _body(tree)
    assert not any(name in lines for name, _, _ in PLACES)
