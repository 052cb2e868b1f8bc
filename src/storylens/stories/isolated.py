"""Grouping that one bad article cannot stop: a batch that fails is undone and split.

:meth:`StoryGrouper.add_features` changes the grouper's state as it goes, so unlike a pure batch
step (:func:`storylens.isolate.isolate`) a failure half-way leaves it inconsistent. Each try
therefore starts from a snapshot of the rows and labels and, when it fails, puts the grouper
back (:meth:`StoryGrouper.rebuild`, as a store reload would) before the batch is tried in halves.
Halving finds k bad articles in about k·log(n) tries; the good halves are added one after the
other, which groups them as a stream of smaller batches would.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from storylens.isolate import Failed, reason
from storylens.model import Article
from storylens.stories.features import StoryFeatures
from storylens.stories.grouping import StoryGrouper

log = logging.getLogger(__name__)


def add_isolated(
    grouper: StoryGrouper, articles: Sequence[Article], features: Sequence[StoryFeatures]
) -> list[Failed[Article]]:
    """``grouper.add_features(articles, features)``; a :class:`Failed` for each article that
    grouping fails on alone, the others grouped (``KeyboardInterrupt`` still stops everything)."""
    if not hasattr(grouper, "rows_"):
        grouper.rebuild([], [], next_story=1)  # a grouper that has seen nothing yet
    return _add(grouper, list(zip(articles, features, strict=True)))


def split_found(
    articles: Sequence[Article], found: Sequence[StoryFeatures | Failed[Article]]
) -> tuple[list[tuple[Article, StoryFeatures]], list[Failed[Article]]]:
    """What featurizing ``articles`` gave, apart: each article with its features, and a
    :class:`Failed` for each it could not analyse."""
    kept: list[tuple[Article, StoryFeatures]] = []
    failed: list[Failed[Article]] = []
    for article, features in zip(articles, found, strict=True):
        if isinstance(features, Failed):
            failed.append(Failed(article, f"cannot analyse this article ({features.reason})"))
        else:
            kept.append((article, features))
    return kept, failed


def add_found(
    grouper: StoryGrouper, pairs: Sequence[tuple[Article, StoryFeatures]]
) -> list[Failed[Article]]:
    """:func:`add_isolated` on what :func:`split_found` kept; each article grouping fails on
    comes back saying so."""
    failed = add_isolated(grouper, [a for a, _ in pairs], [f for _, f in pairs])
    return [Failed(f.item, f"cannot group this article ({f.reason})") for f in failed]


def _add(
    grouper: StoryGrouper, pairs: list[tuple[Article, StoryFeatures]]
) -> list[Failed[Article]]:
    if not pairs:
        return []
    rows, labels = list(grouper.rows_), list(grouper.labels_)
    next_story, merged = grouper.next_story_, dict(grouper.merged_)
    try:
        grouper.add_features([a for a, _ in pairs], [f for _, f in pairs])
        return []
    except Exception as exc:  # any library error on hostile input
        grouper.rebuild(rows, labels, next_story, merged)
        if len(pairs) == 1:
            log.debug("grouping failed on %s", pairs[0][0].id, exc_info=True)
            return [Failed(pairs[0][0], reason(exc))]
        log.debug("grouping %d articles failed (%s); trying halves", len(pairs), reason(exc))
    middle = len(pairs) // 2
    return _add(grouper, pairs[:middle]) + _add(grouper, pairs[middle:])
