"""What keeps the facts build near linear: indexes, not all pairs, and no pair judged twice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storylens.storyview import claims as claim_step
from storylens.storyview.claims import Claim
from storylens.storyview.lineage import SHARING_WINDOW, _sharing
from storylens.storyview.quotes import QuoteCarrier, QuoteGroup, _sweep
from storylens.storyview.spans import FoldedText


def _seed_articles(seed_files: tuple[Path, Path]) -> list:
    from storylens.read import read_path

    return [read_path(p)[0] for p in seed_files]


def test_the_graph_index_finds_what_exact_search_finds(
    seed_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storylens.storyview import story_view

    articles = _seed_articles(seed_files)
    exact = story_view(articles).to_dict()
    monkeypatch.setattr(claim_step, "EXACT_BELOW", 0)  # the HNSW graph of a large story
    assert story_view(articles).to_dict() == exact


def test_word_for_word_copies_are_joined_without_a_judgement(
    seed_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storylens.storyview import story_view

    wire = _seed_articles(seed_files)[0]
    copies = [
        replace(wire, id=f"copy-{i}", outlet=f"outlet{i}.example", source=None) for i in range(3)
    ]
    judged: list[object] = []
    judge = claim_step.judge_pair

    def counting(*args: object) -> object:
        judged.append(args)
        return judge(*args)

    monkeypatch.setattr(claim_step, "judge_pair", counting)
    view = story_view(copies)
    claims = [f for f in view.facts if f.kind == "claim"]
    assert claims
    for fact in claims:
        assert [c.article for c in fact.carried_by] == ["copy-0", "copy-1", "copy-2"]
        assert {c.how for c in fact.carried_by} == {"verbatim"}
    assert judged == []


def test_a_widely_carried_claim_counts_a_window_of_carriers_not_every_pair() -> None:
    n = 60
    shared = _sharing([Claim([(a, 0) for a in range(n)])], n)
    last = shared[n - 1]
    # the first carriers and the ones just before it
    expected = set(range(SHARING_WINDOW)) | set(range(n - 1 - SHARING_WINDOW, n - 1))
    assert set(last) == expected
    # every carrier meets the first one, the likeliest source
    assert all(shared[a][0] == 1 for a in range(1, n))
    # a small claim still counts every pair
    small = _sharing([Claim([(a, 0) for a in range(4)])], 4)
    assert all(set(small[a]) == set(range(4)) - {a} for a in range(4))


def test_the_quote_sweep_finds_retyped_copies_through_its_word_index() -> None:
    texts = [
        'He said: "We will not discuss the withdrawal of our troops at all," on Friday.',
        "Officials said we will NOT discuss the withdrawal\nof our troops at all, the paper wrote.",
        "Nobody said anything about the withdrawal of troops.",
        "We will not discuss the weather.",
    ]
    folded = [FoldedText(t) for t in texts]
    holders: dict[str, set[int]] = {}
    for i, text in enumerate(folded):
        for word in text.folded.split(" "):
            holders.setdefault(word, set()).add(i)
    group = QuoteGroup("We will not discuss the withdrawal of our troops at all", None, (0, 0), [])
    group.carriers.append(QuoteCarrier(0, "verbatim", (10, 65)))
    _sweep(group, folded, holders)
    assert [c.article for c in group.carriers] == [0, 1]
    start, end = group.carriers[1].span
    assert texts[1][start:end] == "we will NOT discuss the withdrawal\nof our troops at all"
