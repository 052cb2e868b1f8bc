"""``pages-stories-dev``, the check of the same-event judgement (never trained or tuned on).

352 labelled pairs of real news page openings, half of them the same happening, many of the
rest confusable (same actors and place, a different event).
"""

from __future__ import annotations

import json
from pathlib import Path

from storylens.model import Article
from storylens.score.semeval import DATA_DIR

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
