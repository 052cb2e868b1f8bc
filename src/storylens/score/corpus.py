"""Analysing the articles of many pairs once each, with the caller's analyzer (and its cache)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from storylens.analyze.document import Analysis
from storylens.isolate import Failed
from storylens.model import Article, content_id

if TYPE_CHECKING:
    from storylens.analyze.analyzer import Analyzer

#: articles analysed per call, so that a progress callback moves while a large set is analysed
CHUNK = 64


def analyse_articles(
    articles: Sequence[Article],
    analyzer: Analyzer | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_failure: Callable[[Failed[Article]], None] | None = None,
) -> dict[str, Analysis]:
    """Analysis per article key (:func:`_key`), by ``analyzer`` (a fresh one when None; give
    one with a :class:`~storylens.analyze.DiskCache` to reuse analyses between runs).

    ``on_progress(n)`` is called after each chunk with the number of articles just analysed.
    An article that cannot be analysed is left out and given to ``on_failure``; without one,
    :class:`~storylens.analyze.AnalysisFailed` is raised.
    """
    from storylens.analyze.analyzer import AnalysisFailed, Analyzer

    analyzer = analyzer or Analyzer()
    analyses: dict[str, Analysis] = {}
    for start in range(0, len(articles), CHUNK):
        chunk = list(articles[start : start + CHUNK])
        for article, analysis in zip(chunk, analyzer.each(chunk), strict=True):
            if not isinstance(analysis, Failed):
                analyses[_key(article)] = analysis
            elif on_failure is None:
                raise AnalysisFailed(analysis.item, analysis.reason)
            else:
                on_failure(analysis)
        if on_progress is not None:
            on_progress(len(chunk))
    return analyses


def analyse_pairs(
    pairs: Sequence[tuple[Article, Article]],
    analyzer: Analyzer | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> list[tuple[Analysis, Analysis]]:
    """Both analyses of every pair; an article met twice (same id) is analysed once."""
    analysed = analyse_pairs_each(pairs, analyzer, on_progress, raise_first=True)
    return analysed  # type: ignore[return-value]


def analyse_pairs_each(
    pairs: Sequence[tuple[Article, Article]],
    analyzer: Analyzer | None = None,
    on_progress: Callable[[int], None] | None = None,
    raise_first: bool = False,
) -> list[tuple[Analysis, Analysis] | Failed[Article]]:
    """:func:`analyse_pairs` where a pair with an article that cannot be analysed comes back as
    ``Failed`` (naming that article and why) and the other pairs are analysed all the same."""
    unique: dict[str, Article] = {}
    for a, b in pairs:
        unique.setdefault(_key(a), a)
        unique.setdefault(_key(b), b)
    failed: dict[str, Failed[Article]] = {}

    def remember(failure: Failed[Article]) -> None:
        failed[_key(failure.item)] = failure

    analyses = analyse_articles(
        list(unique.values()), analyzer, on_progress, None if raise_first else remember
    )
    return [
        (analyses[_key(a)], analyses[_key(b)])
        if _key(a) in analyses and _key(b) in analyses
        else failed.get(_key(a)) or failed[_key(b)]
        for a, b in pairs
    ]


def unique_count(pairs: Sequence[tuple[Article, Article]]) -> int:
    return len({_key(x) for pair in pairs for x in pair})


def _key(article: Article) -> str:
    # Ids are the caller's: two different texts may carry one id, so the words count too.
    return f"{article.id}:{content_id(article.title, article.text)}"
