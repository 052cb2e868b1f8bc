"""Shared fixtures for the analysis tests: the seeds as Articles, analysed once per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storylens.analyze import Analysis, analyze
from storylens.model import Article

PUBLISHED = "2020-01-10"
REPO = Path(__file__).resolve().parents[2]


def makefile_recipe(target: str) -> str:
    """The recipe of ``target`` in the Makefile."""
    return (REPO / "Makefile").read_text().split(f"\n{target}:\n", 1)[1].split("\n\n", 1)[0]


def install_recipe() -> str:
    """What ``make install`` runs once the virtualenv is stale (the ``$(STAMP)`` recipe)."""
    return (REPO / "Makefile").read_text().split("\n$(STAMP):", 1)[1].split("\n\n", 1)[0]


def fresh_build(module: str, folder: Path, timeout: int) -> str:
    """Build ``module``'s artifact into ``folder`` as ``make install`` does (``python -m
    MODULE``), offline; the fingerprint the build prints."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", module, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=timeout,
    )
    return done.stdout.split()[-1]


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
