"""How alike two articles are as reports of one event: the score average-link clustering uses.

Topic alone cannot tell the Fed's June 2022 hike from its September 2024 cut, so the embedding
cosine is backed by shared names and shared numbers (``75``, ``1.75``, ``7.8``), and two articles
published further apart than the window are never the same event.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from storylens.sets import jaccard
from storylens.stories.candidates import day_gap
from storylens.stories.features import StoryFeatures


def vector_cosine(a: np.ndarray | None, b: np.ndarray | None) -> float | None:
    """Cosine of two unit vectors; None unless both exist with one shape (features read from
    a store written before a vector was kept lack it)."""
    if a is None or b is None or a.shape != b.shape:
        return None
    return float(a @ b)


@dataclass(frozen=True)
class Decision:
    """Weights and threshold of the same-story decision (one options object)."""

    #: weight of the Jaccard of name keys
    name_weight: float = 0.3
    #: weight of the Jaccard of number keys
    number_weight: float = 0.3
    #: average pair score two groups need to be one story
    threshold: float = 0.62
    #: days apart beyond which two dated articles are different events
    window_days: int = 7
    #: added to the cosine of two hashed openings (languages the sentence model does not read)
    #: to put it on the model's scale: the model's threshold minus the hashing one
    hashed_offset: float = 0.0
    #: added to the score of two articles in different languages (an English opening against a
    #: glossed one): a word-for-word gloss meets an English text at a lower cosine than a
    #: reworded English text does, and a wrong link across languages is the costlier mistake
    cross_offset: float = 0.0
    #: whether articles in different languages may link at all; the grouper turns it on where
    #: the scoring model checks those links (:class:`.verify.ModelCheck`), since the light
    #: gloss score alone links mostly wrong pairs (README)
    cross_lingual: bool = False
    #: added to the gloss cosine of two openings in one language the model does not read, both
    #: glossed into English: they meet on the model's scale instead of by feature hashing, which
    #: tells one Polish story from another far worse (README); None keeps hashing (``--fast``,
    #: where the gloss is hashed too)
    gloss_offset: float | None = None

    def score(self, a: StoryFeatures, b: StoryFeatures) -> float:
        """cosine + weighted key overlaps; -1 outside the time window, across languages or
        across embedding spaces. Symmetric in ``a`` and ``b``."""
        if self._apart(a, b):
            return -1.0
        if a.language and b.language and a.language != b.language:
            return self._cross_score(a, b)
        cosine = self._cosine(a, b)
        if cosine is None:
            return -1.0
        return (
            cosine
            + self.name_weight * jaccard(a.names, b.names)  # type: ignore[arg-type]
            + self.number_weight * jaccard(a.numbers, b.numbers)  # type: ignore[arg-type]
        )

    def _apart(self, a: StoryFeatures, b: StoryFeatures) -> bool:
        """Whether two articles are dated further apart than the window (undated: never)."""
        gap = day_gap(a.days, b.days)
        return gap is not None and gap > self.window_days

    def _cosine(self, a: StoryFeatures, b: StoryFeatures) -> float | None:
        """The topic part of a same-language score, on the model's scale; None when the two
        vectors live in different spaces (an undetectable language meets a detected one the
        model cannot read)."""
        if a.model_encoded != b.model_encoded:
            return None
        if a.model_encoded:
            return float(a.embedding @ b.embedding)
        if self.gloss_offset is not None:
            # stores written before they kept glosses have none: read hashed, as grouped
            glossed = vector_cosine(getattr(a, "bridge", None), getattr(b, "bridge", None))
            if glossed is not None:
                return glossed + self.gloss_offset
        return float(a.embedding @ b.embedding) + self.hashed_offset

    def across(self, a: StoryFeatures, b: StoryFeatures) -> bool:
        """Whether ``a`` and ``b`` are in two languages and may meet across them: links across
        are on, the time window allows, and both have a vector in the gloss space (a language
        without a dictionary meets others only as near-copies)."""
        return self._across_cosine(a, b) is not None

    def glossed(self, a: StoryFeatures, b: StoryFeatures) -> bool:
        """Whether ``a`` and ``b`` are in one language the sentence model does not read and both
        are glossed, inside the time window: the light score meets them only through
        word-for-word glosses."""
        if self.gloss_offset is None or not a.language or a.language != b.language:
            return False
        if a.model_encoded or self._apart(a, b):
            return False
        return vector_cosine(getattr(a, "bridge", None), getattr(b, "bridge", None)) is not None

    def _across_cosine(self, a: StoryFeatures, b: StoryFeatures) -> float | None:
        """The cosine of the two cross vectors where :meth:`across` holds, else None."""
        if not (self.cross_lingual and a.language and b.language and a.language != b.language):
            return None
        if self._apart(a, b):
            return None
        # stores written before the bridge lack the field
        return vector_cosine(getattr(a, "cross_vector", None), getattr(b, "cross_vector", None))

    def _cross_score(self, a: StoryFeatures, b: StoryFeatures) -> float:
        """Two languages meet through the English gloss (:mod:`.crossing`): its cosine plus
        names in ASCII and numbers; -1 when they may not meet (:meth:`across`)."""
        from storylens.stories.crossing import ascii_names

        cosine = self._across_cosine(a, b)
        if cosine is None:
            return -1.0
        return (
            cosine
            + self.cross_offset
            + self.name_weight * jaccard(ascii_names(a.names), ascii_names(b.names))  # type: ignore[arg-type]
            + self.number_weight * jaccard(a.numbers, b.numbers)  # type: ignore[arg-type]
        )

    def same_story(self, a: StoryFeatures, b: StoryFeatures) -> bool:
        return self.score(a, b) >= self.threshold
