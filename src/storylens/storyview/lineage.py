"""Lineage: who took text from whom inside a story, what each credits, and what is its own.

Provenance between two articles is :func:`storylens.compare.provenance.trace`, fed with the
sentence pairs the story's claims already found, so only articles that share sentences (or sit
in one wire-copy group) are traced: no pair is aligned twice and unrelated pairs cost nothing.
Each article keeps one parent, the one it reuses most of.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storylens.analyze.document import Analysis
from storylens.compare.comparison import Passage
from storylens.compare.provenance import credits, trace
from storylens.storyview.claims import Claim
from storylens.storyview.model import LineageLink

#: earlier articles each article is traced against: those it shares most claims with
SOURCES_TRACED = 4
#: in a claim, each carrier counts as sharing with this many carriers before it and with the
#: first ones: enough to find a source, without every pair of a sentence all articles copy
SHARING_WINDOW = 8


def _sharing(claims: Sequence[Claim], n: int) -> list[dict[int, int]]:
    """For each article, how many claims it shares with each other article (every pair in a
    small claim; in a widely carried one, a window of earlier and of first carriers)."""
    shared: list[dict[int, int]] = [defaultdict(int) for _ in range(n)]
    for claim in claims:
        articles = [a for a, _ in claim.members]
        for p, y in enumerate(articles):
            for q in {*range(min(p, SHARING_WINDOW)), *range(max(0, p - SHARING_WINDOW), p)}:
                x = articles[q]
                shared[x][y] += 1
                shared[y][x] += 1
    return shared


def _shared_passages(
    claims: Sequence[Claim], duplicate_groups: Sequence[str]
) -> dict[tuple[int, int], list[Passage]]:
    """For each article and the few others it shares most with (i < j), the shared sentences.

    Tracing every pair that shares a sentence would be quadratic in a story of wire copies; the
    article an outlet took its text from is among those it shares most with.
    """
    shared = _sharing(claims, len(duplicate_groups))
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(duplicate_groups):
        by_group[group].append(i)
    traced: dict[int, set[int]] = defaultdict(set)
    for i in range(len(duplicate_groups)):
        ranked = sorted(shared[i].items(), key=lambda kv: (-kv[1], kv[0]))[:SOURCES_TRACED]
        copies = by_group[duplicate_groups[i]][:SOURCES_TRACED]
        for j in [j for j, _ in ranked] + [j for j in copies if j != i]:
            traced[i].add(j)
            traced[j].add(i)
    passages: dict[tuple[int, int], list[Passage]] = {
        (i, j): [] for i, partners in traced.items() for j in partners if i < j
    }
    for claim in claims:
        where = dict(claim.members)
        for i, si in claim.members:
            for j in traced.get(i, ()):
                if j > i and (sj := where.get(j)) is not None:
                    both = claim.how[(i, si)] == claim.how[(j, sj)] == "verbatim"
                    kind = "verbatim" if both else "paraphrase"
                    passages[(i, j)].append(Passage([si], [sj], kind, 1.0))
    return passages


def lineage(
    analyses: Sequence[Analysis],
    claims: Sequence[Claim],
    duplicate_groups: Sequence[str],
    words: Sequence[Sequence[int]],
) -> list[LineageLink]:
    """One link per article, in the order given (oldest first); ``words[i]`` are the words in
    each sentence of article i."""
    passages = _shared_passages(claims, duplicate_groups)
    parent: dict[int, tuple[float, int]] = {}
    common: set[int] = set()
    for (i, j), found in sorted(passages.items()):
        found.sort(key=lambda p: (p.a[0], p.b[0]))
        result = trace(analyses[i], analyses[j], found, (words[i], words[j]))
        if result.relation == "b_derived_from_a":
            child, source, share = j, i, result.reused_share_b
        elif result.relation == "a_derived_from_b":
            child, source, share = i, j, result.reused_share_a
        else:
            if result.relation == "common_source":
                common.update((i, j))
            continue
        if child not in parent or share > parent[child][0]:
            parent[child] = (share, source)
    ids = [a.article.id for a in analyses]
    links: list[LineageLink] = []
    for i, analysis in enumerate(analyses):
        source = parent.get(i, (0.0, None))[1]
        if source is not None:
            same_copy = duplicate_groups[i] == duplicate_groups[source]
            relation = "wire_copy" if same_copy else "derived"
        else:
            relation = "common_source" if i in common else "original"
        links.append(
            LineageLink(
                article=ids[i],
                derived_from=ids[source] if source is not None else None,
                relation=relation,
                credited_sources=credits(analysis),
            )
        )
    return links


def reused_by_claims(analyses: Sequence[Analysis], claims: Sequence[Claim]) -> list[set[int]]:
    """Sentences of each article that an earlier article (a lower index) already carries."""
    reused: list[set[int]] = [set() for _ in analyses]
    for claim in claims:
        first = claim.members[0][0]
        for article, sentence in claim.members + claim.extra:
            if article != first:
                reused[article].add(sentence)
    return reused


def own_shares(words: Sequence[Sequence[int]], reused: Sequence[set[int]]) -> list[tuple[int, int]]:
    """``(own words, all words)`` of each article: own = in no sentence found earlier."""
    out: list[tuple[int, int]] = []
    for i, counts in enumerate(words):
        total = sum(counts)
        own = total - sum(counts[s] for s in reused[i] if s < len(counts))
        out.append((own, total))
    return out
