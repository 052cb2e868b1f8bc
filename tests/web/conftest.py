"""Fixtures for the web tests: an app over the in-memory test double, with a token."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storylens.web import create_app

from .doubles import FakeBackend

TOKEN = "s3cret-token"
XSS = "<script>alert(1)</script>"

#: two stories: three flood articles (one titled like an attack) and one on an election
RECORDS: list[dict[str, Any]] = [
    {
        "title": "Floods sweep the river valley",
        "text": "Heavy rain flooded the valley on Monday.\n\nThousands left their homes.",
        "outlet": "Reuters",
        "published": "2024-05-01T08:00:00Z",
        "url": "https://example.com/floods-1",
    },
    {
        "title": "Floods force thousands from homes",
        "text": "Thousands fled as floods hit the valley.\n\nRain is expected to go on.",
        "outlet": "Al Jazeera",
        "published": "2024-05-02T10:00:00Z",
        "url": "javascript:alert(2)",
    },
    {
        "title": f"Floods {XSS}",
        "text": "Floods: officials count the damage in the valley.",
        "outlet": "BBC",
        "published": "2024-05-03",
    },
    {
        "title": "Election results announced",
        "text": "The commission announced the results on Sunday.",
        "outlet": "AP",
        "published": "2024-06-09",
    },
]


def make_app(token: str | None = TOKEN, max_body: int = 10_000_000) -> tuple[FastAPI, FakeBackend]:
    app = create_app("unused.db", token=token, max_body=max_body)
    lib = FakeBackend()
    app.state.backend = lib
    return app, lib


@pytest.fixture
def fake() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def client() -> Iterator[TestClient]:
    """A client of an app holding the two sample stories."""
    app, lib = make_app()
    lib.add([lib.from_record(r) for r in RECORDS])
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
