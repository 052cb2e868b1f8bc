"""schemathesis against the OpenAPI schema of ``storylens serve``: no generated request gets a
500. The app runs over a real store, reader and comparison; the store is a ``--fast`` one so
that adding articles needs no model, and the example counts keep the run to well under a
minute."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from storylens.model import Article
from storylens.stories.grouping import StoryGrouper
from storylens.stories.store import StoryStore
from storylens.web import create_app

pytestmark = pytest.mark.slow

TOKEN = "schema-token"
_FOLDER = tempfile.TemporaryDirectory()
STORE = Path(_FOLDER.name) / "stories.db"
with StoryStore(STORE, grouper=StoryGrouper.fast()) as _store:
    _store.add(
        [Article(id="seed", title="Floods in the valley", text="Floods hit the valley on Monday.")]
    )

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(STORE, token=TOKEN))


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_gets_a_500(case: schemathesis.Case) -> None:
    # with and without the token: both the 401 path and the write path are exercised
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.path == "/api/articles" else {}
    response = case.call(headers=headers)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
