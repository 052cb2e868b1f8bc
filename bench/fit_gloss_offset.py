"""Fit ``GLOSS_OFFSET``: how two openings in one language MiniLM does not read meet when each is
glossed into English (:class:`storylens.stories.decision.Decision`).

    python bench/fit_gloss_offset.py

SemEval-2022 Task 8 train as clusters (2,836 articles; pairs with Overall <= 2.0 joined, as in
``bench_stories_quality.py``) is grouped by the light decision at each offset, and the offset
with the best B-cubed F1 is chosen; test is read once, at that offset, never to choose. "hashing"
is the decision before glosses were read (each such pair by its hashed opening). Prints a table.
"""

from __future__ import annotations

import dataclasses
import sys

from bench_stories_quality import SEMEVAL, featurized_semeval, story_labels

OFFSETS = (-0.2, -0.15, -0.1, -0.05, 0.0, 0.05, 0.1)


def main() -> None:
    from storylens.stories.evaluate import bcubed
    from storylens.stories.grouping import StoryGrouper

    train = SEMEVAL.with_name("train.jsonl")
    if not train.exists():
        print(f"fit_gloss_offset: {train} is absent; nothing fitted", file=sys.stderr)
        return

    def f1(part: tuple, offset: float | None) -> float:
        articles, features, gold = part
        if offset is None:  # as before glosses were read: no gloss vector to meet by
            features = [dataclasses.replace(f, bridge=None) for f in features]
        grouper = StoryGrouper(verify=False, gloss_offset=offset)
        return bcubed(story_labels(grouper, articles, features), gold).f1

    parts = featurized_semeval()
    fitted = {offset: f1(parts["train"], offset) for offset in OFFSETS}
    best = max(OFFSETS, key=fitted.__getitem__)
    print("| offset | train B-cubed F1 |\n|---|---|")
    print(f"| hashing | {f1(parts['train'], None):.4f} |")
    for offset, value in fitted.items():
        print(f"| {offset:+.2f} | {value:.4f} |")
    print(f"\nchosen on train: {best:+.2f}")
    hashed, glossed = f1(parts["test"], None), f1(parts["test"], best)
    print(f"test B-cubed F1: hashing {hashed:.4f}, {best:+.2f} {glossed:.4f}")


if __name__ == "__main__":
    main()
