"""Recovery of article structure the extractor drops, and removal of boxes around the story.

Each test is one fault kind found on the modern development set: subheadings dropped as
links, lists and tables left out of the container, dangling widget headings, author-bio,
disclaimer and cookie boxes kept at the end. Pages are our own.
"""

import pytest
from lxml.html import HtmlElement, document_fromstring, fragment_fromstring

from newsflow.extract import body
from newsflow.extract.blocks import structure_lines

URL = "https://news.example.org/2026/11/29/night-buses"
PARAGRAPHS = [
    "The city council voted on Tuesday to expand the night bus network across the northern "
    "districts, after a year of complaints from shift workers.",
    "Under the plan, four new routes will run every twenty minutes between midnight and five "
    "in the morning, linking the hospital, the rail depot and the industrial park.",
    "Council members said the cost would be covered by a small rise in parking fees in the "
    "centre, which was approved in the same session by a narrow margin.",
    "Residents of the northern districts have long argued that the last bus leaves too early "
    "for people who work late shifts at the hospital and the depot.",
    "A spokesperson for the transport department said the first routes would open in March, "
    "with the rest following before the summer timetable begins.",
]


def _page(middle: str = "", tail: str = "", head: str = "") -> HtmlElement:
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    return document_fromstring(
        "<html><head><title>Night buses expand</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Night buses expand</h1><div class='story-body'>{head}{first}{middle}"
        f"{rest}{tail}</div></article><footer><a href='/about'>About</a></footer></body></html>"
    )


def _body(tree: HtmlElement) -> list[str]:
    words = len(tree.text_content().split())
    return body.extract_body(tree, URL, page_words=words).paragraphs


def test_subheading_wrapped_in_an_anchor_is_recovered_in_reading_order() -> None:
    # GIVEN a section heading that is an in-page anchor (precision mode drops it as a link)
    heading = "<h2><a id='routes' name='routes' href='#routes'>Where the new routes run</a></h2>"
    # WHEN the body is extracted
    paragraphs = _body(_page(middle=heading))
    # THEN the heading stands between the paragraphs it separates
    assert paragraphs[3] == "Where the new routes run"
    assert paragraphs[2] == PARAGRAPHS[2] and paragraphs[4] == PARAGRAPHS[3]


@pytest.mark.parametrize(
    "tail",
    [
        "<h3><a href='#respond'>Leave a reply</a></h3>",
        "<h3><a href='#more'>More from the city desk</a></h3><h3><a href='#x'>Latest</a></h3>",
    ],
)
def test_heading_with_no_article_text_after_it_is_not_recovered(tail: str) -> None:
    paragraphs = _body(_page(tail=tail))
    assert paragraphs == PARAGRAPHS


def test_heading_above_the_first_paragraph_is_not_recovered() -> None:
    # a kicker or a second headline above the story is not a section of it
    paragraphs = _body(_page(head="<h2><a href='/transport'>Transport in the city</a></h2>"))
    assert paragraphs == PARAGRAPHS


def _recover(html: str, kept: list[str]) -> list[str]:
    """The recovery step on a page, given the lines the extractor kept."""
    return body._recover(document_fromstring(html), kept)  # the unit under test


def _container(middle: str) -> str:
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    return f"<html><body><div class='entry'>{first}{middle}{rest}</div></body></html>"


def test_list_the_extractor_left_out_of_its_container_is_recovered_in_place() -> None:
    items = ["Later buses on weekdays", "Twelve new stops", "One fare day and night"]
    html = _container("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    lines = _recover(html, PARAGRAPHS)
    assert lines == [*PARAGRAPHS[:3], *(f"- {i}" for i in items), *PARAGRAPHS[3:]]


def test_table_the_extractor_left_out_is_recovered_one_line_per_row() -> None:
    table = (
        "<div class='responsive'><table><tr><th>Route</th><th>Last bus</th></tr>"
        "<tr><td>N1</td><td>04:50</td></tr><tr><td>N2</td><td>05:00</td></tr></table></div>"
    )
    lines = _recover(_container(table), PARAGRAPHS)
    assert lines[3:6] == ["Route | Last bus", "N1 | 04:50", "N2 | 05:00"]


def test_list_the_extractor_kept_is_not_added_twice() -> None:
    html = _container("<ul><li>Later buses on weekdays</li><li>Twelve new stops</li></ul>")
    kept = [*PARAGRAPHS[:3], "- Later buses on weekdays", "- Twelve new stops", *PARAGRAPHS[3:]]
    assert _recover(html, kept) == kept


def test_list_of_links_is_navigation_and_is_not_recovered() -> None:
    contents = "<ol>" + "".join(
        f"<li><a href='#s{i}'>Section {i} of this guide</a></li>" for i in range(5)
    )
    assert _recover(_container(contents + "</ol>"), PARAGRAPHS) == PARAGRAPHS


@pytest.mark.parametrize(
    "box",
    [
        "<div class='author-bio'><p>Sam Reed is a transport reporter who has covered the city "
        "council since 2019 and writes the weekly commute column.</p></div>",
        "<div class='article-disclaimer'><p>This article is for information only and does not "
        "constitute advice of any kind. Fares and timetables may change.</p></div>",
        "<div id='cookie-notice'><p>We use cookies to improve your experience on our site and "
        "to show you relevant advertising.</p></div>",
    ],
)
def test_bio_disclaimer_and_cookie_boxes_at_the_end_are_dropped(box: str) -> None:
    assert _body(_page(tail=box)) == PARAGRAPHS


def test_structure_lines_render_in_the_extractors_text_conventions() -> None:
    dl = fragment_fromstring("<dl><dt>Night fare</dt><dd>Same as the day fare.</dd></dl>")
    nested = fragment_fromstring("<ul><li>Routes <ul><li>N1</li></ul></li><li></li></ul>")
    long_heading = fragment_fromstring("<h2>" + "word " * 21 + "</h2>")
    assert structure_lines(dl) == ["Night fare", "Same as the day fare."]
    assert structure_lines(nested) == ["- Routes N1"]
    assert structure_lines(long_heading) == []


SUMMARY = [
    "Four new night routes will run every twenty minutes after midnight.",
    "A small rise in central parking fees pays for the extra buses.",
]


def test_summary_bullets_above_the_story_are_kept() -> None:
    # GIVEN "key points" bullets, plain text, above the first paragraph
    bullets = "<ul>" + "".join(f"<li>{s}</li>" for s in SUMMARY) + "</ul>"
    # WHEN the body is extracted
    paragraphs = _body(_page(head=bullets))
    # THEN they open the body, as the article shows them
    assert paragraphs == [*(f"- {s}" for s in SUMMARY), *PARAGRAPHS]


def test_section_links_above_the_story_are_dropped() -> None:
    # a table of contents: each item is one whole link to a section
    toc = (
        "<ul>"
        + "".join(f"<li><a href='#s{i}'>{s}</a></li>" for i, s in enumerate(SUMMARY))
        + "</ul>"
    )
    assert _body(_page(head=toc)) == PARAGRAPHS


@pytest.mark.parametrize(
    "label",
    ["class='articleDisclaimer'", "class='AuthorBio_module_content__28ccf509'", "id='PromoCard'"],
)
def test_boxes_named_in_camel_case_are_dropped(label: str) -> None:
    box = (
        f"<div {label}><p>Sam Reed is a transport reporter who has covered the city council "
        "since 2019 and writes the weekly commute column.</p></div>"
    )
    assert _body(_page(tail=box)) == PARAGRAPHS


@pytest.mark.parametrize(
    "box",
    [
        # a call-to-action box asking for support
        "<div class='article-cta-box'><p>Enjoyed this piece? We need your help to keep "
        "publishing independent local reporting every week.</p></div>",
    ],
)
def test_call_to_action_boxes_are_dropped(box: str) -> None:
    assert _body(_page(tail=box)) == PARAGRAPHS


def test_heading_whose_words_open_the_next_paragraph_is_recovered() -> None:
    # GIVEN a dropped subheading whose words the paragraph under it repeats
    heading = "<h3><a href='#late'>Late shift workers at the depot</a></h3>"
    late = "Late shift workers at the depot welcomed the plan and asked for a stop at the gate."
    paragraphs = _body(_page(middle=f"{heading}<p>{late}</p>"))
    # THEN the heading is still put back above it
    assert paragraphs[3:5] == ["Late shift workers at the depot", late]


def test_section_heading_over_a_subheading_and_a_kept_list_is_recovered() -> None:
    # GIVEN a section heading, its first subheading, then a list (no paragraph between)
    middle = (
        "<h2><a href='#plan'>What the plan changes</a></h2>"
        "<h3><a href='#routes'>The four new routes</a></h3>"
        "<ul><li>N1 from the hospital to the rail depot</li>"
        "<li>N2 from the industrial park to the centre</li></ul>"
    )
    # WHEN the body is extracted
    paragraphs = _body(_page(middle=middle))
    # THEN both headings stand above the list, in reading order
    i = paragraphs.index("What the plan changes")
    assert paragraphs[i + 1 : i + 3] == [
        "The four new routes",
        "- N1 from the hospital to the rail depot",
    ]


# The places the new routes serve: each item links to a page of its own.
PLACES = ["The hospital", "The rail depot", "The industrial park"]


def _linked_list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li><a href='/places/{i}'>{t}</a></li>" for i, t in enumerate(items))


def test_list_of_links_a_sentence_introduces_is_kept() -> None:
    # GIVEN a sentence of the story ending in a colon, then a list whose items are all links
    lead_in = "<p>The four new routes were drawn to link three places that never sleep:</p>"
    # WHEN the body is extracted
    paragraphs = _body(_page(middle=lead_in + _linked_list(PLACES) + "</ul>"))
    # THEN the list stays under its sentence, in reading order
    at = paragraphs.index("The four new routes were drawn to link three places that never sleep:")
    assert paragraphs[at + 1 : at + 4] == [f"- {p}" for p in PLACES]


def test_list_of_links_under_a_short_label_is_still_dropped() -> None:
    # GIVEN a teaser list of links under a label ("Related:"), not under a sentence
    teasers = "<p>Related:</p>" + _linked_list(PLACES) + "</ul>"
    # WHEN the body is extracted, THEN neither the label nor the links are article text
    assert _body(_page(tail=teasers)) == PARAGRAPHS


def test_table_in_nested_wrapper_divs_is_recovered() -> None:
    # GIVEN a table three divs down the container (an embed block holding a scrolling wrapper)
    table = (
        "<div class='w-embed'><div class='responsive-table'><div><table>"
        "<tr><th>Route</th><th>Last bus</th></tr><tr><td>N1</td><td>04:50</td></tr>"
        "</table></div></div></div>"
    )
    # WHEN recovery runs, THEN its rows stand where the table stands
    lines = _recover(_container(table), PARAGRAPHS)
    assert lines[3:5] == ["Route | Last bus", "N1 | 04:50"]


def test_table_inside_a_figure_in_a_wrapper_is_not_recovered() -> None:
    # a chart's data table belongs to the figure, which is not article text
    table = (
        "<div class='chart'><figure><table><tr><td>N1</td><td>04:50</td></tr></table>"
        "<figcaption>Last buses</figcaption></figure></div>"
    )
    assert _recover(_container(table), PARAGRAPHS) == PARAGRAPHS


SECTION = [
    "Most riders on the new routes will pay the same fare as in the daytime, the council said, "
    "and monthly passes will cover the night buses too.",
    "Tickets bought on board will cost a little more, to keep the buses moving at the stops "
    "where the queues were longest during the trial.",
]


def test_section_in_nested_wrapper_divs_is_recovered_in_reading_order() -> None:
    # GIVEN a subheading and paragraphs two divs down the container (an embed block)
    section = (
        "<div class='w-embed'><div class='rich'><h3>What the fares will be</h3>"
        + "".join(f"<p>{p}</p>" for p in SECTION)
        + "</div></div>"
    )
    # WHEN recovery runs, THEN the section stands where it stands in the page
    lines = _recover(_container(section), PARAGRAPHS)
    assert lines == [*PARAGRAPHS[:3], "What the fares will be", *SECTION, *PARAGRAPHS[3:]]


def test_section_in_wrapper_divs_inside_an_embed_section_is_recovered() -> None:
    # GIVEN a subheading and paragraphs in divs inside a section of the container (a buying
    # guide's questions and answers as an embed: "section.embed > div > div")
    embed = (
        "<section class='embed'><div class='faq'><h3>What the fares will be</h3><div>"
        + "".join(f"<p>{p}</p>" for p in SECTION)
        + "</div></div></section>"
    )
    # WHEN recovery runs, THEN the paragraphs stand where they stand in the page, their
    # subheading over them
    lines = _recover(_container(embed), PARAGRAPHS)
    assert lines == [*PARAGRAPHS[:3], "What the fares will be", *SECTION, *PARAGRAPHS[3:]]


def test_subheading_between_two_kept_paragraphs_outside_the_container_is_restored() -> None:
    # GIVEN a story in two blocks of different classes, a subheading between the first
    # block's paragraphs, and an extractor that kept every paragraph but not the subheading
    html = (
        f"<html><body><div class='intro'><p>{PARAGRAPHS[0]}</p><h3>Where the routes run</h3>"
        f"<p>{PARAGRAPHS[1]}</p></div><div class='entry'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
        + "</div></body></html>"
    )
    # WHEN recovery runs, THEN the subheading stands between its paragraphs again
    lines = _recover(html, PARAGRAPHS)
    assert lines == [PARAGRAPHS[0], "Where the routes run", *PARAGRAPHS[1:]]


def test_list_between_two_kept_paragraphs_outside_the_container_is_restored() -> None:
    # GIVEN a list between the first block's paragraphs, dropped by the extractor
    html = (
        f"<html><body><div class='intro'><p>{PARAGRAPHS[0]}</p>"
        "<ul><li>Four new routes</li><li>Buses every twenty minutes</li></ul>"
        f"<p>{PARAGRAPHS[1]}</p></div><div class='entry'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
        + "</div></body></html>"
    )
    # WHEN recovery runs, THEN its items stand between the paragraphs again
    lines = _recover(html, PARAGRAPHS)
    assert lines == [
        PARAGRAPHS[0],
        "- Four new routes",
        "- Buses every twenty minutes",
        *PARAGRAPHS[1:],
    ]


def test_list_of_links_between_two_kept_paragraphs_is_not_restored() -> None:
    # a "related stories" list set between paragraphs is navigation
    html = (
        f"<html><body><div class='intro'><p>{PARAGRAPHS[0]}</p>"
        "<ul><li><a href='/a'>Tram fares rise</a></li><li><a href='/b'>Bridge reopens</a></li></ul>"
        f"<p>{PARAGRAPHS[1]}</p></div><div class='entry'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
        + "</div></body></html>"
    )
    assert _recover(html, PARAGRAPHS) == PARAGRAPHS


def test_linked_subheading_over_a_kept_paragraph_in_its_own_block_is_restored() -> None:
    # GIVEN a guide's sections, one block each, whose subheadings are links (place names),
    # and an extractor that kept every paragraph but dropped the linked subheadings
    sections = [("Route N4: Hospital loop", PARAGRAPHS[2]), ("Route N7: Rail depot", PARAGRAPHS[3])]
    html = (
        f"<html><body><div class='intro'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
        + "".join(
            f"<div class='route'><h3><a href='/routes/{i}'>{title}</a></h3><p>{text}</p></div>"
            for i, (title, text) in enumerate(sections)
        )
        + f"<div class='end'><p>{PARAGRAPHS[4]}</p></div></body></html>"
    )
    # WHEN recovery runs, THEN each subheading stands above its paragraph again
    lines = _recover(html, PARAGRAPHS)
    assert lines == [
        *PARAGRAPHS[:2],
        "Route N4: Hospital loop",
        PARAGRAPHS[2],
        "Route N7: Rail depot",
        PARAGRAPHS[3],
        PARAGRAPHS[4],
    ]


def test_linked_heading_above_the_first_kept_paragraph_is_not_restored() -> None:
    # a kicker linking to its section, in a block of its own above the story
    html = (
        "<html><body><div class='kicker'><h3><a href='/transport'>Transport</a></h3>"
        f"<p>{PARAGRAPHS[0]}</p></div><div class='entry'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
        + "</div></body></html>"
    )
    assert _recover(html, PARAGRAPHS) == PARAGRAPHS


def _lead_in_page(lead_in: str) -> str:
    """A first block closing on a sentence and a list, the rest of the story in another."""
    return (
        f"<html><body><div class='intro'><p>{PARAGRAPHS[0]}</p><p>{lead_in}</p>"
        "<ul><li>Four new routes</li><li>Buses every twenty minutes</li></ul></div>"
        "<div class='entry'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:]) + "</div>"
        "</body></html>"
    )


def test_list_after_a_kept_sentence_introducing_it_is_restored() -> None:
    # GIVEN a sentence that introduces a list, the list closing its block, and an extractor
    # that kept the sentence and every paragraph but not the list
    lead_in = "The plan approved on Tuesday brings two changes for night workers:"
    kept = [PARAGRAPHS[0], lead_in, *PARAGRAPHS[1:]]
    # WHEN recovery runs, THEN the items follow their sentence again
    lines = _recover(_lead_in_page(lead_in), kept)
    assert lines == [
        PARAGRAPHS[0],
        lead_in,
        "- Four new routes",
        "- Buses every twenty minutes",
        *PARAGRAPHS[1:],
    ]


def test_list_after_a_kept_sentence_is_not_added_twice_nor_after_a_label() -> None:
    lead_in = "The plan approved on Tuesday brings two changes for night workers:"
    # the extractor kept the list in its own rendering: its items follow the sentence
    kept = [PARAGRAPHS[0], lead_in, "- Four new routes (N4, N7)", "- Buses every 20 minutes"]
    assert _recover(_lead_in_page(lead_in), [*kept, *PARAGRAPHS[1:]]) == [*kept, *PARAGRAPHS[1:]]
    # a short label ("Related:") introduces no list of the story
    kept = [PARAGRAPHS[0], "Related:", *PARAGRAPHS[1:]]
    assert _recover(_lead_in_page("Related:"), kept) == kept


def test_heading_after_the_last_kept_paragraph_is_not_restored() -> None:
    # a widget's title after the story has no kept paragraph after it
    html = (
        "<html><body><div class='entry'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<h3>More from the city desk</h3><p>Bus lanes open in May.</p>"
        + "</div></body></html>"
    )
    assert _recover(html, PARAGRAPHS) == PARAGRAPHS


@pytest.mark.parametrize(
    "control",
    [
        "<form action='/signup'><input type='email' name='email'><button>Sign up</button></form>",
        "<div class='toggle'><input type='checkbox' id='allow-video'></div>",
    ],
)
def test_wrapper_holding_form_controls_is_a_widget_and_is_not_recovered(control: str) -> None:
    # GIVEN a sign-up box or an embed's consent placeholder: prose paragraphs and a control
    widget = "<div class='box'><div>" + "".join(f"<p>{p}</p>" for p in SECTION) + control
    # WHEN recovery runs, THEN none of its paragraphs join the story
    assert _recover(_container(widget + "</div></div>"), PARAGRAPHS) == PARAGRAPHS


def test_wrapper_with_a_single_paragraph_is_not_recovered() -> None:
    # a teaser or a call to action holds one paragraph; a section of the story holds more
    teaser = f"<div class='card'><div><p>{SECTION[0]}</p></div></div>"
    assert _recover(_container(teaser), PARAGRAPHS) == PARAGRAPHS


@pytest.mark.parametrize(
    "label",
    ["Table of Contents", "Contents:", "In this article", "Jump to section", "On this page"],
)
def test_table_of_contents_label_is_not_article_text(label: str) -> None:
    # GIVEN the label of a table of contents above the story, its entries already gone
    # WHEN the body is extracted, THEN the label is not a line of it
    assert _body(_page(head=f"<p>{label}</p>")) == PARAGRAPHS


@pytest.mark.parametrize(
    "credit", ["Photo courtesy of the Harbour Trust", "Image Courtesy of City Transit", "Courtesy"]
)
def test_courtesy_credit_line_is_not_article_text(credit: str) -> None:
    # GIVEN a picture's credit as a paragraph of its own between two paragraphs
    # WHEN the body is extracted, THEN the credit is dropped and the story kept whole
    assert _body(_page(middle=f"<p>{credit}</p>")) == PARAGRAPHS


@pytest.mark.parametrize(
    "credit",
    [
        "Image from the March 2024 review.",
        "Image used under license from Shutterstock",
        "Photos via the Harbour Trust archive",
    ],
)
def test_picture_source_line_is_not_article_text(credit: str) -> None:
    # GIVEN a line that says where a picture comes from, set as a paragraph of its own
    # WHEN the body is extracted, THEN it is dropped and the story kept whole
    assert _body(_page(middle=f"<p>{credit}</p>")) == PARAGRAPHS


def test_picture_by_line_stays() -> None:
    # "Picture by ..." names a subject as often as a photographer: it is not dropped
    line = "Picture by picture, the harbour museum rebuilt the old ferry's logbook."
    assert line in _body(_page(middle=f"<p>{line}</p>"))


def _sections(*others: str) -> str:
    kept = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    rest = "".join(f"<section id='part-{i}'>{html}</section>" for i, html in enumerate(others))
    return (
        "<html><body><div class='content'>"
        f"<section id='routes'>{kept}</section>{rest}</div></body></html>"
    )


def test_story_in_sibling_sections_is_recovered_section_by_section() -> None:
    # GIVEN a story set as one id'd section per subheading, the extractor keeping only one
    fares = "<h2>What the fares will be</h2>" + "".join(f"<p>{p}</p>" for p in SECTION)
    stops = "<h2>Where the buses stop</h2><ul><li>Hospital</li><li>Rail depot</li></ul>"
    # WHEN recovery runs, THEN the other sections come back in reading order
    lines = _recover(_sections(fares, stops), PARAGRAPHS)
    assert lines == [
        *PARAGRAPHS,
        "What the fares will be",
        *SECTION,
        "Where the buses stop",
        "- Hospital",
        "- Rail depot",
    ]


def test_sections_with_a_class_are_widgets_not_the_story() -> None:
    # a classed section beside the story ("section.related") is not one of its parts
    related = "<h2>More from the city desk</h2>" + "".join(f"<p>{p}</p>" for p in SECTION)
    html = _sections().replace(
        "</div></body>", f"<section class='related'>{related}</section></div></body>"
    )
    assert _recover(html, PARAGRAPHS) == PARAGRAPHS


def test_cookie_consent_table_and_sentences_are_not_article_text() -> None:
    # GIVEN a consent plugin's text printed after the story: its sentences and cookie table
    consent = (
        "<p>Necessary cookies are absolutely essential for the site to work and store no "
        "personal data.</p><table><tr><th>Cookie</th><th>Duration</th><th>Description</th></tr>"
        "<tr><td>consent-analytics</td><td>11 months</td><td>This cookie is set by the consent "
        "plugin to remember your choice for the analytics category.</td></tr></table>"
    )
    # WHEN the body is extracted, THEN only the story is left
    assert _body(_page(tail=consent)) == PARAGRAPHS


def test_story_sentence_about_cookies_is_kept() -> None:
    # a recipe or a story may name cookies without any consent wording
    line = "The bakery by the depot sells a skillet cookie to night-shift workers after midnight."
    assert _body(_page(tail=f"<p>{line}</p>")) == [*PARAGRAPHS, line]


@pytest.mark.parametrize(
    "line",
    [
        # a story about cookie rules: no banner addresses the site's visitors
        "Under the rules, accepting cookies must be as easy as refusing them, and consent must "
        "be given freely before any tracking cookies are set.",
        # the banner's words, quoted and reported by the story
        "We use cookies to improve your experience, the banner told visitors, but it offered "
        "no button to reject them, the regulator found.",
        # a sign-up line, quoted and reported by the story
        "Sign up for our newsletter, one writer told readers in her final post, was the only "
        "sentence she had written for a week.",
        # a story's service line: third person, no "our", not the reader told to sign up
        "Residents can sign up for free flood alerts on the agency's website, which sends a "
        "text message when rivers rise.",
        "Farmers who want compensation must subscribe to the national insurance scheme "
        "before March, under the new rules.",
    ],
)
def test_story_lines_about_cookies_and_newsletters_are_kept(line: str) -> None:
    # GIVEN a story that reports consent and sign-up wording; WHEN the body is extracted,
    # THEN its line stays (it used to be dropped as banner or promo text)
    assert _body(_page(tail=f"<p>{line}</p>")) == [*PARAGRAPHS, line]


@pytest.mark.parametrize(
    "promo",
    [
        "<h3>Join Our Newsletter</h3><p>Email address</p>",
        "<p>Sign up to our weekly newsletter for the best of the city, free.</p>",
        "<p>Thank you for subscribing to our daily newsletter.</p>",
        "<p>Get started today</p>",
        "<p>The Transit Gazette has a disclosure policy.</p>",
    ],
)
def test_newsletter_and_call_to_action_lines_after_the_story_are_dropped(promo: str) -> None:
    assert _body(_page(tail=promo)) == PARAGRAPHS


def test_body_split_into_one_block_per_paragraph_gets_its_dropped_paragraph_back() -> None:
    # GIVEN a block editor's page: every paragraph in a block of the same class, and the
    # extractor dropped one of them
    blocks = [*PARAGRAPHS[:3], SECTION[0], *PARAGRAPHS[3:]]
    html = (
        "<html><body><div class='entry'>"
        + "".join(f"<div class='block text'><p>{p}</p></div>" for p in blocks)
        + "</div></body></html>"
    )
    # WHEN recovery runs, THEN the dropped paragraph is back in place: the blocks together
    # hold the story, though no single block holds a third of it
    assert _recover(html, PARAGRAPHS) == blocks


CALLOUT = (
    "Update: the council confirmed on Friday that the first two night routes will open a "
    "week early, on the first Monday of March, because the new buses arrived ahead of time."
)


def test_callout_div_holding_one_paragraph_of_prose_is_recovered_in_place() -> None:
    # GIVEN a story whose update box is a div with only text and inline markup (no <p>)
    html = _container(f"<div class='callout'><b>Update:</b>{CALLOUT[7:]}</div>")
    # WHEN recovery runs on what the extractor kept, THEN the box is a paragraph in place
    assert _recover(html, PARAGRAPHS) == [*PARAGRAPHS[:3], CALLOUT, *PARAGRAPHS[3:]]


@pytest.mark.parametrize(
    "div",
    [
        "<div class='label'>Night buses: every route, every stop and every timetable</div>",
        "<div class='note'>Short note in a box.</div>",
        f"<div class='teaser'><div class='card'>{CALLOUT}</div></div>",  # a block: a widget
    ],
)
def test_div_that_is_a_label_or_holds_blocks_is_not_a_recovered_paragraph(div: str) -> None:
    assert _recover(_container(div), PARAGRAPHS) == PARAGRAPHS


def test_prose_div_nested_in_layout_divs_is_recovered_in_place() -> None:
    # GIVEN a utility-class layout whose definition box sets its prose as bare text three
    # divs down (no <p>), between the story's paragraphs
    box = (
        "<div class='rounded-lg border'><div class='flex gap-4'><div class='flex-1'>"
        f"<div class='text-sm'><b>Update:</b>{CALLOUT[7:]}</div></div></div></div>"
    )
    # WHEN recovery runs on what the extractor kept, THEN the box's prose is a paragraph in
    # place
    assert _recover(_container(box), PARAGRAPHS) == [*PARAGRAPHS[:3], CALLOUT, *PARAGRAPHS[3:]]


@pytest.mark.parametrize(
    "box",
    [
        f"<aside><div class='flex'><div class='text-sm'>{CALLOUT}</div></div></aside>",
        "<div class='flex'><div class='label'><div>Night buses: every route</div></div></div>",
    ],
)
def test_nested_div_in_an_aside_or_short_is_not_recovered(box: str) -> None:
    assert _recover(_container(box), PARAGRAPHS) == PARAGRAPHS


def test_subheading_and_list_in_the_second_half_of_a_split_body_are_recovered() -> None:
    # GIVEN a body split around an ad slot into two sibling blocks of one class, the second
    # opening with a subheading and a list the extractor dropped
    items = ["Later buses on weekdays", "Twelve new stops"]
    html = (
        "<html><body><div class='story'><div class='story-part'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
        + "</div><div class='ad-slot'>Advertisement</div><div class='story-part'>"
        "<h2>What riders get</h2><ul>"
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
        + "</div></div></body></html>"
    )
    # WHEN recovery runs, THEN the second block's subheading and list are back in place
    expected = [*PARAGRAPHS[:3], "What riders get", *(f"- {i}" for i in items), *PARAGRAPHS[3:]]
    assert _recover(html, PARAGRAPHS) == expected


def test_paragraph_the_extractor_kept_without_a_links_words_is_not_added_twice() -> None:
    # GIVEN a paragraph whose link text the extractor lost ("... every twenty minutes
    # between ..." without the linked "twenty minutes")
    linked = PARAGRAPHS[1].replace("twenty minutes", "<a href='/times'>twenty minutes</a>")
    html = _container("").replace(f"<p>{PARAGRAPHS[1]}</p>", f"<p>{linked}</p>")
    gapped = PARAGRAPHS[1].replace("twenty minutes ", "")
    kept = [PARAGRAPHS[0], gapped, *PARAGRAPHS[2:]]
    # WHEN recovery runs, THEN the paragraph stands once, whole, where the fragment stood
    assert _recover(html, kept) == PARAGRAPHS


def test_paragraph_with_an_escaped_reference_left_in_is_not_added_twice() -> None:
    # GIVEN a page that escaped an apostrophe twice ("&amp;#39;"), so its text shows "&#39;"
    quoted = (
        "The mayor said: 'The night buses are the city's promise to the people who keep it "
        "running at night, and we will keep it.'"
    )
    html = _container(f"<p>{quoted.replace(chr(39), '&amp;#39;')}</p>")
    kept = [*PARAGRAPHS[:3], quoted, *PARAGRAPHS[3:]]
    # WHEN recovery runs, THEN the extractor's clean line is the only one
    assert _recover(html, kept) == kept


def test_data_table_with_paragraph_cells_is_kept_as_a_table() -> None:
    # GIVEN a fare table whose header names its columns and whose cells hold paragraphs
    # (a block editor's markup), the kind a layout-table rule would flatten into divs
    rows = [
        ("Single", "2.10", "One ride on any night route, bought on board or in the app."),
        ("Day pass", "6.50", "Unlimited rides until five in the morning on every route."),
        ("Monthly", "58.00", "Covers day and night buses, and the ferry on weekends."),
    ]
    table = "<table><thead><tr><th>Ticket</th><th>Price</th><th>What it covers</th></tr>"
    table += "</thead><tbody>"
    table += "".join(
        f"<tr><td><p>{a}</p></td><td><p>{b}</p></td><td><p>{c}</p></td></tr>" for a, b, c in rows
    )
    # WHEN the body is extracted, THEN every row is kept, one line per row
    lines = _body(_page(middle=table + "</tbody></table>"))
    assert [line.strip("| ") for line in lines if " | " in line] == [
        "Ticket | Price | What it covers",
        *(f"{a} | {b} | {c}" for a, b, c in rows),
    ]


def test_table_without_header_cells_holding_paragraphs_is_still_read_as_layout() -> None:
    # GIVEN an old site's layout grid: no header cells, the story in a cell's paragraphs
    grid = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = document_fromstring(
        "<html><body><table><tr><td><a href='/'>Home</a></td><td>"
        f"<h1>Night buses expand</h1>{grid}</td></tr></table></body></html>"
    )
    # WHEN the body is extracted, THEN it reads as paragraphs, not as table rows
    assert body.extract_paragraphs(page, URL) == PARAGRAPHS
