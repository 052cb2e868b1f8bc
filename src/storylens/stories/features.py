"""The light per-article view that story grouping works on, built from an :class:`Analysis`.

Grouping thousands of articles cannot afford a full spaCy parse of each one, so it runs the
analysis stage's story steps (:data:`storylens.analyze.pipeline.STORY`: the headline and opening
read without spaCy, see :mod:`storylens.analyze.opening`) and keeps of each analysis what
grouping compares: one embedding, name, number and year keys, a day range, the language, the
cross-language gloss vector and the MinHash of the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from storylens.analyze.opening import Encoder, model_reads
from storylens.analyze.opening import body as signed_text
from storylens.model import Article

if TYPE_CHECKING:
    from storylens.analyze.analyzer import Analyzer
    from storylens.analyze.cache import AnalysisCache
    from storylens.analyze.document import Analysis

#: the embeddings grouping can run on, each with the light-decision threshold fitted for it:
#: MiniLM (the default) and model-free feature hashing (``cluster --fast``, for huge corpora)
EMBEDDINGS = {"minilm": 0.62, "hashing": 0.25}
#: :attr:`.decision.Decision.gloss_offset` of the MiniLM embedding: fitted on SemEval-2022 train
#: as clusters, never on test (``python bench/fit_gloss_offset.py``)
GLOSS_OFFSET = -0.05


@dataclass(slots=True)
class StoryFeatures:
    """What grouping knows about one article: picklable, so Spark can ship it.

    Slotted and with interned keys: a 100k-article run holds 100k of these.
    """

    id: str
    #: L2-normalised embedding of headline + opening (float32)
    embedding: np.ndarray
    names: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    #: first and last day (ordinals) the publication date can be; None when unknown
    days: tuple[int, int] | None = None
    #: title and text: what near-duplicate detection signs and the link check reads
    body: str = ""
    title: str = ""
    #: ISO 639-1 code, declared or detected; None when the opening is too short to tell
    language: str | None = None
    #: the opening glossed into English and embedded by the model's encoder (non-English
    #: languages with a dictionary, :mod:`.crossing`); None otherwise
    bridge: np.ndarray | None = None
    #: MinHash of ``body`` (:func:`storylens.stories.dedup.signature`), made with the rest of
    #: the features (on a Spark executor too); None for features read back from a store, whose
    #: signature grouping makes again from ``body``
    signature: np.ndarray | None = None

    @property
    def cross_vector(self) -> np.ndarray | None:
        """The vector this article meets other languages with: its gloss's, or its own when the
        model reads its language; None when it cannot meet them."""
        if self.bridge is not None:
            return self.bridge
        return self.embedding if self.language == "en" else None

    @property
    def model_encoded(self) -> bool:
        """Whether the embedding came from the analyzer's encoder, not a language's hashing."""
        return model_reads(self.language)

    @classmethod
    def from_analysis(cls, analysis: Analysis) -> StoryFeatures:
        """What grouping keeps of an analysis made with the story steps."""
        article = analysis.article
        return cls(
            id=article.id,
            embedding=analysis.lead_embedding,
            names=analysis.lead_names,
            numbers=analysis.lead_numbers,
            years=analysis.lead_years,
            days=analysis.days,
            body=signed_text(article),
            title=article.title or "",
            language=analysis.language,
            bridge=analysis.gloss_embedding,
            signature=analysis.signature,
        )


def check_embedding(embedding: str) -> str:
    if embedding not in EMBEDDINGS:
        known = ", ".join(EMBEDDINGS)
        raise ValueError(f"unknown embedding {embedding!r} (known: {known})")
    return embedding


def story_analyzer(
    embedding: str = "minilm",
    cross_lingual: bool = False,
    encoder: Encoder | None = None,
    cache: AnalysisCache | None = None,
) -> Analyzer:
    """The analyzer of the story steps: ``embedding`` (or ``encoder`` in its place) embeds the
    openings, and the openings of other languages are glossed into English too (an encoder pass
    each): the model's embedding reads two openings in one such language through their glosses,
    and ``cross_lingual`` links two languages through them. Hashing (``--fast``) glosses only
    for ``cross_lingual``."""
    # here, not at the top: the analysis pipeline's imports cost `import storylens.stories`
    # a sixth of a second that reading a store does not need
    from storylens.analyze.analyzer import Analyzer
    from storylens.analyze.pipeline import CROSS_STORY, STORY, AnalyzeOptions

    steps = CROSS_STORY if cross_lingual or embedding == "minilm" else STORY
    options = AnalyzeOptions(
        steps=steps, embedding=check_embedding(embedding), lead_encoder=encoder
    )
    return Analyzer(options, cache)


def featurize(articles: Sequence[Article], analyzer: Analyzer) -> list[StoryFeatures]:
    """One :class:`StoryFeatures` per article, from ``analyzer``'s story steps
    (:func:`story_analyzer`). The articles go through as one batch: each caller already sizes
    its batches (the CLI's 256, a Spark partition, a store's new articles), and a caller's own
    encoder may batch (the int8 MiniLM encodes each text alone)."""
    analyses = analyzer.stream(articles, batch_size=max(1, len(articles)))
    return [StoryFeatures.from_analysis(analysis) for analysis in analyses]
