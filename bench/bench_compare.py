"""How fast is `compare` on realistic pairs, and does it tell reuse from unrelated text better
than TF-IDF cosine alone?

Pairs come from the English SemEval-2022 Task 8 articles and the seeds: an article against a
lightly edited copy (a sentence dropped, some words swapped), against its first paragraphs (a
trimmed copy), the seed wire against its rewrite (both ways), and unrelated articles. Speed:
pairs/s of ``compare`` with analyses cached (the usual case: an article is compared with many),
and uncached (analysis included, models already loaded), against a TF-IDF-cosine-only baseline
(``TfidfVectorizer`` fitted on the pair texts) in the same run; and the issue's 700-word case,
milliseconds of an uncached ``compare`` of the two seeds against the spaCy pass over the same
texts (the floor any analysis pays). Quality: accuracy of "these two
share text" (relation != independent) against the best TF-IDF cosine threshold on the same pairs
(an oracle threshold, which flatters the baseline).

    python bench/bench_compare.py [--pairs 160] [--uncached 20]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from rows import result
from storylens.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEMEVAL = SHARED / "data" / "semeval2022-task8"
SEEDS = SHARED / "seeds"
SWAPS = {"said": "stated", "told": "informed", "killed": "slain", "people": "persons"}


def _english_articles(limit: int) -> list[Article]:
    articles: dict[str, Article] = {}
    for name in ("test.jsonl", "train.jsonl"):
        path = SEMEVAL / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("lang1") != "en" or record.get("lang2") != "en":
                continue
            for side in ("a", "b"):
                art = record[side]
                if len((art.get("text") or "").split()) >= 120:
                    articles.setdefault(
                        art["id"], Article(title=art.get("title") or "", text=art["text"])
                    )
            if len(articles) >= limit:
                return list(articles.values())
    return list(articles.values())


def _edited(article: Article, rng: random.Random) -> Article:
    paragraphs = article.paragraphs
    if len(paragraphs) > 3:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    text = "\n\n".join(paragraphs)
    words = [SWAPS.get(w, w) if rng.random() < 0.5 else w for w in text.split(" ")]
    return Article(title=article.title, text=" ".join(words))


def _trimmed(article: Article) -> Article:
    paragraphs = article.paragraphs
    keep = max(1, int(len(paragraphs) * 0.6))
    return Article(title=article.title, text="\n\n".join(paragraphs[:keep]))


def build_pairs(n_pairs: int, seed: int = 7) -> list[tuple[Article, Article, bool]]:
    """``(a, b, shares_text)`` pairs: about half reuse, half unrelated."""
    rng = random.Random(seed)
    articles = _english_articles(max(40, n_pairs))
    if len(articles) < 10:
        raise SystemExit(f"bench_compare: needs {SEMEVAL} (SemEval-2022 Task 8 JSONL)")
    pairs: list[tuple[Article, Article, bool]] = []
    wire, rewrite = SEEDS / "004_ad8205b13b026261.txt", SEEDS / "000_5106ceb30cf12f44.txt"
    if wire.exists() and rewrite.exists():
        from storylens.read import read_path

        w, r = read_path(wire)[0], read_path(rewrite)[0]
        pairs += [(w, r, True), (r, w, True)]
    while len(pairs) < n_pairs:
        art = rng.choice(articles)
        kind = rng.random()
        if kind < 0.3:
            pairs.append((art, _edited(art, rng), True))
        elif kind < 0.5:
            pairs.append((art, _trimmed(art), True))
        else:
            other = rng.choice(articles)
            if other.id != art.id:
                pairs.append((art, other, False))
    return pairs


def _tfidf(pairs: list[tuple[Article, Article, bool]]) -> tuple[float, list[float]]:
    start = time.perf_counter()
    texts = [f"{a.title}\n{a.text}" for a, _, _ in pairs] + [
        f"{b.title}\n{b.text}" for _, b, _ in pairs
    ]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    n = len(pairs)
    sims = [float(cosine_similarity(matrix[i], matrix[n + i])[0, 0]) for i in range(n)]
    return time.perf_counter() - start, sims


def _best_threshold_accuracy(sims: list[float], labels: list[bool]) -> float:
    best = 0.0
    for t in sorted(set(sims)):
        acc = sum((s >= t) == y for s, y in zip(sims, labels, strict=True)) / len(labels)
        best = max(best, acc)
    return best


def _seed_latency(repeats: int = 5) -> tuple[float, float]:
    """Median ms of an uncached ``compare`` of the two seeds (the issue's 700-word case), and of
    the spaCy pass over the same texts alone: the floor any analysis pays."""
    from storylens.analyze import sentences
    from storylens.analyze.models import Models
    from storylens.compare import compare
    from storylens.read import read_path

    wire, rewrite = (
        read_path(SEEDS / "004_ad8205b13b026261.txt")[0],
        read_path(SEEDS / "000_5106ceb30cf12f44.txt")[0],
    )
    texts = [b.text for art in (wire, rewrite) for b in sentences.blocks(art.text)]
    compare_ms, spacy_ms = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        compare(wire, rewrite)  # a fresh analyzer each call: nothing cached
        compare_ms.append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        Models.shared().parse(texts)
        spacy_ms.append(1000 * (time.perf_counter() - start))
    return float(np.median(compare_ms)), float(np.median(spacy_ms))


def main(n_pairs: int = 160, n_uncached: int = 20) -> list[dict[str, Any]]:
    from storylens.analyze import Analyzer, analyze
    from storylens.compare import compare

    pairs = build_pairs(n_pairs)
    labels = [y for _, _, y in pairs]
    analyze(Article(title="warm up", text="The models load once. Then they stay."))

    subset = pairs[:n_uncached]
    start = time.perf_counter()
    for a, b, _ in subset:
        compare(a, b)  # a fresh analyzer each time: nothing cached
    uncached_s = time.perf_counter() - start

    analyzer = Analyzer()
    analyses = {}
    for a, b, _ in pairs:
        for art in (a, b):
            if art.id not in analyses:
                analyses[art.id] = analyzer.run(art)
    start = time.perf_counter()
    comparisons = [compare(analyses[a.id], analyses[b.id]) for a, b, _ in pairs]
    cached_s = time.perf_counter() - start

    seed_ms, spacy_ms = _seed_latency()
    tfidf_s, sims = _tfidf(pairs)
    found = [c.provenance.relation != "independent" for c in comparisons]
    accuracy = sum(f == y for f, y in zip(found, labels, strict=True)) / len(labels)
    tfidf_rate = len(pairs) / tfidf_s
    return [
        result(
            f"compare, analysis cached ({len(pairs)} pairs)",
            "pairs/s",
            len(pairs) / cached_s,
            "tfidf cosine",
            tfidf_rate,
        ),
        result(
            f"compare, analysis uncached ({len(subset)} pairs)",
            "pairs/s",
            len(subset) / uncached_s,
            "tfidf cosine",
            tfidf_rate,
        ),
        result(
            "compare of the seed pair (613 + 743 words), uncached, warm",
            "ms",
            seed_ms,
            "spaCy pass of both texts",
            spacy_ms,
        ),
        result(
            f"reuse detected vs unrelated ({len(pairs)} pairs)",
            "accuracy",
            accuracy,
            "tfidf cosine, best threshold",
            _best_threshold_accuracy(sims, labels),
        ),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=160)
    parser.add_argument("--uncached", type=int, default=20)
    args = parser.parse_args()
    for row in main(args.pairs, args.uncached):
        print(row)
