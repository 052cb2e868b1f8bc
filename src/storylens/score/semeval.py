"""SemEval-2022 Task 8 pairs: loading them and measuring scores against the human judges."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from storylens.analyze.document import Analysis
from storylens.errors import Problem, ReadError
from storylens.model import SCORE_DIMENSIONS, Article
from storylens.score.baselines import embedding_cosine, tfidf_cosine

#: where the labelled pairs live beside a checkout
DATA_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "semeval2022-task8"
#: SemEval Overall at or below this is "somewhat similar" or better: the gold same-story label
SAME_STORY_OVERALL = 2.0


@dataclass
class SemEvalPair:
    pair_id: str
    language_pair: str
    a: Article
    b: Article
    #: the seven human scores in :data:`SCORE_DIMENSIONS` order (1 = very similar)
    scores: np.ndarray


def _side(record: Any, pair_id: str, name: str) -> Article:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise ValueError(f"'{name}' needs an object with a 'text' string")
    return Article(
        title=record.get("title") or "",
        text=record["text"],
        id=str(record.get("id") or f"{pair_id}:{name}"),
    )


def parse_pair(record: Any) -> SemEvalPair:
    """One labelled pair from its JSON object; ValueError says what is missing."""
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    pair_id = str(record.get("pair_id") or "")
    if not pair_id:
        raise ValueError("missing 'pair_id'")
    scores = record.get("scores")
    if not isinstance(scores, dict) or not all(k in scores for k in SCORE_DIMENSIONS):
        raise ValueError(f"'scores' needs all of {', '.join(SCORE_DIMENSIONS)}")
    try:
        values = np.array([float(scores[k]) for k in SCORE_DIMENSIONS])
    except (TypeError, ValueError):
        raise ValueError("every score must be a number") from None
    lang = f"{record.get('lang1') or '?'}-{record.get('lang2') or '?'}"
    return SemEvalPair(
        pair_id, lang, _side(record.get("a"), pair_id, "a"), _side(record.get("b"), pair_id, "b"),
        values,
    )  # fmt: skip


def load_pairs(
    path: Path | str, on_problem: Callable[[Problem], None] | None = None
) -> list[SemEvalPair]:
    """Every good pair of a SemEval JSONL file; bad lines go to ``on_problem`` (else raise)."""
    from storylens.read.jsonstream import json_records

    pairs = []
    for item in json_records(str(path)):  # a line at a time; ReadError if unreadable
        if isinstance(item, Problem):
            problem = item
        else:
            try:
                pairs.append(parse_pair(item[1]))
                continue
            except ValueError as exc:
                problem = Problem(item[0], str(exc).split("\n")[0])
        if on_problem is None:
            raise ReadError(problem.where, problem.message)
        on_problem(problem)
    return pairs


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson's r, NaN when either side is constant or there are fewer than 3 values."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return math.nan
    return float(np.corrcoef(x, y)[0, 1])


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def evaluate(
    pairs: Sequence[SemEvalPair],
    analyses: Sequence[tuple[Analysis, Analysis]],
    predicted: np.ndarray,
    same_story: np.ndarray | None = None,
) -> dict[str, Any]:
    """Pearson of storylens and both baselines per dimension and (Overall) per language pair.

    Baselines correlate ``-cosine`` with the scores (see :mod:`storylens.score.baselines`);
    ``same_story`` (decisions per pair) is scored against :data:`SAME_STORY_OVERALL`.
    """
    gold = np.vstack([p.scores for p in pairs]) if pairs else np.zeros((0, 7))
    tfidf = -tfidf_cosine([(p.a.text, p.b.text) for p in pairs])
    embed = -embedding_cosine(analyses)
    systems = {"storylens": None, "tfidf_cosine": tfidf, "embedding_cosine": embed}

    def row(index: np.ndarray, dim: int) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for name, values in systems.items():
            col = predicted[index, dim] if values is None else values[index]
            out[name] = _round(pearson(col, gold[index, dim]))
        return out

    def group(index: np.ndarray) -> dict[str, Any]:
        low, high = bootstrap_interval(predicted[index, 0], gold[index, 0])
        return {"pairs": len(index), **row(index, 0), "interval_95": [low, high]}

    everything = np.arange(len(pairs))
    report: dict[str, Any] = {
        "pairs": len(pairs),
        "baseline_method": "Pearson of -cosine (no fitting)",
        "interval_method": f"percentile bootstrap of pairs, {BOOTSTRAP_ROUNDS} rounds, seed "
        f"{BOOTSTRAP_SEED}, storylens Overall",
        "dimensions": {d: row(everything, j) for j, d in enumerate(SCORE_DIMENSIONS)},
        "language_pairs": {},
        "groups": {},
    }
    for lang in sorted({p.language_pair for p in pairs}):
        index = np.array([i for i, p in enumerate(pairs) if p.language_pair == lang])
        report["language_pairs"][lang] = group(index)
    for name, index in _groups(pairs).items():
        report["groups"][name] = group(index)
    if same_story is not None and len(pairs):
        truth = gold[:, 0] <= SAME_STORY_OVERALL
        report["same_story"] = {
            "label": f"overall <= {SAME_STORY_OVERALL}",
            **classification(truth, np.asarray(same_story, dtype=bool)),
        }
    return report


#: resamples and seed of the bootstrap intervals: about 25 pairs per language pair is few, and the
#: interval says how far such a figure may move
BOOTSTRAP_ROUNDS = 1000
BOOTSTRAP_SEED = 0


def bootstrap_interval(
    x: np.ndarray, y: np.ndarray, rounds: int = BOOTSTRAP_ROUNDS, seed: int = BOOTSTRAP_SEED
) -> tuple[float | None, float | None]:
    """95% percentile-bootstrap interval of Pearson's r over resampled pairs (None: undefined)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if len(x) < 3:
        return None, None
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(x), size=(rounds, len(x)))
    values = np.array([pearson(x[d], y[d]) for d in draws])
    values = values[~np.isnan(values)]
    if len(values) < rounds // 2:
        return None, None
    low, high = np.percentile(values, [2.5, 97.5])
    return _round(float(low)), _round(float(high))


def _groups(pairs: Sequence[SemEvalPair]) -> dict[str, np.ndarray]:
    """Every pair, same-language pairs and cross-lingual pairs, as index arrays."""

    def crosses(p: SemEvalPair) -> bool:
        first, _, second = p.language_pair.partition("-")
        return first != second

    return {
        "all": np.arange(len(pairs)),
        "same_language": np.array([i for i, p in enumerate(pairs) if not crosses(p)], dtype=int),
        "cross_lingual": np.array([i for i, p in enumerate(pairs) if crosses(p)], dtype=int),
    }


def classification(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    tp = int(np.sum(predicted & truth))
    fp = int(np.sum(predicted & ~truth))
    fn = int(np.sum(~predicted & truth))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "accuracy": round(float(np.mean(truth == predicted)), 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def stratified_subset(pairs: Sequence[SemEvalPair], size: int) -> list[SemEvalPair]:
    """A fixed subset of about ``size`` pairs with every language pair in proportion.

    Within a language pair, pairs are taken in the order of a hash of their id, so the subset is
    the same on every machine and does not depend on the file order.
    """
    import hashlib

    if size >= len(pairs):
        return list(pairs)
    share = size / len(pairs)
    chosen: list[SemEvalPair] = []
    for lang in sorted({p.language_pair for p in pairs}):
        group = sorted(
            (p for p in pairs if p.language_pair == lang),
            key=lambda p: hashlib.sha1(p.pair_id.encode()).hexdigest(),
        )
        chosen += group[: max(1, round(share * len(group)))]
    return chosen
