"""A Judge holds its models: the weights given are the ones used, the module functions use the
judge given (else the shared one), and a pickled judge carries no vectors and no loaded model."""

from __future__ import annotations

import pickle
from dataclasses import replace

from storylens.score.judge import Judge, same_story, same_story_many
from storylens.score.same_story import SameStoryModel

from .helpers import rewrite, wire


def test_the_same_story_weights_a_judge_holds_are_the_ones_used() -> None:
    shipped = SameStoryModel.load()
    a, b = wire(), rewrite()
    assert same_story(a, b).same_story  # the shipped weights call them one story
    # the same weights, but a threshold nothing reaches: only the held model can say "no"
    strict = Judge(same_story_model=replace(shipped, threshold=1.01))
    verdict = same_story(a, b, judge=strict)
    assert not verdict.same_story
    assert verdict.probability == same_story(a, b).probability
    assert [v.same_story for v in strict.same_story_many([(a, b), (b, a)])] == [False, False]
    assert same_story_many([(a, b)], model=shipped)[0].same_story  # a model given wins


def test_judge_pickles_what_it_was_given_and_the_shared_one_stays_shared() -> None:
    judge = Judge()
    judge.glosses.encode([])
    judge.same_story_model  # noqa: B018 - read from the package now, so not pickled
    again = pickle.loads(pickle.dumps(judge))
    assert again._same_story_model is None and len(again.glosses) == 0
    given = Judge(same_story_model=replace(judge.same_story_model, threshold=0.9))
    assert pickle.loads(pickle.dumps(given)).same_story_model.threshold == 0.9
    assert pickle.loads(pickle.dumps(Judge.shared())) is Judge.shared()
