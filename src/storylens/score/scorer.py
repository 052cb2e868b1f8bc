"""The scoring model: seven SemEval scores per pair.

One gradient-boosted regressor per SemEval dimension (1 = very similar … 4 = very dissimilar).
How similar two texts are is a different question from whether they report one event: that is
:func:`storylens.score.judge.same_story`, the one same-event judgement.
"""

from __future__ import annotations

import logging
import pickle
from functools import cached_property
from pathlib import Path

import joblib
import numpy as np
from sklearn.base import BaseEstimator
from sklearn.ensemble import HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits

from storylens.errors import StorylensError
from storylens.model import SCORE_DIMENSIONS
from storylens.score.features import FEATURE_NAMES
from storylens.score.trees import Forest

logger = logging.getLogger(__name__)

#: ``.joblib``: the suffix the package data of pyproject ships
MODEL_PATH = Path(__file__).resolve().parent / "models" / "scorer.joblib"


class Scorer(BaseEstimator):
    """Predicts the seven SemEval scores from :data:`FEATURE_NAMES` rows.

    Parameters are stored as given; ``fit`` learns ``regressors_``. Deterministic for a fixed
    ``random_state``.
    """

    def __init__(
        self,
        max_iter: int = 300,
        learning_rate: float = 0.04,
        max_leaf_nodes: int = 15,
        min_samples_leaf: int = 20,
        l2_regularization: float = 1.0,
        random_state: int = 0,
    ) -> None:
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization
        self.random_state = random_state

    def _regressor(self) -> HistGradientBoostingRegressor:
        return HistGradientBoostingRegressor(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=self.min_samples_leaf,
            l2_regularization=self.l2_regularization,
            early_stopping=False,
            random_state=self.random_state,
        )

    def fit(self, X: np.ndarray, Y: np.ndarray) -> Scorer:
        """``X``: (n, n_features); ``Y``: (n, 7) scores in :data:`SCORE_DIMENSIONS` order."""
        # One OpenMP thread: on a busy machine the boosting threads spin against each other
        # (measured 20x slower), and the data is small enough that one core is quick.
        with threadpool_limits(1):
            return self._fit(X, Y)

    def _fit(self, X: np.ndarray, Y: np.ndarray) -> Scorer:
        X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
        n, k = len(X), len(FEATURE_NAMES)
        if X.shape != (n, k) or Y.shape != (n, len(SCORE_DIMENSIONS)):
            raise ValueError(f"expected X (n, {k}) and Y (n, 7), got {X.shape} and {Y.shape}")
        self.n_features_in_ = k
        self.feature_names_ = FEATURE_NAMES
        # A feature the training pairs never define (no publish dates in SemEval) would break the
        # binning; as a constant column it is simply never split on.
        X = np.where(np.isnan(X).all(axis=0), 0.0, X)
        self.regressors_ = [self._regressor().fit(X, Y[:, j]) for j in range(Y.shape[1])]
        self.__dict__.pop("_forest", None)
        return self

    def _check(self, X: np.ndarray) -> np.ndarray:
        if not hasattr(self, "regressors_"):
            raise StorylensError("the scorer is not fitted: call fit() or Scorer.load()")
        X = np.atleast_2d(np.asarray(X, dtype=np.float64))
        if X.shape[1] not in (self.n_features_in_, len(FEATURE_NAMES)):
            raise ValueError(f"expected {self.n_features_in_} features, got {X.shape[1]}")
        return X

    @cached_property
    def _forest(self) -> Forest | None:
        # built on first use and never pickled (see __getstate__): the trees are the model
        return Forest.of(self.regressors_)

    def __getstate__(self) -> dict[str, object]:
        state = dict(super().__getstate__())
        state.pop("_forest", None)
        return state

    def _fitted_columns(self, X: np.ndarray) -> np.ndarray:
        """The columns the regressors were fitted on: a model from before a feature block was
        appended (the cross-lingual bridge's) reads the row's leading columns only."""
        return X[:, : self.n_features_in_]

    def _raw(self, X: np.ndarray) -> np.ndarray:
        X = self._fitted_columns(X)
        forest = self._forest
        if forest is not None:
            return forest.predict(X)
        with threadpool_limits(1):
            return np.column_stack([r.predict(X) for r in self.regressors_])

    def predict(self, X: np.ndarray) -> np.ndarray:
        """(n, 7) scores in :data:`SCORE_DIMENSIONS` order, clipped to the 1–4 scale."""
        X = self._check(X)
        if len(X) == 0:
            return np.zeros((0, len(self.regressors_)))
        return np.clip(self._raw(X), 1.0, 4.0)

    def save(self, path: Path | str = MODEL_PATH) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self, path, compress=3)

    @classmethod
    def load(cls, path: Path | str | None = None) -> Scorer:
        """The shipped model (or the one at ``path``)."""
        path = Path(path) if path is not None else MODEL_PATH
        if not path.exists():
            raise StorylensError(f"{path}: no scoring model here; build it with `make train`")
        try:
            model = joblib.load(path)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError) as exc:
            raise StorylensError(
                f"{path}: unreadable model ({exc}); rebuild with `make train`"
            ) from None
        if not isinstance(model, cls):
            raise StorylensError(f"{path}: not a storylens scoring model")
        names = tuple(getattr(model, "feature_names_", FEATURE_NAMES))
        if FEATURE_NAMES[: len(names)] != names:
            raise StorylensError(f"{path}: trained on other features; rebuild with `make train`")
        return model
