"""Compare two articles: aligned passages, quotes, entities, numbers, provenance and scores.

>>> from storylens.compare import compare
>>> comparison = compare(wire_article, rewrite_article)
>>> comparison.provenance.relation
'b_derived_from_a'
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import TYPE_CHECKING

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
from storylens.compare.interim import interim_judgement
from storylens.compare.provenance import trace
from storylens.errors import StorylensError
from storylens.model import Article

if TYPE_CHECKING:
    from storylens.model import Judgement

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

#: analyses kept by article id, so comparing one article with many analyses it once
CACHE_SIZE = 512
_cache: OrderedDict[str, Analysis] = OrderedDict()


def analysis_of(item: Article | Analysis) -> Analysis:
    """The analysis of an article, computed once per article id (LRU of :data:`CACHE_SIZE`)."""
    if isinstance(item, Analysis):
        return item
    cached = _cache.get(item.id)
    if cached is not None and cached.article.text == item.text:
        _cache.move_to_end(item.id)
        return cached
    from storylens.analyze import analyze  # the models load only when an Article needs them

    result = analyze(item)
    _cache[item.id] = result
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget every analysis, here and in the analysis stage's own cache."""
    _cache.clear()
    try:
        from storylens.analyze import clear_cache as clear_analyses
    except ImportError:
        return
    clear_analyses()


def _judge(a: Analysis, b: Analysis) -> Judgement | None:
    """The trained scorer's judgement; None when it is not installed or not trained yet."""
    try:
        from storylens.score import judge
    except ImportError:
        return None
    try:
        return judge(a, b)
    except StorylensError as err:
        _log.info("scores from the interim features: %s", err)
        return None


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
    judgement = _judge(aa, ab)
    scorer = "model"
    if judgement is None:
        judgement = interim_judgement(aa, ab, entities, numbers, provenance)
        scorer = "interim"
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
        scorer=scorer,
    )
