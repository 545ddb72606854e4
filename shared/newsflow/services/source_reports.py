"""What the Query API reports of a source from its health counters: its status with its
pages' outcomes (`GET /sources/{id}`) and its daily health series (`GET /sources/{id}/health`).

Apart from `newsflow.services.health`, which the fetch, discover and process functions use to
count, so that they do not load the API's models (cold start, issue 14).
"""

from __future__ import annotations

from datetime import UTC, date, timedelta

from newsflow.models.api import SourceOutcomes, SourceStatus
from newsflow.models.health import SourceHealth
from newsflow.services.health import BASELINE_DAYS, series
from newsflow.services.ports import HealthStore
from newsflow.services.query import ResourceNotFoundError
from newsflow.services.sources import SourcePorts, get_source

DEFAULT_DAYS = 30  # of GET /sources/{id}/health
MAX_DAYS = 366


def source_health(store: HealthStore, source_id: str, days: int, today: date) -> SourceHealth:
    """The last `days` days up to `today` (UTC), oldest first, with baselines and drift:
    two Queries (counters reaching 14 days further back, drift events)."""
    first = today - timedelta(days=days - 1)
    stored = store.days(source_id, first - timedelta(days=BASELINE_DAYS), today)
    return SourceHealth(
        source_id=source_id,
        days=series(stored, first, today),
        drift=store.drift(source_id, first, today),
    )


def health_of(
    ports: SourcePorts, store: HealthStore, source_id: str, days: int = DEFAULT_DAYS
) -> SourceHealth:
    """`GET /sources/{id}/health`; ResourceNotFoundError for an unknown source."""
    if ports.sources.get(source_id) is None:
        raise ResourceNotFoundError(f"no source {source_id}")
    return source_health(store, source_id, days, ports.clock().astimezone(UTC).date())


def source_outcomes(store: HealthStore, source_id: str, days: int, today: date) -> SourceOutcomes:
    """Fetch and extraction outcomes of a source's pages summed over the `days` UTC days up to
    `today`, from the day counters (one Query)."""
    fetch: dict[str, int] = {}
    extraction: dict[str, int] = {}
    for stored in store.days(source_id, today - timedelta(days=days - 1), today):
        for name, count in stored.counters.items():
            family, _, outcome = name.partition(":")
            totals = {"fetch": fetch, "outcome": extraction}.get(family)
            if totals is not None:
                totals[outcome] = totals.get(outcome, 0) + count
    return SourceOutcomes(days=days, fetch=fetch, extraction=extraction)


def source_status(
    ports: SourcePorts, store: HealthStore, source_id: str, days: int = DEFAULT_DAYS
) -> SourceStatus:
    """`GET /sources/{id}`: the source, its discovery totals and its pages' outcomes over the
    last `days` days; ResourceNotFoundError for an unknown source."""
    status = get_source(ports, source_id)
    today = ports.clock().astimezone(UTC).date()
    outcomes = source_outcomes(store, source_id, days, today)
    return status.model_copy(update={"outcomes": outcomes})
