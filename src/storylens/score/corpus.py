"""Analysing the articles of many pairs once each, optionally cached in a temp folder."""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from storylens.analyze.document import Analysis
from storylens.isolate import Failed
from storylens.model import Article, content_id

CACHE_DIR = Path(tempfile.gettempdir()) / "storylens-score-cache"
#: articles analysed per call, so that a progress callback moves while a large set is analysed
CHUNK = 64


def analyse_articles(
    articles: Sequence[Article],
    cache: bool = False,
    on_progress: Callable[[int], None] | None = None,
    on_failure: Callable[[Failed[Article]], None] | None = None,
) -> dict[str, Analysis]:
    """Analysis per article key (:func:`_key`); ``cache`` reuses a temp file keyed by the texts.

    ``on_progress(n)`` is called after each chunk with the number of articles just analysed.
    An article that cannot be analysed is left out and given to ``on_failure``; without one,
    :class:`~storylens.analyze.AnalysisFailed` is raised.
    """
    from storylens.analyze import AnalysisFailed, analyze_each

    digest = hashlib.sha1()
    for article in articles:
        digest.update(f"{article.id}\0{article.title}\0{article.text}\1".encode())
    path = CACHE_DIR / f"analyses-{digest.hexdigest()[:16]}.pkl"
    if cache and path.exists():
        with open(path, "rb") as fh:
            return pickle.load(fh)
    analyses: dict[str, Analysis] = {}
    for start in range(0, len(articles), CHUNK):
        chunk = list(articles[start : start + CHUNK])
        for article, analysis in zip(chunk, analyze_each(chunk), strict=True):
            if not isinstance(analysis, Failed):
                analyses[_key(article)] = analysis
            elif on_failure is None:
                raise AnalysisFailed(analysis.item, analysis.reason)
            else:
                on_failure(analysis)
        if on_progress is not None:
            on_progress(len(chunk))
    if cache and len(analyses) == len(articles):
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            pickle.dump(analyses, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return analyses


def analyse_pairs(
    pairs: Sequence[tuple[Article, Article]],
    cache: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> list[tuple[Analysis, Analysis]]:
    """Both analyses of every pair; an article met twice (same id) is analysed once."""
    analysed = analyse_pairs_each(pairs, cache, on_progress, raise_first=True)
    return analysed  # type: ignore[return-value]


def analyse_pairs_each(
    pairs: Sequence[tuple[Article, Article]],
    cache: bool = False,
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
        list(unique.values()), cache, on_progress, None if raise_first else remember
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
