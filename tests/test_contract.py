"""Every analysis step and every grouper through the same checks (scikit-learn's
``parametrize_with_checks``): picklable, deterministic, safe on an empty article, and one call at
a time agrees with a stream of batches."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from storylens.analyze import STEPS, Analysis, AnalyzeOptions, Analyzer
from storylens.analyze.shingles import minhash
from storylens.model import Article
from storylens.stories.grouping import StoryGrouper

pytestmark = pytest.mark.slow

ARTICLES = [
    Article(
        title="Floods hit Porto",
        text="Floods hit Porto on Tuesday, and 1,200 people left their homes.\n\n"
        '"The river rose in an hour," said mayor Rui Moreira. Rain goes on.',
        published="2024-03-05",
    ),
    Article(
        title="Council passes budget",
        text="The city council approved a $35 million budget on Monday after a long debate.",
        published="2024-03-04",
    ),
    Article(title="Porto floods: 1,200 leave homes", text="Floods hit Porto on Tuesday."),
    Article(text="No title here. Only two short sentences."),
    # a language the sentence model does not read: hashed by the story steps, and glossed
    Article(
        title="Hochwasser in Porto",
        text="Das Hochwasser hat am Dienstag in Porto 1.200 Menschen aus ihren Häusern vertrieben,"
        " sagte der Bürgermeister.",
        published="2024-03-05",
        language="de",
    ),
]


def _fields(analysis: Analysis, step: str) -> list[Any]:
    return [getattr(analysis, name) for name in STEPS[step].produces]


def _same(x: Any, y: Any) -> bool:
    if x is None or y is None:  # a gloss vector that one run made and the other did not
        return x is y
    if isinstance(x, np.ndarray):
        # the encoder pads a batch to its longest text: floats may differ in the last digits
        return x.shape == y.shape and np.allclose(x, y, atol=1e-5)
    return bool(x == y)


def _agree(a: Analysis, b: Analysis, step: str) -> bool:
    return all(_same(x, y) for x, y in zip(_fields(a, step), _fields(b, step), strict=True))


@pytest.mark.parametrize("step", sorted(STEPS))
def test_analysis_step(step: str) -> None:
    analyzer = Analyzer(AnalyzeOptions(steps=frozenset({step})))
    alone = [analyzer.run(a) for a in ARTICLES]
    streamed = list(Analyzer(analyzer.options).stream(ARTICLES, batch_size=3))
    assert all(_agree(x, y, step) for x, y in zip(alone, streamed, strict=True))

    copy = pickle.loads(pickle.dumps(analyzer))
    assert copy.options == analyzer.options and copy.cache.get(analyzer.key(ARTICLES[0])) is None
    again = [copy.run(a) for a in ARTICLES]  # deterministic: a fresh copy, the same analyses
    assert all(_agree(x, y, step) for x, y in zip(alone, again, strict=True))
    assert pickle.loads(pickle.dumps(alone[0])).article == ARTICLES[0]

    empty = analyzer.run(Article())
    for name, value in zip(STEPS[step].produces, _fields(empty, step), strict=True):
        if name in ("minhash", "signature"):  # no shingles: every slot at its ceiling
            assert np.array_equal(value, minhash(frozenset(), analyzer.options.num_perm))
        elif isinstance(value, np.ndarray):
            assert not value.any()
        else:
            assert not value


GROUPERS: dict[str, Callable[[], StoryGrouper]] = {
    "minilm": StoryGrouper,
    "fast": StoryGrouper.fast,
}


@pytest.mark.parametrize("name", sorted(GROUPERS))
def test_grouper(name: str) -> None:
    articles = [*ARTICLES, Article(id="empty")]
    batch = GROUPERS[name]().fit(articles)
    labels = batch.assignments()
    assert {r["id"] for r in labels} >= {a.id for a in ARTICLES}
    assert GROUPERS[name]().fit(articles).assignments() == labels  # deterministic

    streamed = GROUPERS[name]()
    for start in range(0, len(articles), 2):
        streamed.partial_fit(articles[start : start + 2])
    assert _partition(streamed.assignments()) == _partition(labels)

    copy = pickle.loads(pickle.dumps(batch))
    assert copy.assignments() == labels


def _partition(records: list[dict[str, Any]]) -> set[frozenset[str]]:
    stories: dict[str, set[str]] = {}
    for r in records:
        stories.setdefault(r["story"], set()).add(r["id"])
    return {frozenset(s) for s in stories.values()}
