"""How fast are the facts of a story of 10, 25 and 100 articles built, next to comparing every
pair with `compare`, and does the view's index find the shared sentences pairwise alignment finds?

The stories (``story_set.py``, described in bench/README.md) are 500-800-word articles about one
event: the real Reuters wire and Al Jazeera rewrite of the seeds, and rewrites of the wire
(wire copies, reworded and trimmed sentences and quotes, a rising death toll) among real
background paragraphs on the same crisis.

For each size, with the models loaded and nothing cached: the analysis (``analyze_many``: spaCy
and the encoder over every sentence), then the facts build (``story_view`` given those analyses:
claims, quotes, numbers, wire-copy groups, lineage, outlets), timed apart so that either can be
re-measured alone; the build is the best of three runs (it is a few seconds at most, and a
shared machine's load only adds to it). Total = analysis + build, also as CPU seconds of this
process (what the work costs on an idle machine; the encoder uses both cores). Baseline, in the
same run: ``compare`` on every pair of the same story, analyses cached (for more than
``--sample`` pairs, timed on a sample and scaled to all). Growth: facts-build time at 100
articles over 10, next to 10x (linear) and 110x (every pair). Quality: of the sentence pairs
``compare``'s alignment pairs across the 10-article story, the share the view puts in one claim.

    python bench/bench_storyview.py [--sizes 10 25 100] [--sample 50]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from rich.console import Console
from rich.table import Table

from rows import result
from story_set import make_story
from storylens.model import Article


def _timed(work: Any) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, what ``work()`` returned)."""
    start, cpu = time.perf_counter(), time.process_time()
    out = work()
    return time.perf_counter() - start, time.process_time() - cpu, out


def _all_pairs_seconds(analyses: list[Any], sample: int, rng: random.Random) -> float:
    """Seconds for ``compare`` on every pair (analyses cached), from a sample when many."""
    from storylens.compare import compare

    pairs = list(itertools.combinations(analyses, 2))
    chosen = pairs if len(pairs) <= sample else rng.sample(pairs, sample)
    start = time.perf_counter()
    for a, b in chosen:
        compare(a, b)
    return (time.perf_counter() - start) * len(pairs) / len(chosen)


def _recall(analyses: list[Any], view: Any) -> float:
    """Share of pairwise-aligned sentence pairs the view puts in one claim."""
    from storylens.compare.align import align

    claim_of: dict[tuple[str, str], str] = {}
    for fact in view.facts:
        for carrier in fact.carried_by:
            if fact.kind == "claim":
                claim_of[(carrier.article, carrier.text)] = fact.id
    found = total = 0
    for x, y in itertools.combinations(analyses, 2):
        passages, _, _ = align(x, y)
        for p in passages:
            if len(p.a) != 1 or len(p.b) != 1:
                continue  # split sentences: the view keeps one sentence per article in a claim
            ta = x.article.text[x.sentences[p.a[0]].start : x.sentences[p.a[0]].end]
            tb = y.article.text[y.sentences[p.b[0]].start : y.sentences[p.b[0]].end]
            ka, kb = (x.article.id, ta), (y.article.id, tb)
            if ka in claim_of or kb in claim_of:
                total += 1
                found += claim_of.get(ka) == claim_of.get(kb) is not None
    return found / total if total else 0.0


def _table(lines: list[dict[str, Any]]) -> Table:
    table = Table(title="story view: facts of one story, models loaded, nothing cached")
    for column in (
        "articles",
        "analysis s",
        "facts build s",
        "total s",
        "total CPU s",
        "compare, all pairs s",
    ):
        table.add_column(column, justify="right")
    for line in lines:
        table.add_row(
            str(line["n"]),
            f"{line['analysis']:.2f}",
            f"{line['build']:.2f}",
            f"{line['analysis'] + line['build']:.2f}",
            f"{line['cpu']:.2f}",
            f"{line['pairs']:.1f}{' (est.)' if line['estimated'] else ''}",
        )
    return table


def main(sizes: tuple[int, ...] = (10, 25, 100), sample: int = 50) -> list[dict[str, Any]]:
    from storylens.analyze import analyze_many
    from storylens.storyview import story_view

    analyze_many([Article(title="warm up", text="The models load once. Then they run.")])
    rng = random.Random(7)
    rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for n in sizes:
        story = make_story(n)
        # analyze_many makes a fresh analyzer: nothing is cached
        analysis_s, analysis_cpu, analyses = _timed(lambda s=story: analyze_many(s))
        builds = [_timed(lambda s=story, a=analyses: story_view(s, analyses=a)) for _ in range(3)]
        build_s, build_cpu, view = min(builds, key=lambda b: b[0])
        pairs_s = _all_pairs_seconds(analyses, sample, rng)
        n_pairs = n * (n - 1) // 2
        label = f"story view, {n} articles of 500-800 words"
        pairs = f"compare on all {n_pairs} pairs (analyses cached)"
        if n_pairs > sample:
            pairs += f", est. from {sample}"
        rows += [
            result(label, "analysis s, nothing cached", analysis_s, pairs, pairs_s),
            result(label, "facts build s, analyses given", build_s, pairs, pairs_s),
            result(label, "total s (analysis + build)", analysis_s + build_s, pairs, pairs_s),
            result(label, "total CPU s", analysis_cpu + build_cpu, pairs, pairs_s),
        ]
        if n <= 10:
            recall = _recall(analyses, view)
            rows.append(result(label, "recall of pairwise-aligned sentences", recall, "align", 1.0))
        lines.append(
            {
                "n": n,
                "analysis": analysis_s,
                "build": build_s,
                "cpu": analysis_cpu + build_cpu,
                "pairs": pairs_s,
                "estimated": n_pairs > sample,
            }
        )
    builds_by_n = {line["n"]: line["build"] for line in lines}
    if len(builds_by_n) > 1:
        small, large = min(builds_by_n), max(builds_by_n)
        growth = builds_by_n[large] / builds_by_n[small]
        pairs_growth = large * (large - 1) / (small * (small - 1))
        rows.append(
            result(
                f"facts build growth, {small} to {large} articles ({large / small:g}x articles)",
                "time ratio",
                growth,
                f"article pairs ratio ({large / small:g}x would be linear)",
                pairs_growth,
            )
        )
    Console(stderr=True).print(_table(lines))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 25, 100])
    parser.add_argument("--sample", type=int, default=50)
    args = parser.parse_args()
    for row in main(tuple(args.sizes), args.sample):
        print(row, file=sys.stdout)
