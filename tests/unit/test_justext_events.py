"""jusText's paragraph maker reads the tree through ``fallback_paths._saxify``: the events
lxml's SAX producer gives it, in the same order."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import lxml.sax  # type: ignore[import-not-found]  # lxml-stubs has no lxml.sax
from lxml import etree

from newsflow.extract import fallback_paths

SETS = Path(__file__).resolve().parents[1]
PAGES = [
    gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    for sample in ("devset", "modernset")
    for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:10]
]


class _Events:
    """A SAX handler that records what it is given, as jusText's paragraph maker reads it."""

    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []

    def startDocument(self) -> None:  # noqa: N802  # SAX's names
        self.events.append(("document",))

    def endDocument(self) -> None:  # noqa: N802
        self.events.append(("/document",))

    def startElementNS(self, name: tuple[str | None, str], qname: Any, attrs: Any) -> None:  # noqa: N802
        self.events.append(("start", name[1]))  # jusText reads the local name only

    def endElementNS(self, name: tuple[str | None, str], qname: Any) -> None:  # noqa: N802
        self.events.append(("end", name[1]))

    def characters(self, content: str) -> None:
        self.events.append(("text", content))

    def __getattr__(self, name: str) -> Callable[..., None]:  # the events jusText ignores
        return lambda *args: None


EVENTS = """<html><body><!-- a comment -->tail of the comment
<p class="lead">Text <b>bold</b> tail<br/>after the break<?php echo 1; ?>after the instruction
</p><svg xmlns="http://www.w3.org/2000/svg"><g><text>in a namespace</text></g></svg>
{more}<div>   </div></body></html>"""
# as XML: a namespace on the svg, processing instructions beside the root
XML = '<?xml-stylesheet href="a.css"?>' + EVENTS.format(more="") + "<?after the root?>"


def test_the_walk_gives_the_events_of_lxmls_sax_producer() -> None:
    trees = [etree.fromstring(XML.encode()).getroottree().getroot()]
    assert trees[0].getprevious() is not None and trees[0].getnext() is not None
    html = EVENTS.format(more="<fb:like>a prefixed tag</fb:like>")
    trees += [lxml.html.document_fromstring(text) for text in [html, *PAGES]]
    for tree in trees:
        ours, theirs = _Events(), _Events()
        fallback_paths._saxify(tree, ours)
        lxml.sax.saxify(tree, theirs)
        assert ours.events == theirs.events
        assert ("text", "after the instruction\n") in ours.events or tree is not trees[0]
