"""Source health: counters per source and UTC day from processing, the daily series with its
trailing baseline, and drift (a field's fill rate falling well below its baseline, or a
source's article yield dropping to zero while its feeds still list new URLs).

Counters are atomic ADDs on one item per source and day, one UpdateItem per new version or
rejection (never per unchanged page, so a redelivered message does not count twice). The
drift rule's thresholds are our own choice, documented in docs/architecture.md. What the
Query API reports from these counters is `newsflow.services.source_reports`.
"""

from __future__ import annotations

import statistics
import zlib
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from newsflow.models.events import EventType
from newsflow.models.health import FILL_FIELDS, HealthDay, SourceDegraded
from newsflow.models.outcome import OutcomeKind
from newsflow.services.ports import DayCounts, EventPublisher, HealthStore, OutgoingEvent, Ports

if TYPE_CHECKING:
    from newsflow.models import Article

BASELINE_DAYS = 14
MIN_BASELINE_DAYS = 3  # days with articles needed before a baseline exists
MIN_ARTICLES = 10  # a day is judged only from this many stored versions on
DROP_RATIO = 0.5  # observed below half the baseline …
DROP_ABSOLUTE = 0.25  # … and at least 25 points below it
SAMPLE_SLOTS = 8  # article ids kept per field and day (a slot chosen by the id's hash)
# Body-word bins: [0, 1), [1, 50), [50, 100), … [3200, ∞); the median is interpolated within.
WORD_EDGES = (0, 1, 50, 100, 200, 400, 800, 1600, 3200)
STORED = frozenset({OutcomeKind.ARTICLE, OutcomeKind.PAYWALLED_PARTIAL})
DISCOVERED = "discovery:new"  # the counter of new URLs discovery queued for the source
YIELD_FIELD = "yield"  # SourceDegraded.field of the yield rule (articles per day, not a rate)


def counters_for(article: Article) -> tuple[dict[str, int], dict[str, str]]:
    """The ADD counters of one processed page and the sample slots of its missing fields."""
    counters = {"pages": 1, f"outcome:{article.outcome.kind.value}": 1}
    samples: dict[str, str] = {}
    if article.outcome.kind not in STORED:
        return counters, samples
    counters["articles"] = 1
    slot = zlib.crc32(article.article_id.encode()) % SAMPLE_SLOTS
    for name in FILL_FIELDS:
        if getattr(article, name):
            counters[f"filled:{name}"] = 1
        else:
            samples[f"missing:{name}:{slot}"] = article.article_id
    counters[f"words:{_bin(article.word_count)}"] = 1
    confidence = getattr(article, "extraction_confidence", None)  # when extraction gives one
    if isinstance(confidence, int | float):
        counters["confidence:n"] = 1
        counters["confidence:milli"] = round(float(confidence) * 1000)
    return counters, samples


def rejection_counters(outcome: str) -> dict[str, int]:
    """The counters of a page that did not become an article."""
    return {"pages": 1, f"outcome:{outcome}": 1}


def _bin(words: int) -> int:
    index = 0
    for position, edge in enumerate(WORD_EDGES):
        if words >= edge:
            index = position
    return index


def health_day(counts: DayCounts) -> HealthDay:
    """Counters to rates; fill rates are null on a day without stored versions."""
    c = counts.counters
    articles = c.get("articles", 0)
    confidence_n = c.get("confidence:n", 0)
    return HealthDay(
        day=counts.day,
        pages=c.get("pages", 0),
        discovered=c.get(DISCOVERED, 0),
        outcomes={k.split(":", 1)[1]: v for k, v in c.items() if k.startswith("outcome:")},
        fetches={k.split(":", 1)[1]: v for k, v in c.items() if k.startswith("fetch:")},
        articles=articles,
        fill_rates={
            name: (c.get(f"filled:{name}", 0) / articles if articles else None)
            for name in FILL_FIELDS
        },
        body_words_median=_median_words([c.get(f"words:{i}", 0) for i in range(len(WORD_EDGES))]),
        extraction_confidence_mean=(
            c.get("confidence:milli", 0) / 1000 / confidence_n if confidence_n else None
        ),
    )


def _median_words(counts: list[int]) -> float | None:
    total = sum(counts)
    if not total:
        return None
    half, seen = total / 2, 0
    for index, count in enumerate(counts):
        if count and seen + count >= half:
            low = WORD_EDGES[index]
            high = WORD_EDGES[index + 1] if index + 1 < len(WORD_EDGES) else low * 2
            return low + (high - low) * (half - seen) / count
        seen += count
    return None  # pragma: no cover - the loop always reaches half


def series(stored: list[DayCounts], first: date, last: date) -> list[HealthDay]:
    """Every day in [first, last] (empty ones included), each with its trailing baseline;
    `stored` must reach back BASELINE_DAYS before `first` for the first days' baselines."""
    by_day = {counts.day: health_day(counts) for counts in stored}
    days = []
    day = first
    while day <= last:
        current = by_day.get(day, HealthDay(day=day))
        days.append(current.model_copy(update={"baseline": baseline(by_day, day)}))
        day += timedelta(days=1)
    return days


def baseline(by_day: Mapping[date, HealthDay], day: date) -> dict[str, float | None]:
    """Median fill rate per field over the BASELINE_DAYS before `day` that had articles."""
    previous = [
        by_day[d]
        for offset in range(1, BASELINE_DAYS + 1)
        if (d := day - timedelta(days=offset)) in by_day and by_day[d].articles
    ]
    result: dict[str, float | None] = {}
    for name in FILL_FIELDS:
        rates = [r for h in previous if (r := h.fill_rates.get(name)) is not None]
        result[name] = statistics.median(rates) if len(rates) >= MIN_BASELINE_DAYS else None
    return result


def degraded_fields(today: HealthDay) -> list[tuple[str, float, float]]:
    """(field, baseline, observed) of each field that fell well below its baseline."""
    if today.articles < MIN_ARTICLES:
        return []
    found = []
    for name in FILL_FIELDS:
        base, observed = today.baseline.get(name), today.fill_rates.get(name)
        if base is None or observed is None:
            continue
        if observed < base * DROP_RATIO and base - observed >= DROP_ABSOLUTE:
            found.append((name, base, observed))
    return found


def should_check(articles: int) -> bool:
    """Drift is checked when a day's stored versions reach 10, 20, 40, 80, …: a few
    Queries per source and day, whatever its volume."""
    if articles < MIN_ARTICLES or articles % MIN_ARTICLES:
        return False
    multiple = articles // MIN_ARTICLES
    return multiple & (multiple - 1) == 0


def observe(
    store: HealthStore,
    events: EventPublisher,
    *,
    source_id: str | None,
    day: date,
    counters: Mapping[str, int],
    samples: Mapping[str, str],
) -> list[SourceDegraded]:
    """Count one processed page (one UpdateItem); at the check points, judge the day."""
    if not source_id:
        return []
    after = store.add(source_id, day, counters, samples)
    if "articles" in counters and should_check(after.get("articles", 0)):
        return check_drift(store, events, source_id, day)
    return []


def check_drift(
    store: HealthStore, events: EventPublisher, source_id: str, day: date
) -> list[SourceDegraded]:
    """Compare the day with its baseline; claim, then announce, each new drop (one
    SourceDegraded per source, field and day: a lost claim announces nothing)."""
    stored = store.days(source_id, day - timedelta(days=BASELINE_DAYS), day)
    [today] = series(stored, day, day)
    samples = next((c.samples for c in stored if c.day == day), {})
    raised = []
    for name, base, observed in degraded_fields(today):
        event = SourceDegraded(
            source_id=source_id,
            field=name,
            day=day,
            baseline=base,
            observed=observed,
            articles=today.articles,
            sample_article_ids=sorted(samples.get(name, ())),
        )
        if store.claim_drift(event):
            events.publish([OutgoingEvent(EventType.SOURCE_DEGRADED, event)])
            raised.append(event)
    return raised


def count_discovery(
    store: HealthStore, events: EventPublisher, source_id: str, day: date, new_urls: int
) -> list[SourceDegraded]:
    """Count a discovery run's new URLs on its UTC day (one UpdateItem). The day's first
    count judges the day before by the yield rule: so a source is judged once a day, by the
    first run that finds new URLs, and a quiet source (no new URLs) is never judged."""
    if new_urls <= 0:
        return []
    after = store.add(source_id, day, {DISCOVERED: new_urls}, {})
    if after.get(DISCOVERED, 0) != new_urls:
        return []
    return check_yield(store, events, source_id, day - timedelta(days=1))


def yield_baseline(by_day: Mapping[date, HealthDay], day: date) -> float | None:
    """Median articles a day over the BASELINE_DAYS before `day` that had articles (None
    with fewer than MIN_BASELINE_DAYS such days: a new or sporadic source is not judged)."""
    counts = [
        by_day[d].articles
        for offset in range(1, BASELINE_DAYS + 1)
        if (d := day - timedelta(days=offset)) in by_day and by_day[d].articles
    ]
    return float(statistics.median(counts)) if len(counts) >= MIN_BASELINE_DAYS else None


def check_yield(
    store: HealthStore, events: EventPublisher, source_id: str, day: date
) -> list[SourceDegraded]:
    """The yield rule on a finished day: new URLs were discovered, no version was stored, and
    the trailing days had articles. Claimed, then announced: one event per source and day."""
    stored = store.days(source_id, day - timedelta(days=BASELINE_DAYS), day)
    by_day = {counts.day: health_day(counts) for counts in stored}
    judged = by_day.get(day)
    base = yield_baseline(by_day, day)
    if judged is None or not judged.discovered or judged.articles or base is None:
        return []
    event = SourceDegraded(
        source_id=source_id,
        field=YIELD_FIELD,
        day=day,
        baseline=base,
        observed=0.0,
        articles=0,
        discovered=judged.discovered,
    )
    if not store.claim_drift(event):
        return []
    events.publish([OutgoingEvent(EventType.SOURCE_DEGRADED, event)])
    return [event]


def count_version(article: Article, ports: Ports) -> None:
    """Count a stored and announced version on its source's fetch day (UTC)."""
    if ports.health is not None:
        counters, samples = counters_for(article)
        day = article.fetched_at.astimezone(UTC).date()
        observe(
            ports.health,
            ports.events,
            source_id=article.source_id,
            day=day,
            counters=counters,
            samples=samples,
        )


def count_rejection(
    source_id: str | None, fetched_at: datetime, outcome: str, ports: Ports
) -> None:
    """Count an announced rejection."""
    if ports.health is not None:
        day = fetched_at.astimezone(UTC).date()
        counters = rejection_counters(outcome)
        observe(
            ports.health, ports.events, source_id=source_id, day=day, counters=counters, samples={}
        )


def count_fetch(store: HealthStore, source_id: str, fetched_at: datetime, outcome: str) -> None:
    """Count a fetch's final outcome (not its re-queues and retries) on its UTC day."""
    store.add(source_id, fetched_at.astimezone(UTC).date(), {f"fetch:{outcome}": 1}, {})
