"""How well does the scoring model match SemEval-2022 Task 8 judges in each language pair?

    python bench/bench_languages.py [--cache DIR]

Pearson on Overall per language pair (and for same-language and cross-lingual pairs together) on
all of test.jsonl, each against the TF-IDF cosine baseline on the same pairs, with the seeded 95%
bootstrap interval in the row's name: about 25 pairs per language pair is few. ``--cache DIR``
reuses the analyses ``storylens train --cache DIR`` keeps there (analysing the 724 articles
takes minutes on a busy 2-core machine).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rows import result

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEST = SHARED / "data" / "semeval2022-task8" / "test.jsonl"


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, help="reuse the analyses kept in this folder")
    args = parser.parse_args(argv if argv is not None else [])
    if not TEST.exists():
        print(f"bench_languages: {TEST} is absent; nothing measured", file=sys.stderr)
        return []
    from storylens.analyze import Analyzer, DiskCache
    from storylens.score.corpus import analyse_pairs
    from storylens.score.features import feature_matrix
    from storylens.score.scorer import Scorer
    from storylens.score.semeval import evaluate, load_pairs

    pairs = load_pairs(TEST)
    analyzer = Analyzer(cache=DiskCache(args.cache)) if args.cache else Analyzer()
    analysed = analyse_pairs([(p.a, p.b) for p in pairs], analyzer)
    report = evaluate(pairs, analysed, Scorer.load().predict(feature_matrix(analysed)))
    rows = []
    for name, row in [*report["language_pairs"].items(), *report["groups"].items()]:
        low, high = row["interval_95"]
        rows.append(
            result(
                f"Pearson overall, {name} ({row['pairs']} test pairs, 95% {low}–{high})",
                "pearson", row["storylens"] if row["storylens"] is not None else float("nan"),
                "tfidf_cosine", row["tfidf_cosine"] if row["tfidf_cosine"] is not None else 0.0,
                digits=4,
            )
        )  # fmt: skip
    return rows


if __name__ == "__main__":
    for row in main(sys.argv[1:]):
        print(row)
