"""Near-duplicate detection: storylens.stories.dedup (numpy MinHash of the analysis stage and
our banded index) vs datasketch MinHashLSH.

Same synthetic documents (wire stories and lightly edited reprints), same hashed word shingles,
128 permutations and Jaccard threshold; both index every document and query it. Reported:
documents/s of each, the recall of true copy pairs (a pair counts when it is grouped) and the
precision of the grouped pairs (a pair is right when both descend from one original).
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from storylens.analyze.shingles import shingle
from storylens.sets import UnionFind
from storylens.stories.dedup import NUM_PERM, SHINGLE, THRESHOLD, DuplicateIndex

WORDS = [f"w{i}" for i in range(5000)]


def corpus(n: int, seed: int = 3) -> tuple[list[str], set[tuple[int, int]]]:
    """``n`` texts: 70% originals, 30% reprints of one of them with 5% of words changed."""
    rng = random.Random(seed)
    texts: list[str] = []
    pairs: set[tuple[int, int]] = set()
    for i in range(n):
        if texts and rng.random() < 0.3:
            source = rng.randrange(len(texts))
            words = texts[source].split()
            for _ in range(len(words) // 20):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            texts.append(" ".join(words))
            pairs.add((source, i))
        else:
            texts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(150, 400))))
    return texts, pairs


def run_ours(texts: list[str]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    groups = DuplicateIndex().add([str(i) for i in range(len(texts))], texts)
    return time.perf_counter() - start, groups


def run_datasketch(texts: list[str]) -> tuple[float, list[int]]:
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, text in enumerate(texts):
        sig = MinHash(num_perm=NUM_PERM, seed=42)
        sig.update_batch([h.to_bytes(8, "little") for h in shingle(text, SHINGLE)])
        for key in lsh.query(sig):
            a, b = root(i), root(int(key))
            if a != b:
                parent[max(a, b)] = min(a, b)
        lsh.insert(str(i), sig)
    return time.perf_counter() - start, [root(i) for i in range(len(texts))]


def recall(groups: list[Any], pairs: set[tuple[int, int]]) -> float:
    return sum(groups[a] == groups[b] for a, b in pairs) / max(1, len(pairs))


def precision(groups: list[Any], pairs: set[tuple[int, int]]) -> float:
    """Share of the pairs put in one group whose texts descend from one original."""
    truth: UnionFind[int] = UnionFind()
    for a, b in pairs:
        truth.union(a, b)
    members: dict[Any, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    grouped = right = 0
    for rows in members.values():
        for later in range(1, len(rows)):
            for earlier in range(later):
                grouped += 1
                right += truth.find(rows[later]) == truth.find(rows[earlier])
    return right / grouped if grouped else 1.0


def main(n: int = 5000) -> list[dict[str, Any]]:
    texts, pairs = corpus(n)
    ours_s, ours = run_ours(texts)
    ref_s, ref = run_datasketch(texts)
    return [
        {
            "name": f"near-duplicate docs/s ({n} docs)",
            "metric": "docs/s",
            "value": round(n / ours_s, 1),
            "baseline": "datasketch MinHashLSH",
            "baseline_value": round(n / ref_s, 1),
            "ratio": round(ref_s / ours_s, 2),
        },
        {
            "name": f"near-duplicate pair recall ({len(pairs)} copy pairs)",
            "metric": "recall",
            "value": round(recall(ours, pairs), 4),
            "baseline": "datasketch MinHashLSH",
            "baseline_value": round(recall(ref, pairs), 4),
            "ratio": round(recall(ours, pairs) / max(recall(ref, pairs), 1e-9), 3),
        },
        {
            "name": "near-duplicate grouped-pair precision",
            "metric": "precision",
            "value": round(precision(ours, pairs), 4),
            "baseline": "datasketch MinHashLSH",
            "baseline_value": round(precision(ref, pairs), 4),
            "ratio": round(precision(ours, pairs) / max(precision(ref, pairs), 1e-9), 3),
        },
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=5000)
    for row in main(parser.parse_args().n):
        print(row)
