"""One story list: `storylens stories --format json`, `GET /api/stories` and the home page show
the same view model (storylens.storyview.StoryList) of the same store."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storylens.cli.app import app
from storylens.model import Article
from storylens.stories.store import StoryStore
from storylens.web import create_app

from ..stories.conftest import hashed_encoder

FERRY = "A ferry carrying 200 passengers sank off the coast of Sulawesi on Sunday."
QUAKE = "An earthquake of magnitude 6.1 struck eastern Turkey on Friday night, killing 22."


def test_cli_and_api_list_the_same_stories(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    articles = [
        Article(id="ferry-1", title="Ferry sinks", text=FERRY, outlet="wire.example"),
        Article(id="ferry-2", title="Ferry sinks", text=FERRY, outlet="paper.example"),
        Article(id="quake-1", title="Quake in Turkey", text=QUAKE, outlet="wire.example"),
    ]
    with StoryStore(path, encoder=hashed_encoder) as store:
        store.add(articles)
    listed = CliRunner().invoke(app, ["stories", "--store", str(path), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    from_cli = json.loads(listed.stdout)
    with TestClient(create_app(path)) as client:
        from_api = client.get("/api/stories", params={"limit": 50}).json()
        page = client.get("/").text
    assert from_cli == from_api
    assert from_cli["total"] == len(from_cli["stories"]) >= 2
    assert sum(s["articles"] for s in from_cli["stories"]) == 3
    # the page counts articles from the same summaries
    largest = from_cli["stories"][0]
    assert f"{largest['articles']} article" in page and largest["title"] in page
