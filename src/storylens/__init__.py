"""storylens: one news story through every outlet that covered it.

    >>> from storylens import read_path, compare
    >>> wire, = read_path("wire.txt"); rewrite, = read_path("rewrite.html")
    >>> compare(wire, rewrite).to_dict()["provenance"]["relation"]

The stages are packages with small public APIs: ``storylens.read`` → ``storylens.analyze`` →
``storylens.compare`` / ``storylens.score`` / ``storylens.stories`` → ``storylens.render`` and
``storylens.web``. Names below load their stage on first use, so ``import storylens`` is cheap.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from storylens.errors import Problem, ReadError, StorylensError
from storylens.model import Article, Caption, Judgement, Scores, Story, StoryMember

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

_LAZY = {
    "ReadOptions": "storylens.read",
    "iter_articles": "storylens.read",
    "read_path": "storylens.read",
    "parse_text": "storylens.read",
    "Analyzer": "storylens.analyze",
    "analyze": "storylens.analyze",
    "analyze_many": "storylens.analyze",
    "Analysis": "storylens.analyze",
    "compare": "storylens.compare",
    "Comparison": "storylens.compare.comparison",
    "judge": "storylens.score",
    "judge_many": "storylens.score",
    "StoryGrouper": "storylens.stories.grouping",
    "StoryStore": "storylens.stories.store",
    "story_view": "storylens.storyview",
    "StoryView": "storylens.storyview",
}

__all__ = [
    "Analysis",
    "Analyzer",
    "Article",
    "Caption",
    "Comparison",
    "Judgement",
    "Problem",
    "ReadError",
    "ReadOptions",
    "Scores",
    "Story",
    "StoryGrouper",
    "StoryMember",
    "StoryStore",
    "StoryView",
    "StorylensError",
    "analyze",
    "analyze_many",
    "compare",
    "iter_articles",
    "judge",
    "judge_many",
    "parse_text",
    "read_path",
    "story_view",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'storylens' has no attribute {name!r}")
