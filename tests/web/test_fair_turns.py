"""Long compares do not starve short ones: model work is taken in turns, a slice at a time.

The models are replaced by one that sleeps per slice, so the check measures the scheduling
(who waits for whom), not the speed of a shared, loaded test machine; bench/bench_web.py gives
the figure with the real models.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import pytest

import storylens.compare
from storylens.analyze import models
from storylens.analyze.models import Models
from storylens.model import Article
from storylens.web.backend import Backend

SLICE_SECONDS = 0.05


class SleepyPipeline:
    """spaCy stand-in: every call costs SLICE_SECONDS, whatever the machine's load."""

    def pipe(self, texts: Sequence[str], batch_size: int = 64) -> list[str]:
        time.sleep(SLICE_SECONDS)
        return list(texts)


@pytest.fixture
def sleepy_models(monkeypatch: pytest.MonkeyPatch) -> Models:
    """Models whose spaCy sleeps per slice, and an analysis that only parses with the
    analyzer's models: what the backend's threads take turns at."""
    held = Models()
    monkeypatch.setattr(held, "nlp", lambda: SleepyPipeline())

    def analyses_of(items: list[Article], analyzer: Any = None) -> list[Article]:
        for article in items:
            analyzer.models.parse(article.text.splitlines())
        return items

    def compare(a: Article, b: Article, judge: object = None) -> Any:
        return (a.title, b.title)

    monkeypatch.setattr(storylens.compare, "analyses_of", analyses_of)
    monkeypatch.setattr(storylens.compare, "compare", compare)
    return held


def _article(title: str, lines: int) -> Article:
    return Article(title=title, text="\n".join(f"Sentence {i}." for i in range(lines)))


def test_a_short_compare_is_not_starved_by_two_long_ones(sleepy_models: Models) -> None:
    backend = Backend("unused.db", models=sleepy_models)
    long_one = _article("long", 64 * 30)  # 60 slices a compare: 3 s alone
    short = _article("short", 40)  # 2 slices: 0.1 s alone
    finished: dict[str, float] = {}

    def run(name: str, article: Article) -> None:
        backend.compare(article, article)
        finished[name] = time.perf_counter()

    longs = [threading.Thread(target=run, args=(f"long{i}", long_one)) for i in range(2)]
    for thread in longs:
        thread.start()
    time.sleep(0.3)  # both long compares are well under way
    started = time.perf_counter()
    run("short", short)
    waited = finished["short"] - started
    for thread in longs:
        thread.join()
    # behind one lock held per compare it would wait for both long ones (6 s); in turns it
    # waits about two slices per slice of its own (~0.3 s). 2 s leaves room for a slow machine.
    assert waited < 2.0, f"short compare took {waited:.2f} s"
    assert finished["short"] < min(finished["long0"], finished["long1"])


def test_fair_lock_grants_in_arrival_order() -> None:
    lock = models.FairLock()
    order: list[int] = []
    lock.__enter__()
    threads = []
    for i in range(5):
        thread = threading.Thread(
            target=lambda i=i: (lock.__enter__(), order.append(i), lock.__exit__())
        )
        threads.append(thread)
        thread.start()
        time.sleep(0.05)  # each one queued before the next
    lock.__exit__()
    for thread in threads:
        thread.join(5)
    assert order == [0, 1, 2, 3, 4]


def test_fair_lock_grants_the_smallest_job_first() -> None:
    lock = models.FairLock()
    order: list[str] = []
    lock.acquire()
    threads = []
    for name, size in (("long", 200_000), ("longer", 400_000), ("short", 4_000)):

        def take(name: str = name, size: int = size) -> None:
            with lock.sized(size):
                order.append(name)

        thread = threading.Thread(target=take)
        threads.append(thread)
        thread.start()
        time.sleep(0.05)  # each one queued before the next
    lock.release()
    for thread in threads:
        thread.join(5)
    # a short compare arriving last still goes first: it waits one slice, not one per long job
    assert order == ["short", "long", "longer"]


@pytest.mark.parametrize(
    ("lengths", "runs"),
    [
        ([], []),
        ([10] * 130, [(0, 64), (64, 128), (128, 130)]),
        ([900, 900, 900, 900], [(0, 2), (2, 4)]),
        ([50_000, 10, 10], [(0, 1), (1, 3)]),
    ],
)
def test_slices_bound_texts_and_characters(lengths: list[int], runs: list[tuple[int, int]]) -> None:
    assert list(models.slices(["x" * n for n in lengths])) == runs
