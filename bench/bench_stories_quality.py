"""Story grouping quality: B-cubed F1 of storylens vs TF-IDF + average link, per labelled set.

Labelled sets:

- pages-stories-dev: 90 page openings in 25 events, gold clusters (confusable events on purpose).
- semeval2022-task8 test: 723 articles (16 language pairs) judged in 364 pairs. Gold stories are
  the pairs with Overall <= 2.0 (the same-story cut the scorer uses) joined transitively; see
  :func:`storylens.stories.evaluate.stories_from_pairs` for why that is an approximation. The test
  split is used because the scoring model that checks links was trained on the train split.

The default (MiniLM + scoring model) path, its light decision alone and ``--fast`` (hashing,
light decision) are scored, and the default once more fed in batches (``partial_fit``, oldest
first) to show that a stream groups as well as one batch; the baseline is also shown at its
best cut on each set (an oracle it would not have in practice).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rows import result
from storylens.model import Article

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
PAGES = SHARED / "pages-stories-dev" / "articles.jsonl"
SEMEVAL = SHARED / "semeval2022-task8" / "test.jsonl"


def load_pages() -> tuple[list[Article], list[str]]:
    from storylens.stories.evaluate import gold_label

    lines = PAGES.read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines if x.strip()]
    return [Article.from_dict(r) for r in records], [str(gold_label(r)) for r in records]


def load_semeval(path: Path = SEMEVAL) -> tuple[list[Article], list[str]]:
    from storylens.score.semeval import SAME_STORY_OVERALL, load_pairs
    from storylens.stories.evaluate import stories_from_pairs

    pairs = load_pairs(path)
    gold = stories_from_pairs((p.a.id, p.b.id, p.scores[0] <= SAME_STORY_OVERALL) for p in pairs)
    articles = list({a.id: a for p in pairs for a in (p.a, p.b)}.values())
    return articles, [gold[a.id] for a in articles]


def story_labels(grouper: Any, articles: list[Article], features: list | None = None) -> list[str]:
    """Each article's story (in input order) by ``grouper`` (fitted on the articles, or on their
    story ``features``) as ``storylens cluster`` leaves it: a page reading refuses, served in
    place of an article (:mod:`storylens.read.interstitial`), never reaches the grouper and is a
    story of its own (which costs recall where the gold joins it to the article it stands for)."""
    kept = readable(articles)
    if features is None:
        grouper.fit([articles[i] for i in kept])
    else:
        grouper.add_features([articles[i] for i in kept], [features[i] for i in kept])
    return labels_of(grouper, articles)


def readable(articles: list[Article]) -> list[int]:
    """Positions of the articles reading does not refuse."""
    from storylens.read.interstitial import interstitial

    return [i for i, a in enumerate(articles) if interstitial(a) is None]


def labels_of(grouper: Any, articles: list[Article]) -> list[str]:
    """Each article's story by a fitted grouper; one it never saw is a story of its own."""
    rows = grouper.row_of_
    return [grouper.labels_[rows[a.id]] if a.id in rows else f"refused {a.id}" for a in articles]


def featurized_semeval() -> dict[str, tuple[list[Article], list, list[str]]]:
    """SemEval train and test as clusters, each as (articles, story features, gold labels), for
    the scripts that fit a grouping constant on train and read test once."""
    from storylens.stories.features import featurize, story_analyzer

    analyzer = story_analyzer("minilm")
    parts = {}
    for name, path in (("train", SEMEVAL.with_name("train.jsonl")), ("test", SEMEVAL)):
        articles, gold = load_semeval(path)
        print(f"{name}: featurizing {len(articles)} articles", file=sys.stderr)
        parts[name] = (articles, featurize(articles, analyzer), gold)
    return parts


SETS: dict[str, tuple[Path, Callable[[], tuple[list[Article], list[str]]]]] = {
    "pages-stories-dev": (PAGES, load_pages),
    "semeval2022-task8 test (pairs joined)": (SEMEVAL, load_semeval),
}


def main() -> list[dict[str, Any]]:
    from storylens.stories.evaluate import baseline_labels, bcubed
    from storylens.stories.grouping import StoryGrouper

    results: list[dict[str, Any]] = []
    for name, (path, load) in SETS.items():
        if not path.exists():
            print(f"skipping {name}: {path} is absent", file=sys.stderr)
            continue
        articles, gold = load()
        base = bcubed(baseline_labels(articles), gold).f1
        oracle = max(bcubed(baseline_labels(articles, d / 20), gold).f1 for d in range(4, 20))
        for system, grouper in (
            ("storylens (MiniLM + scoring model)", StoryGrouper()),
            ("storylens (MiniLM, light decision only)", StoryGrouper(verify=False)),
            ("storylens --fast (hashing, light decision)", StoryGrouper.fast()),
        ):
            f1 = bcubed(story_labels(grouper, articles), gold).f1
            results.append(f1_row(f"{system} on {name}", f1, base))
        streamed = bcubed(stream(articles), gold).f1
        results.append(
            f1_row(f"storylens (default) fed in {BATCHES} batches on {name}", streamed, base)
        )
        results.append(f1_row(f"baseline at its best cut on {name}", oracle, base))
    return results


def f1_row(name: str, f1: float, base: float) -> dict[str, Any]:
    return result(name, "B-cubed F1", f1, "tf-idf + average link (d=0.8)", base, digits=4)


#: batches the streamed run feeds, oldest articles first, as a day's feeds would arrive
BATCHES = 4


def stream(articles: list[Article]) -> list[str]:
    """Labels (in input order) of the default grouper fed by ``partial_fit`` in batches; a page
    reading refuses is a story of its own (:func:`story_labels`)."""
    from storylens.stories.grouping import StoryGrouper

    order = sorted(readable(articles), key=lambda i: (articles[i].published or "", i))
    grouper = StoryGrouper()
    size = -(-len(order) // BATCHES)
    for start in range(0, len(order), size):
        grouper.partial_fit([articles[i] for i in order[start : start + size]])
    return labels_of(grouper, articles)


if __name__ == "__main__":
    for result in main():
        print(result)
