"""Use case: the story of near-duplicate copies a new version of an article belongs to.

Run by the process path before each version commit (docs/stories.md). At most two reads: the
article's LSH band items (one BatchGetItem), then the stories found there (one BatchGetItem);
the writes go into the commit's transaction, each conditional on what was read, so two copies
processed at once cannot both found a story on a band they share: the second commit loses,
reads again and joins the first's story.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from newsflow.models import Article
from newsflow.services.ports import (
    ArticleState,
    Band,
    StoryCount,
    StoryHead,
    StoryRepository,
    StoryWrite,
)

if TYPE_CHECKING:
    from newsflow import neardup

# A band item lists at most this many stories (bodies of boilerplate alone can share a band
# value); a full one is left as it is, and the story is still found through its other bands.
MAX_BAND_STORIES = 20
BODY_FIELD = "body_text"


def assign_story(
    article: Article,
    state: ArticleState | None,
    field_hashes: Mapping[str, str],
    stories: StoryRepository,
) -> StoryWrite | None:
    """The story write of the version about to be committed; None when the body is too short
    to group (and the article has no story yet).

    An update keeps its story without any read unless its body changed; a first copy keeps
    its story even then (its first text defines the story, and other copies hang on it)."""
    if state is not None and state.story_id is not None:
        body_same = field_hashes.get(BODY_FIELD) == state.field_hashes.get(BODY_FIELD)
        if body_same or state.story_id == article.article_id:
            return _kept(state)
    # Imported on the first grouping: numpy is a fair part of the process function's cold
    # start, and a page that is rejected or unchanged never groups.
    from newsflow import neardup  # noqa: PLC0415

    sig = neardup.signature(article.body_text)
    if sig is None:
        return _kept(state) if state is not None and state.story_id else None
    current = state.story_id if state is not None else None
    keys = neardup.band_keys(sig)
    bands = stories.read_bands(keys)
    candidates = neardup.rank_candidates(
        (bands[key].stories for key in keys if key in bands), exclude=article.article_id
    )
    wanted = [*candidates, current] if current and current not in candidates else candidates
    heads = stories.read_stories(wanted) if wanted else {}
    roots = [_root(heads[c]) for c in candidates if c in heads]
    match = neardup.choose_story(sig, roots)
    if match is not None and match.story_id == current:
        assert state is not None and state.story_size is not None
        return StoryWrite(current, state.story_size, match.similarity)
    left = None
    if current is not None and current in heads:
        size = heads[current].size
        left = StoryCount(current, seen=size, size=max(size - 1, 0))
    if match is not None:
        size = heads[match.story_id].size
        joined = StoryCount(match.story_id, seen=size, size=size + 1)
        return StoryWrite(match.story_id, size + 1, match.similarity, joined=joined, left=left)
    head = StoryHead(
        story_id=article.article_id,
        signature=sig.to_bytes(),
        first_at=article.published_at or article.fetched_at,
        size=1,
        title=article.title,
        source_id=article.source_id,
    )
    return StoryWrite(
        article.article_id,
        1,
        1.0,
        left=left,
        founded=head,
        bands=_claimed_bands(keys, bands, article.article_id),
    )


def with_story(article: Article, story: StoryWrite | None) -> Article:
    """The article with its story fields set (unchanged when it has no story)."""
    if story is None:
        return article
    return article.model_copy(update={"story_id": story.story_id, "story_size": story.story_size})


def kept_story(article: Article, state: ArticleState) -> Article:
    """The article with the story fields its stored version has (same content, re-announced)."""
    return with_story(article, _kept(state))


def _kept(state: ArticleState | None) -> StoryWrite | None:
    if state is None or state.story_id is None:
        return None
    return StoryWrite(state.story_id, state.story_size or 1, state.story_similarity or 1.0)


def _root(head: StoryHead) -> neardup.StoryRoot:
    from newsflow import neardup  # noqa: PLC0415

    return neardup.StoryRoot(
        head.story_id, neardup.Signature.from_bytes(head.signature), head.first_at
    )


def _claimed_bands(keys: list[str], read: Mapping[str, Band], story_id: str) -> tuple[Band, ...]:
    """The band items a new story writes: each as read plus the story (a full one skipped)."""
    claimed = []
    for key in keys:
        band = read.get(key, Band(key, (), 0))
        if len(band.stories) < MAX_BAND_STORIES and story_id not in band.stories:
            claimed.append(Band(key, (*band.stories, story_id), band.revision + 1))
    return tuple(claimed)
