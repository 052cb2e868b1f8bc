"""Overlaps as model features: the measures of :mod:`storylens.sets` and the cosine of two
vectors, but NaN where there is nothing to compare, so the model imputes it instead of reading
it as "nothing shared"."""

from __future__ import annotations

import math
from collections.abc import Set
from typing import Any

import numpy as np

from storylens.sets import containment, jaccard


def jaccard_or_nan(x: Set[Any], y: Set[Any]) -> float:
    """Jaccard of ``x`` and ``y``; NaN when both are empty."""
    return math.nan if not x and not y else jaccard(x, y)


def containments_or_nan(x: Set[Any], y: Set[Any]) -> tuple[float, float]:
    """(min, max) of the share of each set found in the other; NaN when either is empty."""
    if not x or not y:
        return math.nan, math.nan
    ca, cb = containment(x, y), containment(y, x)
    return min(ca, cb), max(ca, cb)


def cosine_or_nan(u: np.ndarray, v: np.ndarray) -> float:
    """Cosine of ``u`` and ``v``; NaN when either is empty or zero, or their shapes differ."""
    if u.size == 0 or v.size == 0 or u.shape != v.shape:
        return math.nan
    nu, nv = float(np.linalg.norm(u)), float(np.linalg.norm(v))
    if nu == 0.0 or nv == 0.0:
        return math.nan
    return float(np.dot(u, v) / (nu * nv))
