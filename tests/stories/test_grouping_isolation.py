"""One article that breaks grouping itself costs only itself: in the grouper, `cluster` and the
store's add (issue 16)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from storylens.analyze.analyzer import Analyzer
from storylens.cli.app import app
from storylens.isolate import Failed
from storylens.model import Article
from storylens.stories.decision import Decision
from storylens.stories.dedup import DuplicateIndex
from storylens.stories.features import StoryFeatures, featurize, story_analyzer
from storylens.stories.grouping import StoryGrouper
from storylens.stories.isolated import add_isolated
from storylens.stories.store import StoryStore

from .conftest import BILL, HURRICANE

Encoder = Callable[[list[str]], np.ndarray]


def corpus(poison_at: int) -> list[Article]:
    articles = [
        Article(title=t, text=x, id=f"{p}{i}", outlet=f"o{i}.com", published=d)
        for p, items, d in (("ian-", HURRICANE, "2022-09-28"), ("bill-", BILL, "2022-09-26"))
        for i, (t, x) in enumerate(items)
    ]
    title, text = HURRICANE[0]
    poison = Article(title=title, text=text + " Poison.", id="poison", published="2022-09-28")
    articles.insert(poison_at, poison)
    return articles


def break_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    """The duplicate index fails on the article with id ``poison`` (inside add_features)."""
    real = DuplicateIndex.add_signatures

    def add(
        self: DuplicateIndex, ids: Sequence[str], signatures: Sequence[np.ndarray]
    ) -> list[str]:
        if "poison" in ids:
            raise ValueError("hostile text")
        return real(self, ids, signatures)

    monkeypatch.setattr(DuplicateIndex, "add_signatures", add)


def break_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pair score fails whenever it meets ``poison`` (the link step)."""
    real = Decision.score

    def score(self: Decision, a: StoryFeatures, b: StoryFeatures) -> float:
        if "poison" in (a.id, b.id):
            raise FloatingPointError("hostile numbers")
        return real(self, a, b)

    monkeypatch.setattr(Decision, "score", score)


def test_grouper_skips_only_the_article_it_fails_on(
    fake_encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = corpus(poison_at=2)
    features = featurize(articles, story_analyzer(encoder=fake_encoder))
    clean = StoryGrouper(verify=False, encoder=fake_encoder)
    clean.add_features(
        [a for a in articles if a.id != "poison"], [f for f in features if f.id != "poison"]
    )
    break_duplicates(monkeypatch)
    grouper = StoryGrouper(verify=False, encoder=fake_encoder)
    failed = add_isolated(grouper, articles, features)
    assert [(f.item.id, f.reason) for f in failed] == [("poison", "ValueError: hostile text")]
    got = {r["id"]: r["story"] for r in grouper.assignments()}
    assert set(got) == {a.id for a in articles} - {"poison"}
    # the state was put back whole: the others group as they would have without it
    want = {r["id"]: r["story"] for r in clean.assignments()}
    assert len(set(got.values())) == len(set(want.values())) == 2
    assert {got[i] == got[j] for i in got for j in got} == {True, False}
    assert all((got[i] == got[j]) == (want[i] == want[j]) for i in got for j in got)


def test_store_add_skips_an_article_the_link_step_fails_on(
    tmp_path: Path, fake_encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = corpus(poison_at=6)
    with StoryStore(tmp_path / "s.db", encoder=fake_encoder) as store:
        store.add(articles[:2])
        break_links(monkeypatch)
        placed = store.add(articles[2:])
        assert [f.item.id for f in store.failed] == ["poison"]
        assert "cannot group this article (FloatingPointError: hostile numbers)" in (
            store.failed[0].reason
        )
        assert set(placed) == {a.id for a in articles[2:]} - {"poison"}
        assert store.article("poison") is None
        assert store.status == {a.id: "added" for a in articles[2:] if a.id != "poison"}
        stored = {r["id"]: r["story"] for r in store.assignments()}
        assert set(stored) == {a.id for a in articles} - {"poison"}
        assert stored["ian-0"] == stored["ian-2"] != stored["bill-0"]


@pytest.mark.parametrize("with_store", [False, True])
def test_cluster_reports_the_article_grouping_fails_on_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_store: bool
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in corpus(poison_at=3)))
    break_duplicates(monkeypatch)
    out, problems = tmp_path / "out.jsonl", tmp_path / "problems.jsonl"
    args = ["cluster", str(src), "--fast", "-o", str(out), "--problems", str(problems)]
    if with_store:
        args += ["--store", str(tmp_path / "s.db")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids == [f"ian-{i}" for i in range(3)] + [f"bill-{i}" for i in range(3)]
    (problem,) = [json.loads(line) for line in problems.read_text().splitlines()]
    assert "poison" in problem["where"] + problem["message"]
    assert "cannot group this article (ValueError: hostile text)" in problem["message"]
    assert "poison" in result.output


def test_add_isolated_on_a_batch_that_groups_is_add_features(fake_encoder: Encoder) -> None:
    articles = corpus(poison_at=0)[1:]
    features = featurize(articles, story_analyzer(encoder=fake_encoder))
    grouper = StoryGrouper(verify=False, encoder=fake_encoder)
    assert add_isolated(grouper, articles, features) == []
    assert not any(isinstance(f, Failed) for f in features)
    assert len(grouper.assignments()) == len(articles)


def test_new_text_that_cannot_be_analysed_keeps_the_stored_one(
    tmp_path: Path, fake_encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storylens.stories import store as store_module

    articles = corpus(poison_at=0)[1:]
    real = store_module.featurize

    def featurize_or_fail(items: list[Article], analyzer: Analyzer) -> list[StoryFeatures]:
        if any("unreadable" in a.text for a in items):
            raise ValueError("hostile text")
        return real(items, analyzer)

    with StoryStore(tmp_path / "s.db", encoder=fake_encoder) as store:
        store.add(articles)
        monkeypatch.setattr(store_module, "featurize", featurize_or_fail)
        first = articles[0]
        bad = Article(title=first.title, text="unreadable", id=first.id, published="2022-09-28")
        new = Article(title="Another", text="Another story entirely.", id="new")
        store.add([bad, new])
        assert [f.item.id for f in store.failed] == [first.id]
        assert store.status == {"new": "added"}
        kept = store.article(first.id)
        assert kept is not None and kept.text == first.text
