"""The main-content step with its backup built again gives trafilatura's extract_content."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from copy import copy
from pathlib import Path

import lxml.etree
import trafilatura.main_extractor
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import convert_tags
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from newsflow.extract import content_paths, first_pass

SETS = Path(__file__).resolve().parents[1]

# A story whose container holds one short paragraph, its text in loose paragraphs around it:
# the main pass is short and the recovery of wild text runs (skipping what the main pass took).
LOOSE = (
    "<html><body><article><p>Flood barrier approved.</p></article><div class='x'>"
    + "".join(
        f"<p>Paragraph {i}: the council of Eastmere approved the flood barrier after a long "
        "debate about its cost and the homes along the river.</p>"
        for i in range(6)
    )
    + "<pre>a = 1</pre><table><tr><td>Cost</td><td>4 million</td></tr></table>"
    "</div></body></html>"
)
# A short story of list items and a quote holding paragraphs: the main pass takes them and
# marks their paragraphs consumed, which the recovery must skip (too short to be deduplicated)
CONSUMED = (
    "<html><body><article><ul><li><p>Pier</p></li><li><p>Ferry</p></li></ul>"
    "<blockquote><p>Vote</p></blockquote></article><div><p>Short words here.</p></div>"
    "</body></html>"
)
STORY = (
    "<html><body><article><h1>Flood barrier approved</h1>"
    + "".join(
        f"<p>Paragraph {i}: the council approved the flood barrier after a long debate.</p>"
        for i in range(8)
    )
    + "</article></body></html>"
)


def _maker(text: str, precision: bool) -> tuple[Callable[[], HtmlElement], list[int], Extractor]:
    """A function building the page's cleaned tree, the count of its calls, the settings."""
    options = Extractor(output_format="txt", fast=True, precision=precision)
    tree = load_html(text)
    assert isinstance(tree, HtmlElement)
    calls = [0]

    def make() -> HtmlElement:
        calls[0] += 1
        return convert_tags(content_paths.tree_cleaning(copy(tree), options), options)

    return make, calls, options


def _same(text: str, precision: bool) -> int:
    """Checks both steps give the same body and text; the number of trees built."""
    make, calls, options = _maker(text, precision)
    body, temp = content_paths.extract_content_remade(make, options)
    built = calls[0]
    their_body, their_temp = trafilatura.main_extractor.extract_content(make(), options)
    assert temp == their_temp
    assert lxml.etree.tostring(body) == lxml.etree.tostring(their_body)
    return built


def test_a_short_main_pass_recovers_from_a_tree_built_again() -> None:
    for precision in (True, False):
        assert _same(LOOSE, precision) == 2  # the main pass's tree, then the backup
        assert _same(CONSUMED, precision) == 2
        assert _same(STORY, precision) == 1  # no recovery: no backup


def test_sample_pages_give_trafilaturas_body() -> None:
    texts = [
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for sample in ("devset", "modernset")
        for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:12]
    ]
    built = [_same(text, precision) for text in texts for precision in (True, False)]
    assert set(built) == {1, 2}  # pages with and without recovery


def test_the_precision_pass_recovers_as_trafilatura() -> None:
    tree = load_html(LOOSE)
    assert isinstance(tree, HtmlElement)
    text = first_pass.precision_text(tree, "https://news.example.com/barrier")
    assert text == trafilatura.extract(
        tree,
        url="https://news.example.com/barrier",
        favor_precision=True,
        fast=True,
        include_comments=False,
        deduplicate=False,
    )
    assert text is not None and "Paragraph 5" in text and "Flood barrier approved." in text
