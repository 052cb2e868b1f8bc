"""The API on the hostile inputs of issue 16: no input gives a 500, the compare text is capped
like the form, and re-posting an id with new text replaces it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storylens.web import create_app
from storylens.web.pages import MAX_PASTE_CHARS

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
FLOOD = "Floods hit the river valley on Monday, and thousands of people left their homes."
VOTE = "The city council approved the new budget on Tuesday after a long debate."


def test_compare_text_is_capped_like_the_form(client: TestClient) -> None:
    at_cap = {"a": {"text": "x" * MAX_PASTE_CHARS}, "b": {"text": "y"}}
    assert client.post("/api/compare", json=at_cap).status_code == 200
    over = {"a": {"text": "x" * (MAX_PASTE_CHARS + 1)}, "b": {"text": "y"}}
    r = client.post("/api/compare", json=over)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["body", "a", "text"]


def test_reposting_an_id_says_updated(client: TestClient) -> None:
    record = {"id": "r1", "title": "Floods in the valley", "text": FLOOD}
    first = client.post("/api/articles", json=[record], headers=AUTH).json()
    assert first["articles"][0]["status"] == "added"
    same = client.post("/api/articles", json=[record], headers=AUTH).json()
    assert same["articles"][0]["status"] == "unchanged"
    changed = {**record, "title": "Budget approved", "text": VOTE}
    again = client.post("/api/articles", json=[changed], headers=AUTH).json()
    assert again["articles"][0]["status"] == "updated"


@pytest.fixture(scope="module")
def real() -> Iterator[TestClient]:
    """An app over a real, empty store (the store, reader and models are the real ones)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Path(folder) / "stories.db", token=TOKEN)
        with TestClient(app, raise_server_exceptions=False) as c:
            yield c


DEEP = "[" * 5000 + "]" * 5000
#: the inputs of the issue's table that reach the API, as raw request bodies
TABLE = [
    ("/api/articles", DEEP),
    ("/api/articles", '[{"id": "d", "text": ' + "[" * 100 + "]" * 100 + "}]"),
    ("/api/articles", '[{"id": "s", "title": "Lone \\ud800", "text": "A lone \\udc00 here."}]'),
    (
        "/api/articles",
        json.dumps([{"id": "long", "text": "Officials said the river rose. " * 40_000}]),
    ),
    ("/api/compare", DEEP),
    ("/api/compare", json.dumps({"a": {"text": "x " * 600_000}, "b": {"text": "y"}})),
    ("/api/compare", '{"a": {"text": "Lone \\ud800 text."}, "b": {"text": "Other text."}}'),
    ("/api/compare", '{"a": {"text": "\\u0000\\u0007"}, "b": {"text": "x"}}'),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "body"), TABLE, ids=[f"{p}-{i}" for i, (p, _) in enumerate(TABLE)]
)
def test_no_input_in_the_table_gives_a_500(real: TestClient, path: str, body: str) -> None:
    r = real.post(path, content=body.encode("utf-8"), headers=AUTH)
    assert r.status_code in (200, 400, 413, 422), (r.status_code, r.text[:300])


@pytest.mark.slow
def test_real_store_replaces_regroups_and_cleans(real: TestClient) -> None:
    r = real.post(
        "/api/articles",
        content=b'[{"id": "s2", "title": "Lone \\ud800", "text": "Floods \\udc00 hit it."}]',
        headers=AUTH,
    )
    assert r.status_code == 200, r.text
    story = real.get(f"/api/stories/{r.json()['articles'][0]['story']}").json()
    assert story["articles"][0]["title"] == "Lone \ufffd"
    records = [
        {"id": "f1", "title": "Floods in the valley", "text": FLOOD, "published": "2024-05-01"},
        {
            "id": "f2",
            "title": "Valley floods",
            "text": FLOOD + " Rain goes on.",
            "published": "2024-05-01",
        },
        {"id": "v1", "title": "Council approves budget", "text": VOTE, "published": "2024-05-01"},
    ]
    placed = {
        a["id"]: a
        for a in real.post("/api/articles", json=records, headers=AUTH).json()["articles"]
    }
    assert placed["f1"]["story"] == placed["f2"]["story"] != placed["v1"]["story"]
    moved = {**records[1], "title": "Budget approved by the council", "text": VOTE + " Again."}
    (answer,) = real.post("/api/articles", json=[moved], headers=AUTH).json()["articles"]
    assert answer["status"] == "updated"
    assert answer["story"] == placed["v1"]["story"]
    story = real.get(f"/api/stories/{answer['story']}").json()
    assert "Budget approved by the council" in [m["title"] for m in story["articles"]]


def test_added_or_unchanged_is_decided_under_the_write_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer stores the same id between the API's first look and its write: the answer
    must describe what this write did (unchanged / updated), not what the first look saw."""
    from storylens.model import Article
    from storylens.stories import store as store_module
    from storylens.stories.grouping import StoryGrouper
    from storylens.stories.store import StoryStore

    path = tmp_path / "fast.db"
    with StoryStore(path, grouper=StoryGrouper.fast()) as db:
        db.add([Article(id="seed", title="Budget approved", text=VOTE)])
    real = store_module.featurize
    racing = {"r-same": FLOOD, "r-other": VOTE}

    def featurize_while_another_writes(articles: list[Article], encoder: object) -> list:
        for article in articles:
            text = racing.pop(article.id, None)
            if text is not None:  # the other writer commits before this one takes the lock
                with StoryStore(path) as other:
                    other.add([Article(id=article.id, title="Floods in the valley", text=text)])
        return real(articles, encoder)

    monkeypatch.setattr(store_module, "featurize", featurize_while_another_writes)
    with TestClient(create_app(path, token=TOKEN), raise_server_exceptions=False) as c:
        posted = [
            {"id": i, "title": "Floods in the valley", "text": FLOOD} for i in ("r-same", "r-other")
        ]
        r = c.post("/api/articles", json=posted, headers=AUTH)
    assert r.status_code == 200, r.text
    status = {a["id"]: a["status"] for a in r.json()["articles"]}
    assert status == {"r-same": "unchanged", "r-other": "updated"}
    with StoryStore(path) as db:
        stored = db.article("r-other")
        assert stored is not None and stored.text == FLOOD


@pytest.mark.parametrize("path", ["/api/compare", "/api/articles"])
def test_a_lone_surrogate_is_cleaned_not_refused(client: TestClient, path: str) -> None:
    text = '"Lone \\ud800 flood \\udfff text.", "title": "Floods \\ud83d"'
    body = (
        '{"a": {"text": ' + text + '}, "b": {"text": "Other text."}}'
        if path == "/api/compare"
        else '[{"id": "lone", "text": ' + text + "}]"
    )
    r = client.post(path, content=body.encode("utf-8"), headers=AUTH)
    assert r.status_code == 200, r.text
    if path == "/api/articles":
        assert r.json()["articles"][0]["status"] == "added"


BLOCKED = (
    "We are sorry, but we recorded a huge amount of connections from the IP address you are "
    'connecting from. If you want to connect with us, tick "I\'M NOT A ROBOT".'
)


def test_a_block_page_is_skipped_and_the_rest_of_the_batch_added(client: TestClient) -> None:
    records = [{"id": "b1", "text": BLOCKED}, {"id": "f1", "title": "Floods", "text": FLOOD}]
    r = client.post("/api/articles", json=records, headers=AUTH)
    assert r.status_code == 200
    assert [a["id"] for a in r.json()["articles"]] == ["f1"]
    (skipped,) = r.json()["problems"]
    assert skipped["id"] == "b1"
    assert skipped["message"] == "not an article: the page is a block page for too many requests"


def test_a_pasted_block_page_is_refused_by_name(real: TestClient) -> None:
    r = real.post("/api/compare", json={"a": {"text": FLOOD}, "b": {"text": BLOCKED}})
    assert r.status_code == 422
    (error,) = r.json()["detail"]
    assert error["loc"] == ["body", "b", "text"]
    assert "not an article" in error["msg"]


def test_the_compare_form_names_the_side_of_a_block_page(real: TestClient) -> None:
    r = real.post("/compare", data={"a_text": FLOOD, "b_text": BLOCKED})
    assert r.status_code == 422
    assert "Article B: not an article: the page is a block page for too many requests." in r.text
