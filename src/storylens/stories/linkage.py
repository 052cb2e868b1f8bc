"""Average-link agglomeration over a sparse graph of units (groups of grouping rows).

Average link compares every member of two groups before joining them (an evenly spread sample
of each side past :data:`MAX_LINK_MEMBERS`), so one shared name or place cannot chain two events
together the way single link would. Only units joined by an edge of the candidate graph are
ever compared, which keeps the cost near-linear in the number of articles.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable

#: members of each side compared when scoring two large groups (evenly spread sample)
MAX_LINK_MEMBERS = 40


def candidate_graph(
    rows: list[int],
    neighbours: list[list[int]],
    story_of: Callable[[int], str],
    members: Callable[[str], list[int]],
) -> tuple[dict[int, list[int]], dict[int, set[int]], list[tuple[int, int]]]:
    """The units a batch clusters, which may join which, and its candidate edges (row, row).

    Each of ``rows`` is a unit of its own; a row only met as a neighbour (``neighbours[i]`` are
    ``rows[i]``'s) enters with its whole stored story (``story_of`` gives "" for none, and
    ``members`` a story's rows): a settled or untouched story takes part whole.
    """
    units: dict[int, list[int]] = {}
    unit_of: dict[int, int] = {}
    old_unit: dict[str, int] = {}
    loose = set(rows)

    def unit_for(row: int) -> int:
        if row in unit_of:
            return unit_of[row]
        story = story_of(row)
        if story and row not in loose:
            if story not in old_unit:
                old_unit[story] = len(units)
                units[old_unit[story]] = list(members(story))
                unit_of.update(dict.fromkeys(units[old_unit[story]], old_unit[story]))
            return old_unit[story]
        units[len(units)] = [row]
        unit_of[row] = len(units) - 1
        return unit_of[row]

    for row in rows:
        unit_for(row)
    adjacency: dict[int, set[int]] = {}
    edges: list[tuple[int, int]] = []
    for row, near in zip(rows, neighbours, strict=True):
        for other in near:
            if other == row:
                continue
            edges.append((row, other))
            a, b = unit_for(row), unit_for(other)
            if a != b:
                adjacency.setdefault(a, set()).add(b)
                adjacency.setdefault(b, set()).add(a)
    return units, adjacency, edges


def _sample(rows: list[int]) -> list[int]:
    if len(rows) <= MAX_LINK_MEMBERS:
        return rows
    step = len(rows) / MAX_LINK_MEMBERS
    return [rows[int(i * step)] for i in range(MAX_LINK_MEMBERS)]


def average_link(
    units: dict[int, list[int]],
    adjacency: dict[int, set[int]],
    pair_score: Callable[[int, int], float | None],
    threshold: float,
) -> list[list[int]]:
    """Join the two units with the highest average pair score while it reaches ``threshold``.

    ``units`` maps unit id -> rows and ``adjacency`` the units each may join (both are consumed);
    a pair scored None abstains (out of the average: two units with only such pairs never
    join). Returns the final clusters, each sorted, ordered by their first row.
    """
    cache: dict[tuple[int, int], tuple[float, int]] = {}

    def link_sum(u: int, v: int) -> tuple[float, int]:
        key = (min(u, v), max(u, v))
        if key not in cache:
            left, right = _sample(units[u]), _sample(units[v])
            said = [x for r in left for s in right if (x := pair_score(r, s)) is not None]
            cache[key] = (sum(said), len(said))
        return cache[key]

    heap: list[tuple[float, int, int]] = []
    for u, near in adjacency.items():
        for v in near:
            if u < v:
                total, count = link_sum(u, v)
                if count:
                    heapq.heappush(heap, (-total / count, u, v))
    alive = set(units)
    fresh_uid = itertools.count(max(units, default=-1) + 1)
    while heap:
        neg, u, v = heapq.heappop(heap)
        if -neg < threshold:
            break
        if u not in alive or v not in alive:
            continue
        w = next(fresh_uid)
        # dead units are dropped at once: a story grown one article at a time would
        # otherwise keep every intermediate member list alive (quadratic memory)
        units[w] = units.pop(u) + units.pop(v)
        alive -= {u, v}
        alive.add(w)
        near = (adjacency.pop(u, set()) | adjacency.pop(v, set())) - {u, v}
        adjacency[w] = set()
        for c in near:
            if c not in alive:
                continue
            adjacency[c] -= {u, v}
            adjacency[c].add(w)
            adjacency[w].add(c)
            parts = [cache.pop((min(x, c), max(x, c)), None) for x in (u, v)]
            small = max(len(units[w]), len(units[c])) <= MAX_LINK_MEMBERS
            if small and all(parts):
                cache[(min(w, c), max(w, c))] = (
                    sum(p[0] for p in parts if p),
                    sum(p[1] for p in parts if p),
                )
            total, count = link_sum(w, c)
            if count:
                heapq.heappush(heap, (-total / count, min(w, c), max(w, c)))
    return sorted((sorted(units[u]) for u in alive), key=lambda rows: rows[0])
