"""The one shape every benchmark result has (``bench/run.py`` prints and saves a list of them)."""

from __future__ import annotations

from typing import Any


def result(
    name: str, metric: str, value: float, baseline: str, base: float, digits: int = 3
) -> dict[str, Any]:
    """``{name, metric, value, baseline, baseline_value, ratio}``; ratio is value / base."""
    return {
        "name": name,
        "metric": metric,
        "value": round(value, digits),
        "baseline": baseline,
        "baseline_value": round(base, digits),
        "ratio": round(value / base, 3) if base else None,
    }
