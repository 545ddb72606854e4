"""Recovered subheadings placed after the kept code blocks above them
(``extract/code_anchors.py``). Pages are our own."""

from newsflow.extract import extract_article

SECTIONS = [
    (
        "Make datetimes aware from the start",
        "A naive datetime has no time zone, and comparing it with an aware one raises an "
        "error, so attach a zone as soon as you create or parse a value:",
        [
            "from zoneinfo import ZoneInfo",
            'meeting = datetime(2025, 3, 30, tzinfo=ZoneInfo("UTC"))',
        ],
    ),
    (
        "Convert instead of calculating",
        "Never add or subtract hours to move a value between zones: use astimezone, which "
        "knows about the daylight saving changes of every zone it converts to:",
        ['print(meeting.astimezone(ZoneInfo("America/New_York")))'],
    ),
    (
        "Store UTC and display local time",
        "Keep timestamps in UTC in your database and convert them to the reader's zone only "
        "when you show them, which makes sorting and comparing far easier:",
        ["stored = meeting.astimezone(ZoneInfo('UTC'))"],
    ),
]


def _tutorial(sections: list[tuple[str, str, list[str]]] = SECTIONS) -> str:
    parts = []
    for n, (heading, text, code) in enumerate(sections):
        # a heading with an anchor link, as blog engines print them
        parts.append(f"<h2><a name='s{n}' href='#s{n}'></a>{heading}</h2><p>{text}</p>")
        parts.append(
            "<div class='highlight'><pre class='highlight python'><code>"
            + "\n".join(code)
            + "</code></pre><div class='panel'><button>Copy</button></div></div>"
        )
    return (
        "<html><head><title>Dates without tears</title></head><body>"
        "<header><a href='/'>DEV</a></header><main><article><h1>Dates without tears</h1>"
        "<div class='article-body' id='article-body'><p>Time zones have bitten every "
        "developer I know at least once, and the standard library now makes most of that "
        "pain go away if you follow four small habits.</p>"
        + "".join(parts)
        + "<p>That is it: a few habits, and most date bugs never happen in the first place, "
        "which is the best kind of bug to have.</p></div></article></main></body></html>"
    )


def test_recovered_subheading_follows_the_code_block_above_it() -> None:
    # GIVEN a tutorial whose subheadings the extractor drops and recovery puts back
    paragraphs = extract_article(_tutorial().encode(), "https://dev.example.to/a/dates").paragraphs
    # THEN each section reads heading, text, code, and the next heading follows that code
    for heading, text, code in SECTIONS:
        at = paragraphs.index(heading)
        assert paragraphs[at + 1] == text
        assert paragraphs[at + 2 : at + 2 + len(code)] == code


def test_code_blocks_closed_by_a_brace_anchor_their_own_sections() -> None:
    # GIVEN the same tutorial in a language whose blocks end in a "}" line, a line with no
    # word that every block shares
    sections = [
        (heading, text, [f"function step{n}() {{", f"  return {n};", "}"])
        for n, (heading, text, _) in enumerate(SECTIONS)
    ]
    html = _tutorial(sections).encode()
    paragraphs = extract_article(html, "https://dev.example.to/a/dates").paragraphs
    # THEN each recovered heading follows its own section's code, not the first block's
    for n, (heading, text, _) in enumerate(sections):
        at = paragraphs.index(heading)
        assert paragraphs[at + 1] == text
        if n:
            assert paragraphs[at - 1] == f"return {n - 1};", paragraphs
