"""Near-duplicate groups (wire copy and its reprints) by MinHash LSH over word shingles.

rensa does the hashing and the banded index; every candidate pair the index returns is checked
with the signatures' Jaccard estimate before it joins a group, so LSH collisions never group two
different texts. Groups are kept with union-find and named after their oldest member, so an
article's ``duplicate_group`` never changes when later copies arrive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import rensa

from storylens.sets import UnionFind

NUM_PERM = 128
SEED = 42
#: estimated Jaccard of 3-word shingle sets above which two texts are copies of one report
THRESHOLD = 0.5
SHINGLE = 3
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> list[str]:
    """Lower-cased word n-grams; a text shorter than ``size`` words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def signature(text: str, num_perm: int = NUM_PERM) -> rensa.RMinHash:
    sig = rensa.RMinHash(num_perm, SEED)
    sig.update(shingles(text) or [""])
    return sig


def _bands(threshold: float, num_perm: int) -> int:
    # more bands find lower similarities; pick the band count whose S-curve midpoint
    # ((1/b)^(1/r)) sits closest to the threshold
    best, best_gap = 1, 1.0
    for bands in range(1, num_perm + 1):
        if num_perm % bands:
            continue
        rows = num_perm // bands
        gap = abs((1 / bands) ** (1 / rows) - threshold * 0.85)
        if gap < best_gap:
            best, best_gap = bands, gap
    return best


class DuplicateIndex:
    """Incremental near-duplicate grouping: ``add(ids, texts)`` returns each text's group."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = rensa.RMinHashLSH(threshold, num_perm, _bands(threshold, num_perm))
        self._sigs: list[rensa.RMinHash] = []
        self._ids: list[str] = []
        self._sets: UnionFind[int] = UnionFind()

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, ids: Sequence[str], texts: Sequence[str]) -> list[str]:
        start = len(self._ids)
        for offset, (key, text) in enumerate(zip(ids, texts, strict=True)):
            index = start + offset
            sig = signature(text, self.num_perm)
            self._ids.append(key)
            self._sigs.append(sig)
            self._sets.find(index)
            for other in self._lsh.query(sig):
                if sig.jaccard(self._sigs[other]) >= self.threshold:
                    self._sets.union(index, other)  # the older member names the group
            self._lsh.insert(index, sig)
        return [self.group(i) for i in range(start, len(self._ids))]

    def group(self, index: int) -> str:
        return f"d-{self._ids[self._sets.find(index)]}"

    def groups(self) -> list[str]:
        """The group of every text added so far, in the order they were added."""
        return [self.group(i) for i in range(len(self._ids))]


def find_duplicates(
    texts: Sequence[str], ids: Sequence[str] | None = None, threshold: float = THRESHOLD
) -> list[str]:
    """Function twin of :class:`DuplicateIndex`: the group of each text, in one call."""
    keys = list(ids) if ids is not None else [str(i) for i in range(len(texts))]
    return DuplicateIndex(threshold).add(keys, texts)
