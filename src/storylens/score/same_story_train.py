"""Fitting the same-event judgement (:mod:`.same_story`) from SemEval pairs and confusable edits.

Real pairs: SemEval-2022 Task 8 train pairs in one language, labelled by the judges' Overall
score: 1.5 or better (between "very" and "somewhat similar") is one story, 2.5 or worse is not,
and the doubtful middle is left out. SemEval pairs carry no publication dates and few editions,
and hardly any of them are two happenings with the same actors, so each same-story pair also
yields confusable pairs made by editing the facts one side gives (:class:`~.event.EventFacts`),
while its text and embeddings stay as they are:

- same actors, another day: the two are published weeks or years apart, and the dates named in
  the opening move with them (label: different);
- same actors, another edition: one is "Flight 2", the other "Flight 5" (different);
- a developing story: published up to two days apart, half the counts of one side replaced
  (a death toll that rises), or the same edition on both sides (same story).

No edit moves the places: two reports of one event often name different ones ("Kathmandu",
"Nepal"), so a made-up place conflict taught the model to split real stories; places weigh
through the overlap the real pairs show. ``pages-stories-dev`` is never fitted on; it is
measured after the fit, in the metrics only.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from storylens.analyze.analyzer import Analyzer
from storylens.analyze.document import Analysis
from storylens.score.event import EDITION_NOUNS, EventFacts, facts
from storylens.score.same_story import MODEL_PATH, SameStoryModel, features, verdicts
from storylens.score.semeval import DATA_DIR, SemEvalPair

#: Overall at or below this: one story; at or above ``DIFFERENT``: two (1 = very similar)
SAME = 1.5
DIFFERENT = 2.5
#: a fixed day the edited publication dates count from (any day does: only gaps are read)
BASE_DAY = 737_425
SEED = 0
#: rounds of edits per same-story pair: several draws of days and editions, so that the weights
#: do not hang on one draw
EDIT_ROUNDS = 8


def _shift(f: EventFacts, days: int) -> EventFacts:
    """The facts of a report published ``days`` after :data:`BASE_DAY`, its opening's dates
    moved with it; the opening names its own day, as a dated report's "on Tuesday" does."""
    years = days // 365
    return dataclasses.replace(
        f,
        published=(BASE_DAY + days, BASE_DAY + days),
        lead_days=frozenset(d + days for d in f.lead_days) | {BASE_DAY + days},
        lead_monthdays=frozenset(_monthday(md, days) for md in f.lead_monthdays),
        lead_years=frozenset(y + years for y in f.lead_years),
    )


def _monthday(monthday: tuple[int, int], days: int) -> tuple[int, int]:
    month, day = monthday
    try:
        moved = date.fromordinal(date(2000, month, day).toordinal() + days)
    except ValueError:
        return monthday
    return moved.month, moved.day


def _dated(f: EventFacts) -> EventFacts:
    return _shift(f, 0)


def confusable_edits(
    fa: EventFacts, fb: EventFacts, rng: random.Random
) -> list[tuple[EventFacts, EventFacts, int]]:
    """Edited copies of one same-story pair's facts, each with its label (1: same story)."""
    nouns = sorted(set(EDITION_NOUNS.values()))
    noun, edition = rng.choice(nouns), rng.randint(1, 60)
    later = rng.choice([rng.randint(8, 60), rng.randint(180, 1500)])
    # sorted: a set's order follows string hashing, which changes from one process to the next
    kept = frozenset(c for c in sorted(fb.counts) if rng.random() < 0.5)
    risen = kept | {f"number:{rng.randint(10, 999)}" for _ in range(len(fb.counts) - len(kept))}
    # another happening of the same kind shares few of the first one's counts
    other_counts = frozenset(
        c for c in sorted(fb.counts) if c not in fa.counts or rng.random() < 0.3
    )
    return [
        (_dated(fa), dataclasses.replace(_shift(fb, later), counts=other_counts), 0),
        (
            dataclasses.replace(fa, editions=fa.editions | {(noun, edition)}),
            dataclasses.replace(fb, editions=fb.editions | {(noun, edition + rng.randint(1, 5))}),
            0,
        ),
        (_dated(fa), dataclasses.replace(_shift(fb, rng.randint(0, 2)), counts=risen), 1),
        (
            dataclasses.replace(fa, editions=fa.editions | {(noun, edition)}),
            dataclasses.replace(fb, editions=fb.editions | {(noun, edition)}),
            1,
        ),
    ]


def training_rows(
    pairs: Sequence[SemEvalPair], analysed: Sequence[tuple[Analysis, Analysis]]
) -> tuple[np.ndarray, np.ndarray, int]:
    """(X, y, number of real rows): the real pairs first, then their confusable edits."""
    rng = random.Random(SEED)
    read = [(facts(a), facts(b)) for a, b in analysed]
    rows: list[np.ndarray] = []
    labels: list[int] = []
    edits: list[tuple[np.ndarray, int]] = []
    for pair, (a, b), (fa, fb) in zip(pairs, analysed, read, strict=True):
        overall = float(pair.scores[0])
        if SAME < overall < DIFFERENT:
            continue
        rows.append(features(a, b, fa, fb))
        labels.append(int(overall <= SAME))
        if overall <= SAME:
            for _ in range(EDIT_ROUNDS):
                for ea, eb, label in confusable_edits(fa, fb, rng):
                    edits.append((features(a, b, ea, eb), label))
    real = len(rows)
    rows += [row for row, _ in edits]
    labels += [label for _, label in edits]
    return np.vstack(rows), np.asarray(labels), real


def _fit(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, LogisticRegression]:
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    # balanced: the base rate of SemEval's sample (mostly unrelated pairs) is no prior for a user
    model = LogisticRegression(C=1.0, max_iter=5000, class_weight="balanced")
    model.fit((X - mean) / scale, y)
    return mean, scale, model


def fit_same_story(X: np.ndarray, y: np.ndarray, folds: int = 5) -> SameStoryModel:
    """Logistic weights on standardised rows; the threshold with the best cross-validated
    balanced accuracy on the training rows (a grid of 0.2 … 0.8)."""
    proba = np.zeros(len(y))
    for train, held in StratifiedKFold(folds, shuffle=True, random_state=SEED).split(X, y):
        mean, scale, model = _fit(X[train], y[train])
        proba[held] = model.predict_proba((X[held] - mean) / scale)[:, 1]
    grid = np.round(np.arange(0.2, 0.81, 0.02), 2)
    positive = y == 1
    accuracy = [
        float(np.mean(proba[positive] >= t) + np.mean(proba[~positive] < t)) / 2 for t in grid
    ]
    mean, scale, model = _fit(X, y)
    return SameStoryModel(
        mean=mean,
        scale=scale,
        coef=model.coef_[0],
        intercept=float(model.intercept_[0]),
        threshold=float(grid[int(np.argmax(accuracy))]),
    )


def check_pages_dev(model: SameStoryModel, analyzer: Analyzer | None = None) -> dict[str, Any]:
    """AUC and accuracy on ``pages-stories-dev`` (measured only); FileNotFoundError if absent."""
    from storylens.score.corpus import analyse_pairs
    from storylens.score.pagesdev import load_pages_dev

    articles, pairs = load_pages_dev()
    analysed = analyse_pairs([(articles[a], articles[b]) for a, b, _ in pairs], analyzer)
    truth = np.array([same for *_, same in pairs])
    proba = np.array([v.probability for v in verdicts(analysed, model)])
    return {
        "pairs": len(pairs),
        "auc": round(float(roc_auc_score(truth, proba)), 4),
        "accuracy": round(float(np.mean((proba >= model.threshold) == truth)), 4),
    }


def train_same_story(
    data: Path = DATA_DIR,
    out: Path = MODEL_PATH,
    analyzer: Analyzer | None = None,
    languages: frozenset[str] = frozenset({"en-en"}),
) -> dict[str, Any]:
    """Fit on ``data/train.jsonl`` (pairs in ``languages``), save to ``out``, return metrics.

    English only by default: the bundled sentence encoder reads English, so in other languages
    its cosines mean something else and would blur the weights."""
    from storylens.score.corpus import analyse_pairs
    from storylens.score.semeval import load_pairs

    pairs = [p for p in load_pairs(data / "train.jsonl") if p.language_pair in languages]
    analysed = analyse_pairs([(p.a, p.b) for p in pairs], analyzer)
    X, y, real = training_rows(pairs, analysed)
    model = fit_same_story(X, y)
    model.save(out)
    metrics: dict[str, Any] = {
        "train_pairs": len(pairs),
        "real_rows": real,
        "edited_rows": int(len(y) - real),
        "positive_share": round(float(y.mean()), 4),
        "threshold": model.threshold,
        "weights": {n: round(float(c), 3) for n, c in zip(model.features, model.coef, strict=True)},
    }
    try:
        metrics["pages_stories_dev"] = check_pages_dev(model, analyzer)
    except FileNotFoundError as exc:
        metrics["pages_stories_dev"] = f"skipped: {exc}"
    return metrics
