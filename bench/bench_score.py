"""How well and how fast does the scoring model match SemEval-2022 Task 8 judges?

    python bench/bench_score.py [--full]

Pearson on Overall for storylens and both baselines (TF-IDF cosine, raw embedding cosine) on a
fixed stratified subset of test.jsonl (``--full``: all of it); pairs per second scored from text
(analysis included) and from ready analyses, both against the TF-IDF baseline; model load time
against loading the sentence encoder every analysis needs anyway.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from rows import result

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEST = SHARED / "data" / "semeval2022-task8" / "test.jsonl"
SUBSET = 150


#: run in a fresh interpreter: in `bench/run.py` other benches have loaded the models already
_TIMING = """
import json, time
t = time.perf_counter()
from storylens.score.scorer import Scorer
Scorer.load()
load_s = time.perf_counter() - t
from storylens.analyze.models import Models
t = time.perf_counter()
models = Models()
models.encoder()
models.nlp()
print(json.dumps([load_s, time.perf_counter() - t]))
"""


def _load_times() -> tuple[float, float]:
    """Seconds to load the scoring model, and the encoder + spaCy, each from cold."""
    done = subprocess.run(
        [sys.executable, "-c", _TIMING], capture_output=True, text=True, check=True
    )
    load_s, encoder_s = json.loads(done.stdout.strip().splitlines()[-1])
    return float(load_s), float(encoder_s)


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="all 364 test pairs")
    args = parser.parse_args(argv if argv is not None else [])
    if not TEST.exists():
        print(f"bench_score: {TEST} is absent; nothing measured", file=sys.stderr)
        return []

    from storylens.analyze import analyze_many
    from storylens.score.baselines import embedding_cosine, tfidf_cosine
    from storylens.score.features import feature_matrix
    from storylens.score.judge import judgements
    from storylens.score.scorer import Scorer
    from storylens.score.semeval import load_pairs, pearson, stratified_subset

    load_s, encoder_s = _load_times()
    scorer = Scorer.load()

    pairs = load_pairs(TEST)
    if not args.full:
        pairs = stratified_subset(pairs, SUBSET)
    texts = [(p.a.text, p.b.text) for p in pairs]
    gold = [p.scores[0] for p in pairs]

    started = time.perf_counter()
    tfidf = tfidf_cosine(texts)
    tfidf_s = time.perf_counter() - started

    started = time.perf_counter()
    flat = analyze_many([x for p in pairs for x in (p.a, p.b)])
    analysed = list(zip(flat[0::2], flat[1::2], strict=True))
    analysis_s = time.perf_counter() - started
    started = time.perf_counter()
    verdicts = judgements(scorer, feature_matrix(analysed), analysed)
    judge_s = time.perf_counter() - started

    overall = [v.scores.overall for v in verdicts]
    n = len(pairs)
    subset = f"{n} SemEval test pairs"
    tfidf_r = pearson(-tfidf, gold)
    _result = partial(result, digits=4)
    return [
        _result(
            f"Pearson overall vs TF-IDF ({subset})", "pearson", pearson(overall, gold),
            "tfidf_cosine", tfidf_r,
        ),
        _result(
            f"Pearson overall vs embedding cosine ({subset})", "pearson",
            pearson(overall, gold), "embedding_cosine",
            pearson(-embedding_cosine(analysed), gold),
        ),
        _result(
            "pairs/s from text (analysis + judge)", "pairs_per_s", n / (analysis_s + judge_s),
            "tfidf_cosine", n / tfidf_s,
        ),
        _result(
            "pairs/s from analyses (features + model)", "pairs_per_s", n / judge_s,
            "tfidf_cosine", n / tfidf_s,
        ),
        _result("scoring model load time", "seconds", load_s, "encoder+spaCy load", encoder_s),
    ]  # fmt: skip


if __name__ == "__main__":
    for row in main(sys.argv[1:]):
        print(row)
