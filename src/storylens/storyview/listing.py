"""The story list: one view model for ``storylens stories``, ``GET /api/stories`` and the home page.

Each story is summarised without its articles (a count instead); the list carries the paging of
the request it answers, so a client can ask for the next page the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from storylens.model import Story


@dataclass(frozen=True)
class StorySummary:
    """One line of the story list."""

    id: str
    title: str
    #: how many articles the story holds
    articles: int
    outlets: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    first_reported_by: str | None = None
    #: groups of near-identical copies (wire copy), each a list of article ids, largest first
    duplicate_groups: list[list[str]] = field(default_factory=list)

    @classmethod
    def of(cls, story: Story) -> StorySummary:
        return cls(
            id=story.id,
            title=story.title,
            articles=len(story.articles),
            outlets=list(story.outlets),
            first_seen=story.first_seen,
            last_seen=story.last_seen,
            first_reported_by=story.first_reported_by,
            duplicate_groups=[list(g) for g in story.duplicate_groups],
        )


@dataclass(frozen=True)
class StoryList:
    """A page of stories, largest and newest first, and where it sits in the whole list."""

    stories: list[StorySummary]
    #: stories matching the query in the whole store, not just on this page
    total: int
    limit: int
    offset: int = 0

    @classmethod
    def of(cls, stories: Sequence[Story], total: int, limit: int, offset: int = 0) -> StoryList:
        return cls([StorySummary.of(s) for s in stories], total, limit, offset)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
