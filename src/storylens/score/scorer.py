"""The scoring model: seven SemEval scores per pair and a calibrated same-story probability.

One gradient-boosted regressor per SemEval dimension (1 = very similar … 4 = very dissimilar),
and on top a logistic model that turns the out-of-fold Overall prediction plus the features that
tell two happenings apart (dates, numbers, aligned sentences) into P(same story).
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import joblib
import numpy as np
from sklearn.base import BaseEstimator
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from storylens.errors import StorylensError
from storylens.model import SCORE_DIMENSIONS
from storylens.score.features import FEATURE_NAMES
from storylens.score.trees import Forest

logger = logging.getLogger(__name__)

#: ``.joblib``: the suffix the package data of pyproject ships
MODEL_PATH = Path(__file__).resolve().parent / "models" / "scorer.joblib"
#: SemEval Overall at or below this is "somewhat similar" or better: the same story
SAME_STORY_OVERALL = 2.0
#: features the same-story decision sees beside the predicted Overall
DECISION_FEATURES: tuple[str, ...] = (
    "cos_embedding",
    "cos_centroid",
    "align_mean_min",
    "align_cover_max",
    "shingle_contain_max",
    "ent_all_jaccard",
    "ent_person_jaccard",
    "ent_place_jaccard",
    "quote_overlap_max",
    "date_near_frac_min",
    "date_lead_conflict",
    "date_min_distance_days",
    "published_distance_days",
    "num_jaccard",
    "regex_num_jaccard",
    "proper_jaccard",
    "n_english",
)


#: P(same story) when the two texts date what they report to different days (see below)
CONFLICT_CAP = 0.1
#: days between publication dates beyond which two reports are not of one happening (news of an
#: event is written within a day or two; a week leaves room for late copies and time zones)
PUBLISHED_APART = 7


def event_conflict(X: np.ndarray) -> np.ndarray:
    """Rows whose dates say two different happenings, however alike the texts are.

    SemEval judges rate topical closeness, so two attacks on one base score as "very similar";
    a story is one happening. Two signals cap the probability below any decision threshold:
    both openings carry day-precise dates and no date of one text is within a day of any date of
    the other; or both articles were published more than :data:`PUBLISHED_APART` days apart.
    """
    lead = X[:, FEATURE_NAMES.index("date_lead_conflict")]
    near = X[:, FEATURE_NAMES.index("date_near_frac_max")]
    published = X[:, FEATURE_NAMES.index("published_distance_days")]
    with np.errstate(invalid="ignore"):
        return ((lead == 1.0) & (near == 0.0)) | (published > PUBLISHED_APART)


class Scorer(BaseEstimator):
    """Predicts the seven SemEval scores and P(same story) from :data:`FEATURE_NAMES` rows.

    Parameters are stored as given; ``fit`` learns ``regressors_``, ``decision_`` and
    ``threshold_``. Deterministic for a fixed ``random_state``.
    """

    def __init__(
        self,
        max_iter: int = 300,
        learning_rate: float = 0.04,
        max_leaf_nodes: int = 15,
        min_samples_leaf: int = 20,
        l2_regularization: float = 1.0,
        same_story_overall: float = SAME_STORY_OVERALL,
        n_folds: int = 5,
        random_state: int = 0,
        conflict_cap: float = CONFLICT_CAP,
    ) -> None:
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization
        self.same_story_overall = same_story_overall
        self.n_folds = n_folds
        self.random_state = random_state
        self.conflict_cap = conflict_cap

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
        self._flat: Forest | bool | None = None
        # The decision learns from out-of-fold Overall predictions so that it sees the regressor's
        # real errors, not its fit to the training pairs.
        oof = np.zeros(len(X))
        folds = KFold(self.n_folds, shuffle=True, random_state=self.random_state)
        for train, held in folds.split(X):
            oof[held] = self._regressor().fit(X[train], Y[train, 0]).predict(X[held])
        labels = (Y[:, 0] <= self.same_story_overall).astype(int)
        Z = self._decision_input(X, oof)
        self.decision_ = self._decision_model().fit(Z, labels)
        self.threshold_ = self._choose_threshold(Z, labels)
        return self

    def _decision_model(self) -> Pipeline:
        return make_pipeline(
            SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True),
            StandardScaler(),
            LogisticRegression(C=1.0, max_iter=2000),
        )

    def _decision_input(self, X: np.ndarray, overall: np.ndarray) -> np.ndarray:
        index = [FEATURE_NAMES.index(name) for name in DECISION_FEATURES]
        return np.column_stack([overall, X[:, index]])

    def _choose_threshold(self, Z: np.ndarray, labels: np.ndarray) -> float:
        """The probability cut with the best cross-validated F1 on the training pairs."""
        proba = np.zeros(len(Z))
        folds = StratifiedKFold(self.n_folds, shuffle=True, random_state=self.random_state)
        for train, held in folds.split(Z, labels):
            model = self._decision_model().fit(Z[train], labels[train])
            proba[held] = model.predict_proba(Z[held])[:, 1]
        grid = np.round(np.arange(0.2, 0.81, 0.02), 2)
        f1 = [_f1(labels, proba >= t) for t in grid]
        self.threshold_f1_ = float(max(f1))
        return float(grid[int(np.argmax(f1))])

    def _check(self, X: np.ndarray) -> np.ndarray:
        if not hasattr(self, "regressors_"):
            raise StorylensError("the scorer is not fitted: call fit() or Scorer.load()")
        X = np.atleast_2d(np.asarray(X, dtype=np.float64))
        if X.shape[1] not in (self.n_features_in_, len(FEATURE_NAMES)):
            raise ValueError(f"expected {self.n_features_in_} features, got {X.shape[1]}")
        return X

    def _forest(self) -> Forest | None:
        # built on first use and never pickled (see __getstate__): the trees are the model
        if getattr(self, "_flat", None) is None:
            self._flat = Forest.of(self.regressors_) or False
        return self._flat or None

    def __getstate__(self) -> dict[str, object]:
        state = dict(super().__getstate__())
        state.pop("_flat", None)
        return state

    def _fitted_columns(self, X: np.ndarray) -> np.ndarray:
        """The columns the regressors were fitted on: a model from before a feature block was
        appended (the cross-lingual bridge's) reads the row's leading columns only."""
        return X[:, : self.n_features_in_]

    def _raw(self, X: np.ndarray) -> np.ndarray:
        X = self._fitted_columns(X)
        forest = self._forest()
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

    def same_story_proba(self, X: np.ndarray, overall: np.ndarray | None = None) -> np.ndarray:
        """P(same story) per row; pass ``overall`` when it is already predicted."""
        X = self._check(X)
        if len(X) == 0:
            return np.zeros(0)
        if overall is None:
            overall = np.clip(self._raw(X)[:, 0], 1.0, 4.0)
        proba = self.decision_.predict_proba(self._decision_input(X, overall))[:, 1]
        return np.where(event_conflict(X), np.minimum(proba, self.conflict_cap), proba)

    def same_story(self, X: np.ndarray) -> np.ndarray:
        return self.same_story_proba(X) >= self.threshold_

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


def _f1(labels: np.ndarray, predicted: np.ndarray) -> float:
    tp = float(np.sum(predicted & (labels == 1)))
    fp = float(np.sum(predicted & (labels == 0)))
    fn = float(np.sum(~predicted & (labels == 1)))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
