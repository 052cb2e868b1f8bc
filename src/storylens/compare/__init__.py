"""Compare two articles: aligned passages, quotes, entities, numbers, provenance and scores.

>>> from storylens.compare import compare
>>> comparison = compare(wire_article, rewrite_article)
>>> comparison.provenance.relation
'b_derived_from_a'
"""

from __future__ import annotations

import logging
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
from storylens.compare.provenance import trace
from storylens.model import Article

if TYPE_CHECKING:
    from storylens.analyze.analyzer import Analyzer
    from storylens.score.judge import Judge

__all__ = [
    "AlignOptions",
    "Comparison",
    "EvidenceDiff",
    "Passage",
    "Provenance",
    "SharedQuote",
    "analyses_of",
    "compare",
]

_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())


def analyses_of(
    items: list[Article | Analysis], analyzer: Analyzer | None = None
) -> list[Analysis]:
    """The analyses of articles (analyses pass through), the articles analysed in one batch by
    ``analyzer``; a fresh one when none is given, so nothing is kept between calls."""
    todo = [x for x in items if not isinstance(x, Analysis)]
    if not todo:
        return list(items)  # type: ignore[arg-type]
    if analyzer is None:
        from storylens.analyze.analyzer import (
            Analyzer,
        )  # models load only when an Article needs them

        analyzer = Analyzer()
    done = iter(analyzer.stream(todo))
    return [x if isinstance(x, Analysis) else next(done) for x in items]


def compare(
    a: Article | Analysis,
    b: Article | Analysis,
    options: AlignOptions | None = None,
    analyzer: Analyzer | None = None,
    judge: Judge | None = None,
) -> Comparison:
    """Compare two articles (or their analyses) and collect the evidence; ``analyzer`` analyses
    the articles (pass one held across calls to analyse an article once for many comparisons)
    and ``judge`` scores them (the process's shared one when None; one held across calls keeps
    the vectors of a cross-lingual pair's glosses)."""
    aa, ab = analyses_of([a, b], analyzer)
    # imported after analysing, as before: with the judge (scikit-learn) imported ahead of
    # spaCy and onnxruntime, bench_seed_compare gave 1.03-1.14x the baseline's time, after them
    # 0.99-1.00x (same calls, slower kernels; noisy, but three runs each way)
    from storylens.score.judge import Judge

    judge = judge or Judge.shared()
    passages, only_a, only_b = align(aa, ab, options, judge.glosses)
    quotes = match_quotes(aa, ab)
    entities = diff_entities(aa, ab)
    numbers = diff_numbers(aa, ab)
    provenance = trace(aa, ab, passages)
    judgement = judge.judge(aa, ab)
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
