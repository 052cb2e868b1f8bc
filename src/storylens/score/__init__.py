"""Scoring pairs of articles the way SemEval-2022 Task 8 judges did, plus same-story decisions.

``judge(a, b)`` takes two :class:`~storylens.analyze.document.Analysis` objects and returns a
:class:`~storylens.model.Judgement`: the seven SemEval scores from :class:`Scorer`, and the
same-story decision from ``same_story(a, b)``, the one same-event judgement (probability and
evidence). Both models are trained by ``storylens train``, shipped in
``storylens/score/models/`` and held by a :class:`Judge` (the process's shared one unless given).
"""

from __future__ import annotations

import logging

from storylens.score.features import FEATURE_NAMES, feature_matrix, pair_features
from storylens.score.judge import (
    Judge,
    judge,
    judge_many,
    same_story,
    same_story_many,
    shipped_model,
)
from storylens.score.same_story import SameStory
from storylens.score.scorer import Scorer
from storylens.score.semeval import SAME_STORY_OVERALL

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "FEATURE_NAMES",
    "SAME_STORY_OVERALL",
    "Judge",
    "SameStory",
    "Scorer",
    "feature_matrix",
    "judge",
    "judge_many",
    "pair_features",
    "same_story",
    "same_story_many",
    "shipped_model",
]
