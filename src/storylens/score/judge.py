"""Judging pairs of analysed articles: the SemEval scores from the shipped scoring model (loaded
once, lazily) and the same-story decision from the one same-event judgement."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from storylens.analyze.document import Analysis
from storylens.model import SCORE_DIMENSIONS, Judgement, Scores
from storylens.score.bridged import bridged, pair_bridge
from storylens.score.features import feature_matrix
from storylens.score.same_story import same_story_many
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


def judgements(
    model: Scorer, X: np.ndarray, pairs: Sequence[tuple[Analysis, Analysis]]
) -> list[Judgement]:
    """Judgements from feature rows (one per pair) and the pairs they were made from."""
    if len(X) == 0:
        return []
    scores = model.predict(X)
    verdicts = same_story_many(list(pairs))
    views = [(bridged(a), bridged(b)) for a, b in pairs]
    return [
        Judgement(
            scores=Scores(**{d: float(row[j]) for j, d in enumerate(SCORE_DIMENSIONS)}),
            same_story=verdict.same_story,
            same_story_probability=verdict.probability,
            evidence=verdict.evidence.to_dict(),
            bridge=pair_bridge(va, vb),
            languages=(va.language, vb.language),
        )
        for row, verdict, (va, vb) in zip(scores, verdicts, views, strict=True)
    ]


def judge_many(
    pairs: Sequence[tuple[Analysis, Analysis]], model: Scorer | None = None
) -> list[Judgement]:
    """Seven SemEval scores (1 = very similar … 4 = very dissimilar) and same-story per pair."""
    return judgements(model or shipped_model(), feature_matrix(pairs), pairs)


def judge(a: Analysis, b: Analysis, model: Scorer | None = None) -> Judgement:
    """How alike two analysed articles are, and whether they report the same story."""
    return judge_many([(a, b)], model)[0]
