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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from storylens.analyze.document import Analysis
from storylens.compare.align import AlignOptions, SentenceSide, judge_pair
from storylens.compare.words import containment, sequence_ratio
from storylens.neighbours import Index
from storylens.sets import containment as share_inside
from storylens.stories.candidates import EXACT_BELOW

#: neighbours looked up per sentence (more than a story has outlets rarely pays)
NEIGHBOURS = 24
#: cosine below which a neighbour is not even judged (a paraphrase needs 0.66)
MIN_COSINE = 0.55
SHINGLE_WORDS = 4

#: (article index, sentence index)
Node = tuple[int, int]


@dataclass
class Claim:
    """Sentences of several articles, one per article, in article order; ``extra`` holds the
    other half of a sentence an article split in two (its neighbour, inside another article's
    sentence of this claim)."""

    members: list[Node]
    extra: list[Node] = field(default_factory=list)
    #: how each member carries the first member's sentence (``verbatim`` or ``paraphrase``),
    #: decided once here for the facts and the lineage alike
    how: dict[Node, str] = field(default_factory=dict)

    def sentences_of(self, article: int) -> list[int]:
        return sorted(s for a, s in self.members + self.extra if a == article)


def _neighbours(matrix: np.ndarray, owner: np.ndarray, k: int) -> Iterator[tuple[int, int, float]]:
    """Each row's ``k`` nearest rows of other articles with cosine >= ``MIN_COSINE``: exactly,
    by blocks of a matrix product, below ``EXACT_BELOW`` rows; from an HNSW graph above, where
    the product would grow with the square of the story."""
    if len(matrix) < EXACT_BELOW:
        for start in range(0, len(matrix), 512):
            block = matrix[start : start + 512] @ matrix.T
            # sentences of one article never make a claim together
            block[owner[start : start + 512, None] == owner[None, :]] = -1.0
            top = np.argpartition(-block, k - 1, axis=1)[:, :k]
            rows, cols = np.nonzero(np.take_along_axis(block, top, 1) >= MIN_COSINE)
            for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
                yield start + r, int(top[r, c]), float(block[r, top[r, c]])
        return
    index = Index(ndim=matrix.shape[1], metric="cos", dtype="f32")
    index.add(np.arange(len(matrix)), matrix)
    # ask for enough that k remain once the row's own article is left out
    count = min(len(matrix), k + int(np.bincount(owner).max()))
    keys = np.asarray(index.search(matrix, count).keys).reshape(len(matrix), -1)
    for x, row in enumerate(keys.tolist()):
        kept = 0
        for y in row:
            if kept == k:
                break
            if 0 <= y < len(matrix) and owner[y] != owner[x]:
                kept += 1
                # the graph's distances are approximate: the cosine is taken from the vectors
                cos = float(matrix[x] @ matrix[y])
                if cos >= MIN_COSINE:
                    yield x, y, cos


def _candidates(
    analyses: Sequence[Analysis], nodes: list[Node], sides: list[SentenceSide]
) -> dict[tuple[int, int], float]:
    """Pairs of node positions worth judging, with their cosine: embedding neighbours and
    shared 4-grams."""
    found: dict[tuple[int, int], float] = {}
    width = {a.sentence_embeddings.shape[1] for a in analyses if a.sentence_embeddings.ndim == 2}
    usable = len(width) == 1 and next(iter(width)) > 0 and len(nodes) > 1
    matrix = (
        np.stack([analyses[a].sentence_embeddings[s] for a, s in nodes])
        if usable
        else np.zeros((len(nodes), 0), "float32")
    )
    if usable:
        owner = np.array([a for a, _ in nodes])
        for x, y, cos in _neighbours(matrix, owner, min(NEIGHBOURS, len(nodes) - 1)):
            found[(min(x, y), max(x, y))] = cos
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for pos, (a, s) in enumerate(nodes):
        words = sides[a].words[s]
        grams = {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
        for gram in grams:
            postings[gram].append(pos)
    for members in postings.values():
        # each holder meets the first and the previous one: enough to join copies into one
        # claim without judging every pair of a sentence that all the story's articles copy
        for i, y in enumerate(members[1:], 1):
            for x in {members[0], members[i - 1]}:
                if nodes[x][0] != nodes[y][0] and (x, y) not in found:
                    found[(x, y)] = float(matrix[x] @ matrix[y]) if usable else 0.0
    return found


def find_claims(
    analyses: Sequence[Analysis],
    sides: Sequence[SentenceSide],
    groups: Sequence[int],
    skip: Sequence[set[int]],
    options: AlignOptions | None = None,
) -> list[Claim]:
    """Every sentence in one claim: ``sides[i]`` is article i's words as ``sentence_side``
    reads them, ``groups[i]`` its language group (only one group matches within itself),
    ``skip[i]`` the sentences of article i left to other facts.

    Candidates are judged closest first, and a pair whose sentences already share a claim is
    not judged at all, so a sentence copied by every article costs about one judgement each.
    """
    opt = options or AlignOptions()
    nodes = [
        (i, s)
        for i, a in enumerate(analyses)
        for s in range(len(a.sentences))
        if s not in skip[i] and sides[i].words[s]
    ]
    parent = list(range(len(nodes)))
    articles_of: dict[int, set[int]] = {n: {nodes[n][0]} for n in range(len(nodes))}

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def join(rx: int, ry: int) -> None:
        parent[ry] = rx
        articles_of[rx] |= articles_of.pop(ry)

    # A sentence that reappears word for word (with the same numbers, in the same language)
    # joins its first appearance without a judgement, and only that one goes into the indexes:
    # wire copies repeat most of their sentences, and the index then holds each text once.
    first_of: dict[tuple[object, ...], int] = {}
    indexed: list[int] = []
    for n, (a, s) in enumerate(nodes):
        key = (groups[a], tuple(sides[a].words[s]), frozenset(sides[a].numbers[s]))
        first = first_of.setdefault(key, n)
        if first != n and a not in articles_of[root(first)]:
            join(root(first), n)
        else:
            indexed.append(n)
    found = _candidates(analyses, [nodes[n] for n in indexed], sides)
    candidates = {(indexed[x], indexed[y]): cos for (x, y), cos in found.items()}
    for (x, y), cos in sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0])):
        nx, ny = nodes[x], nodes[y]
        rx, ry = root(x), root(y)
        if rx == ry or groups[nx[0]] != groups[ny[0]] or articles_of[rx] & articles_of[ry]:
            continue
        if judge_pair(sides[nx[0]], sides[ny[0]], nx[1], ny[1], cos, opt) is None:
            continue
        join(rx, ry)
    members: dict[int, list[Node]] = defaultdict(list)
    for n, node in enumerate(nodes):
        members[root(n)].append(node)
    claims = [Claim(sorted(m)) for m in members.values()]
    for claim in claims:
        head = claim.members[0]
        claim.how = {node: how_carried(sides, head, node) for node in claim.members}
    return _join_halves(claims, sides, opt)


def _join_halves(claims: list[Claim], sides: list[SentenceSide], opt: AlignOptions) -> list[Claim]:
    """A sentence carried alone whose neighbour is in a claim joins that claim when its content
    lies inside another article's sentence of it: one article split what another kept whole."""
    where = {node: claim for claim in claims for node in claim.members}
    kept: list[Claim] = []
    for claim in claims:
        if len(claim.members) == 1:
            a, s = claim.members[0]
            part = sides[a].content[s]
            target = next(
                (
                    t
                    for n in (s - 1, s + 1)
                    if (t := where.get((a, n))) is not None
                    and len(t.members) > 1
                    and any(
                        o != a and share_inside(part, sides[o].content[os]) >= opt.split_overlap
                        for o, os in t.members
                    )
                ),
                None,
            )
            if target is not None:
                target.extra.append((a, s))
                continue
        kept.append(claim)
    return kept


def how_carried(sides: Sequence[SentenceSide], first: Node, other: Node) -> str:
    """``verbatim`` when ``other`` has the first carrier's words, else ``paraphrase``."""
    wx = sides[first[0]].words[first[1]]
    wy = sides[other[0]].words[other[1]]
    if wx == wy or sequence_ratio(wx, wy) >= 0.8:
        return "verbatim"
    short, long_ = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
    if len(short) >= 6 and containment(short, long_) >= 0.9:
        return "verbatim"
    return "paraphrase"
