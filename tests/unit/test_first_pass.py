"""The first strategy's pass gives exactly trafilatura.extract's precision text, cheaper."""

import gzip
import json
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsflow.extract.first_pass import precision_text

SETS = Path(__file__).resolve().parents[1]
# pages of both samples: with and without comment sections and forum markup
PAGES = [
    (path, json.loads((path.parents[1] / "ground-truth.json").read_text())[path.name[:-8]]["url"])
    for sample in ("devset", "modernset")
    for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:15]
]
COMMENTS = (
    "<html><body><article><h1>Flood barrier approved</h1>"
    + "".join(
        f"<p>Paragraph {i}: the council approved the flood barrier after a long debate "
        "about its cost, its timing and the homes along the river.</p>"
        for i in range(8)
    )
    # inside the article, where only these prunes catch them
    + "<div id='comments'><p>First! What a waste of money this barrier is, "
    "honestly, and nobody asked us.</p></div>"
    "<div class='infinite-scroll'><p>Next story: the mayor opens a new bridge over the "
    "river to the north of the old town.</p></div></article></body></html>"
)


def _extract(tree: HtmlElement, url: str | None) -> str | None:
    return trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        favor_precision=True,
        fast=True,
        with_metadata=False,
        deduplicate=False,
    )


@pytest.mark.parametrize(("path", "url"), PAGES, ids=[p.name[:12] for p, _ in PAGES])
def test_same_text_as_trafilatura_precision_mode(path: Path, url: str) -> None:
    tree = load_html(gzip.decompress(path.read_bytes()))
    assert isinstance(tree, HtmlElement)
    assert precision_text(tree, url) == _extract(tree, url)


def test_comment_sections_and_scroll_containers_are_still_pruned() -> None:
    tree = load_html(COMMENTS)
    assert isinstance(tree, HtmlElement)
    text = precision_text(tree, "https://news.example.com/barrier")
    assert text == _extract(tree, "https://news.example.com/barrier")
    assert text is not None and "Paragraph 7" in text
    assert "First!" not in text and "mayor opens" not in text


def test_the_tree_passed_in_is_not_changed() -> None:
    tree = load_html(COMMENTS)
    assert isinstance(tree, HtmlElement)
    before = etree.tostring(tree)
    precision_text(tree, None)
    assert etree.tostring(tree) == before
