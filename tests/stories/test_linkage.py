"""Average link over a sparse graph: one strong pair cannot chain two groups together."""

from __future__ import annotations

from storylens.stories.linkage import average_link


def test_average_link_keeps_groups_apart_that_one_pair_would_chain() -> None:
    # rows 0-1 and 2-3 are tight pairs; 1-2 alone would pass the threshold
    scores = {(0, 1): 1.0, (2, 3): 1.0, (1, 2): 0.9}

    def score(r: int, s: int) -> float:
        return scores.get((min(r, s), max(r, s)), 0.0)

    units = {i: [i] for i in range(4)}
    adjacency = {0: {1}, 1: {0, 2}, 2: {1, 3}, 3: {2}}
    assert average_link(units, adjacency, score, 0.5) == [[0, 1], [2, 3]]
    units = {i: [i] for i in range(4)}
    adjacency = {0: {1}, 1: {0, 2}, 2: {1, 3}, 3: {2}}
    assert average_link(units, adjacency, score, 0.2) == [[0, 1, 2, 3]]


def test_units_without_edges_stay_as_they_are() -> None:
    units = {0: [4, 2], 1: [7]}
    assert average_link(units, {}, lambda r, s: 9.0, 0.5) == [[2, 4], [7]]
