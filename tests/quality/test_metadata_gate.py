"""Quality gate on the metadata sample: title, language, authors, date and body floors.

The metrics follow the definitions of the project's metadata scorer (score_metadata.py,
kept with the development sets outside this repository; its docstring): title exact match
after NFC, zero-width removal and whitespace collapse; language by primary subtag; authors
micro F1 over names normalised by NFKC, casefold and whitespace; publication date on the
same day and to the minute (a truth without offset matches under any real UTC offset); body
F1 with the article-extraction benchmark's metric (`support.aeb_metric`) against the
reference body, summary included: newsflow's body there is `Article.standfirst` then
`body_text`, by that set's convention (benchmarks/metadata.py does the same; the 2019 gate
scores `body_text` alone).
"""

import gzip
import json
import re
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.aeb_metric import evaluate

from newsflow.extract import extract_article
from newsflow.models import Article

SAMPLE = Path(__file__).resolve().parents[1] / "metadata_sample"
# Measured on the sample (2026-11-30, h9: title 0.885, language 1.000, authors F1 0.897, same
# day 1.000, same minute 1.000, body F1 0.931; body F1 0.955 with the standfirst and the
# story from script data; 0.959 on 2026-11-30 after this stop's body rules) minus about one
# page; raise them when newsflow improves. Title measured 0.923 again on 2026-11-30 (stop 27,
# the same on ba495fa): its floor rises to 0.88.
FLOORS = {
    "title": 0.88,
    "language": 0.96,
    "authors_f1": 0.86,
    "date_day": 0.96,
    "date_minute": 0.96,
    "body_f1": 0.95,
}
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
Pages = dict[str, tuple[dict[str, object], Article]]


@pytest.fixture(scope="module")
def pages() -> Pages:
    truth = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))
    return {
        page_id: (
            expected,
            extract_article(
                gzip.decompress((SAMPLE / "html" / f"{page_id}.html.gz").read_bytes()),
                str(expected["url"]),
            ),
        )
        for page_id, expected in sorted(truth.items())
    }


def _text(value: object) -> str:
    return " ".join(_ZERO_WIDTH.sub("", unicodedata.normalize("NFC", str(value or ""))).split())


def _name(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def _same_time(got: datetime | None, expected: str, *, minute: bool) -> bool:
    if got is None:
        return False
    want = datetime.fromisoformat(expected)
    if want.tzinfo is not None:
        return (
            got.replace(second=0, microsecond=0) == want.replace(second=0, microsecond=0)
            if (minute)
            else got.astimezone(want.tzinfo).date() == want.date()
        )
    # A naive truth: it agrees under some real UTC offset (quarter hours, -14h..+14h).
    wall = got.replace(tzinfo=None, second=0, microsecond=0)
    gap = wall - want.replace(second=0, microsecond=0)
    if minute:
        return gap % timedelta(minutes=15) == timedelta(0) and abs(gap) <= timedelta(hours=14)
    return wall.date() == want.date() or got.date() == want.date()


def _body(article: Article) -> str:
    return "\n\n".join(part for part in (article.standfirst, article.body_text) if part)


def _share(hits: list[bool]) -> float:
    return sum(hits) / len(hits)


def _scores(pages: Pages) -> dict[str, float]:
    dated = [(t, a) for t, a in pages.values() if t["published"] and not t["published_suspect"]]
    timed = [(t, a) for t, a in dated if not t["published_day_only"]]
    true_pos = predicted = expected = 0
    for truth, article in pages.values():
        if isinstance(truth["authors"], list):
            want = {_name(str(n)) for n in truth["authors"]}
            got = {_name(a.name) for a in article.authors}
            true_pos, predicted, expected = (
                true_pos + len(want & got),
                predicted + len(got),
                expected + len(want),
            )
    precision, recall = true_pos / max(predicted, 1), true_pos / max(expected, 1)
    return {
        "title": _share([_text(a.title) == _text(t["title"]) for t, a in pages.values()]),
        "language": _share(
            [(a.language or "").split("-")[0] == t["language"] for t, a in pages.values()]
        ),
        "authors_f1": 2 * precision * recall / max(precision + recall, 1e-9),
        "date_day": _share(
            [_same_time(a.published_at, str(t["published"]), minute=False) for t, a in dated]
        ),
        "date_minute": _share(
            [_same_time(a.published_at, str(t["published"]), minute=True) for t, a in timed]
        ),
        "body_f1": float(
            evaluate([(str(t["body"]), _body(a)) for t, a in pages.values()], n_bootstrap=0)["f1"]
        ),
    }


def test_metadata_sample_stays_above_floors(pages: Pages) -> None:
    assert len(pages) == 26
    scores = _scores(pages)
    below = {name: round(scores[name], 3) for name, floor in FLOORS.items() if scores[name] < floor}
    assert not below, scores


def test_metadata_sample_titles_are_clean_text(pages: Pages) -> None:
    # No character reference, replacement character or odd space survives into a title.
    dirty = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);|\ufffd|\u00a0|\u00ad", re.I)
    assert not {pid: a.title for pid, (_, a) in pages.items() if dirty.search(a.title or "")}
