"""Candidate pairs for the story decision: nearest neighbours by embedding inside a time window.

usearch (HNSW) finds the ``k`` nearest headline+opening embeddings; neighbours published further
apart than the window are dropped (an article without a date is compared without the window).
Small indexes are searched exactly: the graph only pays off past a few thousand vectors.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from storylens.neighbours import Index

#: below this many vectors, exact search is as fast as the graph and never misses
EXACT_BELOW = 4096


def day_gap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int | None:
    """Days between two date ranges (0 when they overlap); None when either is unknown."""
    if a is None or b is None:
        return None
    return max(a[0] - b[1], b[0] - a[1], 0)


class CandidateIndex:
    """An ANN index over L2-normalised vectors whose keys are 0, 1, 2, … in insertion order."""

    def __init__(self, ndim: int, neighbors: int = 24, window_days: int = 7) -> None:
        self.ndim = ndim
        self.neighbors = neighbors
        self.window_days = window_days
        self._vectors = np.zeros((0, ndim), "float32")
        self._days: list[tuple[int, int] | None] = []
        self._index: Index | None = None

    def __len__(self) -> int:
        return len(self._days)

    def _ensure_index(self) -> Index:
        if self._index is None:
            # a lighter graph with half-precision vectors: candidates are re-scored exactly
            # from the float32 vectors anyway
            self._index = Index(
                ndim=self.ndim, metric="cos", dtype="f16", connectivity=12, expansion_add=48
            )
            if len(self._days):
                self._index.add(np.arange(len(self._days)), self._vectors)
        return self._index

    def add(self, vectors: np.ndarray, days: list[tuple[int, int] | None]) -> None:
        vectors = np.asarray(vectors, dtype="float32").reshape(-1, self.ndim)
        start = len(self._days)
        self._ensure_index().add(np.arange(start, start + len(vectors)), vectors)
        # the first batch is kept as it is: a copy of 100k vectors is 150 MB at the peak
        self._vectors = vectors if start == 0 else np.vstack([self._vectors, vectors])
        self._days.extend(days)

    def query(self, rows: list[int]) -> list[list[int]]:
        """For each stored row, its neighbours (other rows) inside the time window."""
        if not rows or not len(self._days):
            return [[] for _ in rows]
        k = min(len(self._days), self.neighbors * 2 + 1)
        found = self._ensure_index().search(
            self._vectors[rows], k, exact=len(self._days) < EXACT_BELOW
        )
        keys = np.asarray(found.keys).reshape(len(rows), -1)
        out: list[list[int]] = []
        for row, row_keys in zip(rows, keys, strict=True):
            near: list[int] = []
            for key in row_keys.tolist():
                if key == row or key < 0 or key >= len(self._days):
                    continue
                gap = day_gap(self._days[row], self._days[key])
                if gap is not None and gap > self.window_days:
                    continue
                near.append(key)
                if len(near) == self.neighbors:
                    break
            out.append(near)
        return out

    def __getstate__(self) -> dict[str, Any]:
        # the native index does not pickle; it is rebuilt from the vectors on first use
        state = self.__dict__.copy()
        state["_index"] = None
        return state
