"""The local runner's progress counts: read so that they never contradict each other."""

from __future__ import annotations

from collections import Counter

from newsflow.local.runner import PROGRESS_RUN, PROGRESS_STORE, progress_text, read_progress


class Pipeline:
    """Processing as it runs beside the runner's readings: each article's version is stored,
    then its event published (services/process_object.py), and one more article goes through
    between any two readings (a busy cycle)."""

    def __init__(self, done: int) -> None:
        self.stored = done
        self.announced = done

    def one_more(self) -> None:
        self.stored += 1
        self.announced += 1

    def read_events(self) -> Counter[str]:
        seen = Counter({"ArticleIngested": self.announced})
        self.one_more()
        return seen

    def read_objects(self) -> dict[str, int]:
        counts = {"articles/": self.stored}
        self.one_more()
        return counts


def test_events_never_exceed_the_stored_versions_read_with_them() -> None:
    # GIVEN 34 articles through, and one more after each reading
    pipeline = Pipeline(done=34)
    # WHEN the progress line's counts are read
    events, objects = read_progress(pipeline.read_events, pipeline.read_objects)
    # THEN no more events than stored versions show (the store read first gave 34 and 35)
    assert events["ArticleIngested"] <= objects["articles/"]
    assert (events["ArticleIngested"], objects["articles/"]) == (34, 35)


def test_the_events_shown_are_not_changed_by_later_readings() -> None:
    seen: Counter[str] = Counter({"ArticleIngested": 3})
    events, _ = read_progress(lambda: seen, lambda: {})
    seen["ArticleIngested"] += 1
    assert events["ArticleIngested"] == 3


def test_after_a_restart_the_store_totals_and_this_runs_counts_are_labelled_apart() -> None:
    # GIVEN a runner restarted on a kept store of 39 versions, which has processed one page
    line = progress_text(
        {"raw/": 39, "uploads/": 0, "articles/": 39},
        Counter({"ArticleIngested": 1}),
        handled=Counter({"ProcessFunction": 1}),
        failed=0,
        pages_per_second=0.5,
        depths={"ProcessQueue": 2, "FetchQueue": 0},
    )
    # THEN the store's totals and this run's counts say which they are (the line read
    # "stored versions 39 · events ArticleIngested 1")
    assert line == (
        f"{PROGRESS_STORE}fetched pages 39 · uploads 0 · stored versions 39 · "
        f"{PROGRESS_RUN}events ArticleIngested 1 · handled: ProcessFunction 1 · 0.5 pages/s · "
        "queued: ProcessQueue 2"
    )
    assert PROGRESS_STORE == "in the store: "
    assert PROGRESS_RUN == "this run: "
