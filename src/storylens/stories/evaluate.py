"""Measuring story grouping: B-cubed precision/recall/F1 and the baseline it has to beat.

The baseline is what one would try first: TF-IDF over headline and opening, cosine distance,
average-link agglomerative clustering cut at a fixed distance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from storylens.analyze.opening import lead
from storylens.errors import Problem
from storylens.model import Article
from storylens.sets import UnionFind

#: cosine distance at which the baseline dendrogram is cut (a middling, untuned choice)
BASELINE_DISTANCE = 0.8


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in vars(self).items()}


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> BCubed:
    """B-cubed scores of a clustering against gold labels (one label per item, same order)."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    if not gold:
        return BCubed(0.0, 0.0, 0.0)
    both = Counter(zip(predicted, gold, strict=True))
    pred_size, gold_size = Counter(predicted), Counter(gold)
    precision = recall = 0.0
    for (p, g), n in both.items():
        # each of the n items shares its cluster with n correct items
        precision += n * n / pred_size[p]
        recall += n * n / gold_size[g]
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1)


def baseline_labels(articles: Sequence[Article], distance: float = BASELINE_DISTANCE) -> list[int]:
    """TF-IDF + average-link agglomerative clustering (cosine), cut at ``distance``."""
    if len(articles) < 2:
        return list(range(len(articles)))
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [lead(a, 2000) for a in articles]
    )
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    )
    return [int(x) for x in model.fit_predict(matrix.toarray())]


def stories_from_pairs(pairs: Iterable[tuple[str, str, bool]]) -> dict[str, str]:
    """Gold story labels for a set judged in pairs (SemEval-2022 Task 8): same-story pairs are
    joined transitively, and every article no such pair joins is a story of its own.

    Unjudged pairs count as different stories, which is right for nearly all of them in a
    sample of unrelated news, so these labels are an approximation a clustering set is not.
    """
    sets: UnionFind[str] = UnionFind()
    for a, b, same in pairs:
        # an article no same-story pair joins is a story of its own
        sets.find(a)
        sets.find(b)
        if same:
            sets.union(a, b)
    return {x: sets.find(x) for x in list(sets.parent)}


def gold_label(record: dict[str, object]) -> str | None:
    """The gold story of a labelled record: ``story``, or ``event`` as in pages-stories-dev."""
    for key in ("story", "event"):
        value = record.get(key)
        if value not in (None, ""):
            return str(value)
    return None


def evaluate_stories(
    articles: Sequence[Article], gold: Sequence[str], grouper: object | None = None
) -> dict[str, object]:
    """storylens and the baseline scored on one labelled set, in one run."""
    from storylens.stories.grouping import StoryGrouper

    model = grouper if isinstance(grouper, StoryGrouper) else StoryGrouper()
    mode = f"{model.embedding}, {'scoring-model check' if model.verify else 'light decision'}"
    ours = model.fit(articles).labels_
    base = baseline_labels(articles)
    result: dict[str, object] = {"articles": len(articles), "gold_stories": len(set(gold))}
    for key, name, labels in (
        ("storylens", f"storylens ({mode})", ours),
        ("baseline", f"tf-idf + average link (d={BASELINE_DISTANCE})", base),
    ):
        scores = bcubed(labels, gold)
        result[key] = {"name": name, "stories": len(set(labels)), **scores.to_dict()}
    return result


def read_labelled(path: str) -> tuple[list[Article], list[str], list[Problem]]:
    """Articles of a JSONL file with their gold ``story`` (or ``event``) labels, read a line
    at a time, and a :class:`~storylens.errors.Problem` per line left out; ReadError when the
    file cannot be read."""
    from storylens.read.interstitial import refusal
    from storylens.read.jsonstream import parsed_records
    from storylens.read.normalise import clean_value

    def parse(where: str, record: object) -> tuple[str, Article, str | None]:
        if not isinstance(record, dict):
            raise ValueError("bad record (not a JSON object)")
        try:
            record = clean_value(record)  # text cleaned once, as `read` cleans it
            article = Article.from_dict(record)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"bad record ({exc})") from None
        return where, article, gold_label(record)

    parsed, problems = parsed_records(path, parse)
    articles: list[Article] = []
    gold: list[str] = []
    for where, article, label in parsed:
        if label is None:
            problems.append(Problem(where, "no gold `story` (or `event`) field"))
        elif not (article.title or article.text).strip():
            problems.append(Problem(where, "empty article (no title, no text)"))
        elif refused := refusal(article):
            problems.append(Problem(where, refused))
        else:
            articles.append(article)
            gold.append(label)
    return articles, gold, problems
