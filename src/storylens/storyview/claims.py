"""Claims: sentences that say the same thing in several articles, found through an index.

Comparing every sentence with every other sentence of a story is what ``compare`` does for two
articles; for twenty-five it would be quadratic in articles. Instead, candidate pairs come from
two indexes over the whole story — the nearest neighbours of each sentence embedding and shared
word 4-grams (which catch copies the encoder scores low, such as a trimmed sentence) — and only
candidates are judged, with the rules of :mod:`storylens.compare.align`. Accepted pairs join
sentences into one claim best first, and a claim never holds two sentences of one article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storylens.analyze.document import Analysis
from storylens.compare.align import AlignOptions, SentenceSide, judge_pair, sentence_side
from storylens.compare.words import containment, sequence_ratio, tokens

#: neighbours looked up per sentence (more than a story has outlets rarely pays)
NEIGHBOURS = 24
#: cosine below which a neighbour is not even judged (a paraphrase needs 0.66)
MIN_COSINE = 0.55
SHINGLE_WORDS = 4

#: (article index, sentence index)
Node = tuple[int, int]


@dataclass
class Claim:
    """Sentences of several articles, at most one per article, in article order."""

    members: list[Node]


def _candidates(
    analyses: Sequence[Analysis], nodes: list[Node], sides: list[SentenceSide]
) -> set[tuple[int, int]]:
    """Pairs of node positions worth judging: embedding neighbours and shared 4-grams."""
    found: set[tuple[int, int]] = set()
    width = {a.sentence_embeddings.shape[1] for a in analyses if a.sentence_embeddings.ndim == 2}
    if len(width) == 1 and next(iter(width)) > 0 and nodes:
        matrix = np.stack([analyses[a].sentence_embeddings[s] for a, s in nodes])
        k = min(NEIGHBOURS, len(nodes) - 1)
        owner = np.array([a for a, _ in nodes])
        for start in range(0, len(nodes), 512):
            block = matrix[start : start + 512] @ matrix.T
            rows = np.arange(block.shape[0])
            block[rows, start + rows] = -1.0
            # sentences of one article never make a claim together
            block[owner[start : start + 512, None] == owner[None, :]] = -1.0
            if k <= 0:
                continue
            top = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < len(nodes) else None
            for r in range(block.shape[0]):
                cols = top[r] if top is not None else np.arange(len(nodes))
                for c in cols:
                    if block[r, c] >= MIN_COSINE:
                        x, y = start + r, int(c)
                        found.add((min(x, y), max(x, y)))
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for pos, (a, s) in enumerate(nodes):
        words = sides[a].words[s]
        grams = {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
        for gram in grams:
            postings[gram].append(pos)
    for members in postings.values():
        # a 4-gram in very many sentences is a stock phrase, not evidence of one claim
        if 1 < len(members) <= 2 * len(analyses):
            for i, x in enumerate(members):
                for y in members[i + 1 :]:
                    if nodes[x][0] != nodes[y][0]:
                        found.add((x, y))
    return found


def _cosine(analyses: Sequence[Analysis], x: Node, y: Node) -> float:
    ex, ey = analyses[x[0]].sentence_embeddings, analyses[y[0]].sentence_embeddings
    if ex.ndim != 2 or ey.ndim != 2 or ex.shape[1] == 0 or ex.shape[1] != ey.shape[1]:
        return 0.0
    return float(ex[x[1]] @ ey[y[1]])


def find_claims(
    analyses: Sequence[Analysis],
    groups: Sequence[int],
    skip: Sequence[set[int]],
    options: AlignOptions | None = None,
) -> list[Claim]:
    """Every sentence in one claim: ``groups[i]`` is article i's language group (only one group
    matches within itself), ``skip[i]`` the sentences of article i left to other facts."""
    opt = options or AlignOptions()
    sides = [sentence_side(a) for a in analyses]
    nodes = [
        (i, s)
        for i, a in enumerate(analyses)
        for s in range(len(a.sentences))
        if s not in skip[i] and sides[i].words[s]
    ]
    scored: list[tuple[float, Node, Node]] = []
    for x, y in _candidates(analyses, nodes, sides):
        nx, ny = nodes[x], nodes[y]
        if groups[nx[0]] != groups[ny[0]]:
            continue
        judged = judge_pair(
            sides[nx[0]], sides[ny[0]], nx[1], ny[1], _cosine(analyses, nx, ny), opt
        )
        if judged is None:
            continue
        kind, sim = judged
        scored.append(((2.0 if kind == "verbatim" else 1.0) + sim, nx, ny))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))

    parent: dict[Node, Node] = {n: n for n in nodes}
    articles_of: dict[Node, set[int]] = {n: {n[0]} for n in nodes}

    def root(n: Node) -> Node:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for _, x, y in scored:
        rx, ry = root(x), root(y)
        if rx == ry or articles_of[rx] & articles_of[ry]:
            continue
        parent[ry] = rx
        articles_of[rx] |= articles_of.pop(ry)
    members: dict[Node, list[Node]] = defaultdict(list)
    for n in nodes:
        members[root(n)].append(n)
    return [Claim(sorted(m)) for m in members.values()]


def how_carried(analyses: Sequence[Analysis], first: Node, other: Node) -> str:
    """``verbatim`` when ``other`` has the first carrier's words, else ``paraphrase``."""
    wx = tokens(analyses[first[0]].sentences[first[1]].text)
    wy = tokens(analyses[other[0]].sentences[other[1]].text)
    if sequence_ratio(wx, wy) >= 0.8:
        return "verbatim"
    short, long_ = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
    if len(short) >= 6 and containment(short, long_) >= 0.9:
        return "verbatim"
    return "paraphrase"
