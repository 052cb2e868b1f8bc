"""The score of each pair of grouping rows in one batch: what average link (:mod:`.linkage`) reads.

Within a language the model reads it is the light decision (:mod:`.decision`), checked by the
same-event judgement where the batch allows (:class:`.verify.Verifier`). Where links are checked
and the light decision would read only word-for-word glosses (two articles in one language the
sentence model does not read, or across languages where those links are on), the scoring model
decides on the two whole texts instead (:class:`.verify.ModelCheck`). In a batch that goes
unchecked (``--light`` on a store the default built, a batch over
:data:`.verify.MAX_VERIFIED_ROWS`) a pair across languages that the check would have judged
abstains instead of scoring -1: a story the check joined across languages is neither split nor
shut to a new article by a batch that cannot judge it. Such a batch also leaves whole the stories
that hold pairs the model decides (:func:`decided_whole`): re-clustered from their articles up by
the light score, a story the model joined could be split.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from storylens.analyze.opening import model_reads
from storylens.stories.decision import Decision
from storylens.stories.features import StoryFeatures
from storylens.stories.verify import ModelCheck, Verifier, whole_analyzer

if TYPE_CHECKING:
    from storylens.analyze.analyzer import Analyzer

#: score of two rows in one near-duplicate group: one story whatever else is said
DUPLICATE_SCORE = 2.0


def decided_whole(features: Iterable[StoryFeatures], across: bool, glossed: bool) -> bool:
    """Whether a story holds a pair the scoring model decides where links are checked: articles
    in two known languages (where links cross them, ``across``), or two in one language the
    sentence model does not read (where such openings are ``glossed``)."""
    languages = Counter(f.language for f in features if f.language)
    if across and len(languages) > 1:
        return True
    return glossed and any(n > 1 and not model_reads(x) for x, n in languages.items())


class PairScores:
    """``scores(r, s)``: the pair score of rows ``r`` and ``s`` (None: no opinion).

    ``rows(i)`` gives the features and publication date of row ``i`` and ``copies(r, s)``
    whether two rows are near-copies; ``checking`` is the light analyzer of the link check (None
    when this batch goes unchecked) and ``whole()`` the analyzer of whole texts the scoring model
    reads; ``abstain_across`` makes unchecked pairs across languages abstain (links across
    languages are wanted where checked, and this batch is not); ``key_cosine`` is the cosine
    of two rows' weighted keys (:meth:`.crossing.CrossIndex.key_cosine`).
    """

    def __init__(
        self,
        decision: Decision,
        rows: Callable[[int], tuple[StoryFeatures, str | None]],
        copies: Callable[[int, int], bool],
        checking: Analyzer | None = None,
        abstain_across: bool = False,
        whole: Callable[[], Analyzer] = whole_analyzer,
        key_cosine: Callable[[int, int], float | None] | None = None,
    ) -> None:
        self.decision = decision
        self.rows = rows
        self.copies = copies
        self.verifier = self.model = None
        if checking is not None:
            self.verifier = Verifier(decision.threshold, DUPLICATE_SCORE, rows, checking)
            self.model = ModelCheck(decision.threshold, rows, whole, key_cosine=key_cosine)
        self._wanted_across = replace(decision, cross_lingual=True) if abstain_across else None

    def light(self, r: int, s: int) -> float:
        """The light decision's score (near-copies at :data:`DUPLICATE_SCORE`)."""
        if self.copies(r, s):
            return DUPLICATE_SCORE
        return self.decision.score(self.rows(r)[0], self.rows(s)[0])

    def _crosses(self, decision: Decision | None, r: int, s: int) -> bool:
        if decision is None or self.copies(r, s):
            return False
        return decision.across(self.rows(r)[0], self.rows(s)[0])

    def _modelled(self, r: int, s: int) -> bool:
        """Whether the scoring model decides this pair: the batch is checked and the light
        decision would read it only through glosses."""
        if self.model is None or self.copies(r, s):
            return False
        a, b = self.rows(r)[0], self.rows(s)[0]
        return self.decision.glossed(a, b) or self.decision.across(a, b)

    def prepare(self, edges: Iterable[tuple[int, int]]) -> None:
        """Judge the candidate pairs in batches: one analysis per article."""
        if self.verifier is None or self.model is None:
            return
        modelled: list[tuple[int, int]] = []
        light: list[tuple[int, int, float]] = []
        for r, s in edges:
            if self._modelled(r, s):
                modelled.append((r, s))
            else:
                light.append((r, s, self.light(r, s)))
        self.model.prepare(modelled)
        self.verifier.prepare(light)

    def __call__(self, r: int, s: int) -> float | None:
        if self.model is not None and self._modelled(r, s):
            return self.model.score(r, s)
        if self._crosses(self._wanted_across, r, s):
            return None
        score = self.light(r, s)
        return score if self.verifier is None else self.verifier.adjust(r, s, score)
