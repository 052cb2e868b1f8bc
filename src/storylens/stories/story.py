"""A story as readers see it, built from its members: ids, the headline, outlets and dates."""

from __future__ import annotations

import numpy as np

from storylens.model import Story, StoryMember


def story_id(number: int) -> str:
    return f"s-{number:06d}"


def story_number(sid: str) -> int:
    return int(sid.split("-", 1)[1])


def build_story(sid: str, members: list[StoryMember], vectors: np.ndarray) -> Story:
    """A Story view: headline nearest the centre, outlets, dates, who reported first."""
    order = sorted(range(len(members)), key=lambda i: (members[i].published or "9999", i))
    members = [members[i] for i in order]
    vectors = vectors[order]
    centre = vectors.mean(axis=0)
    closeness = vectors @ centre
    titled = [i for i, m in enumerate(members) if m.title]
    title = members[max(titled, key=lambda i: closeness[i])].title if titled else ""
    dates = sorted(m.published for m in members if m.published)
    outlets = list(dict.fromkeys(m.outlet for m in members if m.outlet))
    groups: dict[str, list[str]] = {}
    for m in members:
        groups.setdefault(m.duplicate_group, []).append(m.id)
    first = next((m.outlet for m in members if m.published and m.outlet), None)
    return Story(
        id=sid,
        title=title,
        articles=members,
        outlets=outlets,
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        first_reported_by=first or (outlets[0] if outlets else None),
        duplicate_groups=sorted(groups.values(), key=lambda g: (-len(g), g[0])),
    )


def sort_stories(stories: list[Story]) -> list[Story]:
    """Largest first; among equals the newest (latest last_seen), then the oldest id."""
    stories = sorted(stories, key=lambda s: story_number(s.id))
    stories.sort(key=lambda s: s.last_seen or "", reverse=True)
    stories.sort(key=lambda s: len(s.articles), reverse=True)
    return stories
