"""The story view in the web app: the story page's facts section and /api/stories/{id}/facts."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from .conftest import RECORDS, XSS

pytestmark = pytest.mark.slow


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
