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

    def featurize(articles: Sequence[Article], encoder: Any) -> list[Any]:
        if any("poisoned" in a.text for a in articles):
            raise RuntimeError("the encoder fails on this text")
        return real(articles, encoder)

    monkeypatch.setattr(features, "featurize", featurize)
    texts = ["Floods hit the valley.", "A poisoned text.", "The council voted."]
    rows = [
        (json.dumps(Article(id=f"a{i}", title=f"T{i}", text=t).to_dict()), i)
        for i, t in enumerate(texts)
    ]
    out = dict(job._featurize_partition(rows, embedding="hashing"))
    assert sorted(out) == [0, 1, 2]
    assert isinstance(out[1], Failed) and "the encoder fails" in out[1].reason
    assert out[0].id == "a0" and out[2].id == "a2"  # type: ignore[union-attr]
