"""The story's text container continued after an inline module (``extract/continued.py``,
used by ``body._recover_sections``).

News templates close the body's ``<div class="article-body">`` for a sign-up box or an ad
slot and go on in a second one beside it; the extractor kept the first part only. Pages are
our own.
"""

from lxml.html import document_fromstring

from newsflow.extract import body, extract_article
from newsflow.extract.continued import continuations

FIRST = [
    "The harbour bridge will close for nine weekends from May while crews replace its steel "
    "expansion joints, the city's transport department said on Thursday.",
    "The closures, from Friday night to early Monday, are part of the largest repair since "
    "the bridge opened sixty years ago, after engineers found cracks last year.",
    "Drivers will be sent through the tunnel, which the department expects to add up to "
    "forty minutes to journeys at the busiest times of the day.",
]
REST = [
    "Extra ferries will run every fifteen minutes between the north quay and the central "
    "pier on closure weekends, and their fares will be halved for the summer.",
    "Businesses on the north shore have asked for compensation, saying that weekends bring "
    "them more than half of their takings in a normal summer season.",
    "The department will hold a drop-in session for traders at the north shore library "
    "later this month, and publish the full closure timetable online.",
]
SIGNUP = (
    "<div class='article-module'><h3>Get the Daily Brief</h3><p>The stories shaping the "
    "city in your inbox every weekday.</p><form><input type='email'><button>Sign up</button>"
    "</form></div>"
)


def _news_page(rest_class: str, between: str = SIGNUP) -> str:
    first = "".join(f"<p class='article-body__paragraph'>{p}</p>" for p in FIRST)
    rest = "".join(f"<p class='article-body__paragraph'>{p}</p>" for p in REST)
    return (
        "<html><head><title>Harbour bridge to close for nine weekends</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header><main>"
        "<article class='article'><h1>Harbour bridge to close for nine weekends</h1>"
        f"<div class='article-body'>{first}</div>{between}"
        f"<div class='{rest_class}'>{rest}</div></article></main>"
        "<footer><p>Harbour City Herald, all rights reserved.</p></footer></body></html>"
    )


def test_story_split_around_a_sign_up_box_keeps_its_second_part() -> None:
    # GIVEN a story whose text container is closed for a sign-up box and continued in a
    # second one carrying the first one's class and a modifier
    html = _news_page("article-body article-body--continued")
    # WHEN the page is extracted
    article = extract_article(html.encode(), "https://herald.example.com/news/bridge")
    # THEN the whole story is the body, in order, and the sign-up box is not
    assert article.paragraphs == [*FIRST, *REST]


def test_story_split_into_same_class_parts_keeps_every_part() -> None:
    html = _news_page("article-body", between="<div class='ad-slot'></div>")
    article = extract_article(html.encode(), "https://herald.example.com/news/bridge")
    assert article.paragraphs == [*FIRST, *REST]


def _recover(html: str, lines: list[str]) -> list[str]:
    return body._recover(document_fromstring(html), lines)  # the unit under test


def test_sibling_sharing_only_one_class_is_no_continuation() -> None:
    # GIVEN a call to action after the story in a block sharing one of its classes
    html = (
        "<html><body><section class='content'>"
        f"<div class='text-copy body-copy'>{''.join(f'<p>{p}</p>' for p in FIRST)}</div>"
        f"<div class='text-copy'><p>{REST[1]}</p></div></section></body></html>"
    )
    # WHEN recovery runs on the kept story, THEN nothing is added
    assert _recover(html, FIRST) == FIRST


def test_page_builder_widgets_are_no_continuations() -> None:
    # GIVEN page-builder widgets that share their first class but not their own ids
    widget = "<div class='builder-element builder-element-{0} builder-widget'>{1}</div>"
    html = (
        "<html><body><div class='builder-row'>"
        + widget.format("a1", "".join(f"<p>{p}</p>" for p in FIRST))
        + widget.format("b2", "<h4>About the author</h4>")
        + widget.format("c3", f"<p>{REST[1]}</p>")
        + "</div></body></html>"
    )
    tree = document_fromstring(html)
    container = tree.find(".//div[@class='builder-row']")[0]
    # THEN the later widgets do not continue the first, and recovery adds nothing
    assert continuations(container) == []
    assert _recover(html, FIRST) == FIRST


def test_continuation_search_stops_after_three_other_elements() -> None:
    filler = "<div class='module'></div>" * 4
    tree = document_fromstring(_news_page("article-body", between=filler))
    container = tree.find(".//div[@class='article-body']")
    assert continuations(container) == []
