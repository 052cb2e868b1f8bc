"""Set measures and disjoint sets, one definition for every stage (grouping keys, alignment
words, event facts, copy groups, gold stories).

The empty-set rule: a measure over an empty set is 0. Nothing to compare is no agreement, so
absent evidence never reads as shared. A caller that must tell "nothing to compare" apart from
"nothing shared" (a model feature left for imputation) checks emptiness itself.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any, Generic, Protocol, Self, TypeVar


class _Ordered(Protocol):
    def __lt__(self, other: Self, /) -> bool: ...


T = TypeVar("T", bound=_Ordered)


def jaccard(x: Set[Any], y: Set[Any]) -> float:
    """|x ∩ y| / |x ∪ y|; 0 when either set is empty."""
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def containment(part: Set[Any], whole: Set[Any]) -> float:
    """Share of ``part`` found in ``whole`` (|part ∩ whole| / |part|); 0 for an empty ``part``."""
    if not part:
        return 0.0
    return len(part & whole) / len(part)


class UnionFind(Generic[T]):
    """Disjoint sets with path halving. The smallest member names its set, so where members
    are numbered as they come, a group is named after its oldest member and keeps that name."""

    def __init__(self) -> None:
        self.parent: dict[T, T] = {}

    def find(self, x: T) -> T:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
