"""The process-shared instances: one per class, made once, pickled as a reference."""

from __future__ import annotations

import pickle
import threading

from storylens.analyze.models import Models
from storylens.score.judge import Judge
from storylens.shared import ProcessShared


class Counted(ProcessShared):
    made = 0

    def __init__(self) -> None:
        Counted.made += 1


def test_one_instance_per_class_made_once_under_threads() -> None:
    found: list[Counted] = []
    threads = [threading.Thread(target=lambda: found.append(Counted.shared())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Counted.made == 1 and all(x is found[0] for x in found)
    assert found[0].is_shared() and not Counted().is_shared()


def test_each_class_has_its_own() -> None:
    assert Models.shared() is Models.shared()
    assert Judge.shared() is not Models.shared()
    assert Judge.shared().is_shared() and not Judge().is_shared()


def test_the_shared_models_and_judge_unpickle_as_the_shared_ones() -> None:
    assert pickle.loads(pickle.dumps(Models.shared())) is Models.shared()
    assert pickle.loads(pickle.dumps(Judge.shared())) is Judge.shared()
    assert pickle.loads(pickle.dumps(Models())) is not Models.shared()


class Own(Models):
    pass


def test_a_subclass_has_its_own_and_unpickles_as_itself() -> None:
    mine = Own.shared()
    assert mine is not Models.shared() and mine.is_shared()
    assert pickle.loads(pickle.dumps(mine)) is mine


def test_a_judge_pickles_without_the_shipped_weights_it_read() -> None:
    judge = Judge()
    before = len(pickle.dumps(judge))
    assert judge.weights is not None  # read from the package, not kept on the judge
    assert len(pickle.dumps(judge)) == before
