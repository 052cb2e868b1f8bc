"""Story grouping quality: B-cubed F1 of storylens vs TF-IDF + average link, per labelled set.

Labelled sets with story clusters available here: pages-stories-dev (90 page openings, 25
events). SemEval-2022 Task 8 has pairs, not clusters, so it is not used. Both the default
(MiniLM) path and the model-free hashing path are scored, each with and without the scoring
model's check of the links (``verify``); the baseline is also shown at its best cut on each set
(an oracle it would not have in practice).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storylens.model import Article

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SETS = {"pages-stories-dev": SHARED / "pages-stories-dev" / "articles.jsonl"}


def load(path: Path) -> tuple[list[Article], list[str]]:
    from storylens.stories.evaluate import gold_label

    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [Article.from_dict(r) for r in records], [str(gold_label(r)) for r in records]


def main() -> list[dict[str, Any]]:
    from storylens.stories.evaluate import baseline_labels, bcubed
    from storylens.stories.features import hashing_encoder
    from storylens.stories.grouping import StoryGrouper

    def hashed(verify: bool) -> StoryGrouper:
        return StoryGrouper(encoder=hashing_encoder(), threshold=0.25, verify=verify)

    results: list[dict[str, Any]] = []
    for name, path in SETS.items():
        if not path.exists():
            continue
        articles, gold = load(path)
        base = bcubed(baseline_labels(articles), gold).f1
        oracle = max(bcubed(baseline_labels(articles, d / 20), gold).f1 for d in range(4, 20))
        for system, grouper in (
            ("storylens (MiniLM + scoring model)", StoryGrouper()),
            ("storylens (MiniLM, light decision only)", StoryGrouper(verify=False)),
            ("storylens (hashing + scoring model)", hashed(verify=True)),
            ("storylens (hashing, light decision only)", hashed(verify=False)),
        ):
            f1 = bcubed(grouper.fit(articles).labels_, gold).f1
            results.append(
                {
                    "name": f"{system} on {name}",
                    "metric": "B-cubed F1",
                    "value": round(f1, 4),
                    "baseline": "tf-idf + average link (d=0.8)",
                    "baseline_value": round(base, 4),
                    "ratio": round(f1 / base, 3),
                }
            )
        results.append(
            {
                "name": f"baseline at its best cut on {name}",
                "metric": "B-cubed F1",
                "value": round(oracle, 4),
                "baseline": "tf-idf + average link (d=0.8)",
                "baseline_value": round(base, 4),
                "ratio": round(oracle / base, 3),
            }
        )
    return results


if __name__ == "__main__":
    for row in main():
        print(row)
