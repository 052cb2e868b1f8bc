"""The web backend writes to a store the way the store was built."""

from __future__ import annotations

from pathlib import Path

from storylens.analyze.models import Models
from storylens.model import Article
from storylens.stories.grouping import StoryGrouper
from storylens.stories.store import StoryStore
from storylens.web.backend import Backend


def report(i: int, town: str) -> Article:
    return Article(
        title=f"Flood hits {town}",
        text=f"A flood hit {town} on Monday, officials said; {120 + i} homes were evacuated.",
        id=f"{town}-{i}",
        published="2024-03-04",
    )


def test_backend_adds_to_a_fast_store_with_hashing_and_no_model(tmp_path: Path) -> None:
    path = tmp_path / "fast.db"
    with StoryStore(path, grouper=StoryGrouper(embedding="hashing", verify=False)) as store:
        store.add([report(0, "Dresden"), report(1, "Dresden")])
    models = Models()
    backend = Backend(path, models=models)
    placed, status, failed = backend.add([report(2, "Dresden")])
    assert status == {"Dresden-2": "added"} and failed == []
    assert repr(models) == "Models(loaded=[])"  # neither MiniLM nor spaCy was loaded
    with StoryStore(path) as store:
        assert store.grouper.verify is False
        stories = {a["id"]: a["story"] for a in store.assignments()}
    assert placed["Dresden-2"] == stories["Dresden-0"]
