from __future__ import annotations

import pytest

from storylens.analyze import analyze_many
from storylens.model import SCORE_DIMENSIONS
from storylens.score import judge, judge_many

pytestmark = pytest.mark.slow


def test_wire_and_its_rewrite_are_the_same_story(seed_articles) -> None:
    wire, rewrite = analyze_many(list(seed_articles))
    verdict = judge(wire, rewrite)
    assert verdict.scores.overall <= 2.0
    assert verdict.same_story
    assert set(verdict.scores.to_dict()) == set(SCORE_DIMENSIONS)


def test_same_base_different_attack_is_not_the_same_story(hard_pair) -> None:
    a, b = analyze_many(list(hard_pair))
    verdict = judge(a, b)
    assert not verdict.same_story
    # Still close in place and actors: the model should see that much.
    assert verdict.scores.geography < verdict.scores.time


def test_judge_many_matches_judge_and_is_order_free(seed_articles, hard_pair) -> None:
    wire, rewrite, a, b = analyze_many([*seed_articles, *hard_pair])
    many = judge_many([(wire, rewrite), (a, b), (rewrite, wire)])
    assert many[0].to_dict() == judge(wire, rewrite).to_dict()
    forward, backward = many[0].to_dict(), many[2].to_dict()
    # the evidence names its sides: what is only in A one way round is only in B the other
    mirrored = dict(backward["evidence"])
    mirrored["places_only_a"], mirrored["places_only_b"] = (
        backward["evidence"]["places_only_b"],
        backward["evidence"]["places_only_a"],
    )
    assert forward["evidence"] == mirrored
    forward.pop("evidence"), backward.pop("evidence")
    assert forward == backward
    assert judge_many([]) == []
