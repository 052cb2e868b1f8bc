"""The story view in the web app: the story page's facts section and /api/stories/{id}/facts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .conftest import RECORDS, XSS

pytestmark = pytest.mark.slow
BILINGUAL = Path(__file__).resolve().parents[1] / "storyview" / "fixtures" / "tornado_de_en.jsonl"


def test_facts_api_is_the_story_json(client: TestClient) -> None:
    r = client.get("/api/stories/story-floods/facts")
    assert r.status_code == 200
    data = r.json()
    assert data["id"] == "story-floods"
    assert set(data) == {
        "id",
        "title",
        "articles",
        "facts",
        "numbers",
        "lineage",
        "outlets",
        "notes",
    }
    assert {a["outlet"] for a in data["articles"]} == {"Reuters", "Al Jazeera", "BBC"}
    texts = {r["outlet"]: r["text"] for r in RECORDS}
    for fact in data["facts"]:
        for carrier in fact["carried_by"]:
            assert carrier["text"] in texts[carrier["outlet"]]
    assert client.get("/api/stories/no-such-story/facts").status_code == 404


def test_story_page_shows_the_matrix_escaped_and_without_inline_script(client: TestClient) -> None:
    r = client.get("/stories/story-floods")
    assert r.status_code == 200
    page = r.text
    assert 'class="sl-matrix"' in page and "data-sortable" in page
    assert '<script src="/static/story.js" defer></script>' in page
    assert '<link rel="stylesheet" href="/static/story.css">' in page
    assert XSS not in page and "&lt;script&gt;" in page
    # every script comes from /static: the CSP forbids inline code
    assert all('src="/static/' in tag for tag in re.findall(r"<script[^>]*>", page))
    assert re.findall(r"<th scope=\"col\" class=\"sl-outlet-col\"", page).__len__() == 3
    css = client.get("/static/story.css")
    assert css.status_code == 200 and ".sl-matrix" in css.text
    assert client.get("/static/story.js").status_code == 200


def test_a_bilingual_story_shows_translated_carriers(client: TestClient) -> None:
    from storylens.analyze.glossary import glossary

    if glossary("de") is None:
        pytest.skip("FreeDict deu-eng is not installed (make system-deps)")
    lib = client.app.state.backend  # type: ignore[attr-defined]
    with BILINGUAL.open(encoding="utf-8") as fh:
        lib.add([lib.from_record(json.loads(line)) for line in fh])
    data = client.get("/api/stories/story-tornado/facts").json()
    quote = next(f for f in data["facts"] if f["kind"] == "quote")
    assert {c["outlet"]: c["how"] for c in quote["carried_by"]} == {
        "a.example": "verbatim",
        "b.example": "verbatim",
        "c.example": "translated",
    }
    assert any("freedict-deu-eng" in note for note in data["notes"])
    page = client.get("/stories/story-tornado").text
    assert 'class="sl-cell sl-translated"' in page and "freedict-deu-eng" in page
