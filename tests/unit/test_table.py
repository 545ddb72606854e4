"""storage/table.py: the table's keys and its one time format, read back and ordered as text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from newsflow.models import Article
from newsflow.storage import table

# Moments around the edges a text format gets wrong: a microsecond apart, across a second, a
# day and a year, a year before 1000 (strftime would not pad it), and in other zones.
MOMENTS = [
    datetime(999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
    datetime(1000, 1, 1, tzinfo=UTC),
    datetime(2026, 11, 20, 8, 30, tzinfo=UTC),
    datetime(2026, 11, 20, 8, 30, 0, 1, tzinfo=UTC),
    datetime(2026, 11, 20, 8, 30, 0, 999_999, tzinfo=UTC),
    datetime(2026, 11, 20, 8, 30, 1, tzinfo=UTC),
    datetime(2026, 11, 20, 10, 0, tzinfo=timezone(timedelta(hours=2))),  # 08:00 UTC
    datetime(2026, 11, 20, 4, 30, 0, 500_000, tzinfo=timezone(timedelta(hours=-5))),
    datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(2027, 1, 1, tzinfo=UTC),
]


def _article(article_id: str, **fields: object) -> Article:
    url = f"https://news.example.com/{article_id}"
    return Article.model_validate(
        {
            "article_id": article_id,
            "url": url,
            "final_url": url,
            "canonical_url": url,
            "content_hash": "h",
            "extractor_version": "test",
            "fetched_at": datetime(2026, 11, 20, 12, tzinfo=UTC),
            "outcome": {"kind": "article", "reason": "test"},
            **fields,
        }
    )


@pytest.mark.parametrize("moment", MOMENTS)
def test_stamp_reads_back_the_same_instant(moment: datetime) -> None:
    text = table.stamp(moment)

    assert table.parse_stamp(text) == moment
    assert table.parse_stamp(text).tzinfo is UTC
    assert len(text) == len("2026-11-20T08:30:00.000000Z")
    assert text.endswith("Z")


def test_stamp_sorts_as_text_in_time_order() -> None:
    by_text = sorted(MOMENTS, key=table.stamp)

    assert by_text == sorted(MOMENTS)
    assert table.stamp(MOMENTS[0]) == "0999-12-31T23:59:59.999999Z"


def test_stamp_of_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        table.stamp(datetime(2026, 11, 20, 8, 30))  # noqa: DTZ001 - the naive input under test


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        # second precision with Z: index, story and URL outcome items before table.py
        ("2026-11-20T08:30:05Z", datetime(2026, 11, 20, 8, 30, 5, tzinfo=UTC)),
        # isoformat with an offset: sources, run statistics, feed states before table.py
        ("2026-11-20T08:30:05.250000+00:00", datetime(2026, 11, 20, 8, 30, 5, 250_000, tzinfo=UTC)),
        ("2026-11-20T10:30:05+02:00", datetime(2026, 11, 20, 8, 30, 5, tzinfo=UTC)),
        # an index item's fetched_at was isoformat of whatever the page carried
        ("2026-11-20T08:30:05", datetime(2026, 11, 20, 8, 30, 5, tzinfo=UTC)),
    ],
)
def test_parse_stamp_reads_older_spellings(stored: str, expected: datetime) -> None:
    parsed = table.parse_stamp(stored)

    assert parsed == expected
    assert parsed.tzinfo is UTC


def test_parse_stamp_of_text_that_is_no_time_raises() -> None:
    with pytest.raises(ValueError, match="Invalid isoformat"):
        table.parse_stamp("yesterday")


def test_legacy_stamp_is_the_older_second_spelling() -> None:
    moment = datetime(2026, 11, 20, 8, 30, 5, 250_000, tzinfo=UTC)

    assert table.legacy_stamp(moment) == "2026-11-20T08:30:05Z"
    assert table.parse_stamp(table.legacy_stamp(moment)) == moment.replace(microsecond=0)


def test_time_range_holds_its_whole_second_in_every_spelling() -> None:
    second = datetime(2026, 11, 20, 8, 30, 5, tzinfo=UTC)
    inside = [
        f"{table.stamp(second)}#a",
        f"{table.stamp(second.replace(microsecond=999_999))}#f",
        f"{table.legacy_stamp(second)}#a",  # an older item's key, to the second
    ]
    outside = [
        f"{table.stamp(second - timedelta(microseconds=1))}#f",
        f"{table.legacy_stamp(second - timedelta(seconds=1))}#f",
        f"{table.stamp(second + timedelta(seconds=1))}#0",
        f"{table.legacy_stamp(second + timedelta(seconds=1))}#0",
    ]
    low, high = table.time_range_start(second), table.time_range_end(second)

    assert all(low <= key <= high for key in inside)
    assert not any(low <= key <= high for key in outside)


def test_just_above_and_below_are_strict_bounds_among_sort_keys() -> None:
    moment = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    keys = sorted(
        [
            f"{table.stamp(moment)}#00ff",
            f"{table.stamp(moment)}#0100",
            f"{table.stamp(moment + timedelta(microseconds=1))}#0000",
            f"{table.legacy_stamp(moment)}#0000",
            f"{table.UNDATED}{table.stamp(moment)}#abcd",
        ]
    )

    for index, cursor in enumerate(keys):
        assert [k for k in keys if k >= table.just_above(cursor)] == keys[index + 1 :]
        assert [k for k in keys if k <= table.just_below(cursor)] == keys[:index]


def test_version_sort_keys_sort_as_the_numbers() -> None:
    versions = [1, 2, 9, 10, 99, 100, 999_999]
    keys = [table.version_sk(v) for v in versions]

    assert sorted(keys) == keys
    assert all(k < table.LAST_VERSION_SK for k in keys[:-1])
    assert keys[-1] == table.LAST_VERSION_SK  # the highest version a key can hold


def test_listed_key_orders_dated_before_undated_newest_first() -> None:
    early = _article("a" * 32, published_at=datetime(2026, 11, 19, tzinfo=UTC))
    modified = _article("b" * 32, modified_at=datetime(2026, 11, 20, tzinfo=UTC))
    undated = _article("c" * 32)

    newest_first = sorted([undated, early, modified], key=table.listed_key, reverse=True)

    assert newest_first == [modified, early, undated]
    assert table.listed_key(undated) < table.FIRST_DATED <= table.listed_key(early)
    published = datetime(2026, 11, 19, tzinfo=UTC)
    assert table.listed_key(early) == f"{table.stamp(published)}#{'a' * 32}"


def test_index_keys_name_each_gsi_of_the_facets_present() -> None:
    updated = datetime(2026, 11, 21, tzinfo=UTC)
    article = _article("d" * 32, source_id="daily", language="en", section="World")

    keys = table.index_keys(article, updated)

    shard = str(table.listing_shard(article.article_id))
    assert keys == {
        "published_pk": f"PUBLISHED#{shard}",
        "published_sk": table.listed_key(article),
        "updated_pk": f"UPDATED#{shard}",
        "updated_sk": f"{table.stamp(updated)}#{'d' * 32}",
        "source_pk": "SOURCE#daily",
        "language_pk": "LANG#en",
        "section_pk": "SECTION#world",
    }
    assert "story_pk" not in keys  # no story: absent from the sparse ByStory index


def test_listing_shard_is_stable_and_in_range() -> None:
    shards = [table.listing_shard(f"{n:032x}") for n in range(400)]

    assert set(shards) == set(range(table.LISTING_SHARDS))
    assert shards == [table.listing_shard(f"{n:032x}") for n in range(400)]


def test_url_pk_is_shared_by_spellings_of_one_url_only() -> None:
    plain = table.url_pk("https://news.example.com/a")

    assert table.url_pk("https://news.example.com/a?utm_source=feed") == plain
    assert table.url_pk("https://news.example.com/b") != plain
    assert plain.startswith(table.URL_PREFIX)


def test_keys_read_back_what_they_were_built_from() -> None:
    day = date(2026, 11, 20)

    assert table.health_day(table.health_sk(day)) == day
    assert table.band_key_of(table.band_pk("12#00ffee")) == "12#00ffee"
    assert table.story_day(day) == "STORYDAY#2026-11-20"
    assert table.item_key("A", "B") == {"pk": {"S": "A"}, "sk": {"S": "B"}}


def test_drift_range_holds_the_claims_of_its_days_only() -> None:
    first, last = date(2026, 11, 20), date(2026, 11, 22)
    low, high = table.drift_range(first, last)

    inside = [table.drift_sk(first, "title"), table.drift_sk(last, "zzz_field")]
    outside = [table.drift_sk(date(2026, 11, 19), "title"), table.drift_sk(date(2026, 11, 23), "a")]
    assert all(low <= sk <= high for sk in inside)
    assert not any(low <= sk <= high for sk in outside)
    assert not (low <= table.health_sk(first) <= high)


def test_every_partition_prefix_is_distinct() -> None:
    prefixes = table.PARTITIONS

    assert len(set(prefixes)) == len(prefixes)
    # A prefix that starts another would let one item kind read as another in IAM LeadingKeys.
    assert not [(a, b) for a in prefixes for b in prefixes if a != b and b.startswith(a)]


def test_listing_keys_written_and_older_ones_are_recognised_as_sort_keys() -> None:
    article = _article("e" * 32)
    moment = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)

    assert table.is_listing_key(table.listed_key(article))  # undated: "!" and the fetch time
    assert table.is_listing_key(table.updated_key(moment, article.article_id))
    assert table.is_listing_key(f"{table.legacy_stamp(moment)}#{'e' * 32}")
    assert not table.is_listing_key(f"{table.stamp(moment)}#not-an-id")
    assert not table.is_listing_key(f"{table.second_prefix(moment)}#{'e' * 32}")
