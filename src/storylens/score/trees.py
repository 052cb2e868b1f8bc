"""The scorer's boosted trees walked all at once in numpy, for the few rows a compare scores.

scikit-learn's ``HistGradientBoostingRegressor.predict`` calls one compiled routine per tree, so
scoring one pair with seven 300-tree models costs 2,100 Python calls (and a thread-pool probe
each time): most of a cached ``compare``. Here every tree of a model lives in one flat node
table and all trees step down together, one numpy step per level, which gives the very same
numbers: the same comparisons (NaN goes where the tree sends missing values; else left when
``x <= threshold``) and the leaf values added tree by tree in fit order, as scikit-learn adds
them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor


@dataclass(frozen=True)
class Forest:
    """The trees of one or more fitted regressors as flat arrays (node ids global across trees);
    regressor ``k`` owns trees ``bounds[k]:bounds[k + 1]``."""

    bounds: tuple[int, ...]
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    missing_left: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int
    baselines: tuple[float, ...]

    @classmethod
    def of(cls, models: Sequence[HistGradientBoostingRegressor]) -> Forest | None:
        """The flat form of ``models``; None when one has categorical splits (not flattened)."""
        nodes = [tree[0].nodes for model in models for tree in model._predictors]
        if any(n["is_categorical"].any() for n in nodes):
            return None
        sizes = np.array([len(n) for n in nodes])
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        flat = np.concatenate(nodes)
        shift = np.repeat(offsets, sizes)
        leaf = flat["is_leaf"].astype(bool)
        here = np.arange(len(flat))
        # a leaf points at itself, so rows that reach one early stay there
        left = np.where(leaf, here, flat["left"].astype(np.int64) + shift)
        right = np.where(leaf, here, flat["right"].astype(np.int64) + shift)
        return cls(
            roots=offsets.astype(np.int64),
            feature=flat["feature_idx"].astype(np.int64),
            threshold=flat["num_threshold"].astype(np.float64),
            missing_left=flat["missing_go_to_left"].astype(bool),
            left=left,
            right=right,
            value=flat["value"].astype(np.float64),
            depth=int(flat["depth"].max()),
            baselines=tuple(float(np.ravel(m._baseline_prediction)[0]) for m in models),
            bounds=tuple(np.cumsum([0] + [len(m._predictors) for m in models]).tolist()),
        )

    def predict(self, X: np.ndarray) -> np.ndarray:
        """``(len(X), n_models)``: column ``k`` is what ``models[k].predict(X)`` gives."""
        X = np.asarray(X, dtype=np.float64)
        rows = np.arange(len(X))[None, :]
        node = np.repeat(self.roots[:, None], len(X), axis=1)
        for _ in range(self.depth):
            x = X[rows, self.feature[node]]
            go_left = np.where(np.isnan(x), self.missing_left[node], x <= self.threshold[node])
            node = np.where(go_left, self.left[node], self.right[node])
        leaves = self.value[node]
        columns = []
        for k, baseline in enumerate(self.baselines):
            trees = leaves[self.bounds[k] : self.bounds[k + 1]]
            # cumsum adds in order, one tree after another: the exact sum scikit-learn makes
            columns.append(np.cumsum(np.vstack([np.full((1, len(X)), baseline), trees]), 0)[-1])
        return np.column_stack(columns)
