"""No "(untitled)": an untitled story or article is shown by its lead (first sentence, cut)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storylens.cli.app import app
from storylens.model import Article

from ..stories.conftest import hashed_encoder

LEAD = "A ferry carrying 200 passengers sank off the coast of Sulawesi on Sunday."


def test_stories_and_story_show_the_lead_of_untitled_articles(tmp_path: Path) -> None:
    from storylens.stories.store import StoryStore

    path = tmp_path / "news.db"
    article = Article(
        id="wire-1",
        text=f"{LEAD} Rescuers pulled 150 people from the water, officials said.",
        outlet="wire.example",
        published="2024-02-04",
    )
    with StoryStore(path, encoder=hashed_encoder) as store:
        sid = store.add([article])["wire-1"]
        story = store.story(sid)
    assert story is not None and story.title == LEAD
    assert story.articles[0].title == LEAD
    listed = CliRunner().invoke(app, ["stories", "--store", str(path), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)["stories"][0]["title"] == LEAD
    table = CliRunner().invoke(app, ["stories", "--store", str(path)])
    assert "A ferry carrying" in table.stdout and "untitled" not in table.stdout
    wire = tmp_path / "wire.txt"
    wire.write_text(article.text + "\n", encoding="utf-8")
    read = CliRunner().invoke(app, ["read", str(wire), "--format", "table"])
    assert read.exit_code == 0, read.output
    assert "A ferry" in read.stdout and "untitled" not in read.stdout
