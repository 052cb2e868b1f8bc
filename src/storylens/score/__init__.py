"""Scoring pairs of articles the way SemEval-2022 Task 8 judges did, plus same-story decisions.

``judge(a, b)`` takes two :class:`~storylens.analyze.document.Analysis` objects and returns a
:class:`~storylens.model.Judgement`; the model behind it is :class:`Scorer`, trained by
``python -m storylens.score.train`` and shipped in ``storylens/score/models/``.
"""

from __future__ import annotations

import logging

from storylens.score.features import FEATURE_NAMES, feature_matrix, pair_features
from storylens.score.judge import judge, judge_many, shipped_model
from storylens.score.scorer import SAME_STORY_OVERALL, Scorer

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "FEATURE_NAMES",
    "SAME_STORY_OVERALL",
    "Scorer",
    "feature_matrix",
    "judge",
    "judge_many",
    "pair_features",
    "shipped_model",
]
