"""Query API use cases of stories (docs/stories.md): one story with its copies, and the
stories of a range of days, largest first within a day. Every read is a GetItem or a Query."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from newsflow.config import QueryLimits
from newsflow.models.stories import StoryDetail, StoryPage, StorySummary
from newsflow.services.ports import Position, StoryIndex, utc_now
from newsflow.services.query import (
    CursorCodec,
    InvalidRequestError,
    ResourceNotFoundError,
    page_size,
)

# A listing spans at most this many days (one Query per day at least).
MAX_STORY_DAYS = 31


@dataclass
class StoryPorts:
    """What the story routes run on."""

    index: StoryIndex
    codec: CursorCodec
    limits: QueryLimits = field(default_factory=QueryLimits)
    clock: Callable[[], datetime] = field(default=utc_now)
    timer: Callable[[], float] = field(default=time.monotonic)


def get_story(
    ports: StoryPorts, story_id: str, *, limit: int | None, cursor: str | None
) -> StoryDetail:
    """The story and one page of its copies (the first copy first); ResourceNotFoundError."""
    size = page_size(ports.limits, limit)
    story = ports.index.get_story(story_id)
    if story is None:
        raise ResourceNotFoundError(f"no story {story_id}")
    shape = {"route": "story", "story_id": story_id}
    after = ports.codec.decode(cursor, shape).get("a") if cursor else None
    if cursor and not isinstance(after, dict):
        raise InvalidRequestError("cursor is not a cursor this API issued")
    part = ports.index.list_copies(story_id, after=after, limit=size)
    next_cursor = ports.codec.encode(shape, {"a": dict(part.resume)}) if part.resume else None
    return StoryDetail(**story.model_dump(), copies=part.rows, next_cursor=next_cursor)


def list_stories(
    ports: StoryPorts,
    first: date | None,
    last: date | None,
    *,
    limit: int | None,
    cursor: str | None,
) -> StoryPage:
    """Stories whose first copy appeared from `first` to `last` (UTC days, default today):
    the newest day first, the largest story first within a day; `limit` of them whenever
    that many remain. A page reads each day it reaches once (empty days too: a range is at
    most `MAX_STORY_DAYS`), plus `max_queries_per_page` more for days DynamoDB answers in
    parts; only those, or the page's time budget (`page_seconds`: no further Query starts
    after it, as for the articles' listings), can leave a page short with a cursor."""
    size = page_size(ports.limits, limit)
    last = last or ports.clock().date()
    first = first or last
    if first > last:
        raise InvalidRequestError("from is after to")
    if (last - first).days >= MAX_STORY_DAYS:
        raise InvalidRequestError(f"from and to span at most {MAX_STORY_DAYS} days")
    days = [last - timedelta(days=n) for n in range((last - first).days + 1)]
    shape = {"route": "stories", "from": first.isoformat(), "to": last.isoformat()}
    day_index, after = _resume(ports.codec, cursor, shape, days)
    items: list[StorySummary] = []
    deadline = ports.timer() + ports.limits.page_seconds
    # A page of empty days used to stop after max_queries_per_page of them: a month's range
    # gave empty pages with cursors.
    for query in range(len(days) - day_index + ports.limits.max_queries_per_page):
        if query and ports.timer() > deadline:  # the first Query always runs
            break
        part = ports.index.list_day(days[day_index], after=after, limit=size - len(items))
        items.extend(part.rows)
        after = part.resume
        if after is None:
            day_index += 1
        if len(items) >= size or day_index == len(days):
            break
    next_cursor = None
    if day_index < len(days):
        position = {"d": days[day_index].isoformat(), "a": dict(after) if after else None}
        next_cursor = ports.codec.encode(shape, position)
    return StoryPage(items=items, next_cursor=next_cursor)


def _resume(
    codec: CursorCodec, cursor: str | None, shape: Mapping[str, object], days: list[date]
) -> tuple[int, Position | None]:
    if not cursor:
        return 0, None
    position = codec.decode(cursor, shape)
    day, after = position.get("d"), position.get("a")
    if not isinstance(day, str) or date.fromisoformat(day) not in days:
        raise InvalidRequestError("cursor is not a cursor this API issued")
    if after is not None and not isinstance(after, dict):
        raise InvalidRequestError("cursor is not a cursor this API issued")
    return days.index(date.fromisoformat(day)), after
