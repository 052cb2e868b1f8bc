"""A Spark partition that fails is retried an article at a time (called here without Spark)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest

from storylens.isolate import Failed
from storylens.model import Article
from storylens.spark import job
from storylens.stories import features


def test_one_bad_article_costs_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    real = features.featurize

    def featurize(articles: Sequence[Article], analyzer: Any) -> list[Any]:
        if any("poisoned" in a.text for a in articles):
            raise RuntimeError("the encoder fails on this text")
        return real(articles, analyzer)

    monkeypatch.setattr(features, "featurize", featurize)
    texts = ["Floods hit the valley.", "A poisoned text.", "The council voted."]
    rows = [
        (json.dumps(Article(id=f"a{i}", title=f"T{i}", text=t).to_dict()), i)
        for i, t in enumerate(texts)
    ]
    story = features.story_analyzer("hashing")
    out = {i: f for i, f, _ in job._featurize_partition(rows, story)}
    assert sorted(out) == [0, 1, 2]
    assert isinstance(out[1], Failed) and "the encoder fails" in out[1].reason
    assert out[0].id == "a0" and out[2].id == "a2"  # type: ignore[union-attr]


def test_a_shipped_analyzer_analyses_the_openings_the_link_check_reads() -> None:
    import pickle

    from storylens.analyze.analyzer import Analyzer
    from storylens.analyze.pipeline import AnalyzeOptions
    from storylens.stories.verify import opening

    driver = Analyzer(AnalyzeOptions(steps=frozenset({"shingles"})))
    shipped = pickle.loads(pickle.dumps(driver))  # what Spark sends an executor
    texts = ["Floods hit the valley on Monday.", "The council voted to rebuild the bridge."]
    articles = [
        Article(id=f"a{i}", title=f"T{i}", text=t, published="2024-05-0" + str(i + 1))
        for i, t in enumerate(texts)
    ]
    rows = [(json.dumps(a.to_dict()), i) for i, a in enumerate(articles)]
    story = pickle.loads(pickle.dumps(features.story_analyzer("hashing")))
    out = list(job._featurize_partition(rows, story, checking=shipped))
    for (index, found, analysis), article in zip(out, articles, strict=True):
        assert index == int(article.id[1:])
        assert analysis is not None and not isinstance(found, Failed)
        # the very opening, so the driver's link check finds it under its own key
        view = opening(found, article.published)
        assert analysis.article == view
        assert driver.key(analysis.article) == driver.key(view)
    without = list(job._featurize_partition(rows, story))
    assert [analysis for _, _, analysis in without] == [None, None]
