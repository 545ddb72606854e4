"""Body rules narrowed after the generalisation audit (issue 10): a grid of short cells stays a
table whatever wraps its labels, and a how-to step or tip that signs the reader up for another's
service is the story's, not a promo. The pages and lines are our own (an invented running club
and streaming guide)."""

import pytest
from lxml.html import document_fromstring

from newsflow.extract import body

STORY = [
    "The club's plan takes a beginner from a first slow run to a half marathon in ten weeks, "
    "with two rest days each week and one long run that grows by a mile at a time.",
    "Coaches say the rest days matter as much as the runs: the body adapts while it recovers, "
    "and most injuries in a first season come from adding distance too fast.",
    "Runners who miss a week should repeat the last full week rather than skip ahead, the "
    "club's head coach said, and talk to a doctor before starting if they have not run before.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKS = [
    ("1st", ["Rest", "2 miles", "3 miles", "Rest", "2 miles", "Rest", "4 miles"]),
    ("2nd", ["Rest", "3 miles", "3 miles", "Rest", "3 miles", "Rest", "5 miles"]),
    ("3rd", ["Rest", "3 miles", "4 miles", "Rest", "3 miles", "Rest", "6 miles"]),
]


def _plan_table() -> str:
    head = "<tr><td> </td>" + "".join(f"<td>{day}</td>" for day in DAYS) + "</tr>"
    rows = "".join(
        f"<tr><td><div>{week}</div></td>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"
        for week, cells in WEEKS
    )
    return f"<table class='table table-striped'><tbody>{head}{rows}</tbody></table>"


def _page(table: str) -> str:
    return (
        "<html><body><header><a href='/'>Riverside Runners</a></header><main><article>"
        "<h1>A ten-week plan for your first half marathon</h1><div class='entry-content'>"
        f"<p>{STORY[0]}</p><p>{STORY[1]}</p><h2>The plan, week by week</h2>{table}"
        f"<p>{STORY[2]}</p></div></article></main></body></html>"
    )


def test_a_grid_whose_row_labels_sit_in_divs_keeps_its_rows_in_the_body() -> None:
    # GIVEN a guide whose week table wraps each row's label in a <div> and has no header cells
    tree = document_fromstring(_page(_plan_table()))
    # WHEN its body is extracted
    lines = body.extract_body(tree, "https://runners.example/plans/half").paragraphs
    # THEN every week's row is a line of the body, between the story's paragraphs
    rows = [line.strip("| ") for line in lines if "|" in line]
    assert [row for row in rows if row.startswith(("1st", "2nd", "3rd"))] == [
        " | ".join([week, *cells]) for week, cells in WEEKS
    ]
    assert lines[0] == STORY[0] and lines[-1] == STORY[2]


def test_a_cell_holding_a_paragraph_or_a_long_div_still_makes_a_layout_table() -> None:
    # a div of running text, or one holding blocks, is a page's column, not a label
    long_div = document_fromstring(f"<div><div>{STORY[0]}</div></div>").find(".//div/div")
    nested = document_fromstring("<div><div><p>Menu</p></div></div>").find(".//div/div")
    label = document_fromstring("<div><div>1st</div></div>").find(".//div/div")
    assert body._is_layout_div(long_div)
    assert body._is_layout_div(nested)
    assert not body._is_layout_div(label)


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for a free account on the streaming service's site.",  # a how-to step
        "If you just want the film channel, you can sign up for a free 7-day trial.",
        "Some courses are free, but you'll need to sign up for a premium plan for full access.",
        "Subscribe today for more data like this, with much more depth.",  # not "subscribe to"
        "Landing pages, surveys and sign up forms",  # not "sign up for"
        "Residents can sign up for flood alerts at the town hall.",
    ],
)
def test_a_sign_up_for_another_service_is_the_storys(line: str) -> None:
    assert not body._is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Start your day with the Morning Brief. Sign up for the free daily newsletter.",
        "Subscribe To The Monthly Newsletter!",
        "Sign up for our weekly briefing.",
        "Please subscribe to my channel for more videos.",
    ],
)
def test_a_sign_up_for_a_newsletter_or_the_sites_own_is_a_promo(line: str) -> None:
    assert body._is_boilerplate(line)


# a quoted prompt as a newsletter editor sets it: numbered questions split by <br> in a <p>
QUOTED = [
    "Tell me everything the club has published about its training plans, and its coaches.",
    "Here is what I am after:",
    "Plans",
    "<span>1. Which plan suits a runner who has never raced?</span><br/>"
    "<span>2. How many rest days does each plan give in a week?</span>",
    "Coaches",
    "<span>1. Who leads the Sunday long runs?</span><br/>"
    "<span>2. How long have they coached?</span>",
]
QUOTED_LINES = [
    QUOTED[0],
    QUOTED[1],
    "Plans",
    "1. Which plan suits a runner who has never raced?",
    "2. How many rest days does each plan give in a week?",
    "Coaches",
    "1. Who leads the Sunday long runs?",
    "2. How long have they coached?",
]


def test_a_quote_whose_paragraphs_were_kept_is_not_added_again_as_one_line() -> None:
    # GIVEN a guide quoting a prompt of several paragraphs, which the extractor keeps
    quote = "<blockquote>" + "".join(f"<p>{q}</p>" for q in QUOTED) + "</blockquote>"
    html = (
        "<html><body><main><article><h1>Asking an assistant about running plans</h1>"
        f"<div class='entry-content'><p>{STORY[0]}</p><p>{STORY[1]}</p>{quote}"
        f"<p>{STORY[2]}</p></div></article></main></body></html>"
    )
    # WHEN its body is extracted
    lines = body.extract_body(document_fromstring(html), "https://runners.example/ai").paragraphs
    # THEN the quote's lines are the body's, each once, none run into another
    assert lines == [STORY[0], STORY[1], *QUOTED_LINES, STORY[2]]


# a music-lessons guide: each section a linked subheading, a paragraph and a list
LESSON_SECTIONS = [
    (
        "Cognitive benefits",
        "Learning to play an instrument trains memory, attention and the kind of problem "
        "solving that carries over into school and work.",
        ["Memory: practice pieces are learned by heart", "Focus: a lesson asks for attention"],
    ),
    (
        "Emotional benefits",
        "Music serves as a tool for expressing feelings and for relief from stress, which is "
        "why many adults come back to it later in life.",
        [
            "Stress relief: playing is calm and absorbing",
            "Expression: a piece says what words can't",
        ],
    ),
    (
        "Social benefits",
        "Music is social: bands, choirs and group lessons bring people of all ages together "
        "around a shared goal every week.",
        ["Connections: group lessons meet new people", "Teamwork: a band sounds right together"],
    ),
]
LESSON_OPENING = (
    "Music can enrich our lives at any age, and it is never too late to start lessons with a "
    "teacher who listens to what you want to play."
)
LESSON_CLOSING = (
    "Whatever your age, the best time to start is now, and a first trial lesson costs nothing "
    "at most schools in the city."
)


def _lesson_section(title: str, paragraph: str, items: list[str]) -> str:
    slug = title.lower().replace(" ", "-")
    lis = "".join(
        f"<li><strong>{i.split(':')[0]}:</strong>{i.split(':', 1)[1]}</li>" for i in items
    )
    return (
        f"<h3 id='{slug}'><a href='#{slug}'>{title}</a></h3><p>{paragraph}</p><ul>{lis}</ul>"
        f"<p><img src='/img/{slug}.jpg'></p>"
    )


def test_a_recovered_subheading_goes_after_the_kept_list_above_it() -> None:
    # GIVEN a guide whose linked subheadings the extractor drops, each section ending in a list
    sections = "".join(_lesson_section(*section) for section in LESSON_SECTIONS)
    html = (
        "<html><body><main><article><h1>A beginner's guide to music lessons</h1>"
        f"<div class='article-body'><p>{LESSON_OPENING}</p>{sections}<p>{LESSON_CLOSING}</p>"
        "</div></article></main></body></html>"
    )
    # WHEN its body is extracted
    lines = body.extract_body(document_fromstring(html), "https://music.example/guide").paragraphs
    # THEN each subheading is back above its own paragraph, after the list before it
    want = [LESSON_OPENING]
    for title, paragraph, items in LESSON_SECTIONS:
        want += [title, paragraph, *(f"- {item}" for item in items)]
    assert lines == [*want, LESSON_CLOSING]


# a workout guide: each section ends on a short paragraph, under a linked subheading
WORKOUT = [
    (
        "Pick your days",
        "Choose three days a week for training and keep at least one rest day between them, "
        "so the body has time to recover.",
        "Done? Good.",
    ),
    (
        "Pick your exercises",
        "Start with a squat, a push, a pull and a hinge: four movements cover most of the "
        "muscles a beginner needs to train.",
        "Next up: sets.",
    ),
    (
        "Pick your sets",
        "Three sets of eight to twelve repetitions is a sound start for most people, with a "
        "minute or two of rest between sets.",
        "That's all.",
    ),
]


def test_a_recovered_subheading_goes_after_the_short_kept_paragraph_above_it() -> None:
    # GIVEN a guide whose linked subheadings the extractor drops, each section closing on a
    # short paragraph of its own
    sections = "".join(
        f"<h3 id='s{i}'><a href='#s{i}'>{title}</a></h3><p>{text}</p><p>{closing}</p>"
        for i, (title, text, closing) in enumerate(WORKOUT)
    )
    html = (
        "<html><body><main><article><h1>Build your own workout</h1><div class='post-body'>"
        f"<p>{LESSON_OPENING}</p>{sections}<p>{LESSON_CLOSING}</p></div></article></main>"
        "</body></html>"
    )
    # WHEN its body is extracted
    lines = body.extract_body(document_fromstring(html), "https://fit.example/routine").paragraphs
    # THEN each subheading is back after the previous section's short closing paragraph
    want = [line for section in WORKOUT for line in section]
    assert lines == [LESSON_OPENING, *want, LESSON_CLOSING]
