"""Story-view fixtures: the seed story, the dev set as a store, a hand-written rising toll."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storylens.model import Article
from storylens.storyview import StoryView

REPO = Path(__file__).resolve().parents[2]
DEV = REPO.parent / "shared" / "data" / "pages-stories-dev" / "articles.jsonl"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def need_shared(path: Path) -> Path:
    """A file of ../shared: skipped when absent, but a failure in CI (CI=true), where the data
    must be there and a skip would pass without testing anything."""
    if not path.exists():
        message = f"{path} is absent: run from a checkout with ../shared beside it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seed_files() -> tuple[Path, Path]:
    """(wire 004, rewrite 000)."""
    seeds = REPO.parent / "shared" / "seeds"
    return (
        need_shared(seeds / "004_ad8205b13b026261.txt"),
        need_shared(seeds / "000_5106ceb30cf12f44.txt"),
    )


@pytest.fixture(scope="session")
def seed_view(seed_files: tuple[Path, Path]) -> StoryView:
    from storylens.read import read_path
    from storylens.storyview import story_view

    # the rewrite first: the view must order the pair by lineage, not by the order given
    return story_view([read_path(p)[0] for p in reversed(seed_files)])


@pytest.fixture(scope="session")
def dev_articles() -> list[Article]:
    lines = need_shared(DEV).read_text(encoding="utf-8").splitlines()
    return [Article.from_dict(json.loads(line)) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def dev_store(dev_articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storylens.stories.grouping import StoryGrouper
    from storylens.stories.store import StoryStore

    path = tmp_path_factory.mktemp("dev") / "news.db"
    # the light decision: the scoring model's check of every link costs minutes here and the
    # tests read what the story view does with whatever stories the store holds
    with StoryStore(path, grouper=StoryGrouper(verify=False)) as store:
        store.add(dev_articles)
    return path


@pytest.fixture(scope="session")
def toll_view() -> StoryView:
    from storylens.read import read_path
    from storylens.storyview import story_view

    return story_view(read_path(FIXTURES / "rising_toll.jsonl"))
