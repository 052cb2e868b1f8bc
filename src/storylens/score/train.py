"""Train the shipped scoring model from the SemEval-2022 Task 8 pairs: ``make train``.

    python -m storylens.score.train [--data DIR] [--out PATH] [--cache]

Analyses every article, fits :class:`Scorer` on ``train.jsonl``, measures it on ``test.jsonl``
next to the baselines and a ridge model on the same features, checks the same-story decision on
``pages-stories-dev`` (never trained on), then writes the model and ``metrics.json`` beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from storylens.model import SCORE_DIMENSIONS
from storylens.score.corpus import CACHE_DIR, analyse_pairs
from storylens.score.features import FEATURE_NAMES, feature_matrix
from storylens.score.scorer import MODEL_PATH, Scorer
from storylens.score.semeval import DATA_DIR, evaluate, load_pairs, pearson


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


def train(data: Path = DATA_DIR, out: Path = MODEL_PATH, cache: bool = False) -> dict[str, Any]:
    """Fit, measure and save; returns the metrics written to ``metrics.json``."""
    train_pairs = load_pairs(data / "train.jsonl")
    test_pairs = load_pairs(data / "test.jsonl")
    started = time.perf_counter()
    train_an = analyse_pairs([(p.a, p.b) for p in train_pairs], cache)
    test_an = analyse_pairs([(p.a, p.b) for p in test_pairs], cache)
    analysis_s = time.perf_counter() - started

    X, Xt = feature_matrix(train_an), feature_matrix(test_an)
    Y = np.vstack([p.scores for p in train_pairs])
    Yt = np.vstack([p.scores for p in test_pairs])
    started = time.perf_counter()
    scorer = Scorer().fit(X, Y)
    fit_s = time.perf_counter() - started
    scorer.save(out)

    predicted = scorer.predict(Xt)
    report = evaluate(test_pairs, test_an, predicted, scorer.same_story(Xt))
    ridge = _ridge_pearson(X, Y, Xt, Yt)
    for dim, value in zip(SCORE_DIMENSIONS, ridge, strict=True):
        report["dimensions"][dim]["ridge_same_features"] = value
    metrics: dict[str, Any] = {
        "train_pairs": len(train_pairs),
        "test_pairs": len(test_pairs),
        "features": list(FEATURE_NAMES),
        "analysis_seconds": round(analysis_s, 1),
        "fit_seconds": round(fit_s, 1),
        "params": scorer.get_params(),
        "same_story_threshold": scorer.threshold_,
        "same_story_cv_f1": round(scorer.threshold_f1_, 4),
        "test": report,
    }
    try:
        from storylens.score.pagesdev import check_pages_dev

        metrics["pages_stories_dev"] = check_pages_dev(scorer)
    except FileNotFoundError as exc:
        metrics["pages_stories_dev"] = f"skipped: {exc}"
    out.with_name("metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return metrics


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storylens.score.train", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="SemEval folder")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where the model goes")
    parser.add_argument(
        "--cache", action="store_true", help=f"reuse analyses kept in {CACHE_DIR} (development)"
    )
    args = parser.parse_args(argv)
    if not (args.data / "train.jsonl").exists():
        print(f"storylens: {args.data}/train.jsonl: not found; pass --data DIR", file=sys.stderr)
        return 2
    metrics = train(args.data, args.out, args.cache)
    overall = metrics["test"]["dimensions"]["overall"]
    print(
        f"trained on {metrics['train_pairs']} pairs in {metrics['fit_seconds']} s "
        f"(analysis {metrics['analysis_seconds']} s); test Pearson overall: "
        + ", ".join(f"{k} {v}" for k, v in overall.items()),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
