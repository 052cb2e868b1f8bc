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
from storylens.compare.words import tokens
from storylens.storyview.claims import Claim, how_carried
from storylens.storyview.model import LineageLink

#: earlier articles each article is traced against: those it shares most claims with
SOURCES_TRACED = 4


def _shared_passages(
    analyses: Sequence[Analysis], claims: Sequence[Claim], duplicate_groups: Sequence[str]
) -> dict[tuple[int, int], list[Passage]]:
    """For each article and the few others it shares most with (i < j), the shared sentences.

    Tracing every pair that shares a sentence would be quadratic in a story of wire copies; the
    article an outlet took its text from is among those it shares most with.
    """
    shared: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for claim in claims:
        articles = [a for a, _ in claim.members]
        for x in articles:
            for y in articles:
                if x != y:
                    shared[x][y] += 1
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(duplicate_groups):
        by_group[group].append(i)
    chosen: set[tuple[int, int]] = set()
    for i in range(len(analyses)):
        ranked = sorted(shared[i].items(), key=lambda kv: (-kv[1], kv[0]))[:SOURCES_TRACED]
        copies = by_group[duplicate_groups[i]][:SOURCES_TRACED]
        for j in [j for j, _ in ranked] + [j for j in copies if j != i]:
            chosen.add((min(i, j), max(i, j)))
    passages: dict[tuple[int, int], list[Passage]] = {pair: [] for pair in chosen}
    for claim in claims:
        head = claim.members[0]
        how = {node: how_carried(analyses, head, node) for node in claim.members[1:]}
        how[head] = "verbatim"
        for x, (i, si) in enumerate(claim.members):
            for j, sj in claim.members[x + 1 :]:
                if (i, j) in passages:
                    both = how[(i, si)] == how[(j, sj)] == "verbatim"
                    kind = "verbatim" if both else "paraphrase"
                    passages[(i, j)].append(Passage([si], [sj], kind, 1.0))
    return passages


def lineage(
    analyses: Sequence[Analysis], claims: Sequence[Claim], duplicate_groups: Sequence[str]
) -> list[LineageLink]:
    """One link per article, in the order given (oldest first)."""
    passages = _shared_passages(analyses, claims, duplicate_groups)
    parent: dict[int, tuple[float, int]] = {}
    common: set[int] = set()
    for (i, j), found in sorted(passages.items()):
        found.sort(key=lambda p: (p.a[0], p.b[0]))
        result = trace(analyses[i], analyses[j], found)
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


def own_shares(analyses: Sequence[Analysis], reused: Sequence[set[int]]) -> list[tuple[int, int]]:
    """``(own words, all words)`` of each article: own = in no sentence found earlier."""
    out: list[tuple[int, int]] = []
    for i, analysis in enumerate(analyses):
        counts = [len(tokens(s.text)) for s in analysis.sentences]
        total = sum(counts)
        own = total - sum(counts[s] for s in reused[i] if s < len(counts))
        out.append((own, total))
    return out
