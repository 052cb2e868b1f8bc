"""One analysis per article per run: score, compare and cluster never compute an analysis step of
an article twice (grouping reads the cheap story steps of every article and the link check the
light steps of some, two disjoint sets)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.analyze import pipeline
from storylens.cli.app import app
from storylens.model import Article
from storylens.score.records import parse_pair_record

from .conftest import FIXTURES

pytestmark = pytest.mark.slow


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str]]:
    """(article id, step) for every step the analysis stage computes (cache hits are not)."""
    seen: Counter[tuple[str, str]] = Counter()
    compute = pipeline.compute

    def counting(
        articles: Sequence[Article], options: pipeline.AnalyzeOptions, *args: object
    ) -> list:
        seen.update((a.id, step) for a in articles for step in options.steps)
        return compute(articles, options, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "compute", counting)
    return seen


def _records() -> list[dict]:
    return [json.loads(x) for x in (FIXTURES / "confusable.jsonl").read_text().splitlines()]


def _ids(analysed: Counter[tuple[str, str]]) -> set[str]:
    return {article for article, _ in analysed}


def test_score_analyses_each_article_once(
    tmp_path: Path, analysed: Counter[tuple[str, str]]
) -> None:
    records = _records()
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = CliRunner().invoke(app, ["score", str(pairs), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    ids = {side["id"] for r in records for side in (r["a"], r["b"])}
    assert _ids(analysed) == ids and max(analysed.values()) == 1


def test_compare_analyses_each_side_once(analysed: Counter[tuple[str, str]]) -> None:
    from storylens.analyze import Analyzer
    from storylens.compare import compare

    record = _records()[1]
    _, a, b = parse_pair_record(record, "x")
    analyzer = Analyzer()
    compare(a, b, analyzer=analyzer)
    compare(b, a, analyzer=analyzer)  # the analyzer's cache: a second comparison reuses them
    assert _ids(analysed) == {a.id, b.id} and max(analysed.values()) == 1


def test_cluster_verifies_with_one_analysis_per_article(
    analysed: Counter[tuple[str, str]],
) -> None:
    from storylens.stories.grouping import StoryGrouper

    articles = {}
    for record in _records():
        for side in ("a", "b"):
            articles[record[side]["id"]] = Article.from_dict(record[side])
    StoryGrouper().fit(list(articles.values()))
    checked = {article for article, step in analysed if step == "entities"}
    assert checked, "the link check analysed nothing: the test no longer exercises it"
    assert _ids(analysed) == set(articles) and max(analysed.values()) == 1
