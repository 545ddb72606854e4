"""A listicle or slideshow told in item cards keeps its cards, and its introduction.

The fault kind (found by a held-out check): a list article whose whole text sits in repeated
card blocks, each an image, an item heading, a short paragraph and a "2 / 5" counter, with a
small "Shop the story" product list beside it. The body came back as the product list. The
pages here are our own, in four markups: BEM, utility classes, hashed CSS-module names and
no classes at all.
"""

from __future__ import annotations

import re

import pytest
from lxml.html import document_fromstring

from newsflow.extract.article import extract_article
from newsflow.extract.cards import without_slide_counters
from newsflow.extract.teasers import drop_teasers

URL = "https://home.example.net/2026/11/28/small-balcony-garden-ideas"
TITLE = "Seven ways to grow a garden on a small balcony"
INTRO = (
    "A balcony of two square metres can feed a kitchen all summer if you plan it like a "
    "room. We asked three city gardeners how they make the most of a narrow ledge, a rail "
    "and a wall that gets the sun for only half the day."
)
ITEMS = [
    (
        "Start with the wall, not the floor",
        "Vertical pockets and rail planters free the floor for a chair. Herbs such as thyme "
        "and oregano like the dry top rows, while mint and parsley do better lower down "
        "where the water collects after each watering.",
    ),
    (
        "Pick dwarf varieties of vegetables",
        "Breeders now sell tomatoes, peppers and even courgettes bred for pots of twenty "
        "litres. They crop early, need no staking and stay compact enough to leave room "
        "for a small table by the door.",
    ),
    (
        "Water from below with a wick",
        "A cotton wick running from a bottle into the soil keeps pots damp through a long "
        "weekend away. Self-watering boxes work on the same principle and stop the roots "
        "from drying out in a hot afternoon.",
    ),
    (
        "Mind the weight on the slab",
        "Wet soil is heavy, so check what your balcony can carry before you fill large "
        "troughs. Light mixes with coir and perlite weigh about half as much as garden soil "
        "and drain far better in heavy rain.",
    ),
    (
        "Grow climbers along the railing",
        "Runner beans and sweet peas climb a string trellis within weeks and screen the "
        "balcony from the street. Their flowers also bring bees up to the fifth floor, "
        "which helps every other plant set fruit.",
    ),
]
PRODUCTS = [
    ("Rail planter, set of two", "£24"),
    ("Coir potting mix, 20 L", "£9"),
    ("Self-watering window box", "£31"),
    ("Cotton wick kit", "£6"),
]


def _bem(items: list[tuple[str, str]], products: str) -> str:
    cards = "".join(
        f"<div class='slideshow__slide'><figure class='slideshow__media'>"
        f"<img src='/img/{i}.jpg' alt=''><figcaption>Photo: Lena Ruiz</figcaption></figure>"
        f"<h2 class='slideshow__title'>{h}</h2><p class='slideshow__text'>{p}</p>"
        f"<span class='slideshow__count'>{i + 1} / {len(items)}</span></div>"
        for i, (h, p) in enumerate(items)
    )
    return (
        f"<main class='page'><article class='listicle'><h1 class='listicle__title'>{TITLE}</h1>"
        f"<p class='listicle__opening'>{INTRO}</p><div class='listicle__slides'>{cards}</div>"
        f"</article><aside class='shop-the-story'>{products}</aside></main>"
    )


def _utility(items: list[tuple[str, str]], products: str) -> str:
    cards = "".join(
        f"<div class='mt-6 flex flex-col gap-2 rounded-lg'><img class='w-full' src='/p/{i}.webp'>"
        f"<h2 class='text-xl font-bold'>{h}</h2><p class='text-base leading-7'>{p}</p>"
        f"<div class='text-sm text-gray-500'>{i + 1}/{len(items)}</div></div>"
        for i, (h, p) in enumerate(items)
    )
    return (
        "<div class='container mx-auto grid grid-cols-12'><div class='col-span-8'>"
        f"<h1 class='text-4xl'>{TITLE}</h1><div class='prose'><p class='text-lg'>{INTRO}</p></div>"
        f"<div class='space-y-8'>{cards}</div></div>"
        f"<div class='col-span-4'>{products}</div></div>"
    )


def _hashed(items: list[tuple[str, str]], products: str) -> str:
    cards = "".join(
        f"<section class='Slide_root__x7Qa2'><div class='Slide_img__9kLpe'>"
        f"<picture><img src='/m/{i}.avif'></picture></div>"
        f"<h2 class='Slide_heading__Tz0b1'>{h}</h2>"
        f"<div class='Slide_body__aa1Zq'><p>{p}</p></div>"
        f"<p class='Slide_counter__3fGhh'>{i + 1} of {len(items)}</p></section>"
        for i, (h, p) in enumerate(items)
    )
    return (
        f"<div class='Layout_main__Ue4s0'><h1 class='Headline_h1__p0Lx2'>{TITLE}</h1>"
        f"<div class='Intro_wrap__k2Jd9'><p>{INTRO}</p></div>"
        f"<div class='Gallery_track__mm1Vb'>{cards}</div></div>"
        f"<div class='Rail_side__Qw8e3'>{products}</div>"
    )


def _bem_div_text(items: list[tuple[str, str]], products: str) -> str:
    cards = "".join(
        f"<div class='slideshow__slide'><img class='slideshow__img' src='/img/{i}.jpg' alt=''>"
        f"<h2 class='slideshow__heading'>{h}</h2><div class='slideshow__text'>{p}</div>"
        f"<span class='slideshow__counter'>{i + 1} / {len(items)}</span></div>"
        for i, (h, p) in enumerate(items)
    )
    return (
        f"<div class='wrap'><h1 class='headline'>{TITLE}</h1><p class='byline'>By Ana Reyes</p>"
        f"<div class='listicle'><p class='listicle__lede'>{INTRO}</p>{cards}</div>"
        f"<div class='shop-the-story'>{products}</div></div>"
    )


def _linked_items(items: list[tuple[str, str]], products: str) -> str:
    # each item heading links to the thing on a shop's site, as affiliate listicles do
    cards = "".join(
        f"<li class='ListItem-module__item--Xb3'><img src='/l/{i}.jpg'>"
        f"<h3 class='ListItem-module__name--q1Z'><a href='https://garden-shop.example.com/p/{i}'>"
        f"{h}</a></h3><p class='ListItem-module__copy--7Hd'>{p}</p>"
        f"<span class='ListItem-module__pos--Lw0'>{i + 1} of {len(items)}</span></li>"
        for i, (h, p) in enumerate(items)
    )
    return (
        f"<div class='Article-module__main--t2'><h1>{TITLE}</h1><p>{INTRO}</p>"
        f"<ol class='ListItem-module__list--Pp4'>{cards}</ol></div><aside>{products}</aside>"
    )


def _own_reviews(items: list[tuple[str, str]], products: str) -> str:
    # item headings link to the site's own review of each thing; the intro runs into them
    cards = "".join(
        f"<div class='c-item'><h3 class='c-item__title'><a href='/reviews/item-{i}'>{h}</a></h3>"
        f"<p>{p}</p></div>"
        for i, (h, p) in enumerate(items)
    )
    return f"<div class='c-post'><h1>{TITLE}</h1><p>{INTRO}</p>{cards}</div><div>{products}</div>"


def _bare(items: list[tuple[str, str]], products: str) -> str:
    cards = "".join(
        f"<div><img src='/i/{i}.png'><h2>{h}</h2><p>{p}</p><small>{i + 1} / {len(items)}</small>"
        "</div>"
        for i, (h, p) in enumerate(items)
    )
    return f"<div><h1>{TITLE}</h1><p>{INTRO}</p><div>{cards}</div></div><div>{products}</div>"


def _products() -> str:
    rows = "".join(
        f"<li><a href='https://shop.example.com/p/{n}'><img src='/s/{n}.jpg'>"
        f"<span>{name}</span></a><span>{price}</span>"
        f"<a href='https://shop.example.com/p/{n}'>Buy now</a></li>"
        for n, (name, price) in enumerate(PRODUCTS)
    )
    return f"<h3>Shop the story</h3><ul>{rows}</ul>"


def _page(layout: str) -> bytes:
    menu = "".join(f"<li><a href='/topic/{i}'>Topic {i}</a></li>" for i in range(30))
    return (
        f"<html><head><title>{TITLE} | Home Weekly</title></head><body>"
        f"<header><nav><ul>{menu}</ul></nav></header>{layout}"
        "<footer><p>© 2026 Home Weekly. All rights reserved.</p></footer></body></html>"
    ).encode()


LAYOUTS = {
    "bem": _bem,
    "bem_div_text": _bem_div_text,
    "utility": _utility,
    "hashed": _hashed,
    "linked_items": _linked_items,
    "own_reviews": _own_reviews,
    "bare": _bare,
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_listicle_item_cards_are_the_body(name: str) -> None:
    # GIVEN a list article whose text is one card per item, with a product list beside it
    page = _page(LAYOUTS[name](ITEMS, _products()))
    # WHEN it is extracted
    lines = extract_article(page, URL).paragraphs
    text = "\n".join(lines)
    # THEN every item's heading and paragraph is in the body, in order, with the introduction
    wanted = [INTRO] + [line for item in ITEMS for line in item]
    positions = [text.find(line) for line in wanted]
    assert -1 not in positions, [w for w, p in zip(wanted, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    # AND neither are the slides' counters ("2 / 5") nor the product list beside it
    assert not [line for line in lines if re.fullmatch(r"\d+ ?(/|of) ?\d+", line)]
    assert "Coir potting mix" not in text


def test_slide_counters_leave_but_a_lone_fraction_stays() -> None:
    # GIVEN body lines with a slideshow's counters, and a story line that is a bare score
    lines = ["Item one text.", "1 / 3", "Item two text.", "2/3", "Final score", "3/4", "3 of 3"]
    # WHEN the counters are taken out
    kept = without_slide_counters(lines)
    # THEN the three counters of one total leave and the lone "3/4" stays
    assert kept == ["Item one text.", "Item two text.", "Final score", "3/4"]
    # AND two counters are no slideshow: nothing leaves
    assert without_slide_counters(["1 / 2", "Text.", "2 / 2"]) == ["1 / 2", "Text.", "2 / 2"]


def test_a_grid_linking_to_the_sites_own_stories_is_still_teasers() -> None:
    # GIVEN a grid under its own heading whose headlines link to other stories of this site
    cards = "".join(
        f"<div class='tile'><h3><a href='https://home.example.net/2026/11/{i}/story-{i}'>{h}</a>"
        f"</h3><p>{p[:160]}</p></div>"
        for i, (h, p) in enumerate(ITEMS)
    )
    html = (
        f"<html><body><h1>{TITLE}</h1><p>{INTRO}</p><section><h2>More from Home Weekly</h2>"
        f"<div class='tiles'>{cards}</div></section></body></html>"
    )
    excerpts = [p[:160] for _, p in ITEMS]
    # WHEN teasers are dropped from a body holding their excerpts, THEN only the intro stays
    assert drop_teasers(document_fromstring(html), [INTRO, *excerpts], URL) == [INTRO]
    # AND the same cards linking to a shop's pages stay
    shop = html.replace("https://home.example.net/2026/11/", "https://garden-shop.example.com/")
    assert drop_teasers(document_fromstring(shop), [INTRO, *excerpts], URL) == [INTRO, *excerpts]


def test_short_item_cards_the_extractor_cut_short_go_back() -> None:
    # GIVEN a listicle of short items (22 words each) whose headings link to a shop, where the
    # extractor keeps the first cards' paragraphs and drops the last ones
    items = [(h, " ".join(p.split()[:22]) + ".") for h, p in ITEMS]
    cards = "".join(
        f"<div class='c-list__card'><figure><img src='/img/{i}.jpg'></figure>"
        f"<h2><a href='https://garden-shop.example.com/i/{i}'>{h}</a></h2>"
        f"<p class='c-list__text'>{p}</p></div>"
        for i, (h, p) in enumerate(items)
    )
    layout = (
        f"<main><h1>{TITLE}</h1><div class='c-list'><p>{INTRO}</p>{cards}</div>"
        f"<aside class='shop'>{_products()}</aside></main>"
    )
    # WHEN it is extracted
    lines = extract_article(_page(layout), URL).paragraphs
    # THEN every item's paragraph is in the body, in page order
    assert [line for line in lines if line in [p for _, p in items]] == [p for _, p in items]


@pytest.mark.parametrize("hidden_first", [False, True])
def test_slides_the_script_hides_are_the_body(hidden_first: bool) -> None:
    # GIVEN a slideshow listicle whose slides after the first (or all) are display:none until
    # its script shows them, with a "Shop the story" list beside it
    hide = " style='display: none'"
    cards = "".join(
        f"<div class='gallery-slide'{hide if hidden_first or i else ''}>"
        f"<img src='/g/{i}.jpg'><h2 class='gallery-slide__title'>{h}</h2>"
        f"<p class='gallery-slide__copy'>{p}</p><span>{i + 1} / {len(ITEMS)}</span></div>"
        for i, (h, p) in enumerate(ITEMS)
    )
    layout = (
        f"<main><h1>{TITLE}</h1><div class='gallery'>{cards}</div>"
        f"<aside class='shop-the-story'>{_products()}</aside></main>"
    )
    # WHEN it is extracted
    lines = extract_article(_page(layout), URL).paragraphs
    # THEN every item's heading and paragraph is in the body, and no product
    assert [line for line in lines if "Rail planter" not in line] == [
        line for item in ITEMS for line in item
    ]
