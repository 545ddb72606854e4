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
