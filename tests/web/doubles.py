"""Test doubles for the web tests: an in-memory story store and a trivial comparison.

They stand in for storylens.stories.store, storylens.compare and storylens.render.html so that
the HTTP behaviour (auth, limits, escaping, pagination) is tested without loading models.
The integration tests in test_integration.py run the real modules.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from storylens.model import Article, Story, StoryMember
from storylens.web.backend import Backend


class FakeStore:
    """Groups articles into stories by the first word of their title."""

    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self.story_of: dict[str, str] = {}
        self.grouper = SimpleNamespace(embedding="minilm", encoder=None)
        self.status: dict[str, str] = {}
        self.failed: list[Any] = []

    def __enter__(self) -> FakeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def changed_ids(self, articles: list[Article]) -> set[str]:
        return {
            a.id
            for a in articles
            if a.id in self.articles
            and (self.articles[a.id].title, self.articles[a.id].text) != (a.title, a.text)
        }

    def add(self, articles: list[Article]) -> dict[str, str]:
        """Like StoryStore.add, ``status`` is decided while adding, not before."""
        placed = {}
        changed = self.changed_ids(articles)
        self.status = {
            a.id: "updated"
            if a.id in changed
            else "unchanged"
            if a.id in self.articles
            else "added"
            for a in articles
        }
        for article in articles:
            self.articles[article.id] = article
            key = (article.title.split() or ["untitled"])[0].lower()
            self.story_of[article.id] = placed[article.id] = f"story-{key}"
        return placed

    def _all(self, q: str | None) -> list[Story]:
        ids = sorted(set(self.story_of.values()))
        stories = [s for s in (self.story(i) for i in ids) if s is not None]
        if q:
            stories = [s for s in stories if q.lower() in s.title.lower()]
        return sorted(stories, key=lambda s: (-len(s.articles), s.id))

    def stories(self, q: str | None = None, limit: int = 50, offset: int = 0) -> list[Story]:
        return self._all(q)[offset : offset + limit]

    def count_stories(self, q: str | None = None) -> int:
        return len(self._all(q))

    def story(self, story_id: str) -> Story | None:
        members = [self.articles[a] for a, s in self.story_of.items() if s == story_id]
        if not members:
            return None
        members.sort(key=lambda a: a.published or "")
        return Story(
            id=story_id,
            title=members[0].title,
            articles=[
                StoryMember(a.id, a.title, a.outlet, a.url, a.published, a.id) for a in members
            ],
            outlets=sorted({a.outlet or "" for a in members}),
            first_seen=members[0].published,
            last_seen=members[-1].published,
            first_reported_by=members[0].outlet,
            duplicate_groups=[[a.id for a in members[:2]]] if len(members) > 1 else [],
        )

    def article(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)

    def outlet_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for a in self.articles.values():
            counts[a.outlet or ""] = counts.get(a.outlet or "", 0) + 1
        return counts

    def coverage(self, story_id: str) -> list[dict[str, Any]]:
        story = self.story(story_id)
        assert story is not None
        return [
            {"outlet": m.outlet, "day": (m.published or "")[:10], "articles": 1}
            for m in story.articles
        ]


@dataclass
class FakeComparison:
    a: Article
    b: Article

    def to_dict(self) -> dict[str, Any]:
        def side(x: Article) -> dict[str, Any]:
            return {"id": x.id, "title": x.title, "outlet": x.outlet, "published": x.published}

        return {
            "a": side(self.a),
            "b": side(self.b),
            "same_story": True,
            "scores": {"overall": 1.5},
        }


class FakeBackend(Backend):
    def __init__(self) -> None:
        super().__init__("unused.db")
        self.fake_store = FakeStore()
        self.compared = 0

    def _store(self) -> FakeStore:
        return self.fake_store

    def _lend_models(self, grouper: Any) -> None:
        self.lent_to = grouper

    def compare(self, a: Article, b: Article) -> FakeComparison:
        self.compared += 1
        return FakeComparison(a, b)

    def parse(self, text: str, **meta: str | None) -> Article:
        return Article(text=text, **{k: v for k, v in meta.items() if v})

    def from_record(self, record: dict[str, Any]) -> Article:
        if not str(record.get("text") or "").strip():
            raise ValueError("field 'text' is missing or empty")
        return Article.from_dict(record)

    def report_html(self, comparison: Any) -> str:
        return (
            f'<section class="cmp"><div class="col">{html.escape(comparison.a.title)}</div>'
            f'<div class="col">{html.escape(comparison.b.title)}</div></section>'
        )

    def report_css(self) -> str:
        return ".cmp { display: flex; }"
