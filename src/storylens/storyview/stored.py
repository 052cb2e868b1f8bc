"""The story view of a story kept in a :class:`~storylens.stories.store.StoryStore`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storylens.stories.store import StoryStore
from storylens.storyview.build import story_view
from storylens.storyview.model import StoryView

if TYPE_CHECKING:
    from storylens.analyze.analyzer import Analyzer


def stored_story_view(
    store: StoryStore, story_id: str, analyzer: Analyzer | None = None
) -> StoryView | None:
    """The view of a stored story (a merged id leads to its survivor); None for unknown ids."""
    story = store.story(story_id)
    if story is None:
        return None
    articles = [a for m in story.articles if (a := store.article(m.id)) is not None]
    groups = {m.id: m.duplicate_group for m in story.articles}
    return story_view(
        articles, story_id=story.id, title=story.title, duplicate_groups=groups, analyzer=analyzer
    )
