"""The precision pass tells a forum thread page as trafilatura does."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml.html import HtmlElement
from trafilatura import core
from trafilatura.utils import load_html

from newsflow.extract.content_paths import FORUM_POSTING, forum_thread_page

SETS = Path(__file__).resolve().parents[1]
LD = '<script type="application/ld+json">{}</script>'
# JSON-LD of a forum thread (as a type, in a list of types, spaced), of an article naming the
# word elsewhere, scripts of other types, an empty script
SCRIPTS = [
    '{"@type": "DiscussionForumPosting", "headline": "Pier repairs?"}',
    '{"@type":["WebPage","DiscussionForumPosting"]}',
    '{"@type" :\n "DiscussionForumPosting"}',
    '{"@type": "NewsArticle", "about": "DiscussionForumPosting"}',
    '{"@type": "NewsArticle", "headline": "Pier repairs approved"}',
    "",
]


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_script_gives_trafilaturas_answer(script: str) -> None:
    for markup in (LD.format(script), LD.replace("ld+json", "json").format(script)):
        tree = load_html(f"<html><head>{markup}</head><body><p>Pier</p></body></html>")
        assert isinstance(tree, HtmlElement)
        assert forum_thread_page(tree) is core._forum_thread_page(tree)


def test_the_forum_scripts_are_found() -> None:
    found = []
    for script in SCRIPTS:
        tree = load_html(f"<html><head>{LD.format(script)}</head><body><p>P</p></body></html>")
        assert isinstance(tree, HtmlElement)
        found.append(forum_thread_page(tree))
    assert found == [True, True, True, False, False, False]


def test_every_branch_of_the_regex_holds_the_word() -> None:
    branches = core._DISCUSSION_FORUM_POSTING_RE.pattern.split("|")
    assert len(branches) == 2
    assert all(FORUM_POSTING in branch for branch in branches)


def test_sample_pages_give_trafilaturas_answer() -> None:
    for sample in ("devset", "modernset"):
        for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:15]:
            tree = load_html(gzip.decompress(path.read_bytes()))
            assert isinstance(tree, HtmlElement)
            assert forum_thread_page(tree) is core._forum_thread_page(tree)
