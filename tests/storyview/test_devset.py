"""Done when, on pages-stories-dev: every story of a store built from the 90 articles."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from storylens.model import Article
from storylens.storyview import StoryView

pytestmark = pytest.mark.slow

_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_MARKS).lower()).strip()


def start(published: str) -> datetime:
    """The start of an ISO date, partial ones ("2022-05") included."""
    parts = [int(p) for p in published[:10].split("-")]
    return datetime(*(parts + [1] * (3 - len(parts))))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def views(dev_store: Path, dev_articles: list[Article]) -> list[StoryView]:
    from storylens.stories.store import StoryStore
    from storylens.storyview.stored import stored_story_view

    with StoryStore(dev_store) as store:
        ids = [s.id for s in store.stories(limit=1000)]
        out = [stored_story_view(store, sid) for sid in ids]
    assert sum(len(v.articles) for v in out if v) == len(dev_articles) == 90
    return [v for v in out if v is not None]


def test_every_article_holding_a_quote_carries_it(
    views: list[StoryView], dev_articles: list[Article]
) -> None:
    texts = {a.id: norm(a.text) for a in dev_articles}
    quotes = 0
    for view in views:
        for fact in (f for f in view.facts if f.kind == "quote"):
            quotes += 1
            holding = {a.id for a in view.articles if norm(fact.text) in texts[a.id]}
            carrying = {c.article for c in fact.carried_by}
            assert holding <= carrying, (view.id, fact.text)
    assert quotes >= 20  # the set quotes people: a view without quotes would pass vacuously


def test_carried_text_is_a_verbatim_span(
    views: list[StoryView], dev_articles: list[Article]
) -> None:
    texts = {a.id: a.text for a in dev_articles}
    for view in views:
        for fact in view.facts:
            for carrier in fact.carried_by:
                assert carrier.text and carrier.text in texts[carrier.article], (view.id, fact.id)


def test_first_carrier_is_the_earliest_dated(views: list[StoryView]) -> None:
    shared = 0
    for view in views:
        published = {a.id: a.published for a in view.articles}
        for fact in view.facts:
            dated = [published[c.article] for c in fact.carried_by if published[c.article]]
            if not dated:
                assert fact.first.published is None
                continue
            assert fact.first.published is not None, (view.id, fact.id)
            assert start(fact.first.published) == min(start(d) for d in dated), (view.id, fact.id)
            assert fact.first.article in {c.article for c in fact.carried_by}
            shared += len(fact.carried_by) > 1
    assert shared >= 10


def test_multi_outlet_stories_share_facts(views: list[StoryView]) -> None:
    big = [v for v in views if len(v.outlets) >= 4]
    assert len(big) >= 10
    for view in big:
        assert any(len(f.outlets) >= 2 for f in view.facts), view.id
        assert all(0.0 <= o.own_share <= 1.0 for o in view.outlets)
        assert view.title and view.title != "(untitled)"
