"""Body lines that are not the story's own: the next story appended, lists of teaser links."""

import lxml.html
from support.key_texts import KEY_TEXTS
from support.pages import news_page

from newsflow.extract import extract_article
from newsflow.extract.foreign import _key, _LongerLines, _Shown, _text_of, drop_foreign
from newsflow.extract.text import match_key, word_key

# Our own text: a story about a bridge, and the unrelated story an endless page appends.
STORY = [
    f"The council voted on the new bridge for the {n} time on Tuesday evening, after a long "
    "debate about its cost and the traffic it would bring to the old town."
    for n in ("first", "second", "third", "fourth", "fifth", "sixth")
]
NEXT_STORY = [
    f"A local bakery won the regional bread prize for the {n} year in a row, its owner said "
    "on Wednesday morning while customers queued outside the small shop."
    for n in ("second", "third", "fourth", "fifth", "sixth", "seventh")
]


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


ENDLESS_PAGE = (
    "<main><article><h1>Council approves the bridge</h1>"
    f"<div class='text'>{_paragraphs(STORY)}</div></article>"
    "<div class='next'><article><h1>Bakery wins the bread prize again</h1>"
    f"<div class='text'>{_paragraphs(NEXT_STORY)}</div></article></div></main>"
)
TEASER_LIST = (
    "<ul>"
    "<li>Traffic: <a href='/a'>Why the old town's streets are full every morning</a></li>"
    "<li>Budget: <a href='/b'>What the city spends on roads, and what it gets</a></li>"
    "<li>Rivers: <a href='/c'>The floods of last spring in six pictures</a></li>"
    "</ul>"
)
TEASERS = [
    "- Traffic: Why the old town's streets are full every morning",
    "- Budget: What the city spends on roads, and what it gets",
    "- Rivers: The floods of last spring in six pictures",
]


def _tree(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{body}</body></html>")


def test_drop_foreign_next_story_after_the_story_is_cut() -> None:
    # GIVEN a page that appends the next article, with its own headline, after the story
    lines = STORY + NEXT_STORY
    # WHEN the body's lines are checked against the page
    kept = drop_foreign(_tree(ENDLESS_PAGE), lines)
    # THEN the story stays whole and the next one goes
    assert kept == STORY


def test_drop_foreign_story_returning_after_an_inner_article_is_kept() -> None:
    # An article nested in the story (a quoted card) before more of the story is no next story.
    page = (
        f"<article><h1>Council approves the bridge</h1>{_paragraphs(STORY[:3])}"
        f"<article><h1>Bakery</h1>{_paragraphs(NEXT_STORY[:1])}</article>"
        f"{_paragraphs(STORY[3:])}</article>"
    )
    lines = [*STORY[:3], NEXT_STORY[0], *STORY[3:]]
    assert drop_foreign(_tree(page), lines) == lines


def test_drop_foreign_list_of_labelled_teaser_links_is_dropped() -> None:
    page = f"<article><h1>Council approves the bridge</h1>{_paragraphs(STORY)}{TEASER_LIST}"
    assert drop_foreign(_tree(page), STORY + TEASERS) == STORY


def test_drop_foreign_one_labelled_link_in_the_story_is_kept() -> None:
    # "Pro tip: <a>…</a>" alone is the story's own advice, not a related-stories list.
    tip = "Pro tip: Find the council's full plan for the bridge here"
    link = "<p>Pro tip: <a href='/plan'>Find the council's full plan for the bridge here</a></p>"
    page = f"<article>{_paragraphs(STORY[:3])}{link}{_paragraphs(STORY[3:])}</article>"
    lines = [*STORY[:3], tip, *STORY[3:]]
    assert drop_foreign(_tree(page), lines) == lines


def test_drop_foreign_never_empties_the_body() -> None:
    assert drop_foreign(_tree(TEASER_LIST), TEASERS) == TEASERS


def test_extract_article_endless_page_body_ends_with_the_story() -> None:
    article = extract_article(news_page(body=ENDLESS_PAGE), "https://example.org/bridge")
    assert "bakery" not in article.body_text.lower()
    assert STORY[-1] in article.body_text


# A Japanese sentence (our own) whose name carries a ruby reading: the extractor gave it once
# whole and once in pieces around the <ruby>.
RUBY_WHOLE = "市議会は三日、新しい 橋本（はしもと） 市長の提案した橋の建設予算を可決した。"
RUBY_PIECES = ["市議会は三日、新しい", "橋本", "市長の提案した橋の建設予算を可決した。"]
RUBY_TEXT = (
    "市議会は三日、新しい<ruby><rb>橋本</rb><rp>（</rp><rt>はしもと</rt>"
    "<rp>）</rp></ruby>市長の提案した橋の建設予算を可決した。"
)


def test_drop_foreign_paragraph_split_at_ruby_readings_is_dropped_when_kept_whole() -> None:
    # GIVEN the split sentence shown by a paragraph
    page = f"<article><p>{RUBY_TEXT}</p></article>"
    # WHEN / THEN the pieces go and the whole paragraph stays
    lines = [RUBY_WHOLE, *RUBY_PIECES, *STORY]
    assert drop_foreign(_tree(page), lines) == [RUBY_WHOLE, *STORY]


def test_drop_foreign_pieces_of_a_list_item_shown_whole_are_kept() -> None:
    # GIVEN the same split, the whole line a list item's: only a paragraph is searched for
    # the pieces (the search leaves other lines' keys out)
    page = f"<article><ul><li>{RUBY_TEXT}</li></ul></article>"
    lines = [RUBY_WHOLE, *RUBY_PIECES, *STORY]
    # WHEN / THEN every line stays
    assert drop_foreign(_tree(page), lines) == lines


def test_drop_foreign_short_items_named_in_a_longer_sentence_are_kept() -> None:
    # List items that a sentence also names make up little of it: they are no pieces.
    sentence = (
        "The city imports mainly machines, textiles and food, and it exports far more "
        "than it did ten years ago according to the council's own yearly report."
    )
    lines = [sentence, "- machines", "- textiles", *STORY]
    page = f"<article><p>{sentence}</p><ul><li>machines</li><li>textiles</li></ul></article>"
    assert drop_foreign(_tree(page), lines) == lines


def test_drop_foreign_labelled_addresses_and_jumps_are_no_teasers() -> None:
    # "Website: <a>https://…</a>" lists sources; "Summary: <a href='#s'>…</a>" is contents.
    page = (
        f"<article>{_paragraphs(STORY)}<ul>"
        "<li>Website: <a href='https://example.org/plan'>https://example.org/plan</a></li>"
        "<li>Archive: <a href='https://example.org/old'>www.example.org/old</a></li>"
        "<li>Summary: <a href='#summary'>What the council decided and why it matters</a></li>"
        "<li>Costs: <a href='#costs'>Who pays for the bridge over the next years</a></li>"
        "</ul></article>"
    )
    lines = [
        *STORY,
        "- Website: https://example.org/plan",
        "- Archive: www.example.org/old",
        "- Summary: What the council decided and why it matters",
        "- Costs: Who pays for the bridge over the next years",
    ]
    assert drop_foreign(_tree(page), lines) == lines


CARDS = (
    "<ul class='more'>"
    "<li><a href='/bakery'><h2>Bakery wins again</h2><p>A local bakery won the regional bread "
    "prize for the third year in a row, its owner said.</p></a></li>"
    "<li><a href='/floods'><h2>Floods</h2><p>The river rose over its banks twice this spring "
    "and flooded the cellars of the lower town.</p></a></li>"
    "</ul>"
)
CARD_LINES = [
    "A local bakery won the regional bread prize for the third year in a row, its owner said.",
    "The river rose over its banks twice this spring and flooded the cellars of the lower town.",
]


def test_drop_foreign_run_of_story_cards_shown_only_as_links_is_dropped() -> None:
    page = f"<article><h1>Council approves the bridge</h1>{_paragraphs(STORY)}</article>{CARDS}"
    assert drop_foreign(_tree(page), STORY + CARD_LINES) == STORY


def test_drop_foreign_one_linked_sentence_in_the_story_is_kept() -> None:
    # A sentence that is wholly a link, alone among the story's paragraphs, stays.
    linked = "<p><a href='/plan'>The council published its full plan for the bridge today.</a></p>"
    page = f"<article>{_paragraphs(STORY[:3])}{linked}{_paragraphs(STORY[3:])}</article>"
    lines = [*STORY[:3], "The council published its full plan for the bridge today.", *STORY[3:]]
    assert drop_foreign(_tree(page), lines) == lines


def _one_labelled_line(line: str, html: str) -> list[str]:
    """The body kept when `line`, shown by `html`, stands alone among the story's lines."""
    page = f"<article>{_paragraphs(STORY[:3])}{html}{_paragraphs(STORY[3:])}</article>"
    return drop_foreign(_tree(page), [*STORY[:3], line, *STORY[3:]])


def test_drop_foreign_lone_teaser_whose_address_names_its_story_is_dropped() -> None:
    # GIVEN one "Read also: <a>headline</a>" line (our own Norwegian and English teasers)
    # whose link's path spells the headline as a slug, accents folded, ids around it
    teasers = [
        (
            "Les også: Ferja får ny rute før sommeren: – Endelig skjer det",
            "<p><b>Les også: <a href='https://news.example/lokalt/ferja-far-ny-rute-for-"
            "sommeren-endelig-skjer-det/s/5-95-123'>Ferja får ny rute før sommeren: – Endelig "
            "skjer det</a></b></p>",
        ),
        (
            "Read also: Why the old town's streets are full every morning",
            "<p>Read also: <a href='/city/why-the-old-towns-streets-are-full-every-morning'>"
            "Why the old town's streets are full every morning</a></p>",
        ),
    ]
    for line, html in teasers:
        # WHEN the body's lines are checked against the page / THEN the teaser goes
        assert _one_labelled_line(line, html) == STORY


def test_drop_foreign_lone_labelled_links_without_a_headline_slug_are_kept() -> None:
    # A slug only in the host, a "#fragment" or an e-mail address names no other story, and
    # words between the label and the link make a sentence of the story's own.
    kept = [
        (
            "Website: Old Town Bridge Builders and Sons",
            "<p>Website: <a href='https://old-town-bridge-builders-and-sons.example/'>"
            "Old Town Bridge Builders and Sons</a></p>",
        ),
        (
            "Costs: Who pays for the bridge over the next years",
            "<p>Costs: <a href='/bridge#who-pays-for-the-bridge-over-the-next-years'>"
            "Who pays for the bridge over the next years</a></p>",
        ),
        (
            "Email: anna.berg@old.town.bridge.example",
            "<p>Email: <a href='mailto:anna.berg@old.town.bridge.example'>"
            "anna.berg@old.town.bridge.example</a></p>",
        ),
        (
            "Next steps: find out how much the bridge toll will cost you",
            "<p>Next steps: find out <a href='/how-much-the-bridge-toll-will-cost-you'>"
            "how much the bridge toll will cost you</a></p>",
        ),
    ]
    for line, html in kept:
        assert _one_labelled_line(line, html) == [*STORY[:3], line, *STORY[3:]], line


# A story card inside the story: a label, a headline link to another story, its summary.
TEASER_CARD = (
    "<div class='more'><p class='label'>Read more</p><div class='card'>"
    "<a href='/city/bakery-wins-the-regional-bread-prize-again'>"
    "Bakery wins the regional bread prize again</a>"
    "<p>The small shop on the market square took the prize for the seventh year.</p>"
    "</div></div>"
)
TEASER_CARD_LINES = [
    "Read more",
    "The small shop on the market square took the prize for the seventh year.",
]


def test_story_card_summary_and_label_go() -> None:
    page = f"<article><h1>Bridge</h1>{_paragraphs(STORY[:3])}{TEASER_CARD}{_paragraphs(STORY[3:])}"
    lines = STORY[:3] + TEASER_CARD_LINES + STORY[3:]
    assert drop_foreign(_tree(page + "</article>"), lines) == STORY


def test_link_inside_a_sentence_or_read_in_the_body_makes_no_card() -> None:
    # "Also read <a>…</a>" inside a paragraph, and a quote whose source line the body keeps.
    also = (
        "<div><p>" + STORY[0] + "</p><p><strong>Also read <a href='/city/bakery-wins-the-"
        "regional-bread-prize-again'>Bakery wins the regional bread prize again</a>"
        "</strong></p></div>"
    )
    kept = drop_foreign(_tree(f"<article>{also}{_paragraphs(STORY[1:])}</article>"), STORY)
    assert kept == STORY
    source = "Bakery wins the regional bread prize again"
    quote = (
        f"<blockquote><p>{STORY[0]}</p><p><a href='/city/bakery-wins-the-regional-bread-"
        f"prize-again'>{source}</a></p></blockquote>"
    )
    lines = [STORY[0], source, *STORY[1:]]
    page = _tree(f"<article>{quote}{_paragraphs(STORY[1:])}</article>")
    assert drop_foreign(page, lines) == lines


def test_card_is_small_beside_its_headline_not_beside_another_link() -> None:
    # A block with a headline link and, in a sentence, a longer link to another story: the
    # block is a card only when its other words are few beside the line and the headline.
    headline = "<a href='/city/bakery-wins-the-regional-bread-prize-again'>" + (
        "Bakery wins the regional bread prize again</a>"
    )
    inline = (
        "<a href='/city/the-old-mill-reopens-its-doors-after-ten-years'>"
        "the old mill reopens its doors after ten years</a>"
    )
    summary = "The small shop on the market square took the prize for the seventh year."

    def card(words: str) -> str:
        return (
            f"<div class='card'>{headline}<p>{summary}</p>"
            f"<p class='aside'>{words} {inline}</p></div>"
        )

    # The card holds 31 words with the few, 34 with the many (the headline's last word and
    # the summary's first read as one): 34 is 13 over the summary and the headline, and 11
    # over the summary and the longer link.
    few, many = "See also", "Our reporters also wrote that"
    for extra, dropped in ((few, True), (many, False)):
        page = f"<article><h1>Bridge</h1>{_paragraphs(STORY[:3])}{card(extra)}"
        page += f"{_paragraphs(STORY[3:])}</article>"
        lines = [*STORY[:3], summary, *STORY[3:]]
        assert drop_foreign(_tree(page), lines) == (STORY if dropped else lines), extra


def test_element_text_shortcut_reads_what_text_content_reads() -> None:
    # Leaves, empty elements, inline markup, and comments or a processing instruction inside.
    page = _tree(
        "<p>A leaf</p><p></p><p>x <a href='/a'>y</a> z</p><p><!-- note -->after</p>"
        "<li>one<?php echo 1 ?>two</li><h2>Tom &amp; Jerry&nbsp;again</h2><dd><br></dd>"
        "<p>a<script>var x = 1;</script>b<style>.c {}</style><b><i>deep</i> er</b> Ünïcödé</p>"
    )
    elements = list(page.iter("p", "li", "h2", "dd"))
    assert [_text_of(e) for e in elements] == [e.text_content() for e in elements]
    assert [_text_of(e) for e in elements][:4] == ["A leaf", "", "x y z", "after"]


def test_line_key_from_the_word_key_is_the_match_key() -> None:
    for text in KEY_TEXTS:
        assert _key(text) == match_key(text), text


def test_each_line_is_found_in_the_first_element_showing_it() -> None:
    # Elements passed over on their first letters (a menu), texts opening with a quote mark,
    # spaces or a sharp s, and a line shown twice (the first element shows it).
    page = _tree(
        "<ul><li>Home</li><li>Sport</li></ul>"
        "<p>  Strasse und Platz wurden gesperrt.</p>"
        "<p>“Quoted” words open this line.</p>"
        "<h2>ßen ist kein Wort, aber ein Test.</h2>"
        "<div><p>The same line twice.</p></div><blockquote><p>The same line twice.</p></blockquote>"
    )
    lines = [
        "Strasse und Platz wurden gesperrt.",
        '"Quoted" words open this line.',
        "SSEN ist kein Wort, aber ein Test.",
        "The same line twice.",
        "A line the page does not show.",
    ]
    shown = _Shown(page, lines)
    found = [shown.get(line) for line in lines]
    paragraphs = list(page.iter("p"))
    assert found == [paragraphs[0], paragraphs[1], next(page.iter("h2")), paragraphs[2], None]


def test_paragraphs_keyed_already_are_found_by_those_keys() -> None:
    # GIVEN the body steps' word keys of a page's paragraphs (drop_foreign's paragraph_keys)
    page = _tree(
        "<ul><li>Home</li></ul><p>The council <b>voted</b> on Tuesday.</p>"
        "<div><p>Works start in May.</p></div><li>The council voted on Tuesday.</li>"
    )
    first, second = page.iter("p")
    known = {first: word_key(_text_of(first)), second: word_key(_text_of(second))}
    lines = ["The council voted on Tuesday.", "Works start in May.", "Home"]
    # WHEN / THEN each line is shown by the same element as when every element is read
    assert [_Shown(page, lines, known).get(line) for line in lines] == [
        _Shown(page, lines).get(line) for line in lines
    ]
    # and a known key is taken as the paragraph's (its text is not read again)
    assert (
        _Shown(page, ["Works begin in June."], {second: "works begin in june"}).get(
            "Works begin in June."
        )
        is second
    )


def test_lines_holding_a_key_are_the_longer_ones_in_body_order() -> None:
    # keys as _key makes them; lines of one length and of every order of lengths
    keys = ["harbour", "theharbourwall", "oldharbourwall", "harb", "thenewharbourwallopens", ""]
    longer = _LongerLines(keys)
    assert longer.holding("harbour") == [1, 2, 4]
    assert longer.holding("harbourwall") == [1, 2, 4]
    assert longer.holding("theharbourwall") == []
    assert longer.holding("wallopens") == [4]
    assert longer.holding("ferry") == []
