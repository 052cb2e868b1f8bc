"""Sentence alignment: which of A's sentences reappear in B, word for word or reworded.

Two signals, because each fails alone: the sentence embeddings of the analysis find rewordings
("rebuffed" for "spurned") but also pair sentences that are merely about the same topic; word
overlap finds copies but misses rewordings. A pair is

- ``verbatim`` when the word sequences are nearly the same (difflib ratio, or the shorter one
  contained in order in the longer one, which is what a split or trimmed sentence looks like);
- ``paraphrase`` when the embeddings are close *and* enough content words agree.

Either way the numbers must not contradict each other, so that "two killed" never pairs "five
killed".

Across languages (a German and an English report) both sides are read through the bridge
(:mod:`storylens.analyze.bridge`): each sentence's English gloss gives the content words and, run
through the sentence encoder, the cosine; passages still show the original sentences.

Pairs are accepted greedily, best first. A sentence already paired may take a second partner only
when that partner's content is mostly inside it and sits next to its first partner: a wire
sentence split in two, or two sentences merged into one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from storylens.analyze.document import Analysis
from storylens.compare.comparison import Passage
from storylens.compare.words import (
    containment,
    content_words,
    sequence_ratio,
    shared_count,
    tokens,
)
from storylens.sets import UnionFind, jaccard
from storylens.sets import containment as share_inside

if TYPE_CHECKING:
    from storylens.score.bridged import GlossVectors


@dataclass(frozen=True)
class AlignOptions:
    #: difflib ratio of the two word sequences above which a pair is verbatim
    verbatim_ratio: float = 0.8
    #: share of the shorter sentence found in order in the longer one for a verbatim part
    verbatim_containment: float = 0.9
    #: embedding cosine above which a pair may be a paraphrase
    paraphrase_cosine: float = 0.66
    #: share of the smaller sentence's content words the other must hold for a paraphrase
    paraphrase_overlap: float = 0.3
    #: share of a second partner's content words that must lie inside the first sentence
    split_overlap: float = 0.55
    #: sentences shorter than this (in words) only align verbatim
    min_words: int = 4


@dataclass
class _Side:
    words: list[list[str]]
    content: list[set[str]]
    numbers: list[set[str]]


def _side(analysis: Analysis) -> _Side:
    words = [tokens(s.text) for s in analysis.sentences]
    numbers: list[set[str]] = [set() for _ in analysis.sentences]
    for q in analysis.quantities:
        # a date alone does not contradict: stories retell background with other dates
        if q.kind != "date" and 0 <= q.sentence < len(numbers):
            numbers[q.sentence].add(q.key)
    return _Side(words, [content_words(w) for w in words], numbers)


def _bridged_sides(
    a: Analysis, b: Analysis, glosses: GlossVectors | None
) -> tuple[_Side, _Side, np.ndarray] | None:
    """Both sides as English glosses, sentence by sentence, when their languages differ and a
    dictionary joins them; None otherwise. The glosses' vectors come from ``glosses`` (a
    judge's, so that a pair compared again is not encoded again; a fresh one when None)."""
    from storylens.analyze.bridge import sentence_glosses
    from storylens.score.bridged import GlossVectors, bridged, pair_bridge

    va, vb = bridged(a), bridged(b)
    if va.language == vb.language or pair_bridge(va, vb) is None:
        return None
    held = glosses if glosses is not None else GlossVectors()
    sides, vectors = [], []
    for analysis, view in ((a, va), (b, vb)):
        side = _side(analysis)
        texts = [s.text for s in analysis.sentences]
        words = [list(g) for g in sentence_glosses(texts, view.language)]
        side.words = words
        side.content = [set(g) for g in words]
        sides.append(side)
        vectors.append(held.matrix([" ".join(g) for g in words]))
    ea, eb = vectors
    if 0 in (ea.shape[0], eb.shape[0]):
        return None
    return sides[0], sides[1], ea @ eb.T


def _cosines(a: Analysis, b: Analysis) -> np.ndarray:
    ea, eb = a.sentence_embeddings, b.sentence_embeddings
    n, m = len(a.sentences), len(b.sentences)
    if ea.ndim != 2 or eb.ndim != 2 or ea.shape[0] != n or eb.shape[0] != m:
        return np.zeros((n, m), dtype="float32")
    if ea.shape[1] == 0 or ea.shape[1] != eb.shape[1]:
        return np.zeros((n, m), dtype="float32")
    return ea @ eb.T


def _overlap(x: set[str], y: set[str]) -> float:
    small = min(len(x), len(y))
    return len(x & y) / small if small else 0.0


def _score_pair(
    sa: _Side, sb: _Side, i: int, j: int, cos: float, opt: AlignOptions
) -> tuple[str, float] | None:
    wa, wb = sa.words[i], sb.words[j]
    ca, cb = sa.content[i], sb.content[j]
    if not wa or not wb:
        return None
    na, nb = sa.numbers[i], sb.numbers[j]
    if na and nb and not (na & nb):
        # same words with other numbers is another fact ("two killed" / "five killed")
        return None
    overlap = _overlap(ca, cb)
    if jaccard(ca, cb) >= 0.3 or overlap >= 0.6:
        short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        # difflib is most of an alignment's cost: it runs only when the shared words leave room
        # for a verbatim pair (they bound both measures from above)
        shared = shared_count(wa, wb)
        could_copy = 2 * shared / (len(wa) + len(wb)) >= opt.verbatim_ratio
        could_contain = len(short) >= 6 and shared / len(short) >= opt.verbatim_containment
        if could_copy or could_contain:
            ratio = sequence_ratio(wa, wb)
            if ratio >= opt.verbatim_ratio:
                return "verbatim", ratio
            if len(short) >= 6 and containment(short, long_) >= opt.verbatim_containment:
                return "verbatim", ratio
    if min(len(wa), len(wb)) < opt.min_words:
        return None
    if cos >= opt.paraphrase_cosine and overlap >= opt.paraphrase_overlap:
        return "paraphrase", cos
    return None


def align(
    a: Analysis,
    b: Analysis,
    options: AlignOptions | None = None,
    glosses: GlossVectors | None = None,
) -> tuple[list[Passage], list[int], list[int]]:
    """Align A's sentences with B's: ``(passages, only_in_a, only_in_b)`` (sentence indices);
    ``glosses`` holds the vectors of glossed sentences across languages."""
    opt = options or AlignOptions()
    crossed = _bridged_sides(a, b, glosses)
    if crossed is None:
        sa, sb = _side(a), _side(b)
        cos = _cosines(a, b)
    else:
        sa, sb, cos = crossed
        # a translation is never a copy: across languages a pair can only be a paraphrase
        opt = replace(opt, verbatim_ratio=2.0, verbatim_containment=2.0)
    candidates: list[tuple[float, int, int, str, float]] = []
    for i in range(len(sa.words)):
        for j in range(len(sb.words)):
            found = _score_pair(sa, sb, i, j, float(cos[i, j]), opt)
            if found is None:
                continue
            kind, sim = found
            rank = (
                (2.0 if kind == "verbatim" else 1.0) + sim + _overlap(sa.content[i], sb.content[j])
            )
            candidates.append((rank, i, j, kind, sim))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))

    partners_a: dict[int, list[int]] = defaultdict(list)
    partners_b: dict[int, list[int]] = defaultdict(list)
    pairs: list[tuple[int, int, str, float]] = []
    for _, i, j, kind, sim in candidates:
        if i in partners_a and j in partners_b:
            continue
        if i in partners_a and not _may_join(sb.content[j], sa.content[i], j, partners_a[i], opt):
            continue
        if j in partners_b and not _may_join(sa.content[i], sb.content[j], i, partners_b[j], opt):
            continue
        partners_a[i].append(j)
        partners_b[j].append(i)
        pairs.append((i, j, kind, sim))

    passages = _passages(pairs)
    only_a = [i for i in range(len(sa.words)) if i not in partners_a]
    only_b = [j for j in range(len(sb.words)) if j not in partners_b]
    return passages, only_a, only_b


def _may_join(
    part: set[str], whole: set[str], index: int, others: list[int], opt: AlignOptions
) -> bool:
    """A second partner: its content lies inside the sentence and it neighbours the first."""
    return share_inside(part, whole) >= opt.split_overlap and any(
        abs(index - k) <= 1 for k in others
    )


def _passages(pairs: list[tuple[int, int, str, float]]) -> list[Passage]:
    """Connected groups of pairs become one passage each, in A's order."""
    sets: UnionFind[tuple[str, int]] = UnionFind()
    for i, j, _, _ in pairs:
        sets.union(("a", i), ("b", j))
    groups: dict[tuple[str, int], list[tuple[int, int, str, float]]] = defaultdict(list)
    for pair in pairs:
        groups[sets.find(("a", pair[0]))].append(pair)
    passages = []
    for members in groups.values():
        kind = "verbatim" if all(m[2] == "verbatim" for m in members) else "paraphrase"
        passages.append(
            Passage(
                a=sorted({m[0] for m in members}),
                b=sorted({m[1] for m in members}),
                kind=kind,
                similarity=float(np.mean([m[3] for m in members])),
            )
        )
    passages.sort(key=lambda p: (p.a[0], p.b[0]))
    return passages


# The rules above, for matching sentences across many articles at once (storylens.storyview):
# one side per article, each candidate pair judged exactly as ``align`` judges it.
SentenceSide = _Side
sentence_side = _side
judge_pair = _score_pair
