"""``Analyzer``: an Article in, its Analysis out, each article analysed once per analyzer.

It follows the spaCy / scikit-learn pattern: ``__init__`` stores the options, a cache and the
models (:class:`~storylens.analyze.models.Models`, loaded on first use; the process's shared
ones unless given), ``run`` analyses one article and ``stream`` many in batches (spaCy's
``nlp.pipe`` and the encoder see a whole batch at once). It pickles without its analyses, so
Spark can ship it (its models travel unloaded). ``analyze`` / ``analyze_many`` /
``analyze_each`` are one-off twins with a fresh analyzer, no state kept between calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice

from storylens.analyze import pipeline
from storylens.analyze.cache import AnalysisCache, Key, LRUCache
from storylens.analyze.document import Analysis
from storylens.analyze.models import Models
from storylens.analyze.pipeline import AnalyzeOptions
from storylens.errors import StorylensError
from storylens.isolate import Failed, isolate
from storylens.model import Article


class AnalysisFailed(StorylensError):
    """An article that spaCy or the encoder fails on, even on its own."""

    def __init__(self, article: Article, reason: str) -> None:
        super().__init__(f"{article.source or article.id}: cannot analyse this article ({reason})")
        self.article = article


class Analyzer:
    """Runs the analysis steps named in ``options`` with ``models`` (by default
    :meth:`Models.shared`) and keeps what it computed in ``cache`` (by default an in-memory LRU
    of its own)."""

    def __init__(
        self,
        options: AnalyzeOptions | None = None,
        cache: AnalysisCache | None = None,
        batch_size: int = 32,
        models: Models | None = None,
    ) -> None:
        self.options = options or AnalyzeOptions()
        self.cache: AnalysisCache = cache if cache is not None else LRUCache()
        self.batch_size = batch_size
        self.models = models if models is not None else Models.shared()

    @classmethod
    def light(cls, cache: AnalysisCache | None = None, models: Models | None = None) -> Analyzer:
        """The steps the same-event judgement reads (:data:`~storylens.analyze.pipeline.LIGHT`)."""
        return cls(AnalyzeOptions(steps=pipeline.LIGHT), cache, models=models)

    def __repr__(self) -> str:
        return f"Analyzer(steps={sorted(self.options.steps)}, cache={type(self.cache).__name__})"

    def key(self, article: Article) -> Key:
        # the models' identity too: two analyzers sharing a cache may hold different encoders
        return (
            article.id,
            article.title,
            article.text,
            article.published or "",
            # quantities read dates in the article's own language
            article.language or "",
            self.options,
            self.models.identity,
        )

    def run(self, article: Article) -> Analysis:
        """The analysis of one article; :class:`AnalysisFailed` when it cannot be analysed."""
        return next(self.stream([article]))

    def stream(
        self, articles: Iterable[Article], batch_size: int | None = None
    ) -> Iterator[Analysis]:
        """Analyses in input order, ``batch_size`` articles to a batch; raises
        :class:`AnalysisFailed` at the first article that fails even alone."""
        for item in self.each(articles, batch_size):
            if isinstance(item, Failed):
                raise AnalysisFailed(item.item, item.reason)
            yield item

    def each(
        self, articles: Iterable[Article], batch_size: int | None = None
    ) -> Iterator[Analysis | Failed[Article]]:
        """:meth:`stream` where an article that fails costs only itself: a failed batch runs
        again an article at a time, and what fails alone comes back as ``Failed``."""
        size = max(1, batch_size or self.batch_size)
        it = iter(articles)
        while chunk := list(islice(it, size)):
            yield from self._batch(chunk, size)

    def _batch(self, articles: Sequence[Article], size: int) -> list[Analysis | Failed[Article]]:
        keys = [self.key(a) for a in articles]
        found: dict[Key, Analysis | Failed[Article]] = {}
        todo: dict[Key, Article] = {}
        for key, article in zip(keys, articles, strict=True):
            if key in found or key in todo:
                continue
            cached = self.cache.get(key)
            if cached is not None:
                found[key] = cached
            else:
                todo[key] = article
        if todo:
            done = isolate(
                list(todo.values()),
                lambda batch: pipeline.compute(batch, self.options, size, self.models),
            )
            for key, analysis in zip(todo, done, strict=True):
                found[key] = analysis
                if not isinstance(analysis, Failed):
                    self.cache.put(key, analysis)
        return [_as(found[key], article) for key, article in zip(keys, articles, strict=True)]


def _as(found: Analysis | Failed[Article], article: Article) -> Analysis | Failed[Article]:
    # The same words from another outlet or file share one analysis, but each caller gets its
    # own Article back (a copy of one wire story must keep its own outlet).
    if isinstance(found, Failed):
        return found if found.item is article else Failed(article, found.reason)
    return found if found.article == article else replace(found, article=article)


def analyze(article: Article, options: AnalyzeOptions | None = None) -> Analysis:
    """Sentences, quotes, entities, quantities, embeddings and shingles of one article."""
    return Analyzer(options).run(article)


def analyze_many(
    articles: Sequence[Article], options: AnalyzeOptions | None = None, batch_size: int = 32
) -> list[Analysis]:
    """:func:`analyze` for many articles, spaCy and the encoder run in batches."""
    return list(Analyzer(options, batch_size=batch_size).stream(articles))


def analyze_each(
    articles: Sequence[Article], options: AnalyzeOptions | None = None, batch_size: int = 32
) -> list[Analysis | Failed[Article]]:
    """:func:`analyze_many` that gives a ``Failed`` for each article it cannot analyse."""
    return list(Analyzer(options, batch_size=batch_size).each(articles))
