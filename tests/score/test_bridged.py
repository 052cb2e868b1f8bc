"""The bridge block of the pair features, and the `bridge` field every judgement carries."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from storylens.analyze.bridge import Bridged
from storylens.analyze.models import Models
from storylens.model import Judgement, Scores
from storylens.score.bridged import (
    BRIDGE_FEATURE_NAMES,
    GlossVectors,
    bridge_features,
    pair_bridge,
)
from storylens.score.features import FEATURE_NAMES

from .helpers import analysis, unit, wire


def view(language: str, method: str | None) -> Bridged:
    return Bridged(language, method, (), frozenset(), frozenset(), 0.0)


def test_bridge_block_ends_the_feature_row() -> None:
    assert FEATURE_NAMES[-len(BRIDGE_FEATURE_NAMES) :] == BRIDGE_FEATURE_NAMES


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (view("en", "english"), view("en", "english"), None),
        (view("de", "freedict-deu-eng"), view("en", "english"), "freedict-deu-eng"),
        (view("de", "freedict-deu-eng"), view("zh", "cc-cedict"), "cc-cedict + freedict-deu-eng"),
        (view("fi", None), view("en", "english"), None),
    ],
)
def test_pair_bridge_names_the_dictionaries(a, b, expected) -> None:
    assert pair_bridge(a, b) == expected == pair_bridge(b, a)


def test_english_pair_reads_its_own_lemmas_without_the_encoder() -> None:
    a = wire()
    b = analysis(
        "Rockets struck an Iraqi base on Tuesday. Nobody was hurt.",
        [unit(1, 0.2), unit(0.2, 1)],
    )
    row = dict(zip(BRIDGE_FEATURE_NAMES, bridge_features(a, b), strict=True))
    assert 0.0 < row["bridge_gloss_jaccard"] < 1.0
    assert math.isnan(row["bridge_gloss_embedding_cos"])  # English meets English directly
    assert row["bridge_coverage_min"] == 1.0
    assert row["bridge_lemma_jaccard"] == pytest.approx(row["bridge_gloss_jaccard"])
    np.testing.assert_array_equal(bridge_features(a, b), bridge_features(b, a))


def test_judgement_json_names_the_bridge_and_flags_its_absence() -> None:
    scores = Scores(*[2.0] * 7)
    crossed = Judgement(scores, False, 0.2, bridge=None, languages=("fi", "en"))
    assert crossed.unbridged and crossed.to_dict()["bridge"] is None
    assert crossed.bridge_note is not None and "no bridge between fi and en" in crossed.bridge_note
    read = Judgement(scores, True, 0.8, bridge="freedict-deu-eng", languages=("de", "en"))
    assert not read.unbridged and read.to_dict()["bridge"] == "freedict-deu-eng"
    assert read.bridge_note == "read across languages through freedict-deu-eng"
    assert not Judgement(scores, True, 0.8, languages=("en", "en")).unbridged


def test_gloss_vectors_encode_each_text_once_a_batch_at_a_time_and_stay_bounded() -> None:
    calls: list[list[str]] = []

    class Counting(Models):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            calls.append(list(texts))
            return np.ones((len(texts), 4), "float32")

    glosses = GlossVectors(limit=3, models=Counting())
    glosses.encode(["war ends", "peace talks", "war ends"])
    glosses.vector("war ends")
    assert calls == [["war ends", "peace talks"]]
    glosses.encode(["truce", "siege"])  # over the limit: what was held goes
    assert len(glosses) == 2 and calls[-1] == ["truce", "siege"]
    # each holder its own: nothing is shared through the module
    GlossVectors(models=Counting()).vector("truce")
    assert calls[-1] == ["truce"]
