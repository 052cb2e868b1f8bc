"""Fit the cut of the scoring model's check on pairs within a language the sentence model does
not read (:data:`storylens.stories.verify.GLOSSED_CUT`), and the number of same-language
candidates found by gloss (:data:`storylens.stories.verify.GLOSS_NEIGHBORS`).

    python bench/fit_model_cut.py

SemEval-2022 Task 8 train as clusters (2,836 articles; pairs with Overall <= 2.0 joined, as in
``bench_stories_quality.py``) is grouped by the default grouper at each cut, and the cut with the
best B-cubed F1 is chosen, with 3 gloss neighbours, then 6 neighbours are read at that cut (the
fewer are kept unless the more gain over 0.001); test is read once, at the choice, never to
choose. "light" is the grouping before the check (such pairs scored by the gloss cosine of their
openings, candidates by hashing alone). Each article
is featurized and each whole text analysed once for every run. Prints a table; takes about half
an hour on a 2-core machine.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from bench_stories_quality import SEMEVAL, featurized_semeval

CUTS = (1.8, 2.0, 2.2, 2.4)


def main() -> None:
    from storylens.analyze import Analyzer
    from storylens.analyze.cache import LRUCache
    from storylens.stories import pairs, verify
    from storylens.stories.decision import Decision
    from storylens.stories.evaluate import bcubed
    from storylens.stories.grouping import StoryGrouper

    train = SEMEVAL.with_name("train.jsonl")
    if not train.exists():
        print(f"fit_model_cut: {train} is absent; nothing fitted", file=sys.stderr)
        return
    # one analysis of each whole text serves every cut
    whole = Analyzer(cache=LRUCache(size=10_000))
    pairs.whole_analyzer = lambda: whole  # type: ignore[assignment]

    def f1(part: tuple, cut: float | None, neighbors: int = 3) -> float:
        articles, features, gold = part
        glossed: Callable = Decision.glossed
        if cut is None:  # before the check: the light decision reads these pairs
            Decision.glossed = lambda self, a, b: False  # type: ignore[method-assign]
            verify.GLOSS_NEIGHBORS = 0
        else:
            verify.GLOSSED_CUT, verify.GLOSS_NEIGHBORS = cut, neighbors
        try:
            grouper = StoryGrouper().add_features(articles, features)
        finally:
            Decision.glossed = glossed  # type: ignore[method-assign]
        return bcubed(grouper.labels_, gold).f1

    parts = featurized_semeval()
    print("| cut | gloss neighbours | train B-cubed F1 |\n|---|---|---|")
    print(f"| light | 0 | {f1(parts['train'], None):.4f} |", flush=True)
    fitted = {}
    for cut in CUTS:
        fitted[cut] = f1(parts["train"], cut)
        print(f"| {cut:.1f} | 3 | {fitted[cut]:.4f} |", flush=True)
    best = max(CUTS, key=fitted.__getitem__)
    more = f1(parts["train"], best, 6)
    print(f"| {best:.1f} | 6 | {more:.4f} |")
    neighbors = 6 if more > fitted[best] + 0.001 else 3
    print(f"\nchosen on train: cut {best:.1f}, {neighbors} gloss neighbours")
    light, checked = f1(parts["test"], None), f1(parts["test"], best, neighbors)
    print(f"test B-cubed F1: light {light:.4f}, chosen {checked:.4f}")


if __name__ == "__main__":
    main()
