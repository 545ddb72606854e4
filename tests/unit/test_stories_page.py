"""A /stories page keeps to the listings' time budget (`page_seconds`), as /articles does."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from newsflow.config import QueryLimits
from newsflow.services.ports import Position, StoryPart
from newsflow.services.query import CursorCodec
from newsflow.services.stories import StoryPorts, list_stories

KEY = b"k" * 32


class EmptyDays:
    """A StoryIndex whose days hold no story; each Query takes `seconds` of a fake clock."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.now = 0.0
        self.days: list[date] = []

    def list_day(self, day: date, *, after: Position | None, limit: int) -> StoryPart:
        self.days.append(day)
        self.now += self.seconds
        return StoryPart([], None)

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"a story listing calls only list_day, not {name}")


def _ports(index: EmptyDays) -> StoryPorts:
    return StoryPorts(
        index=index,  # type: ignore[arg-type]
        codec=CursorCodec(KEY),
        limits=QueryLimits(page_seconds=2.0),
        clock=lambda: datetime(2026, 11, 30, 12, tzinfo=UTC),
        timer=lambda: index.now,
    )


def test_a_slow_store_ends_the_page_at_its_time_budget_with_a_cursor() -> None:
    # GIVEN 31 empty days and a store that takes 0.5 s a Query, against a 2 s budget
    index = EmptyDays(seconds=0.5)
    first, last = date(2026, 11, 1), date(2026, 12, 1)
    # WHEN the first page is asked for
    page = list_stories(_ports(index), first, last, limit=5, cursor=None)
    # THEN no Query started after the budget: five days read (the last at 2.0 s, not past
    # it), and a cursor resumes at the sixth
    assert len(index.days) == 5
    assert page.items == [] and page.next_cursor is not None
    index.now, index.days = 0.0, []
    list_stories(_ports(index), first, last, limit=5, cursor=page.next_cursor)
    assert index.days[0] == date(2026, 11, 26)


def test_a_fast_store_reads_every_empty_day_in_one_page() -> None:
    index = EmptyDays(seconds=0.01)
    page = list_stories(_ports(index), date(2026, 11, 1), date(2026, 12, 1), limit=5, cursor=None)
    assert len(index.days) == 31
    assert page.next_cursor is None
