"""A development check of the same-story decision on ``pages-stories-dev`` (never trained on).

352 labelled pairs of real news page openings, half of them the same happening, many of the
rest confusable (same actors and place, a different event).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from storylens.model import Article
from storylens.score.features import feature_matrix
from storylens.score.scorer import Scorer
from storylens.score.semeval import DATA_DIR, classification

PAGES_DIR = DATA_DIR.parent / "pages-stories-dev"


LabelledPairs = list[tuple[str, str, bool]]


def load_pages_dev(folder: Path = PAGES_DIR) -> tuple[dict[str, Article], LabelledPairs]:
    """(articles by id, [(id_a, id_b, same)]); FileNotFoundError when the set is absent."""
    if not (folder / "pairs.jsonl").exists():
        raise FileNotFoundError(f"{folder} is absent")
    articles = {}
    for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles[record["id"]] = Article(
            title=record.get("title") or "",
            text=record["text"],
            id=record["id"],
            outlet=record.get("outlet"),
            url=record.get("url"),
            published=record.get("published"),
        )
    pairs = [
        (r["a"], r["b"], r["label"] == "same")
        for r in map(json.loads, (folder / "pairs.jsonl").read_text().splitlines())
    ]
    return articles, pairs


def check_pages_dev(scorer: Scorer, folder: Path = PAGES_DIR) -> dict[str, Any]:
    """Accuracy, precision, recall and F1 of ``same_story`` on the labelled page pairs."""
    from storylens.score.corpus import analyse_pairs

    articles, pairs = load_pages_dev(folder)
    analysed = analyse_pairs([(articles[a], articles[b]) for a, b, _ in pairs])
    X = feature_matrix(analysed)
    truth = np.array([same for _, _, same in pairs])
    proba = scorer.same_story_proba(X)
    report: dict[str, Any] = {"pairs": len(pairs), "threshold": scorer.threshold_}
    report.update(classification(truth, proba >= scorer.threshold_))
    # The decision at 0.5 too: shows how much the cross-validated threshold moves it.
    report["at_0.5"] = classification(truth, proba >= 0.5)
    return report
