"""Train the shipped models from the SemEval-2022 Task 8 pairs: ``make train`` (``storylens
train``).

:func:`train` analyses every article, fits :class:`Scorer` on ``train.jsonl``, measures it on
``test.jsonl`` next to the baselines and a ridge model on the same features, and writes the model
and ``metrics.json`` beside it; then fits the same-event judgement
(:mod:`.same_story_train`), checked on ``pages-stories-dev`` (never trained on), and writes its
weights and ``same_story_metrics.json``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from storylens.analyze.analyzer import Analyzer
from storylens.analyze.document import Analysis
from storylens.model import SCORE_DIMENSIONS
from storylens.score.bridged import weighted_words
from storylens.score.corpus import analyse_pairs
from storylens.score.features import FEATURE_NAMES, feature_matrix
from storylens.score.judge import same_story_many
from storylens.score.same_story import MODEL_PATH as SAME_STORY_PATH
from storylens.score.scorer import MODEL_PATH, Scorer
from storylens.score.semeval import DATA_DIR, evaluate, load_pairs, pearson
from storylens.score.termweights import WEIGHTS_PATH, TermWeights


def _ridge_pearson(X: np.ndarray, Y: np.ndarray, Xt: np.ndarray, Yt: np.ndarray) -> list[float]:
    out = []
    for j in range(Y.shape[1]):
        model = make_pipeline(
            SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True),
            StandardScaler(),
            Ridge(alpha=10.0),
        ).fit(X, Y[:, j])
        out.append(round(pearson(model.predict(Xt), Yt[:, j]), 4))
    return out


def _term_weights(pairs: list[tuple[Analysis, Analysis]]) -> TermWeights:
    """The idf tables of the bridge block's weighted cosines, from each training article once."""
    read = [weighted_words(x) for x in {x.article.id: x for pair in pairs for x in pair}.values()]
    return TermWeights.fit((gloss for gloss, _ in read), (words for _, words in read))


#: what ``storylens train --part`` fits
PARTS: dict[str, tuple[str, ...]] = {
    "all": ("scorer", "same-story"),
    "scorer": ("scorer",),
    "same-story": ("same-story",),
}


def train(
    data: Path = DATA_DIR,
    out: Path = MODEL_PATH,
    analyzer: Analyzer | None = None,
    parts: tuple[str, ...] = PARTS["all"],
    same_story_out: Path = SAME_STORY_PATH,
) -> dict[str, Any]:
    """Fit, measure and save the ``parts`` asked for; returns their metrics (the scorer's as
    written to ``metrics.json``, the judgement's under ``same_story``)."""
    metrics: dict[str, Any] = {}
    if "scorer" in parts:
        metrics.update(train_scorer(data, out, analyzer))
    if "same-story" in parts:
        from storylens.score.same_story_train import train_same_story

        found = train_same_story(data, same_story_out, analyzer)
        same_story_out.with_name("same_story_metrics.json").write_text(
            json.dumps(found, indent=2) + "\n"
        )
        metrics["same_story"] = found
    return metrics


def train_scorer(
    data: Path = DATA_DIR, out: Path = MODEL_PATH, analyzer: Analyzer | None = None
) -> dict[str, Any]:
    """Fit, measure and save the SemEval scorer; returns the metrics written to ``metrics.json``."""
    train_pairs = load_pairs(data / "train.jsonl")
    test_pairs = load_pairs(data / "test.jsonl")
    started = time.perf_counter()
    analyzer = analyzer or Analyzer()
    train_an = analyse_pairs([(p.a, p.b) for p in train_pairs], analyzer)
    test_an = analyse_pairs([(p.a, p.b) for p in test_pairs], analyzer)
    analysis_s = time.perf_counter() - started

    weights = _term_weights(train_an)
    X, Xt = feature_matrix(train_an, weights=weights), feature_matrix(test_an, weights=weights)
    Y = np.vstack([p.scores for p in train_pairs])
    Yt = np.vstack([p.scores for p in test_pairs])
    started = time.perf_counter()
    scorer = Scorer().fit(X, Y)
    fit_s = time.perf_counter() - started
    scorer.save(out)
    weights.save(out.with_name(WEIGHTS_PATH.name))

    predicted = scorer.predict(Xt)
    decided = [v.same_story for v in same_story_many(test_an)]
    report = evaluate(test_pairs, test_an, predicted, np.array(decided))
    ridge = _ridge_pearson(X, Y, Xt, Yt)
    for dim, value in zip(SCORE_DIMENSIONS, ridge, strict=True):
        report["dimensions"][dim]["ridge_same_features"] = value
    metrics: dict[str, Any] = {
        "train_pairs": len(train_pairs),
        "term_weights": {
            "documents": weights.gloss.documents,
            "gloss_words": len(weights.gloss.idf),
            "ascii_words": len(weights.ascii.idf),
        },
        "test_pairs": len(test_pairs),
        "features": list(FEATURE_NAMES),
        "analysis_seconds": round(analysis_s, 1),
        "fit_seconds": round(fit_s, 1),
        "params": scorer.get_params(),
        "test": report,
    }
    out.with_name("metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return metrics
