from __future__ import annotations

import pickle

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

from storylens.score import Scorer
from storylens.score.trees import Forest

from .test_scorer import synthetic


def test_flat_forest_gives_exactly_what_scikit_learn_gives() -> None:
    rng = np.random.default_rng(4)
    X = rng.normal(size=(300, 6))
    X[rng.uniform(size=X.shape) < 0.15] = np.nan  # missing values take the tree's own side
    y = np.nan_to_num(X[:, 0]) - 2 * np.nan_to_num(X[:, 3]) ** 2 + rng.normal(0, 0.1, 300)
    model = HistGradientBoostingRegressor(max_iter=80, max_leaf_nodes=15, random_state=0)
    model.fit(X, y)
    other = HistGradientBoostingRegressor(max_iter=30, max_leaf_nodes=7, random_state=1)
    other.fit(X, -y)
    forest = Forest.of([model, other])
    assert forest is not None
    fresh = rng.normal(size=(50, 6)) * 3
    fresh[rng.uniform(size=fresh.shape) < 0.3] = np.nan
    for rows in (fresh, fresh[:1], X):
        both = np.column_stack([model.predict(rows), other.predict(rows)])
        np.testing.assert_array_equal(forest.predict(rows), both)


def test_categorical_splits_are_left_to_scikit_learn() -> None:
    rng = np.random.default_rng(5)
    X = np.column_stack([rng.integers(0, 4, 200), rng.normal(size=200)])
    y = (X[:, 0] == 2) * 3.0 + X[:, 1]
    model = HistGradientBoostingRegressor(max_iter=10, categorical_features=[0]).fit(X, y)
    assert Forest.of([model]) is None


def test_scorer_pickles_without_its_flat_trees() -> None:
    X, Y = synthetic(n=120)
    model = Scorer(max_iter=20).fit(X, Y)
    before = model.predict(X)
    assert vars(model)["_forest"] is not None
    clone = pickle.loads(pickle.dumps(model))
    assert "_forest" not in vars(clone)
    with_sklearn = np.clip(np.column_stack([r.predict(X) for r in model.regressors_]), 1, 4)
    np.testing.assert_array_equal(before, with_sklearn)
    np.testing.assert_array_equal(clone.predict(X), before)
