"""Lists of links in the body: related-story runs go, the story's partly linked lists stay.

A guide's list whose first (or last) items are links to other pages and whose other items
are plain text is one list of the story's (issue 10, modern development set). Pages are our
own.
"""

from lxml.html import HtmlElement, document_fromstring

from newsflow.extract import body

URL = "https://guides.example.net/2026/11/wool-and-linen"
PARAGRAPHS = [
    "Choosing a jumper that lasts starts with the fibre: the label tells you more about how it "
    "will wear than the price tag or the brand ever will.",
    "We asked three tailors in the old market quarter which materials they would pick for a "
    "winter that is wet rather than cold, and why they avoid blends.",
    "All three said that the weave matters as much as the fibre, and that a loose knit of a "
    "good yarn pills sooner than a tight knit of an ordinary one.",
    "Their advice for buyers on a budget was to look for second-hand pieces in natural fibres "
    "rather than new ones in synthetic blends, which shed and fade.",
]
LINKED = ["Organic cotton", "Undyed hemp"]
PLAIN = ["Recycled wool from old coats", "Linen from the coastal mills"]


def _item(text: str, linked: bool) -> str:
    slug = text.lower().replace(" ", "-")
    return f"<li><a href='/fibres/{slug}'>{text}</a></li>" if linked else f"<li>{text}</li>"


def _page(items: str) -> HtmlElement:
    """Our guide with a list of ``items`` after its second paragraph."""
    blocks = [f"<p>{p}</p>" for p in PARAGRAPHS]
    blocks.insert(2, f"<ul>{items}</ul>")
    story = "".join(blocks)
    return document_fromstring(
        "<html><head><title>Wool and linen</title></head><body><header><a href='/'>Home</a>"
        f"</header><main><h1>Wool and linen</h1><section class='entry'>{story}</section></main>"
        "<footer><a href='/about'>About</a></footer></body></html>"
    )


def _body(tree: HtmlElement) -> list[str]:
    words = len(tree.text_content().split())
    return body.extract_body(tree, URL, page_words=words).paragraphs


def test_linked_items_opening_a_list_of_plain_items_stay() -> None:
    # GIVEN a list whose first two items link to other pages and whose last two are plain
    items = "".join(_item(t, True) for t in LINKED) + "".join(_item(t, False) for t in PLAIN)
    # WHEN the body is extracted
    paragraphs = _body(_page(items))
    # THEN the whole list stands, in order, between the paragraphs around it
    assert paragraphs[2:6] == [f"- {t}" for t in [*LINKED, *PLAIN]]


def test_linked_items_closing_a_list_of_plain_items_stay() -> None:
    # GIVEN a list whose first two items are plain and whose last two link to other pages
    items = "".join(_item(t, False) for t in PLAIN) + "".join(_item(t, True) for t in LINKED)
    # WHEN the body is extracted
    paragraphs = _body(_page(items))
    # THEN the linked items stay with the plain ones
    assert paragraphs[2:6] == [f"- {t}" for t in [*PLAIN, *LINKED]]


def test_a_list_of_links_alone_between_paragraphs_goes() -> None:
    # GIVEN a list that is all links (other stories), between two paragraphs of the story
    items = "".join(_item(t, True) for t in [*LINKED, *PLAIN])
    # WHEN the body is extracted
    paragraphs = _body(_page(items))
    # THEN none of its items is in the body, and the story's paragraphs are
    assert paragraphs == PARAGRAPHS
