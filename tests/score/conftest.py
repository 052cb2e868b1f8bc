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
    """(Reuters wire, Al Jazeera rewrite of it) as plain-text articles."""
    wire, rewrite = seeds
    return (
        Article(text=wire.read_text(encoding="utf-8"), id="wire"),
        Article(text=rewrite.read_text(encoding="utf-8"), id="rewrite"),
    )
