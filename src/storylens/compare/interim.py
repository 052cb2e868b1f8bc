"""Transparent scores from the comparison's own evidence, used when no trained scorer is present.

Each dimension is a similarity in 0..1 mapped onto the SemEval scale (1 very similar … 4 very
dissimilar) as ``4 - 3 * similarity``, so every number can be traced back to a count.
"""

from __future__ import annotations

import numpy as np

from storylens.analyze.document import Analysis
from storylens.compare.comparison import EvidenceDiff, Provenance
from storylens.model import Judgement, Scores

_PEOPLE = ("PERSON", "ORG", "NORP")
_PLACES = ("GPE", "LOC", "FAC")


def _jaccard_of(diff: EvidenceDiff, labels: tuple[str, ...] | None) -> float | None:
    def count(part: dict[str, list[str]]) -> int:
        return sum(len(v) for k, v in part.items() if labels is None or k in labels)

    shared, only_a, only_b = count(diff.shared), count(diff.only_in_a), count(diff.only_in_b)
    total = shared + only_a + only_b
    return shared / total if total else None


def _cosine(x: np.ndarray, y: np.ndarray) -> float:
    if x.size == 0 or x.shape != y.shape:
        return 0.0
    return float(np.clip(x @ y, 0.0, 1.0))


def _scale(similarity: float) -> float:
    return 4.0 - 3.0 * float(np.clip(similarity, 0.0, 1.0))


def interim_judgement(
    a: Analysis, b: Analysis, entities: EvidenceDiff, numbers: EvidenceDiff, provenance: Provenance
) -> Judgement:
    reuse = (provenance.reused_share_a + provenance.reused_share_b) / 2
    topic = float(np.clip((_cosine(a.embedding, b.embedding) - 0.3) / 0.6, 0.0, 1.0))
    narrative = max(reuse, topic)
    people = _jaccard_of(entities, _PEOPLE)
    places = _jaccard_of(entities, _PLACES)
    dates = numbers.shared.get("date", []), numbers.only_in_a.get("date", [])
    dates_b = numbers.only_in_b.get("date", [])
    n_dates = len(dates[0]) + len(dates[1]) + len(dates_b)
    time = len(dates[0]) / n_dates if n_dates else 0.5
    people = 0.5 if people is None else people
    places = 0.5 if places is None else places
    verbatim = (provenance.verbatim_share_a + provenance.verbatim_share_b) / 2
    style = max(verbatim, 0.5 * narrative)
    overall_sim = 0.45 * narrative + 0.2 * people + 0.15 * places + 0.2 * time
    # sharing background is common; sharing the story's own facts is what makes one story
    overall_sim = max(overall_sim, min(1.0, 1.25 * reuse))
    overall = _scale(overall_sim)
    probability = float(np.clip((3.0 - overall) / 2.0, 0.0, 1.0))
    scores = Scores(
        overall=overall,
        geography=_scale(places),
        entities=_scale(people),
        time=_scale(time),
        narrative=_scale(narrative),
        style=_scale(style),
        tone=_scale(narrative),
    )
    return Judgement(scores=scores, same_story=overall <= 2.0, same_story_probability=probability)
