"""The single table's layout: every key, key prefix, GSI and the one time format of its items.

Writers and readers both build keys here, so the two cannot drift apart; template.yaml's
GlobalSecondaryIndexes and IAM `dynamodb:LeadingKeys` are checked against this module
(tests/contract/test_table_layout.py). docs/architecture.md, "Table", describes the items.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from newsflow.urls import article_id_for, normalize_url

if TYPE_CHECKING:
    from newsflow.models import Article

# The table's own key attributes (template.yaml, KeySchema).
PK = "pk"
SK = "sk"


def item_key(pk: str, sk: str) -> dict[str, Any]:
    """The primary key of an item as DynamoDB attribute values."""
    return {PK: {"S": pk}, SK: {"S": sk}}


# Conditions of a write that creates an item, or changes one only if it exists.
ITEM_ABSENT = f"attribute_not_exists({PK})"
ITEM_PRESENT = f"attribute_exists({PK})"


# --- Time ---------------------------------------------------------------------------------
# Every time stored as text is written by `stamp`; times that conditions compute with (leases,
# TTL, the discovery schedule, host slots) are epoch seconds stored as numbers instead, as
# DynamoDB's TTL requires. Items written before this module may hold older spellings of a
# time: second precision with `Z` (index, version and story items, the URL outcome item,
# listing sort keys) or Python's isoformat with `+00:00` (source, run, feed-state and robots
# items; an index item's fetched_at). `parse_stamp` reads them all, key ranges are bounded by
# the second (`time_range_start`/`_end`), and the one condition that compares an older
# spelling as text accepts `legacy_stamp`: no item needs rewriting.


def stamp(moment: datetime) -> str:
    """THE time format of the table: UTC, microseconds, `Z`, fixed width, the year zero-padded
    to four digits (strftime leaves years before 1000 short), e.g.
    `2026-11-20T08:30:00.000000Z`. Text order is time order, and a time reads back equal to
    the one written (a datetime has microsecond resolution), which conditions on stored
    times rely on. Raises ValueError for a naive datetime (its zone is unknown)."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: a stored time needs a zone")
    return f"{second_prefix(moment)}.{moment.astimezone(UTC).microsecond:06d}Z"


def second_prefix(moment: datetime) -> str:
    """`stamp` cut to the second (`2026-11-20T08:30:00`): every stored spelling of a time in
    that second, older ones included, starts with it, so it bounds key ranges by the second."""
    moment = moment.astimezone(UTC)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    )


def legacy_stamp(moment: datetime) -> str:
    """The second-precision spelling older items hold (`2026-11-20T08:30:00Z`): a condition
    comparing a stored time as text accepts it too, so old items need no rewriting."""
    return f"{second_prefix(moment)}Z"


def parse_stamp(text: str) -> datetime:
    """A stored time as an aware UTC datetime: `stamp`'s format and every older spelling
    (a naive one is taken as UTC). Raises ValueError for text that is not an
    ISO 8601 time."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- Articles -----------------------------------------------------------------------------
ARTICLE_PREFIX = "ARTICLE#"
ARTICLE_SK = "ARTICLE"  # the article index item
VERSION_PREFIX = "VERSION#"
_VERSION_DIGITS = 6
LAST_VERSION_SK = f"{VERSION_PREFIX}{'9' * _VERSION_DIGITS}"  # above every version's sort key
PAGE_PREFIX = "PAGE#"
PAGE_SK = "PAGE"
PAGE_COUNTER_PK = "COUNTER#PAGES"  # the last page sequence number given


def article_pk(article_id: str) -> str:
    """Partition of an article: its index item and one item per version."""
    return f"{ARTICLE_PREFIX}{article_id}"


def version_sk(version: int) -> str:
    """Zero-padded so a Query returns versions in order."""
    return f"{VERSION_PREFIX}{version:0{_VERSION_DIGITS}d}"


def page_pk(raw_key: str) -> str:
    """Partition of a stored page's sequence number (hashed: keys can outgrow a key)."""
    return f"{PAGE_PREFIX}{hashlib.sha256(raw_key.encode('utf-8')).hexdigest()[:32]}"


# --- URLs: two items in one partition, each with one writer --------------------------------
URL_PREFIX = "URL#"
# The URL outcome item: processing's last outcome of a URL and the article it resolved to.
URL_OUTCOME_SK = "URL"
# The URL registry item: discovery registers a URL once (queued), fetching records its fetch.
DISCOVERED_SK = "DISCOVERED"


def url_pk(url: str) -> str:
    """Partition of a URL's outcome and registry items (hashed: URLs can outgrow a key);
    every spelling with one normalised form shares it."""
    return f"{URL_PREFIX}{article_id_for(normalize_url(url))}"


# --- GSIs ---------------------------------------------------------------------------------
class Gsi(NamedTuple):
    """A global secondary index: its name, key attributes and the prefix of its partition
    values (template.yaml declares the same; ALL projected)."""

    name: str
    partition: str
    sort: str
    prefix: str

    def partition_value(self, value: str) -> str:
        """The partition key value of `value` (a shard number, source id, code ...)."""
        return f"{self.prefix}{value}"


BY_PUBLISHED = Gsi("ByPublished", "published_pk", "published_sk", "PUBLISHED#")
BY_UPDATED = Gsi("ByUpdated", "updated_pk", "updated_sk", "UPDATED#")
BY_SOURCE = Gsi("BySource", "source_pk", "published_sk", "SOURCE#")
BY_LANGUAGE = Gsi("ByLanguage", "language_pk", "published_sk", "LANG#")
BY_SECTION = Gsi("BySection", "section_pk", "published_sk", "SECTION#")
BY_STORY = Gsi("ByStory", "story_pk", "published_sk", "STORY#")
STORIES_BY_DAY = Gsi("StoriesByDay", "story_day", "story_size", "STORYDAY#")
GSIS = (BY_PUBLISHED, BY_UPDATED, BY_SOURCE, BY_LANGUAGE, BY_SECTION, BY_STORY, STORIES_BY_DAY)

# Shards of the ByPublished and ByUpdated indexes: a page reads all of them side by side (one
# Query each), so this bounds a page's Queries; four spread a burst of writes (reprocessing)
# over four partitions' write throughput (1,000 WCU/s each on DynamoDB).
LISTING_SHARDS = 4
# Listing sort keys are `{stamp}#{article_id}`, or `!{stamp of the fetch}#{article_id}` for an
# article without a date: "!" sorts before every digit, so newest first it lists after every
# dated article, and "0" is the lowest dated key.
UNDATED = "!"
FIRST_DATED = "0"
# Sort keys are ASCII from "!" to "f" (a stamp's "T" and "Z", hex ids): "~" sorts after and
# " " before every character they use.
AFTER_ALL = "~"
_BEFORE_ALL = " "


# A listing sort key as `listed_key` and `updated_key` write it, or as older items hold it
# (the time to the second): what a cursor may resume after.
_LISTING_KEY = re.compile(r"!?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{6})?Z#[0-9a-f]{32}")


def is_listing_key(text: str) -> bool:
    """Whether `text` has the shape of a ByPublished/ByUpdated/facet sort key."""
    return _LISTING_KEY.fullmatch(text) is not None


def listing_shard(article_id: str) -> int:
    """The ByPublished/ByUpdated shard of an article: stable, spread evenly by a CRC-32."""
    return zlib.crc32(article_id.encode("utf-8")) % LISTING_SHARDS


def listed_key(article: Article) -> str:
    """The sort key of an article in every time-ordered listing: its best known time, the
    published date, else the modified date (it was published no later), else none: then
    "!" and the fetch time, which sorts after every dated article."""
    known = article.published_at or article.modified_at
    if known is None:
        return f"{UNDATED}{stamp(article.fetched_at)}#{article.article_id}"
    return f"{stamp(known)}#{article.article_id}"


def updated_key(updated_at: datetime, article_id: str) -> str:
    """The ByUpdated sort key of an article changed at `updated_at`."""
    return f"{stamp(updated_at)}#{article_id}"


def time_range_start(moment: datetime) -> str:
    """The lowest dated sort key in `moment`'s second: a range `>=` it holds that second,
    however its keys spell the time (older ones to the second)."""
    return second_prefix(moment)


def time_range_end(moment: datetime) -> str:
    """Above every dated sort key in `moment`'s second and below the next second's: a range
    `<=` it holds the whole second (a `to` bound is inclusive to the second)."""
    return f"{second_prefix(moment)}{AFTER_ALL}"


def just_above(sort_key: str) -> str:
    """The least text a sort key can equal above `sort_key`: `>= just_above(k)` means `> k`."""
    return f"{sort_key}{_BEFORE_ALL}"


def just_below(sort_key: str) -> str:
    """The greatest text a sort key can equal below `sort_key` (its last character one lower,
    then "~"): `<= just_below(k)` means `< k`."""
    return f"{sort_key[:-1]}{chr(ord(sort_key[-1]) - 1)}{AFTER_ALL}"


def index_keys(article: Article, updated_at: datetime) -> dict[str, str]:
    """The GSI keys of an article index item; absent facets leave the item out of that GSI."""
    shard = str(listing_shard(article.article_id))
    keys = {
        BY_PUBLISHED.partition: BY_PUBLISHED.partition_value(shard),
        BY_PUBLISHED.sort: listed_key(article),
        BY_UPDATED.partition: BY_UPDATED.partition_value(shard),
        BY_UPDATED.sort: updated_key(updated_at, article.article_id),
    }
    if article.source_id:
        keys[BY_SOURCE.partition] = BY_SOURCE.partition_value(article.source_id)
    if article.language:
        keys[BY_LANGUAGE.partition] = BY_LANGUAGE.partition_value(article.language)
    if article.section:
        keys[BY_SECTION.partition] = BY_SECTION.partition_value(article.section.casefold())
    if article.story_id:
        keys[BY_STORY.partition] = story_pk(article.story_id)
    return keys


# --- Stories (docs/stories.md) ------------------------------------------------------------
STORY_SK = "STORY"
BAND_PREFIX = "BAND#"
BAND_SK = "BAND"


def story_pk(story_id: str) -> str:
    """Partition of a story item; also the ByStory GSI key of its copies' index items."""
    return BY_STORY.partition_value(story_id)


def band_pk(band_key: str) -> str:
    """Partition of a band item: `BAND#<band number>#<64-bit digest of its values>`."""
    return f"{BAND_PREFIX}{band_key}"


def band_key_of(pk: str) -> str:
    """The band key `band_pk` was built from."""
    return pk.removeprefix(BAND_PREFIX)


def story_day(day: date) -> str:
    """The StoriesByDay GSI key of a UTC day."""
    return STORIES_BY_DAY.partition_value(day.isoformat())


# --- Sources, their run statistics, health and feed states ---------------------------------
SOURCES_PK = "SOURCES"  # every source configuration, one partition
SOURCE_PREFIX = "SOURCE#"
RUN_SK = "RUN"
HEALTH_PREFIX = "HEALTH#"
DRIFT_PREFIX = "DRIFT#"
DOCUMENT_PREFIX = "DOC#"
# One partition for the whole schedule: a single Query lists every source's next due time.
SCHEDULE_PK = "DISCOVER_SCHEDULE"


def source_sk(source_id: str) -> str:
    """Sort key of a source configuration in the `SOURCES` partition, and of a source's
    item in the schedule's partition."""
    return f"{SOURCE_PREFIX}{source_id}"


def source_run_pk(source_id: str) -> str:
    """Partition of a source's run statistics, health counters, drift claims and feed states."""
    return f"{SOURCE_PREFIX}{source_id}"


def health_sk(day: date) -> str:
    """Sort key of a source's counters of one UTC day."""
    return f"{HEALTH_PREFIX}{day.isoformat()}"


def health_day(sk: str) -> date:
    """The day `health_sk` was built from."""
    return date.fromisoformat(sk.removeprefix(HEALTH_PREFIX))


def drift_sk(day: date, field: str) -> str:
    """Sort key of the claim of one drift event."""
    return f"{DRIFT_PREFIX}{day.isoformat()}#{field}"


def drift_range(first: date, last: date) -> tuple[str, str]:
    """Inclusive sort key bounds of the drift claims of the days in [first, last]."""
    return f"{DRIFT_PREFIX}{first.isoformat()}", f"{DRIFT_PREFIX}{last.isoformat()}{AFTER_ALL}"


def document_sk(url: str) -> str:
    """Sort key of a feed's or sitemap's state inside its source's partition."""
    return f"{DOCUMENT_PREFIX}{article_id_for(url)}"


# --- Fetch politeness: per-origin and per-host items ----------------------------------------
ROBOTS_PREFIX = "ROBOTS#"
ROBOTS_SK = "ROBOTS"
TDMREP_PREFIX = "TDMREP#"
TDMREP_SK = "TDMREP"
HOST_PREFIX = "HOST#"
HOST_SK = "LIMIT"


def robots_pk(origin: str) -> str:
    """Partition of an origin's robots record."""
    return f"{ROBOTS_PREFIX}{origin}"


def tdmrep_pk(origin: str) -> str:
    """Partition of an origin's tdmrep record."""
    return f"{TDMREP_PREFIX}{origin}"


def host_pk(host: str) -> str:
    """Partition of a host's rate-limit slot."""
    return f"{HOST_PREFIX}{host.lower()}"


# Every partition key prefix (or whole key) the table holds: IAM policies name them.
PARTITIONS = (
    ARTICLE_PREFIX,
    PAGE_PREFIX,
    PAGE_COUNTER_PK,
    URL_PREFIX,
    BY_STORY.prefix,
    BAND_PREFIX,
    SOURCES_PK,
    SOURCE_PREFIX,
    SCHEDULE_PK,
    ROBOTS_PREFIX,
    TDMREP_PREFIX,
    HOST_PREFIX,
)
