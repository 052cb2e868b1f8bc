"""Shared fixtures for the scoring tests: real analyses, computed once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.model import Article

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def hard_pair() -> tuple[Article, Article]:
    """Two different attacks on the same base (hand-written)."""
    data = json.loads((FIXTURES / "hard_pair.json").read_text())
    return Article.from_dict(data["a"]), Article.from_dict(data["b"])


@pytest.fixture(scope="session")
def seed_articles(seeds) -> tuple[Article, Article]:
    """(Reuters wire, Al Jazeera rewrite of it) as the reader gives them."""
    from storylens.read import read_path

    wire, rewrite = seeds
    # Through the reader, as users get them: captions, credits and the title kept out of the body.
    return read_path(wire)[0], read_path(rewrite)[0]
