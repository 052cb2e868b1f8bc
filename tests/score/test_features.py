from __future__ import annotations

import math
import pickle

import numpy as np
import pytest

from storylens.analyze.document import Analysis
from storylens.model import Article
from storylens.score import FEATURE_NAMES, pair_features
from storylens.score.features import feature_matrix

from .helpers import other_event, rewrite, wire

#: entity groups the hand-made wire and rewrite never mention
EMPTY = ("person", "norp", "other")


def feature(row: np.ndarray, name: str) -> float:
    return float(row[FEATURE_NAMES.index(name)])


def test_names_are_unique_and_match_the_row() -> None:
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert pair_features(wire(), rewrite()).shape == (len(FEATURE_NAMES),)


@pytest.mark.parametrize("make", [rewrite, other_event])
def test_features_are_symmetric(make) -> None:
    a, b = wire(), make()
    np.testing.assert_array_equal(pair_features(a, b), pair_features(b, a))


def test_identical_articles_meet_fully() -> None:
    row = pair_features(wire(), wire())
    for name in ("cos_embedding", "align_mean_min", "align_cover_min", "shingle_contain_min"):
        assert feature(row, name) == pytest.approx(1.0)
    assert feature(row, "date_lead_conflict") == 0.0
    assert feature(row, "log_len_ratio") == 0.0


def test_same_event_beats_other_event() -> None:
    same = pair_features(wire(), rewrite())
    other = pair_features(wire(), other_event())
    assert feature(same, "ent_all_jaccard") > feature(other, "ent_all_jaccard")
    assert feature(same, "num_jaccard") == 1.0
    assert feature(other, "num_jaccard") == 0.0
    assert feature(same, "date_lead_conflict") == 0.0
    # Same base, same country, different day: the dates tell the events apart.
    assert feature(other, "date_lead_conflict") == 1.0
    assert feature(other, "date_min_distance_days") > 400
    assert feature(same, "quote_overlap_max") == 1.0


def test_empty_analyses_give_nan_not_errors() -> None:
    empty = Analysis(article=Article(text="x"))
    row = pair_features(empty, empty)
    assert row.shape == (len(FEATURE_NAMES),)
    assert math.isnan(feature(row, "cos_embedding"))
    assert math.isnan(feature(row, "align_mean_min"))
    assert math.isnan(feature(row, "ent_person_jaccard"))
    assert not np.isinf(row).any()


def test_defined_features_are_finite_and_bounded() -> None:
    row = pair_features(wire(), rewrite())
    assert not np.isinf(row).any()
    # NaN only where the pair gives nothing to compare (no person, no publish date, no digits).
    undefined = {n for n in FEATURE_NAMES if n.split("_")[:2] in (["ent", g] for g in EMPTY)}
    undefined |= {"published_distance_days", "year_jaccard", "regex_num_jaccard"}  # no digits
    undefined.add("bridge_gloss_embedding_cos")  # two English texts: no gloss to encode
    assert {n for n in FEATURE_NAMES if math.isnan(feature(row, n))} == undefined
    for name in set(FEATURE_NAMES) - undefined:
        if "jaccard" in name or "contain" in name or "frac" in name:
            assert 0.0 <= feature(row, name) <= 1.0, name


def test_feature_matrix_stacks_rows_and_survives_pickling() -> None:
    pairs = pickle.loads(pickle.dumps([(wire(), rewrite()), (wire(), other_event())]))
    X = feature_matrix(pairs)
    assert X.shape == (2, len(FEATURE_NAMES))
    assert feature_matrix([]).shape == (0, len(FEATURE_NAMES))
