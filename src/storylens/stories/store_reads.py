"""The story store's read side: stories, articles and counts, straight from SQLite."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import numpy as np

from storylens.leads import lead
from storylens.model import Article, Story, StoryMember
from storylens.stories.story import build_story, sort_stories


class StoreReads:
    """The queries of :class:`~storylens.stories.store.StoryStore` that only read."""

    _db: sqlite3.Connection

    def _where(self, q: str | None) -> tuple[str, tuple[Any, ...]]:
        if not q:
            return "", ()
        return " WHERE search LIKE ?", (f"%{q.lower()}%",)

    def stories(self, q: str | None = None, limit: int = 50, offset: int = 0) -> list[Story]:
        """Stories largest first, then newest; ``q`` matches headlines and outlets."""
        where, args = self._where(q)
        rows = self._db.execute(
            f"SELECT id FROM stories{where} ORDER BY n_articles DESC, last_seen DESC, id"
            " LIMIT ? OFFSET ?",
            (*args, limit, offset),
        ).fetchall()
        stories = [self.story(r[0]) for r in rows]
        return sort_stories([s for s in stories if s is not None])

    def count_stories(self, q: str | None = None) -> int:
        where, args = self._where(q)
        return int(self._db.execute(f"SELECT COUNT(*) FROM stories{where}", args).fetchone()[0])

    def story(self, story_id: str) -> Story | None:
        """A story by id; the id of a story that was merged away leads to its survivor."""
        row = self._db.execute("SELECT survivor FROM merged WHERE old = ?", (story_id,)).fetchone()
        sid = row[0] if row else story_id
        head = self._db.execute("SELECT title FROM stories WHERE id = ?", (sid,)).fetchone()
        if head is None:
            return None
        rows = self._db.execute(
            "SELECT id, title, outlet, data, published, duplicate_group, embedding"
            " FROM articles WHERE story = ? ORDER BY seq",
            (sid,),
        ).fetchall()
        data = [json.loads(r["data"]) for r in rows]
        members = [
            StoryMember(
                id=r["id"],
                title=r["title"] or "",
                outlet=r["outlet"],
                url=d.get("url"),
                published=r["published"],
                duplicate_group=r["duplicate_group"],
            )
            for r, d in zip(rows, data, strict=True)
        ]
        vectors = np.stack([np.frombuffer(r["embedding"], dtype="float32") for r in rows])
        story = build_story(sid, members, vectors)
        # an untitled story or article is shown by its lead, never as "(untitled)"
        leads = {r["id"]: lead(d.get("text") or "") for r, d in zip(rows, data, strict=True)}
        story.title = head["title"] or next((leads[m.id] for m in story.articles), "")
        for member in story.articles:
            member.title = member.title or leads[member.id]
        return story

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.from_dict(json.loads(row[0])) if row else None

    def assignments(self) -> list[dict[str, Any]]:
        """Every stored article with its current story, in the order they were added."""
        return [
            dict(r)
            for r in self._db.execute(
                "SELECT id, story, duplicate_group, outlet, title, published"
                " FROM articles ORDER BY seq"
            )
        ]

    def outlet_counts(self) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL"
            " GROUP BY outlet ORDER BY COUNT(*) DESC, outlet"
        )
        return {r[0]: int(r[1]) for r in rows}

    def coverage(self, story_id: str) -> list[dict[str, Any]]:
        """Articles per outlet per day in one story (undated articles under day None)."""
        story = self.story(story_id)
        if story is None:
            return []
        counts: dict[tuple[str, str | None], int] = {}
        for m in story.articles:
            key = (m.outlet or "unknown", m.published[:10] if m.published else None)
            counts[key] = counts.get(key, 0) + 1
        return [
            {"outlet": outlet, "day": day, "articles": n}
            for (outlet, day), n in sorted(
                counts.items(), key=lambda kv: (kv[0][1] or "", kv[0][0])
            )
        ]
