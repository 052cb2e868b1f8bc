"""The app over the real store, reader and comparison (loads the language models)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storylens.web import create_app

from .stored import XSS, sample_articles

pytestmark = pytest.mark.slow

TOKEN = "integration-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="session")
def filled(
    tmp_path_factory: pytest.TempPathFactory, seeds: tuple[Path, Path]
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """A client of an app whose store was filled through POST /api/articles."""
    store = tmp_path_factory.mktemp("web") / "stories.db"
    app = create_app(store, token=TOKEN)
    records = [a.to_dict() for a in sample_articles(*seeds)]
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/api/articles", json=records).status_code == 401
        r = client.post("/api/articles", json=records, headers=AUTH)
        assert r.status_code == 200, r.text
        placed = {item["id"]: item["story"] for item in r.json()["articles"]}
        yield client, placed


def test_add_places_every_article(filled: tuple[TestClient, dict[str, str]]) -> None:
    client, placed = filled
    assert len(placed) == 5
    listed = client.get("/api/stories").json()
    assert listed["total"] == len(set(placed.values()))
    assert sum(s["articles"] for s in listed["stories"]) == 5


def test_search_and_story(filled: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = filled
    found = client.get("/api/stories", params={"q": "valdoria"}).json()
    assert found["total"] >= 1
    story = client.get(f"/api/stories/{found['stories'][0]['id']}").json()
    assert any("Valdoria" in m["title"] for m in story["articles"])
    assert "duplicate_groups" in story
    assert client.get("/api/stories/no-such-story").status_code == 404


def test_story_page_escapes_titles(filled: tuple[TestClient, dict[str, str]]) -> None:
    client, placed = filled
    for story_id in set(placed.values()):
        page = client.get(f"/stories/{story_id}")
        assert page.status_code == 200
        assert XSS not in page.text
    assert any(
        "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/stories/{s}").text
        for s in set(placed.values())
    )


def test_api_compare_real(filled: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = filled
    body: dict[str, Any] = {
        "a": {
            "text": "Floods hit the city of Porto on Monday. Mayor Rui Costa said 300 people left.",
            "title": "Floods hit Porto",
            "outlet": "Reuters",
        },
        "b": {
            "text": "The mayor of Porto, Rui Costa, said 300 people were evacuated after floods.",
            "outlet": "BBC",
        },
    }
    r = client.post("/api/compare", json=body)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["a"]["outlet"] == "Reuters" and data["b"]["outlet"] == "BBC"
    assert set(data["scores"]) >= {"overall", "geography", "entities", "time", "narrative"}
    for key in ("alignment", "only_in_a", "only_in_b", "quotes", "entities", "provenance"):
        assert key in data
    blank = client.post("/api/compare", json={"a": {"text": "   "}, "b": {"text": "x"}})
    assert blank.status_code == 422
    assert blank.json()["detail"][0]["loc"] == ["body", "a", "text"]


def test_compare_page_real(filled: tuple[TestClient, dict[str, str]]) -> None:
    client, placed = filled
    a, b = list(placed)[:2]
    page = client.get("/compare", params={"a": a, "b": b})
    assert page.status_code == 200, page.text[-500:]
    # the first two records are the Reuters wire story and the Al Jazeera rewrite
    assert '<div class="report">' in page.text
    assert "US rejects Iraq" in page.text
    assert "Al Jazeera" in page.text and "Reuters" in page.text
    css = client.get("/static/report.css")
    assert css.status_code == 200 and css.text.strip()
