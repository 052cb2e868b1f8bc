"""Judging pairs of analysed articles with the shipped scoring model (loaded once, lazily)."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from storylens.analyze.document import Analysis
from storylens.model import SCORE_DIMENSIONS, Judgement, Scores
from storylens.score.features import feature_matrix
from storylens.score.scorer import Scorer

_lock = threading.Lock()
_model: Scorer | None = None


def shipped_model() -> Scorer:
    """The committed model, loaded on first use and kept for the life of the process."""
    global _model
    with _lock:
        if _model is None:
            _model = Scorer.load()
        return _model


def judgements(model: Scorer, X: np.ndarray) -> list[Judgement]:
    """Judgements from feature rows (one per pair)."""
    if len(X) == 0:
        return []
    scores = model.predict(X)
    proba = model.same_story_proba(X, overall=scores[:, 0])
    return [
        Judgement(
            scores=Scores(**{d: float(row[j]) for j, d in enumerate(SCORE_DIMENSIONS)}),
            same_story=bool(p >= model.threshold_),
            same_story_probability=float(p),
        )
        for row, p in zip(scores, proba, strict=True)
    ]


def judge_many(
    pairs: Sequence[tuple[Analysis, Analysis]], model: Scorer | None = None
) -> list[Judgement]:
    """Seven SemEval scores (1 = very similar … 4 = very dissimilar) and same-story per pair."""
    return judgements(model or shipped_model(), feature_matrix(pairs))


def judge(a: Analysis, b: Analysis, model: Scorer | None = None) -> Judgement:
    """How alike two analysed articles are, and whether they report the same story."""
    return judge_many([(a, b)], model)[0]
