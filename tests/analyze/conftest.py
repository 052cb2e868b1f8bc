"""Shared fixtures for the analysis tests: the seeds as Articles, analysed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.analyze import Analysis, analyze
from storylens.model import Article

PUBLISHED = "2020-01-10"


def wire_article(path: Path) -> Article:
    """The Reuters seed: no title line, one paragraph a line."""
    return Article(text=path.read_text("utf-8"), outlet="Reuters", published=PUBLISHED)


def rewrite_article(path: Path) -> Article:
    """The Al Jazeera seed: title, blank line, standfirst, then the body."""
    parts = path.read_text("utf-8").split("\n\n")
    return Article(
        title=parts[0].strip(),
        standfirst=parts[1].strip(),
        text="\n\n".join(parts[2:]),
        outlet="Al Jazeera",
        published=PUBLISHED,
    )


@pytest.fixture(scope="session")
def wire(seeds: tuple[Path, Path]) -> Analysis:
    return analyze(wire_article(seeds[0]))


@pytest.fixture(scope="session")
def rewrite(seeds: tuple[Path, Path]) -> Analysis:
    return analyze(rewrite_article(seeds[1]))
