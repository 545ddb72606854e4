"""Page sets with gold main text (tests/devset, tests/modernset) run through newsflow."""

import gzip
import json
from pathlib import Path

from newsflow.extract import extract_article
from newsflow.models import Article

TESTS = Path(__file__).resolve().parents[1]


def extract_set(folder: Path) -> dict[str, tuple[str, Article]]:
    """Gold body and newsflow's Article for every page of a set, by page id."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for page_id in sorted(truth):
        path = folder / "html" / f"{page_id}.html.gz"
        # a few modern pages have no recorded URL: the file's own URL stands in, as in the CLI
        url = truth[page_id]["url"] or path.resolve().as_uri()
        pages[page_id] = (truth[page_id]["articleBody"], extract_article(_gunzip(path), url))
    return pages


def _gunzip(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())
