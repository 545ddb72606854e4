"""The body's walks that stand in for XPath queries find what the queries find."""

from __future__ import annotations

from lxml.html import fromstring

from newsflow.extract import body

CONTROLS = ".//form|.//input|.//button|.//select|.//textarea"
MARKUP = (
    "<html><body><div id='story'><p>Plain prose.</p><div><p>More prose.</p></div></div>"
    "<div id='signup'><p>Get the digest.</p><div><div><input type='email'></div></div></div>"
    "<form id='bare'><p>A form with no control inside.</p></form>"
    "<section id='poll'><label>Pick one<select><option>A</option></select></label></section>"
    "<div id='embed'><button>Load the video</button><textarea></textarea></div>"
    "</body></html>"
)


def test_has_controls_is_the_controls_xpath_on_every_element() -> None:
    tree = fromstring(MARKUP)
    elements = list(tree.iter())
    assert [body._has_controls(el) for el in elements] == [
        bool(el.xpath(CONTROLS)) for el in elements
    ]
    found = {el.get("id") for el in elements if el.get("id") and body._has_controls(el)}
    assert found == {"signup", "poll", "embed"}  # the form itself is no control below it


LINKS = (
    "<html><body><p>Story text.</p><nav>"
    "<a href='/1'>  World News</a><a href='/2'>world</a><a href='/3'>US</a>"
    "<a href='/4'>Économie et marchés</a><a href='/5'>\u200bHidden Start</a>"
    "<a href='/6'>Line<br>Break Story</a><a href='/7'>ABCD-efgh</a><a href='/8'></a>"
    "<a href='/9'>“Quoted” title here</a><a href='/10'>Wor\u00adld Cup</a>"
    "<a href='/11'>İstanbul Notes</a><a href='/12'><b>Bold</b> and more</a>"
    "</nav></body></html>"
)


def test_a_link_key_is_found_as_reading_every_link_finds_it() -> None:
    tree = fromstring(LINKS)
    every = set(body._link_texts(tree))  # iterating reads every link's key
    asked = [
        *every,
        *(key[:n] for key in every for n in (2, 4, 5)),
        "",
        "world news extra",
        "abcd",
        "abcd efgh",
        "line break story",
        "wor",
    ]
    for key in asked:  # a fresh lookup per key, and one lookup serving them all in turn
        assert (key in body._link_texts(tree)) == (key in every), key
    links = body._link_texts(tree)
    assert [key in links for key in asked] == [key in every for key in asked]
    assert {"world news", "us", "abcd efgh", "linebreak story", "world cup"} <= every
