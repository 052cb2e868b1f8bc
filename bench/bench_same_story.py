"""Does ``storylens score`` tell one event from two on real page openings of confusable events?

``pages-stories-dev`` (352 labelled pairs, half the same event, many of the rest the same actors,
place or format; never trained on) goes through ``storylens score`` as a user would run it. AUC
of ``same_story_probability`` and accuracy of ``same_story``, against, in the same run: SemEval
Overall as a ranking (lower = same story) and TF-IDF cosine (``TfidfVectorizer`` fitted on the
dev texts), each with its AUC; and the accuracy of TF-IDF cosine at its best threshold (an oracle
threshold, which flatters the baseline).

    python bench/bench_same_story.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import roc_auc_score

from rows import result

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pages-stories-dev"
FIELDS = ("id", "title", "text", "outlet", "url", "published")


def _score(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    from typer.testing import CliRunner

    from storylens.cli.app import app

    with tempfile.TemporaryDirectory() as tmp:
        pairs, out = Path(tmp) / "pairs.jsonl", Path(tmp) / "scores.jsonl"
        pairs.write_text("".join(json.dumps(r) + "\n" for r in records))
        ran = CliRunner().invoke(app, ["score", str(pairs), "-o", str(out)])
        if ran.exit_code != 0:
            raise RuntimeError(ran.output)
        return {r["pair_id"]: r for r in map(json.loads, out.read_text().splitlines())}


def main() -> list[dict[str, Any]]:
    if not (DEV / "pairs.jsonl").exists():
        print(f"skipping: {DEV} is absent", file=sys.stderr)
        return []
    articles = {
        r["id"]: {k: r.get(k) for k in FIELDS}
        for r in map(json.loads, (DEV / "articles.jsonl").read_text().splitlines())
    }
    labelled = [json.loads(x) for x in (DEV / "pairs.jsonl").read_text().splitlines()]
    records = [
        {"pair_id": f"{p['a']}|{p['b']}", "a": articles[p["a"]], "b": articles[p["b"]]}
        for p in labelled
    ]
    scored = _score(records)
    truth = np.array([p["label"] == "same" for p in labelled])
    rows = [scored[r["pair_id"]] for r in records]
    proba = np.array([r["same_story_probability"] for r in rows])
    decided = np.array([r["same_story"] for r in rows])
    overall = np.array([r["scores"]["overall"] for r in rows])

    ids = sorted(articles)
    tfidf = TfidfVectorizer(sublinear_tf=True).fit_transform(
        [f"{articles[i]['title'] or ''}\n{articles[i]['text']}" for i in ids]
    )
    at = {i: n for n, i in enumerate(ids)}
    cosine = np.array(
        [float(tfidf[at[p["a"]]].multiply(tfidf[at[p["b"]]]).sum()) for p in labelled]
    )
    tfidf_auc = roc_auc_score(truth, cosine)
    tfidf_best = max(float(np.mean((cosine >= t) == truth)) for t in np.unique(cosine))
    n = len(labelled)
    return [
        result(
            f"same_story_probability AUC, pages-stories-dev ({n} pairs)", "AUC",
            roc_auc_score(truth, proba), "tfidf cosine", tfidf_auc, digits=4,
        ),
        result(
            f"SemEval Overall as a ranking, pages-stories-dev ({n} pairs)", "AUC",
            roc_auc_score(truth, -overall), "tfidf cosine", tfidf_auc, digits=4,
        ),
        result(
            f"same_story accuracy, pages-stories-dev ({n} pairs)", "accuracy",
            float(np.mean(decided == truth)), "tfidf cosine, best threshold", tfidf_best,
            digits=4,
        ),
    ]  # fmt: skip


if __name__ == "__main__":
    for row in main():
        print(row)
