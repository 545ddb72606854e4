"""A story's summary box before its first paragraph (``extract/summary_box.py``).

Live blogs and explainers open their text with "Key points" or "What we know so far": a
list the extractor dropped as a list before the text. Pages are our own.
"""

from newsflow.extract import extract_article

POINTS = [
    "Turnout was the highest for any local election in the city's history",
    "The council leader holds a clear lead after the first count of votes",
    "Second preferences are being counted because nobody passed half of the vote",
]
ENTRIES = [
    (
        "Second count begins",
        [
            "The returning officer has confirmed that the count moves to second preferences, "
            "with only the two leading candidates still in the contest this afternoon.",
            "Ballot papers for the candidates who were knocked out are being sorted by hand, "
            "which officials say will take about forty minutes in the main hall.",
        ],
    ),
    (
        "Turnout confirmed",
        [
            "Turnout was just under forty-two percent, up from under thirty percent at the "
            "first election four years ago, officials said at the civic hall.",
            "Postal votes made up just over a third of all the ballots that were counted, "
            "the highest share the city has recorded at any election so far.",
        ],
    ),
]


def _box(label: str) -> str:
    items = "".join(f"<li>{p}</li>" for p in POINTS)
    return f"<div class='summary-card'><h3>{label}</h3><ul>{items}</ul></div>"


def _live_page(box_in_feed: str = "", box_in_header: str = "") -> str:
    entries = "".join(
        f"<article class='entry'><time>15:{10 + i}</time><h3>{title}</h3>"
        + "".join(f"<p>{p}</p>" for p in paras)
        + "</article>"
        for i, (title, paras) in enumerate(ENTRIES)
    )
    return (
        "<html><head><title>Election count live</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main>"
        f"<div class='live-header'><h1>Election count live</h1>{box_in_header}"
        "<p class='byline'>By the live desk</p></div>"
        f"<div class='live-feed'>{box_in_feed}{entries}</div></main>"
        "<footer><p>The Evening Post</p></footer></body></html>"
    )


def _body(html: str) -> list[str]:
    return extract_article(html.encode(), "https://post.example.com/live/count").paragraphs


def test_key_points_box_opening_a_live_feed_is_the_story_s() -> None:
    # GIVEN a live blog whose feed opens with a "Key points" box before its entries
    paragraphs = _body(_live_page(box_in_feed=_box("Key points")))
    # THEN the box leads the body: its label, then its points as list items
    assert paragraphs[:4] == ["Key points", *(f"- {p}" for p in POINTS)]
    assert paragraphs[4:] == [line for title, paras in ENTRIES for line in (title, *paras)]


def test_labelled_box_with_a_colon_keeps_its_label_without_it() -> None:
    paragraphs = _body(_live_page(box_in_feed=_box("What we know so far:")))
    assert paragraphs[0] == "What we know so far"


def test_box_in_the_header_area_is_not_added() -> None:
    # GIVEN the same box beside the headline and byline, outside the story's container
    paragraphs = _body(_live_page(box_in_header=_box("Key points")))
    # THEN the body is the entries only (truths disagree on such boxes)
    assert paragraphs == [line for title, paras in ENTRIES for line in (title, *paras)]


def test_box_without_a_summary_label_is_not_added() -> None:
    paragraphs = _body(_live_page(box_in_feed=_box("Trending now")))
    assert paragraphs[0] == ENTRIES[0][0]
