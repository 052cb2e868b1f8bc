"""Compare two articles: aligned passages, quotes, entities, numbers, provenance and scores.

>>> from storylens.compare import compare
>>> comparison = compare(wire_article, rewrite_article)
>>> comparison.provenance.relation
'b_derived_from_a'
"""

from __future__ import annotations

import logging

from storylens.analyze.document import Analysis
from storylens.compare.align import AlignOptions, align
from storylens.compare.comparison import (
    Comparison,
    EvidenceDiff,
    Passage,
    Provenance,
    SharedQuote,
)
from storylens.compare.evidence import diff_entities, diff_numbers, match_quotes
from storylens.compare.provenance import trace
from storylens.model import Article

__all__ = [
    "AlignOptions",
    "Comparison",
    "EvidenceDiff",
    "Passage",
    "Provenance",
    "SharedQuote",
    "analysis_of",
    "clear_cache",
    "compare",
]

_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())


def analysis_of(item: Article | Analysis) -> Analysis:
    """The analysis of an article (cached by the analysis stage, so repeats are free)."""
    if isinstance(item, Analysis):
        return item
    from storylens.analyze import analyze  # the models load only when an Article needs them

    return analyze(item)


def clear_cache() -> None:
    """Forget every cached analysis."""
    from storylens.analyze import clear_cache as clear_analyses

    clear_analyses()


def compare(
    a: Article | Analysis, b: Article | Analysis, options: AlignOptions | None = None
) -> Comparison:
    """Compare two articles (or their analyses) and collect the evidence."""
    aa, ab = analysis_of(a), analysis_of(b)
    passages, only_a, only_b = align(aa, ab, options)
    quotes = match_quotes(aa, ab)
    entities = diff_entities(aa, ab)
    numbers = diff_numbers(aa, ab)
    provenance = trace(aa, ab, passages)
    from storylens.score import judge  # loads the shipped model once, on first use

    judgement = judge(aa, ab)
    return Comparison(
        a=aa,
        b=ab,
        judgement=judgement,
        alignment=passages,
        only_in_a=only_a,
        only_in_b=only_b,
        quotes=quotes,
        entities=entities,
        numbers=numbers,
        provenance=provenance,
    )
