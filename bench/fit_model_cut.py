"""Fit the cuts of the scoring model's check, on predictions it has not been trained on.

    python bench/fit_model_cut.py

The scorer was fitted on SemEval-2022 Task 8 train, so its Overall for a judged train pair is
an in-sample answer: Pearson 0.95 on those pairs, against 0.77 out of fold (README). A cut fitted
on such answers is fitted to how well the model remembers its training pairs. So each judged
train pair is scored here by a scorer refitted without it (5 folds stratified by language pair,
seed 0, the README's cross-validation); every other pair the grouper meets was never judged, and
the shipped scorer's answer for it is already out of sample.

- :data:`storylens.stories.verify.CROSS_CUT` (two languages): the loosest cut at which the judged
  cross-language train pairs the model links are one story by the gold at precision >= 0.9.
- :data:`storylens.stories.verify.GLOSSED_CUT` (one language the sentence model does not read):
  read two ways, on the judged same-language pairs (F1 of "one story") and by B-cubed F1 of
  train as clusters under the default grouper (``bench_stories_quality.py``). They disagree
  (README, "Across languages"), so the script prints both and chooses nothing.

- :data:`storylens.stories.verify.KEY_FLOOR` (``--keys``): train as clusters at the shipped cuts,
  with the pairs under :data:`~storylens.stories.verify.CROSS_FLOOR` read when their keys meet at
  the floor or over, and never; cross-language links by the gold plus the blind train labels
  (``bench_cross_links.py``), and recall of the gold cross-language pairs.
- ``--glossed``: links within one glossed language at each glossed cut, by the gold plus the
  blind train labels, recall of the gold's pairs there and F1 (README, "Across languages").
- :data:`storylens.stories.verify.GLOSSED_KEYLESS_CUT` (``--keyless``): the same table at each
  cut for the pairs in one glossed language whose keys do not meet (the last row: no such cut);
  ``--bands``: the pairs the model read without that cut, one story of how many by keys and
  predicted Overall, in one language and across two.

Test is read once, at the cuts in ``verify.py``. Prints tables; takes about a quarter of an hour
on a 2-core machine (``--keys``, ``--glossed`` and ``--keyless`` about as long).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

import numpy as np

from bench_stories_quality import SEMEVAL, featurized_semeval, story_labels

CUTS = (1.8, 2.0, 2.2, 2.4)
#: precision by the gold the cross cut must keep on the judged cross-language pairs
CROSS_PRECISION = 0.9
FOLDS = 5


def out_of_fold(pairs: Sequence, analyses: dict) -> np.ndarray:
    """Overall of each judged pair by a scorer refitted on the other folds."""
    from sklearn.model_selection import StratifiedKFold

    from storylens.score.judge import Judge
    from storylens.score.scorer import Scorer

    X = Judge.shared().features([(analyses[p.a.id], analyses[p.b.id]) for p in pairs])
    Y = np.vstack([p.scores for p in pairs])
    found = np.zeros(len(pairs))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    for k, (fit, held) in enumerate(folds.split(X, [p.language_pair for p in pairs])):
        print(f"fold {k + 1} of {FOLDS}", file=sys.stderr, flush=True)
        found[held] = Scorer().fit(X[fit], Y[fit]).predict(X[held])[:, 0]
    return found


@contextmanager
def answered(known: dict[frozenset[str], float]) -> Iterator[None]:
    """The shared judge gives ``known`` Overall for those pairs (by article id), its own else."""
    from storylens.score.judge import Judge

    shipped = Judge.overall_many

    def overall_many(self: Judge, pairs: Sequence) -> np.ndarray:
        found = np.array(shipped(self, pairs), dtype=float)
        for i, (a, b) in enumerate(pairs):
            found[i] = known.get(frozenset((a.article.id, b.article.id)), found[i])
        return found

    Judge.overall_many = overall_many  # type: ignore[method-assign]
    try:
        yield
    finally:
        Judge.overall_many = shipped  # type: ignore[method-assign]


def pair_table(overall: np.ndarray, same: np.ndarray) -> dict[float, tuple[int, float, float]]:
    """Cut -> (pairs linked, precision, recall) of "linked when Overall <= cut"."""
    out = {}
    for cut in CUTS:
        linked = overall <= cut
        right = int((linked & same).sum())
        out[cut] = (int(linked.sum()), right / max(int(linked.sum()), 1), right / same.sum())
    return out


def train_judged() -> dict[frozenset[str], bool]:
    """Train pair -> one story, by the gold where judged, else by a blind label."""
    from bench_cross_links import blind_labels
    from storylens.score.semeval import SAME_STORY_OVERALL, load_pairs

    judged = blind_labels("train")
    for p in load_pairs(SEMEVAL.with_name("train.jsonl")):
        judged[frozenset((p.a.id, p.b.id))] = p.scores[0] <= SAME_STORY_OVERALL
    return judged


def grouped(articles: list, features: list, known: dict) -> tuple[list[str], list[str | None]]:
    """Story label and language of each article, train grouped with out-of-fold answers."""
    from bench_cross_links import language
    from storylens.stories.grouping import StoryGrouper

    grouper = StoryGrouper()
    with answered(known):
        labels = story_labels(grouper, articles, features)
    return labels, [language(grouper, a) for a in articles]


def band_table(articles: list, features: list, gold: list[str], known: dict) -> None:
    """Pairs the model read on train as clusters (no keyless cut), those a label or the gold
    can judge: one story of how many, by one or two languages, keys under :data:`KEY_FLOOR` or
    not, and predicted Overall at 1.6 or under or over it up to the pair's cut."""
    from storylens.stories import verify
    from storylens.stories.grouping import StoryGrouper

    checks: list = []
    shipped, prepare = verify.GLOSSED_KEYLESS_CUT, verify.ModelCheck.prepare

    def recording(self: verify.ModelCheck, pairs: Any) -> None:
        if self not in checks:
            checks.append(self)
        prepare(self, pairs)

    verify.GLOSSED_KEYLESS_CUT = verify.GLOSSED_CUT
    verify.ModelCheck.prepare = recording  # type: ignore[method-assign]
    grouper = StoryGrouper()
    try:
        with answered(known):
            story_labels(grouper, articles, features)
    finally:
        verify.GLOSSED_KEYLESS_CUT, verify.ModelCheck.prepare = shipped, prepare
    read: dict[frozenset[str], tuple[float, float, bool]] = {}  # a pair may meet two checks
    for check in checks:
        for (r, t), overall in check.overall.items():
            a, b = grouper.rows_[r].features, grouper.rows_[t].features
            keys = (check.key_cosine(r, t) if check.key_cosine else None) or 0.0
            read[frozenset((a.id, b.id))] = (overall, keys, a.language == b.language)
    judged, story = train_judged(), {a.id: g for a, g in zip(articles, gold, strict=True)}
    cells: dict[tuple[str, str, str], list[int]] = {}
    for pair, (overall, keys, one) in read.items():
        a, b = sorted(pair)
        right = judged.get(pair, True if story[a] == story[b] else None)
        if right is None or overall > (verify.GLOSSED_CUT if one else verify.CROSS_CUT):
            continue
        meet = "under" if keys < verify.KEY_FLOOR else "at or over"
        band = "<= 1.6" if overall <= 1.6 else "over 1.6"
        cell = cells.setdefault(("one" if one else "two", meet, band), [0, 0])
        cell[0] += right
        cell[1] += 1
    print("| languages | keys vs KEY_FLOOR | predicted Overall | one story / judged or labelled |")
    print("|---|---|---|---|")
    for (languages, keys, band), (right, n) in sorted(cells.items()):
        print(f"| {languages} | {keys} | {band} | {right} / {n} |")


def key_table(articles: list, features: list, gold: list[str], known: dict) -> None:
    """Cross-language links of train as clusters with the key reads off and at the floor."""
    from bench_cross_links import cross_links
    from storylens.stories import verify
    from storylens.stories.evaluate import bcubed

    judged = train_judged()
    ids = [a.id for a in articles]
    shipped = verify.KEY_FLOOR
    print("| KEY_FLOOR | links | precision by gold + labels | unlabelled | recall | B-cubed |")
    print("|---|---|---|---|---|---|")
    for floor in (float("inf"), shipped):
        verify.KEY_FLOOR = floor
        labels, languages = grouped(articles, features, known)
        n = cross_links(ids, labels, gold, languages, judged)
        print(f"| {'never read' if floor == float('inf') else floor} | {n['made']} |"
              f" {n['right'] / max(n['made'], 1):.3f} | {n['unknown']} |"
              f" {n['gold_right'] / max(n['wanted'], 1):.3f} | {bcubed(labels, gold).f1:.4f} |",
              flush=True)  # fmt: skip
    verify.KEY_FLOOR = shipped


def same_glossed(glossed: Sequence[str | None], i: int, j: int) -> bool:
    """Whether two articles are in one glossed language (``glossed``: an article's language,
    None where the sentence model reads it)."""
    return glossed[i] is not None and glossed[i] == glossed[j]


def glossed_table(
    articles: list, features: list, gold: list[str], known: dict, keyless: bool = False
) -> None:
    """Links within one glossed language of train as clusters, by gold + blind labels, at each
    glossed cut (``keyless``: at each cut for pairs whose keys do not meet, the glossed cut
    shipped); a link neither judged nor labelled is left out of the precision and counted."""
    from bench_cross_links import link_counts
    from storylens.analyze.opening import model_reads
    from storylens.stories import verify
    from storylens.stories.evaluate import bcubed

    judged = train_judged()
    ids = [a.id for a in articles]
    name = "GLOSSED_KEYLESS_CUT" if keyless else "GLOSSED_CUT"
    shipped = getattr(verify, name)
    print(f"| {name} | links | unlabelled | precision by gold + labels | recall | F1 | B-cubed |")
    print("|---|---|---|---|---|---|---|")
    for cut in (1.4, 1.6, 1.8, verify.GLOSSED_CUT) if keyless else (1.6, *CUTS[:-1]):
        setattr(verify, name, cut)
        labels, languages = grouped(articles, features, known)
        glossed = [None if model_reads(x) else x for x in languages]
        n = link_counts(ids, labels, gold, judged, partial(same_glossed, glossed))
        p = n["right"] / max(n["made"] - n["unknown"], 1)
        r = n["gold_right"] / max(n["wanted"], 1)
        print(f"| {cut:.1f} | {n['made']} | {n['unknown']} | {p:.3f} | {r:.3f} |"
              f" {2 * p * r / max(p + r, 1e-9):.3f} | {bcubed(labels, gold).f1:.4f} |",
              flush=True)  # fmt: skip
    setattr(verify, name, shipped)


def main() -> None:
    from storylens.analyze import Analyzer
    from storylens.analyze.cache import LRUCache
    from storylens.score.semeval import SAME_STORY_OVERALL, load_pairs
    from storylens.stories import grouping, verify
    from storylens.stories.evaluate import bcubed
    from storylens.stories.grouping import StoryGrouper

    train = SEMEVAL.with_name("train.jsonl")
    if not train.exists():
        print(f"fit_model_cut: {train} is absent; nothing fitted", file=sys.stderr)
        return
    # one analysis of each whole text serves every pair and every run
    whole = Analyzer(cache=LRUCache(size=10_000))
    grouping.whole_analyzer = lambda: whole  # type: ignore[assignment]
    shipped = verify.CROSS_CUT, verify.GLOSSED_CUT
    parts = featurized_semeval()
    articles, features, gold = parts["train"]
    pairs = load_pairs(train)
    by_id = {f.id: f for f in features}
    ids = sorted({x for p in pairs for x in (p.a.id, p.b.id)})
    print(f"train: analysing {len(ids)} whole texts", file=sys.stderr, flush=True)
    texts = [verify.whole(by_id[i], None) for i in ids]
    analyses = dict(zip(ids, whole.stream(texts), strict=True))
    overall = out_of_fold(pairs, analyses)
    known = {frozenset((p.a.id, p.b.id)): float(x) for p, x in zip(pairs, overall, strict=True)}
    if "--keys" in sys.argv:
        key_table(articles, features, gold, known)
        return
    if "--bands" in sys.argv:
        band_table(articles, features, gold, known)
        return
    if "--glossed" in sys.argv or "--keyless" in sys.argv:
        glossed_table(articles, features, gold, known, keyless="--keyless" in sys.argv)
        return
    same = np.array([p.scores[0] <= SAME_STORY_OVERALL for p in pairs])
    sides = [p.language_pair.partition("-") for p in pairs]
    across = np.array([a != b for a, _, b in sides])
    glossed = np.array([a == b and a != "en" for a, _, b in sides])

    print("| judged cross-language train pairs, cut | linked | precision | recall |")
    print("|---|---|---|---|")
    crossing = pair_table(overall[across], same[across])
    for cut, (n, p, r) in crossing.items():
        print(f"| {cut:.1f} | {n} | {p:.3f} | {r:.3f} |")
    cross = max(c for c, (_, p, _) in crossing.items() if p >= CROSS_PRECISION)
    print(f"\nchosen: CROSS_CUT {cross:.1f} (verify.py has {verify.CROSS_CUT})\n")

    verify.CROSS_CUT = cross
    print("| glossed cut | judged glossed pairs linked | precision | recall | F1 | train B-cubed |")
    print("|---|---|---|---|---|---|")
    for cut, (n, p, r) in pair_table(overall[glossed], same[glossed]).items():
        verify.GLOSSED_CUT = cut
        with answered(known):
            f1 = bcubed(story_labels(StoryGrouper(), articles, features), gold).f1
        print(f"| {cut:.1f} | {n} | {p:.3f} | {r:.3f} | {2 * p * r / (p + r):.3f} | {f1:.4f} |",
              flush=True)  # fmt: skip

    verify.CROSS_CUT, verify.GLOSSED_CUT = shipped
    articles, features, gold = parts["test"]
    f1 = bcubed(story_labels(StoryGrouper(), articles, features), gold).f1
    print(f"\ntest B-cubed F1 at CROSS_CUT {verify.CROSS_CUT}, GLOSSED_CUT {verify.GLOSSED_CUT}:"
          f" {f1:.4f}")  # fmt: skip


if __name__ == "__main__":
    main()
