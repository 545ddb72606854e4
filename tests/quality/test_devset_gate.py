"""Quality gate: newsflow's F1 on the development set stays above its measured floor."""

import gzip
import json
from pathlib import Path

from aeb_metric import evaluate

from newsflow.extract import extract_article

DEVSET = Path(__file__).resolve().parents[1] / "devset"
# Measured F1 minus a small margin; raise it when the extractor improves (docs/architecture.md).
F1_FLOOR = 0.980


def test_devset_f1_stays_above_floor() -> None:
    truth = json.loads((DEVSET / "ground-truth.json").read_text(encoding="utf-8"))
    pairs = []
    for page_id in sorted(truth):
        html = gzip.decompress((DEVSET / "html" / f"{page_id}.html.gz").read_bytes())
        article = extract_article(html, truth[page_id]["url"])
        pairs.append((truth[page_id]["articleBody"], article.body_text))
    scores = evaluate(pairs, n_bootstrap=0)
    assert len(pairs) == 88
    assert scores["f1"] >= F1_FLOOR, scores


# What UTF-8 text looks like when decoded as cp1252 or latin-1, and the replacement char.
MOJIBAKE = ("Ã©", "Ã¨", "Ã¤", "Ã¶", "Ã¼", "â€™", "â€œ", "â€", "Ð¾", "\ufffd")


def test_devset_pages_decode_without_mojibake() -> None:
    truth = json.loads((DEVSET / "ground-truth.json").read_text(encoding="utf-8"))
    broken = {}
    for page_id in sorted(truth):
        html = gzip.decompress((DEVSET / "html" / f"{page_id}.html.gz").read_bytes())
        article = extract_article(html, truth[page_id]["url"])
        text = f"{article.title} {article.body_text}"
        found = [marker for marker in MOJIBAKE if marker in text]
        if found:
            broken[page_id] = found
    assert not broken
