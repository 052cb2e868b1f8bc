from __future__ import annotations

import json
import math

import numpy as np
import pytest

from storylens.errors import ReadError
from storylens.score.baselines import embedding_cosine, tfidf_cosine
from storylens.score.semeval import bootstrap_interval, evaluate, load_pairs, pearson

from .helpers import other_event, rewrite, wire

SCORES = {"overall": 1.5, "geography": 1, "entities": 2, "time": 1, "narrative": 2, "style": 3,
          "tone": 2}  # fmt: skip


def record(pair_id: str, a: str, b: str, overall: float, lang: str = "en") -> dict:
    return {
        "pair_id": pair_id,
        "lang1": lang,
        "lang2": "en",
        "a": {"id": f"{pair_id}a", "title": None, "text": a},
        "b": {"id": f"{pair_id}b", "title": None, "text": b},
        "scores": {**SCORES, "overall": overall},
    }


def test_load_pairs_reports_bad_lines_and_keeps_good_ones(tmp_path) -> None:
    path = tmp_path / "pairs.jsonl"
    lines = [
        json.dumps(record("1", "rockets hit a base", "a base hit by rockets", 1.0)),
        "{not json",
        json.dumps({"pair_id": "3", "a": {"text": "x"}, "b": {"text": "y"}}),
        json.dumps(record("4", "a storm", "a vote", 4.0, lang="de")),
    ]
    path.write_text("\n".join(lines) + "\n")
    problems = []
    pairs = load_pairs(path, on_problem=problems.append)
    assert [p.pair_id for p in pairs] == ["1", "4"]
    assert [p.where for p in problems] == [f"{path}:2", f"{path}:3"]
    assert "scores" in problems[1].message
    assert pairs[1].language_pair == "de-en"
    assert pairs[0].scores[0] == 1.0 and pairs[0].a.text == "rockets hit a base"
    with pytest.raises(ReadError):
        load_pairs(path)
    with pytest.raises(ReadError):
        load_pairs(tmp_path / "absent.jsonl")


def test_pearson_handles_constant_and_short_inputs() -> None:
    assert pearson(np.array([1, 2, 3]), np.array([2, 4, 6.5])) > 0.99
    assert math.isnan(pearson(np.array([1, 1, 1]), np.array([1, 2, 3])))
    assert math.isnan(pearson(np.array([1, 2]), np.array([1, 2])))


def test_baselines_rank_the_rewrite_above_the_other_event() -> None:
    tf = tfidf_cosine([("rockets hit the base", "the base hit by rockets"), ("rockets", "vote")])
    assert tf[0] > 0.3 and tf[1] == 0.0
    emb = embedding_cosine([(wire(), rewrite()), (wire(), other_event())])
    assert emb[0] > emb[1]


def test_evaluate_reports_every_dimension_and_language_pair(tmp_path) -> None:
    path = tmp_path / "pairs.jsonl"
    texts = [("rockets hit the base", "the base hit by rockets", 1.0, "en"),
             ("rockets hit the base", "missiles hit the base in 2020", 2.5, "en"),
             ("a vote in parliament", "rockets hit the base", 4.0, "de"),
             ("storm hits coast", "a storm hit the coast", 1.5, "de")]  # fmt: skip
    path.write_text("".join(json.dumps(record(str(i), *t)) + "\n" for i, t in enumerate(texts)))
    pairs = load_pairs(path)
    analyses = [(wire(), rewrite()), (wire(), other_event()), (other_event(), wire()),
                (rewrite(), wire())]  # fmt: skip
    predicted = np.vstack([p.scores for p in pairs]) + 0.1
    report = evaluate(pairs, analyses, predicted, np.array([True, False, False, True]))
    assert report["pairs"] == 4
    assert report["dimensions"]["overall"]["storylens"] == pytest.approx(1.0)
    assert report["dimensions"]["overall"]["tfidf_cosine"] > 0
    assert set(report["language_pairs"]) == {"en-en", "de-en"}
    assert report["same_story"]["accuracy"] == 1.0
    json.dumps(report)  # machine-readable as it stands


def test_bootstrap_interval_is_seeded_and_brackets_the_estimate() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=40)
    y = x + rng.normal(scale=0.8, size=40)
    low, high = bootstrap_interval(x, y)
    assert low is not None and high is not None
    assert low < pearson(x, y) < high
    assert (low, high) == bootstrap_interval(x, y)  # same seed, same interval
    assert bootstrap_interval(x[:2], y[:2]) == (None, None)
