"""`newsflow discover` on newsflow's own corpus of feed and sitemap shapes: recall, precision."""

from __future__ import annotations

from support.discover_corpus import NEVER_READ, score_corpus
from support.loopback_site import Site

from newsflow.scrape_cli import main


def test_discover_corpus_recall_and_precision_at_least_099_without_crash(site: Site) -> None:
    score = score_corpus(site, main)

    failing = [
        (s.name, sorted(set(s.expected) - set(s.printed)), sorted(set(s.printed) - set(s.expected)))
        for s in score.files
        if not s.perfect
    ]
    print(score.summary())
    assert score.crashes == []
    assert score.recall() >= 0.99, failing
    assert score.precision() >= 0.99, failing
    assert NEVER_READ not in site.paths()  # no entity was followed
