"""``storylens story``: a stored story by id (merged ids lead to the survivor), or files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli.app import app
from storylens.read import read_path

from ..stories.conftest import hashed_encoder

TOLL = Path(__file__).resolve().parent / "fixtures" / "rising_toll.jsonl"


@pytest.fixture(scope="module")
def toll_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from storylens.stories.store import StoryStore

    path = tmp_path_factory.mktemp("store") / "news.db"
    with StoryStore(path, encoder=hashed_encoder) as store:
        placed = store.add(read_path(TOLL))
    return path, placed["toll-1"]


def test_stored_story_as_json(toll_store: tuple[Path, str]) -> None:
    path, sid = toll_store
    result = CliRunner().invoke(app, ["story", sid, "--store", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == sid
    with sqlite3.connect(path) as db:
        members = {r[0] for r in db.execute("SELECT id FROM articles WHERE story = ?", (sid,))}
        groups = dict(db.execute("SELECT id, duplicate_group FROM articles"))
    assert {a["id"] for a in data["articles"]} == members
    assert all(a["duplicate_group"] == groups[a["id"]] for a in data["articles"])


def test_a_merged_id_leads_to_the_survivor(toll_store: tuple[Path, str], tmp_path: Path) -> None:
    path, sid = toll_store
    copy = tmp_path / "merged.db"
    with sqlite3.connect(path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
        dst.execute("INSERT INTO merged VALUES ('s-999999', ?)", (sid,))
    result = CliRunner().invoke(
        app, ["story", "s-999999", "--store", str(copy), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == sid


def test_an_unknown_id_exits_2_with_one_line(toll_store: tuple[Path, str]) -> None:
    path, _ = toll_store
    result = CliRunner().invoke(app, ["story", "s-424242", "--store", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("storylens: s-424242: no such story")


def test_with_a_store_the_positional_is_an_id_never_a_path(toll_store: tuple[Path, str]) -> None:
    path, _ = toll_store
    result = CliRunner().invoke(app, ["story", str(TOLL), "--store", str(path)])
    assert result.exit_code == 2 and "no such story" in result.stderr


def test_files_as_one_story_text_and_html(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["story", str(TOLL)])
    assert result.exit_code == 0, result.output
    assert "deaths (rising)" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    out = tmp_path / "story.html"
    result = CliRunner().invoke(app, ["story", str(TOLL), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_no_articles_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["story", str(empty)])
    assert result.exit_code == 2
