"""The analysis stage: an Article enriched once with sentences, quotes, entities, quantities,
embeddings and shingles, shared by compare, scoring, stories and the web app."""

from storylens.analyze.document import Analysis, Entity, Quantity, Quote, Sentence
from storylens.analyze.pipeline import (
    AnalysisFailed,
    AnalyzeOptions,
    analyze,
    analyze_each,
    analyze_many,
    clear_cache,
)

__all__ = [
    "Analysis",
    "AnalysisFailed",
    "AnalyzeOptions",
    "Entity",
    "Quantity",
    "Quote",
    "Sentence",
    "analyze",
    "analyze_each",
    "analyze_many",
    "clear_cache",
]
