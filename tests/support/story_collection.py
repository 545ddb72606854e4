"""The near-duplicate test collection: copies of real stories as other sites publish them, and
hard negatives (different stories of the same topic, day and people).

Stories are gold bodies of the extraction development set (tests/devset, Scrapinghub's
article-extraction benchmark, MIT: see tests/devset/LICENSE). Among them are groups that real
outlets wrote about the same event on the same day (two reports of the same guilty plea, two of
the same rescue video, three of South Dakota's meth campaign, two of Europa's water vapour, two
of the same Browns game): the hard negatives. Each story gets seven copies made the way
syndication changes a wire text (below); a follow-up that reuses one background paragraph of
another story is a hard negative too. Everything is deterministic (seeded by the story id).
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

DEVSET = Path(__file__).resolve().parents[1] / "devset" / "ground-truth.json"

# Devset page ids (prefixes) of the stories; rows are stories of one topic and day.
STORY_GROUPS: tuple[tuple[str, ...], ...] = (
    ("6ebac05f", "7a457a4f"),  # New York man pleads guilty to threatening to kill (Hill, NBC)
    ("2c46804d", "51d066b0"),  # Fort Worth kidnapping rescue video (CBS, NBC DFW)
    ("156770d6", "776a1c04", "3f65af7b"),  # South Dakota "Meth. We're on it." (Hill, USA Today, NJ)
    ("14cc2a0c", "686bb170"),  # water vapour above Europa (ScienceAlert, Space.com)
    ("08f79376", "6a72de37"),  # Browns after the Steelers fight (CBS Sports, Dawgs By Nature)
    ("374ac9a5",),  # Emirates orders 787s (CNBC)
    ("57d46c9d",),  # Asian shares (Reuters)
    ("7916ecca",),  # service members killed in Afghanistan (Al Jazeera)
    ("5caf91b8",),  # The Latest: stabbing (SFGate, AP)
)
# (follow-up story, story whose background paragraph it reuses)
FOLLOW_UPS = (("5fa3154e", "624fcd90"), ("7a664e40", "04a6711c"))

_OUTLETS = ("The Daily Courier", "Metro Herald", "Valley Times", "Coast Gazette", "Star Ledger")
_NAMES = ("Dana Whitfield", "Omar Haddad", "Lena Kovacs", "Priya Natarajan", "Sam Ortega")
_LOCAL = (
    "{outlet} asked the county's officials how the news affects residents here; a spokesperson "
    "said they were following the situation closely and would say more once they had studied "
    "the details, and that residents with questions could call the usual information line."
)


@dataclass(frozen=True)
class Copy:
    """One document of the collection: its id, the story it belongs to and its body."""

    doc_id: str
    story: str
    variant: str
    text: str


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _template(paras: list[str], rng: random.Random) -> list[str]:
    outlet, name = rng.choice(_OUTLETS), rng.choice(_NAMES)
    body = [*paras[:2], f"Read more: {rng.choice(_OUTLETS)} readers' guide", *paras[2:]]
    return [
        "Advertisement",
        f"By {name}, {outlet}",
        "Updated 3:42 p.m.",
        *body,
        f"Copyright 2019 {outlet}. All rights reserved.",
        "Share this article",
    ]


def _lead_trimmed(paras: list[str], rng: random.Random) -> list[str]:
    return [*paras[1:], f"{rng.choice(_NAMES)} contributed reporting."]


def _tail_trimmed(paras: list[str], rng: random.Random) -> list[str]:
    keep = max(2, len(paras) - max(2, len(paras) // 4))
    return [f"By {rng.choice(_NAMES)}", *paras[:keep]]


def _paragraph_inserted(paras: list[str], rng: random.Random) -> list[str]:
    middle = len(paras) // 2
    local = _LOCAL.format(outlet=rng.choice(_OUTLETS))
    return [f"By {rng.choice(_NAMES)}", *paras[:middle], local, *paras[middle:]]


def _first_half(paras: list[str], _: random.Random) -> list[str]:
    words = " ".join(paras).split()
    return [" ".join(words[: len(words) // 2])]


def _rewrapped(paras: list[str], rng: random.Random) -> list[str]:
    merged = [" ".join(paras[i : i + 2]) for i in range(0, len(paras), 2)]
    curly = [p.replace('"', "\u201c").replace("'", "\u2019") for p in merged]
    caption = f"Photo: {rng.choice(_NAMES)} / {rng.choice(_OUTLETS)}"
    return [caption, *curly, f"Reporting by {rng.choice(_NAMES)}; editing by {rng.choice(_NAMES)}"]


VARIANTS: dict[str, Callable[[list[str], random.Random], list[str]]] = {
    "original": lambda paras, _: paras,
    "template": _template,
    "lead_trimmed": _lead_trimmed,
    "tail_trimmed": _tail_trimmed,
    "paragraph_inserted": _paragraph_inserted,
    "first_half": _first_half,
    "rewrapped": _rewrapped,
}


def _gold() -> dict[str, str]:
    truth = json.loads(DEVSET.read_text(encoding="utf-8"))
    return {page_id[:8]: entry["articleBody"] for page_id, entry in truth.items()}


def collection() -> list[Copy]:
    """Every document: seven copies of each story, then the follow-ups (stories of their own)."""
    gold = _gold()
    docs: list[Copy] = []
    for story in (story for group in STORY_GROUPS for story in group):
        rng = random.Random(story)
        paras = _paragraphs(gold[story])
        for variant, make in VARIANTS.items():
            text = "\n\n".join(make(paras, rng))
            docs.append(Copy(f"{story}-{variant}", story, variant, text))
    for story, background_of in FOLLOW_UPS:
        paras = _paragraphs(gold[story])
        background = max(_paragraphs(gold[background_of]), key=len)
        text = "\n\n".join([*paras[: len(paras) // 2], background])
        docs.append(Copy(f"{story}-follow-up", f"{story}-follow-up", "follow_up", text))
    return docs


def hard_negative_pairs(docs: list[Copy]) -> set[tuple[str, str]]:
    """Pairs of documents of different stories of the same topic and day."""
    group_of = {story: index for index, group in enumerate(STORY_GROUPS) for story in group}
    return {
        (a.doc_id, b.doc_id)
        for a, b in combinations(docs, 2)
        if a.story != b.story and group_of.get(a.story, -1) == group_of.get(b.story, -2)
    }


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<link rel="canonical" href="{url}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "{published}"}}</script>
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>{title}</h1>
{paragraphs}
</article><footer>Copyright {site}</footer></body></html>"""


def page(doc: Copy, url: str, published: str, title: str | None = None) -> bytes:
    """A news page carrying the document's body, as a site would serve it."""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in doc.text.split("\n\n") if p.strip())
    return PAGE.format(
        title=html.escape(title or f"{doc.story} ({doc.variant})"),
        site=doc.variant.title(),
        url=url,
        published=published,
        paragraphs=paragraphs,
    ).encode("utf-8")


def copy_url(doc: Copy) -> str:
    """Where a site of the document's variant publishes it."""
    return f"https://{doc.variant.replace('_', '-')}.example.com/{doc.story}"


def put_copy(stack: Any, doc: Copy, published: str, *, title: str | None = None) -> str:
    """Put the document's page in the moto stack's bucket as a fetched page; returns its key."""
    key = f"raw/{doc.doc_id}.html"
    stack.put_page(key, page(doc, copy_url(doc), published, title), url=copy_url(doc))
    return key
