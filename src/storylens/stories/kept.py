"""The grouper of a writer's last write to a store, so a long-lived writer (the web app, a loop
over a feed) loads a big store once instead of on every add.

It is held by whoever writes: a :class:`~storylens.stories.store.StoryStore` keeps its own, and
a writer that opens a store per request (the web app: a SQLite connection belongs to its thread)
passes one ``KeptGrouper`` to each. One entry only, so a writer never holds more than one
store's state; it is dropped when the store's version moved (another process wrote) or when
the grouper's settings differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storylens.stories.grouping import StoryGrouper


def settings(grouper: StoryGrouper) -> tuple[Any, ...]:
    """What makes two groupers group alike: their parameters, not their learned state."""
    return tuple(
        # the model handles are not settings: two groupers with either are the same grouper
        v
        for k, v in sorted(vars(grouper).items())
        if not k.endswith("_") and k not in ("encoder", "analyzer")
    )


class KeptGrouper:
    """One ``(store path, store version, grouper)``, or nothing."""

    def __init__(self) -> None:
        self._entry: tuple[Path, str, StoryGrouper] | None = None

    def remember(self, path: Path, version: str | None, grouper: StoryGrouper) -> None:
        self._entry = (path.resolve(), version, grouper) if version else None

    def forget(self) -> None:
        self._entry = None

    def get(self, path: Path, version: str | None, grouper: StoryGrouper) -> StoryGrouper | None:
        """The kept grouper when it is of this store at this version with these settings."""
        if self._entry is None or version is None:
            return None
        kept_path, kept_version, kept = self._entry
        if kept_path != path.resolve() or kept_version != version:
            return None
        return kept if settings(kept) == settings(grouper) else None
