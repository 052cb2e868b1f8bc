"""The JSON API over the in-memory test double: routes, auth, limits and errors."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from .conftest import RECORDS, TOKEN, XSS, make_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_health(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_compare_returns_the_comparison(client: TestClient) -> None:
    body = {"a": {"text": "One.", "title": "A"}, "b": {"text": "Two.", "outlet": "BBC"}}
    r = client.post("/api/compare", json=body)
    assert r.status_code == 200
    data = r.json()
    assert data["a"]["title"] == "A"
    assert data["b"]["outlet"] == "BBC"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"a": {"text": "x"}}, "b"),
        ({"a": {"text": ""}, "b": {"text": "x"}}, "text"),
        ({"a": {"title": "no text"}, "b": {"text": "x"}}, "text"),
        ({"a": {"text": "x", "published": 5}, "b": {"text": "x"}}, "published"),
    ],
)
def test_compare_422_names_the_field(client: TestClient, body: dict, field: str) -> None:
    r = client.post("/api/compare", json=body)
    assert r.status_code == 422
    locs = [e["loc"] for e in r.json()["detail"]]
    assert any(field in loc for loc in locs), locs


def test_compare_bad_json_is_422(client: TestClient) -> None:
    r = client.post(
        "/api/compare", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def test_add_needs_the_token(client: TestClient) -> None:
    record = {"title": "Storm hits the coast", "text": "A storm hit the coast."}
    assert client.post("/api/articles", json=[record]).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post("/api/articles", json=[record], headers=wrong).status_code == 401
    r = client.post("/api/articles", json=[record], headers=AUTH)
    assert r.status_code == 200
    (added,) = r.json()["articles"]
    assert added["story"] == "story-storm"
    assert client.get(f"/api/stories/{added['story']}").status_code == 200


def test_add_names_the_bad_record(client: TestClient) -> None:
    r = client.post("/api/articles", json=[RECORDS[0], {"title": "no text"}], headers=AUTH)
    assert r.status_code == 422
    (error,) = r.json()["detail"]
    assert error["loc"] == ["body", 1]
    assert "text" in error["msg"]
    assert client.post("/api/articles", json=[], headers=AUTH).status_code == 422
    assert client.post("/api/articles", json={"a": 1}, headers=AUTH).status_code == 422


def test_without_a_token_only_loopback_may_write() -> None:
    app, _ = make_app(token=None)
    record = [{"title": "Storm", "text": "A storm."}]
    with TestClient(app, client=("127.0.0.1", 5000)) as local:
        assert local.post("/api/articles", json=record).status_code == 200
        foreign = {"Origin": "https://evil.example"}
        assert local.post("/api/articles", json=record, headers=foreign).status_code == 403
        form = {"content-type": "text/plain"}
        assert local.post(
            "/api/articles", content=json.dumps(record), headers=form
        ).status_code in (
            415,
            422,
        )
    with TestClient(app, client=("203.0.113.9", 5000)) as remote:
        assert remote.post("/api/articles", json=record).status_code == 401


def test_stories_list_search_and_pages(client: TestClient) -> None:
    data = client.get("/api/stories").json()
    assert data["total"] == 2
    assert [s["id"] for s in data["stories"]] == ["story-floods", "story-election"]
    assert data["stories"][0]["articles"] == 3
    found = client.get("/api/stories", params={"q": "election"}).json()
    assert [s["id"] for s in found["stories"]] == ["story-election"]
    assert found["total"] == 1
    page = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in page["stories"]] == ["story-election"]
    assert page["total"] == 2


@pytest.mark.parametrize("query", ["limit=0", "limit=x", "offset=-1", "limit=100000"])
def test_stories_bad_query_is_422(client: TestClient, query: str) -> None:
    r = client.get(f"/api/stories?{query}")
    assert r.status_code == 422
    assert query.split("=")[0] in r.json()["detail"][0]["loc"]


def test_story_and_404(client: TestClient) -> None:
    data = client.get("/api/stories/story-floods").json()
    assert len(data["articles"]) == 3
    assert data["duplicate_groups"]
    r = client.get("/api/stories/nope")
    assert r.status_code == 404
    assert r.json() == {"detail": "no story with id 'nope'"}


def test_oversized_body_is_413() -> None:
    app, _ = make_app(max_body=1000)
    with TestClient(app) as c:
        big = {"a": {"text": "x" * 2000}, "b": {"text": "y"}}
        assert c.post("/api/compare", json=big).status_code == 413

        def chunks():  # no Content-Length: the limit must count streamed bytes
            for _ in range(20):
                yield b"x" * 100

        r = c.post("/api/compare", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert "limit" in r.json()["detail"]
        assert r.headers["x-content-type-options"] == "nosniff"


def test_unexpected_errors_show_no_traceback(client: TestClient) -> None:
    lib = client.app.state.backend

    def boom(*args: object) -> None:
        raise RuntimeError("secret internals /etc/passwd")

    lib.stories = boom
    r = client.get("/api/stories")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error"}
    page = client.get("/")
    assert page.status_code == 500
    assert "secret" not in page.text
    assert "Traceback" not in page.text


@pytest.mark.parametrize("path", ["/api/health", "/", "/stories/story-floods", "/static/app.css"])
def test_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_titles_come_back_as_data_in_json(client: TestClient) -> None:
    story = client.get("/api/stories/story-floods").json()
    assert any(m["title"] == f"Floods {XSS}" for m in story["articles"])
    assert client.get("/api/stories/story-floods").headers["content-type"] == "application/json"


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/health", "/api/compare", "/api/articles", "/api/stories"} <= set(spec["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200
    for route in ("/api/compare", "/api/articles", "/api/stories/{story_id}", "CompareRequest"):
        assert route in docs.text
    assert "cdn" not in docs.text.lower()
    assert '<script src="http' not in docs.text
