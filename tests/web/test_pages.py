"""The server-rendered pages over the in-memory test double: content, escaping and no inline JS."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from .conftest import XSS


def _ids(client: TestClient, story: str) -> list[str]:
    return [m["id"] for m in client.get(f"/api/stories/{story}").json()["articles"]]


def _no_inline_script(html: str) -> None:
    for tag in re.findall(r"<script\b[^>]*>", html, flags=re.I):
        assert 'src="/static/' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", html, flags=re.I), "inline event handler"


def test_index_lists_stories_and_outlets(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "Floods sweep the river valley" in r.text
    assert "Election results announced" in r.text
    assert "Al Jazeera" in r.text
    assert 'href="/stories/story-floods"' in r.text
    _no_inline_script(r.text)


def test_index_search(client: TestClient) -> None:
    r = client.get("/", params={"q": "election"})
    assert "Election results announced" in r.text
    assert "Floods sweep" not in r.text
    empty = client.get("/", params={"q": XSS})
    assert "No story matches" in empty.text
    assert XSS not in empty.text
    assert "&lt;script&gt;" in empty.text


def test_story_page(client: TestClient) -> None:
    r = client.get("/stories/story-floods")
    assert r.status_code == 200
    assert "<svg" in r.text and "<circle" in r.text
    assert "First reported by" in r.text and "Reuters" in r.text
    assert "Wire copy" in r.text
    assert r.text.count('name="pick"') == 3
    _no_inline_script(r.text)


def test_article_text_is_escaped_everywhere(client: TestClient) -> None:
    assert XSS not in client.get("/").text
    text = client.get("/stories/story-floods").text
    assert XSS not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    a, _, c = _ids(client, "story-floods")
    text = client.get("/compare", params={"a": a, "b": c}).text
    assert XSS not in text and "&lt;script&gt;" in text


def test_javascript_urls_are_not_links(client: TestClient) -> None:
    text = client.get("/stories/story-floods").text
    assert "javascript:" not in text
    assert 'href="https://example.com/floods-1"' in text


def test_story_404_page(client: TestClient) -> None:
    r = client.get("/stories/nope")
    assert r.status_code == 404
    assert "text/html" in r.headers["content-type"]
    assert "Story not found" in r.text


def test_compare_picked_articles(client: TestClient) -> None:
    a, b, _ = _ids(client, "story-floods")
    for params in ({"a": a, "b": b}, [("pick", a), ("pick", b)]):
        r = client.get("/compare", params=params)
        assert r.status_code == 200
        assert "Floods sweep the river valley" in r.text
        assert "Floods force thousands from homes" in r.text
        assert '<link rel="stylesheet" href="/static/report.css">' in r.text
        _no_inline_script(r.text)
    assert client.get("/compare", params={"a": a, "b": "nope"}).status_code == 404
    assert client.get("/compare", params={"a": a}).status_code == 400
    assert client.get("/static/report.css").headers["content-type"].startswith("text/css")


def test_compare_form_and_pasted_texts(client: TestClient) -> None:
    form = client.get("/compare")
    assert form.status_code == 200 and "<textarea" in form.text
    data = {
        "a_title": "Left one",
        "a_text": "Some text.",
        "b_title": "Right one",
        "b_text": "More.",
    }
    r = client.post("/compare", data=data)
    assert r.status_code == 200
    assert "Left one" in r.text and "Right one" in r.text


@pytest.mark.parametrize("missing", ["a_text", "b_text"])
def test_compare_form_names_the_missing_text(client: TestClient, missing: str) -> None:
    data = {"a_text": "Some text.", "b_text": "More.", missing: " "}
    r = client.post("/compare", data=data)
    assert r.status_code == 400
    assert f"article {missing[0].upper()}" in r.text
