"""The analysis stage: an Article enriched once with sentences, quotes, entities, quantities,
embeddings and shingles, or for story grouping a light reading of its opening, shared by compare,
scoring, stories and the web app.

>>> analyzer = Analyzer()               # holds the options, a cache of its own and the models
>>> analysis = analyzer.run(article)    # or analyzer.stream(articles, batch_size=32)
"""

from storylens.analyze.analyzer import (
    AnalysisFailed,
    Analyzer,
    analyze,
    analyze_each,
    analyze_many,
)
from storylens.analyze.cache import AnalysisCache, DiskCache, LRUCache
from storylens.analyze.document import Analysis, Entity, Quantity, Quote, Sentence
from storylens.analyze.models import Models
from storylens.analyze.pipeline import (
    CROSS_STORY,
    FULL,
    LIGHT,
    STEPS,
    STORY,
    TEXT,
    AnalyzeOptions,
    Step,
)

__all__ = [
    "CROSS_STORY",
    "FULL",
    "LIGHT",
    "STEPS",
    "STORY",
    "TEXT",
    "Analysis",
    "AnalysisCache",
    "AnalysisFailed",
    "AnalyzeOptions",
    "Analyzer",
    "DiskCache",
    "Entity",
    "LRUCache",
    "Models",
    "Quantity",
    "Quote",
    "Sentence",
    "Step",
    "analyze",
    "analyze_each",
    "analyze_many",
]
