"""How alike two articles are as reports of one event: the score average-link clustering uses.

Topic alone cannot tell the Fed's June 2022 hike from its September 2024 cut, so the embedding
cosine is backed by shared names and shared numbers (``75``, ``1.75``, ``7.8``), and two articles
published further apart than the window are never the same event.
"""

from __future__ import annotations

from dataclasses import dataclass

from storylens.sets import jaccard
from storylens.stories.candidates import day_gap
from storylens.stories.features import StoryFeatures


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

    def score(self, a: StoryFeatures, b: StoryFeatures) -> float:
        """cosine + weighted key overlaps; -1 outside the time window, across languages or
        across embedding spaces. Symmetric in ``a`` and ``b``."""
        gap = day_gap(a.days, b.days)
        if gap is not None and gap > self.window_days:
            return -1.0
        if a.language and b.language and a.language != b.language:
            # the embeddings cannot see across languages; copies still meet via near-duplicates
            return -1.0
        if a.model_encoded != b.model_encoded:
            # a model vector and a hashed one live in different spaces (an undetectable
            # language meets a detected one the model cannot read): no cosine to take
            return -1.0
        cosine = float(a.embedding @ b.embedding)
        if not a.model_encoded:  # so both are hashed
            cosine += self.hashed_offset
        return (
            cosine
            + self.name_weight * jaccard(a.names, b.names)  # type: ignore[arg-type]
            + self.number_weight * jaccard(a.numbers, b.numbers)  # type: ignore[arg-type]
        )

    def same_story(self, a: StoryFeatures, b: StoryFeatures) -> bool:
        return self.score(a, b) >= self.threshold
