"""Source health arithmetic: counters of an article, rates, the word median, the trailing
baseline and the drift rule."""

from datetime import UTC, date, datetime, timedelta

import pytest

from newsflow.extract import extract_article
from newsflow.models.health import HealthDay
from newsflow.services.health import (
    counters_for,
    degraded_fields,
    health_day,
    series,
    should_check,
    yield_baseline,
)
from newsflow.services.ports import DayCounts
from newsflow.services.source_reports import source_outcomes

DAY = date(2026, 11, 20)
BODY = "".join(f"<p>{'word ' * 60}paragraph {i}.</p>" for i in range(4))


def _counts(day: date, articles: int, authors: int, **extra: int) -> DayCounts:
    counters = {"pages": articles, "articles": articles, "filled:authors": authors, **extra}
    return DayCounts(day=day, counters=counters, samples={})


def test_counters_of_an_article_name_filled_fields_and_sample_the_missing() -> None:
    page = f"<html lang='en'><head><title>T</title></head><body><article>{BODY}</article>"
    article = extract_article(
        page.encode(), "https://n.example/a", fetched_at=datetime(2026, 11, 20, tzinfo=UTC)
    )
    counters, samples = counters_for(article)
    assert counters["pages"] == counters["articles"] == 1
    assert counters["outcome:article"] == 1
    assert counters["filled:title"] == counters["filled:language"] == 1
    assert "filled:authors" not in counters
    assert counters["words:4"] == 1  # 244 words: the [200, 400) bin
    slots = {key.rsplit(":", 1)[0] for key in samples}
    assert slots == {"missing:authors", "missing:published_at", "missing:lead_image"}
    assert set(samples.values()) == {article.article_id}


def test_rejected_page_counts_only_the_page_and_its_outcome() -> None:
    article = extract_article(b"", "https://n.example/a")
    counters, samples = counters_for(article)
    assert counters == {"pages": 1, "outcome:not_article": 1}
    assert samples == {}


def test_rates_and_interpolated_word_median() -> None:
    day = health_day(
        _counts(
            DAY, 4, 3, **{"words:3": 2, "words:4": 2, "confidence:n": 2, "confidence:milli": 1500}
        )
    )
    assert day.fill_rates["authors"] == 0.75
    assert day.fill_rates["title"] == 0.0
    assert day.body_words_median == 200.0  # half of 4 lands at the top of [100, 200)
    assert day.extraction_confidence_mean == 0.75
    assert health_day(DayCounts(DAY, {}, {})).fill_rates["authors"] is None


def test_baseline_is_the_median_of_the_previous_days_with_articles() -> None:
    stored = [
        _counts(DAY - timedelta(days=1), 10, 10),
        _counts(DAY - timedelta(days=2), 10, 9),
        _counts(DAY - timedelta(days=3), 0, 0),  # no articles: not part of the baseline
        _counts(DAY - timedelta(days=4), 10, 5),
        _counts(DAY - timedelta(days=15), 10, 0),  # beyond 14 days
        _counts(DAY, 10, 1),
    ]
    [today] = series(stored, DAY, DAY)
    assert today.baseline["authors"] == 0.9
    [early] = series(stored, DAY - timedelta(days=2), DAY - timedelta(days=2))
    assert early.baseline["authors"] is None  # one earlier day with articles: too few


@pytest.mark.parametrize(
    ("articles", "observed", "base", "degraded"),
    [
        (10, 0.1, 0.95, True),
        (9, 0.0, 0.95, False),  # too few articles to judge
        (20, 0.5, 0.95, False),  # not below half the baseline
        (20, 0.1, 0.3, False),  # below half, but only 20 points down
    ],
)
def test_drift_rule(articles: int, observed: float, base: float, degraded: bool) -> None:
    day = HealthDay(
        day=DAY,
        articles=articles,
        fill_rates={"authors": observed},
        baseline={"authors": base},
    )
    assert bool(degraded_fields(day)) is degraded


def test_check_points_double() -> None:
    assert [n for n in range(1, 200) if should_check(n)] == [10, 20, 40, 80, 160]


class _Days:
    """The stored days of one source (the HealthStore's read side, in memory)."""

    def __init__(self, stored: list[DayCounts]) -> None:
        self.stored = stored

    def days(self, source_id: str, first: date, last: date) -> list[DayCounts]:
        return [d for d in self.stored if first <= d.day <= last]


def test_source_outcomes_sum_fetch_and_extraction_counters_over_the_days() -> None:
    stored = [
        DayCounts(DAY - timedelta(days=40), {"fetch:stored": 9, "outcome:article": 9}, {}),
        DayCounts(DAY - timedelta(days=1), {"fetch:stored": 3, "fetch:robots_disallowed": 1}, {}),
        DayCounts(
            DAY,
            {
                "fetch:stored": 2,
                "pages": 5,
                "articles": 4,
                "outcome:article": 4,
                "outcome:not_article": 1,
                "filled:title": 4,
            },
            {},
        ),
    ]
    outcomes = source_outcomes(_Days(stored), "daily", 30, DAY)  # type: ignore[arg-type]
    assert outcomes.days == 30
    assert outcomes.fetch == {"stored": 5, "robots_disallowed": 1}  # the day 40 back is out
    assert outcomes.extraction == {"article": 4, "not_article": 1}


def test_yield_baseline_needs_three_previous_days_with_articles() -> None:
    def day(offset: int, articles: int) -> HealthDay:
        return HealthDay(day=DAY - timedelta(days=offset), articles=articles)

    two = {d.day: d for d in (day(1, 4), day(2, 6), day(3, 0))}
    assert yield_baseline(two, DAY) is None  # a day without articles does not count
    three = {**two, DAY - timedelta(days=5): day(5, 10)}
    assert yield_baseline(three, DAY) == 6.0
    old = {DAY - timedelta(days=o): day(o, 9) for o in (15, 16, 17)}  # beyond 14 days
    assert yield_baseline(old, DAY) is None


def test_health_day_reports_discovered_urls() -> None:
    assert health_day(DayCounts(DAY, {"discovery:new": 7}, {})).discovered == 7
