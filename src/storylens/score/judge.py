"""Judging pairs of analysed articles: the SemEval scores from the scoring model and the
same-story decision from the one same-event judgement, both held by a :class:`Judge`.

The module functions (``judge``, ``judge_many``, ``same_story``, ``same_story_many``) delegate
to a judge given, else to the process's shared one (:meth:`Judge.shared`); no module global
holds a model.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from storylens.analyze.document import Analysis
from storylens.analyze.models import Models
from storylens.model import SCORE_DIMENSIONS, Judgement, Scores
from storylens.score.bridged import GlossVectors, bridged, pair_bridge
from storylens.score.features import feature_matrix
from storylens.score.same_story import SameStory, SameStoryModel, verdicts
from storylens.score.scorer import Scorer
from storylens.score.termweights import TermWeights
from storylens.shared import ProcessShared


class Judge(ProcessShared):
    """The scoring model with its term weights, the same-story model and the gloss vectors of
    the pairs it met.

    Each model is read on first use unless given. A holder that judges many pairs over time (the
    web app, a scoring run) keeps one judge, so a pair's glosses are encoded once, not once per
    call. ``models`` encodes the glosses (the process's shared ones when None).
    """

    def __init__(
        self,
        scorer: Scorer | None = None,
        same_story_model: SameStoryModel | None = None,
        glosses: GlossVectors | None = None,
        models: Models | None = None,
        weights: TermWeights | None = None,
    ) -> None:
        self._given = (scorer, same_story_model)
        self._scorer = scorer
        self._weights = weights
        self._same_story_model = same_story_model
        self.glosses = glosses if glosses is not None else GlossVectors(models=models)
        self._load_lock = threading.Lock()

    def __reduce__(self) -> tuple[Any, ...]:
        # what was given travels; what was read from the package is read again where it lands
        if self.is_shared():
            return (type(self).shared, ())
        return (type(self), (*self._given, self.glosses, None, self._weights))

    @property
    def scorer(self) -> Scorer:
        """The SemEval scoring model (the committed one unless given)."""
        if self._scorer is None:
            with self._load_lock:
                if self._scorer is None:
                    self._scorer = Scorer.load()
        return self._scorer

    @property
    def weights(self) -> TermWeights:
        """The words' idf the scorer was fitted with (the committed ones unless given)."""
        # not kept on the judge: a pickle of it then carries only weights it was given
        return self._weights if self._weights is not None else TermWeights.shipped()

    @property
    def same_story_model(self) -> SameStoryModel:
        """The same-story weights (the committed ones unless given)."""
        if self._same_story_model is None:
            with self._load_lock:
                if self._same_story_model is None:
                    self._same_story_model = SameStoryModel.load()
        return self._same_story_model

    def features(self, pairs: Sequence[tuple[Analysis, Analysis]]) -> np.ndarray:
        """The scorer's feature rows, glosses taken from (and kept in) :attr:`glosses`."""
        return feature_matrix(pairs, self.glosses, self.weights)

    def same_story_many(self, pairs: Sequence[tuple[Analysis, Analysis]]) -> list[SameStory]:
        return verdicts(list(pairs), self.same_story_model)

    def same_story(self, a: Analysis, b: Analysis) -> SameStory:
        return self.same_story_many([(a, b)])[0]

    def overall_many(self, pairs: Sequence[tuple[Analysis, Analysis]]) -> np.ndarray:
        """The scoring model's Overall per pair (1 = very similar … 4), without the same-story
        verdicts :meth:`judge_many` adds."""
        if not pairs:
            return np.zeros(0)
        return self.scorer.predict(self.features(pairs))[:, SCORE_DIMENSIONS.index("overall")]

    def judge_many(
        self, pairs: Sequence[tuple[Analysis, Analysis]], scorer: Scorer | None = None
    ) -> list[Judgement]:
        """Seven SemEval scores and same-story per pair; ``scorer`` replaces the held one."""
        found = self.same_story_many(pairs) if pairs else []
        return judgements(scorer or self.scorer, self.features(pairs), pairs, found)

    def judge(self, a: Analysis, b: Analysis) -> Judgement:
        return self.judge_many([(a, b)])[0]


def shipped_model() -> Scorer:
    """The committed scoring model, as the shared judge holds it."""
    return Judge.shared().scorer


def judgements(
    model: Scorer,
    X: np.ndarray,
    pairs: Sequence[tuple[Analysis, Analysis]],
    found: Sequence[SameStory] | None = None,
) -> list[Judgement]:
    """Judgements from feature rows (one per pair) and the pairs they were made from;
    ``found`` are the pairs' same-story verdicts (the shared judge's when None)."""
    if len(X) == 0:
        return []
    scores = model.predict(X)
    if found is None:
        found = Judge.shared().same_story_many(pairs)
    views = [(bridged(a), bridged(b)) for a, b in pairs]
    return [
        Judgement(
            scores=Scores(**{d: float(row[j]) for j, d in enumerate(SCORE_DIMENSIONS)}),
            same_story=verdict.same_story,
            same_story_probability=verdict.probability,
            evidence=verdict.evidence.to_dict(),
            bridge=pair_bridge(va, vb),
            languages=(va.language, vb.language),
        )
        for row, verdict, (va, vb) in zip(scores, found, views, strict=True)
    ]


def judge_many(
    pairs: Sequence[tuple[Analysis, Analysis]],
    model: Scorer | None = None,
    judge: Judge | None = None,
) -> list[Judgement]:
    """Seven SemEval scores (1 = very similar … 4 = very dissimilar) and same-story per pair,
    by ``judge`` (the shared one when None); ``model`` replaces its scorer."""
    return (judge or Judge.shared()).judge_many(pairs, model)


def judge(
    a: Analysis, b: Analysis, model: Scorer | None = None, judge: Judge | None = None
) -> Judgement:
    """How alike two analysed articles are, and whether they report the same story."""
    return judge_many([(a, b)], model, judge)[0]


def same_story_many(
    pairs: Sequence[tuple[Analysis, Analysis]],
    model: SameStoryModel | None = None,
    judge: Judge | None = None,
) -> list[SameStory]:
    """Whether each pair reports one specific happening (P and the evidence read), by
    ``model``, else by the weights ``judge`` holds (the shared judge's when None)."""
    if model is not None:
        return verdicts(list(pairs), model)
    return (judge or Judge.shared()).same_story_many(pairs)


def same_story(
    a: Analysis, b: Analysis, model: SameStoryModel | None = None, judge: Judge | None = None
) -> SameStory:
    """Whether ``a`` and ``b`` report one specific happening, with P and the evidence read."""
    return same_story_many([(a, b)], model, judge)[0]
