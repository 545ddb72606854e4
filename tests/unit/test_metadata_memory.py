"""The body-text searches of metadata.collect on a page whose body holds a script's state."""

from __future__ import annotations

import json
import sys
import tracemalloc

import lxml.html

from newsflow.extract import metadata
from newsflow.extract.candidates import Candidates

# A framework's page state in the body: one text node of about a megabyte, with an emoji (so
# four bytes a character as a str), as minified modern pages carry it.
STATE = json.dumps(
    {"items": [{"id": i, "title": "Harbour news 🌊"} for i in range(40000)]}, ensure_ascii=False
)
PAGE = f"""<html><head><title>Ferry timetable changes</title></head><body>
<script>self.__state = {STATE};</script>
<article><h1>Ferry timetable changes</h1>
<div><span>By</span> <a href="/people/mara-lind">Mara Lind</a></div>
<p>Published: March 4, 2025</p>
<p>The harbour board moves the evening ferry to a later hour from next month.</p>
</article></body></html>"""


def _collected() -> tuple[Candidates, int]:
    tree = lxml.html.document_fromstring(PAGE)
    tracemalloc.start()
    try:
        found = metadata.collect(tree)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return found, peak


def test_the_label_byline_and_the_dateline_are_found_past_a_script_state() -> None:
    found, _ = _collected()
    assert [ref.name for refs, _ in found.authors for ref in refs] == ["By Mara Lind"]
    assert [c.value for c in found.get("dateline")] == ["Published: March 4, 2025"]


def test_a_script_state_is_read_once_and_not_held_or_joined() -> None:
    _, peak = _collected()
    state_size = sys.getsizeof(f"self.__state = {STATE};")
    # the XPath's str of the state is made once and dropped; it was kept and joined (2x)
    assert peak < 1.5 * state_size
