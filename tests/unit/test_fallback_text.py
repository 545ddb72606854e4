"""The later strategies' pass (``fallback_paths.fallback_text``) gives exactly
trafilatura.extract's text in its default and recall modes."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from copy import copy
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsflow.extract import fallback_paths
from newsflow.extract.content_paths import rebound
from newsflow.extract.fallback_paths import fallback_text
from newsflow.extract.xpath import class_and_id_values

SETS = Path(__file__).resolve().parents[1]
PAGES = [
    (
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace"),
        json.loads((path.parents[1] / "ground-truth.json").read_text())[path.name[:-8]]["url"],
    )
    for sample in ("devset", "modernset")
    for path in sorted((SETS / sample / "html").glob("*.html.gz"))[:10]
]

_TEASERS = "".join(
    f"<li><a href='/c/{i}'>Council story {i}: the council met again on Tuesday evening to "
    f"discuss item {i} of the agenda, and members agreed to meet next month</a></li>"
    for i in range(12)
)
# A short story among teasers, comments and an endless-scroll block: the default mode compares
# with readability, falls back to jusText and the baseline, then escalates to recall.
SHORT_STORY = f"""<html lang="en"><head><title>Ferry timetable changes</title></head><body>
<div id="cookie-notice">We use cookies to improve your experience on this site.</div>
<nav><ul>{"".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(30))}</ul></nav>
<div class="layout"><div class="col"><p>The island ferry will run an hour later on Sundays
from May, the operator said, after residents asked for a later return crossing.</p></div>
<div class="col"><ul>{_TEASERS}</ul></div></div>
<div id="comments"><p>Finally! We have asked for this for years, said a reader.</p></div>
<div class="infinite-scroll"><p>Next story: the harbour master retires after thirty years of
service to the island and its fishing fleet.</p></div>
<div class="site-footer"><p>Copyright the Island Courier. All rights reserved.</p></div>
</body></html>"""
# The same story without comments or endless scroll: no prune runs, and the steps read the
# caller's tree itself (each that changes a tree, a copy).
PLAIN_STORY = SHORT_STORY.replace('id="comments"', 'id="letters"').replace(
    'class="infinite-scroll"', 'class="more"'
)
# A forum thread (schema.org DiscussionForumPosting): its posts sit in comment containers
# that the default mode keeps.
FORUM = """<html lang="en"><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Tide tables"}
</script></head><body><h1>Where do I find the tide tables?</h1>
<div class="comments"><div class="comment"><p>The harbour office prints them every spring and
leaves copies at the ferry terminal, the library and the fish market.</p></div>
<div class="comment"><p>They are online too, on the port authority's page about moorings, with
a table for each month of the year and the heights at both ends of the bay.</p></div></div>
</body></html>"""
# A page whose meta data names another language than the one asked for: discarded.
OTHER_LANGUAGE = SHORT_STORY.replace(
    "<head>", '<head><meta http-equiv="content-language" content="de">'
)
INVENTED = [
    (SHORT_STORY, "https://courier.example/ferry"),
    (PLAIN_STORY, None),
    (FORUM, None),
    (OTHER_LANGUAGE, ""),
]


def _theirs(tree: HtmlElement, url: str | None, recall: bool, language: str | None) -> str | None:
    return trafilatura.extract(
        copy(tree),
        url=url,
        include_comments=False,
        favor_recall=recall,
        with_metadata=False,
        deduplicate=False,
        target_language=language,
    )


@pytest.mark.parametrize("recall", [False, True])
@pytest.mark.parametrize("language", [None, "en"])
def test_same_text_as_trafilatura(recall: bool, language: str | None) -> None:
    for text, url in INVENTED + PAGES:
        tree = load_html(text)
        assert isinstance(tree, HtmlElement)
        before = etree.tostring(tree)
        expected = _theirs(tree, url, recall, language)
        for marks in (None, class_and_id_values(tree)):
            ours = fallback_text(tree, url, recall=recall, target_language=language, marks=marks)
            assert ours == expected
        assert etree.tostring(tree) == before  # the caller's tree is left as it was


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the fallback steps that ran, while the test runs."""
    ran: list[str] = []

    def counted(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            ran.append(name)
            return step(*args, **kwargs)

        return run

    for name in ("_justext_rescue", "_baseline_rescue", "_escalation_page_length"):
        monkeypatch.setattr(fallback_paths, name, counted(name, getattr(fallback_paths, name)))
    # the recall retry, counted where it prepares its tree (once a call): _sequence rebinds
    # its comparison, so it is not wrapped
    retry = fallback_paths._recall_retry
    prepare = counted("_recall_retry", retry.__globals__["_prepare_tree"])
    monkeypatch.setattr(fallback_paths, "_recall_retry", rebound(retry, _prepare_tree=prepare))
    # readability's summaries, whichever function asks for one
    document: Any = fallback_paths._READABILITY_DOCUMENT
    monkeypatch.setattr(document, "summary", counted("readability", document.summary))
    return ran


@pytest.mark.parametrize("page", [SHORT_STORY, PLAIN_STORY], ids=["pruned", "not pruned"])
def test_the_short_story_runs_every_step(page: str, steps: list[str]) -> None:
    tree = load_html(page)
    assert isinstance(tree, HtmlElement)
    before = etree.tostring(tree)
    text = fallback_text(tree, None, marks=class_and_id_values(tree))
    assert etree.tostring(tree) == before
    assert text == _theirs(tree, None, False, None)
    assert text is not None and "ferry" in text
    # the endless-scroll block and the comments are pruned where they are named so
    assert ("harbour master" in text) is (page is PLAIN_STORY)
    # the baseline rescue (the pruned story only: under 250 characters), the page measure,
    # the recall retry and its jusText candidate
    # readability reads the page once: the recall retry's comparison takes its summary again
    rescue = ["_baseline_rescue"] if page is SHORT_STORY else []
    assert steps == [
        "readability",
        *rescue,
        "_escalation_page_length",
        "_recall_retry",
        "_justext_rescue",
    ]


def test_the_forum_keeps_its_posts_and_the_other_language_is_discarded() -> None:
    forum = fallback_text(load_html(FORUM), None, marks=class_and_id_values(load_html(FORUM)))
    assert forum is not None and "harbour office" in forum
    assert fallback_text(load_html(OTHER_LANGUAGE), "", target_language="en") is None


@pytest.mark.parametrize("page", [SHORT_STORY, PLAIN_STORY], ids=["pruned", "not pruned"])
def test_readability_reads_a_copy_once_and_the_tree_it_is_given_is_left_as_it_was(
    page: str,
) -> None:
    tree = load_html(page)
    assert isinstance(tree, HtmlElement)
    before = etree.tostring(tree)
    expected = fallback_paths._READABILITY_DOCUMENT(copy(tree)).summary()
    assert etree.tostring(tree) == before  # a copy: readability changes the tree it reads
    once = fallback_paths._SummaryOnce()
    assert once(tree).summary() == expected
    assert etree.tostring(tree) == before
    assert once(tree).summary() is once(tree).summary()  # the recall retry's: not again
