"""Near-duplicate detection: rensa (storylens.stories.dedup) vs datasketch MinHashLSH.

Same synthetic documents (wire stories and lightly edited reprints), same 3-word shingles,
128 permutations and Jaccard threshold; both index every document and query it. Reported:
documents/s of each and the recall of true copy pairs (a pair counts when it is grouped).
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from storylens.stories.dedup import NUM_PERM, THRESHOLD, DuplicateIndex, shingles

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


def run_rensa(texts: list[str]) -> tuple[float, list[str]]:
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
        sig.update_batch([s.encode() for s in shingles(text)])
        for key in lsh.query(sig):
            a, b = root(i), root(int(key))
            if a != b:
                parent[max(a, b)] = min(a, b)
        lsh.insert(str(i), sig)
    return time.perf_counter() - start, [root(i) for i in range(len(texts))]


def recall(groups: list[Any], pairs: set[tuple[int, int]]) -> float:
    return sum(groups[a] == groups[b] for a, b in pairs) / max(1, len(pairs))


def main(n: int = 5000) -> list[dict[str, Any]]:
    texts, pairs = corpus(n)
    ours_s, ours = run_rensa(texts)
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
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=5000)
    for row in main(parser.parse_args().n):
        print(row)
