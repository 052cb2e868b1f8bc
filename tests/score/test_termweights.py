"""The idf weights of the bridge block's weighted cosines: fitted, read, saved, and used."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from storylens.errors import StorylensError
from storylens.score.bridged import BRIDGE_FEATURE_NAMES, ascii_words, bridge_features
from storylens.score.judge import Judge
from storylens.score.termweights import Idf, TermWeights

from .helpers import analysis, unit

DOCS = [
    ["the", "minister", "said", "budget"],
    ["the", "storm", "said", "coast"],
    ["the", "minister", "resigned"],
    ["the", "vote", "said"],
]


def test_rare_shared_words_say_more_than_common_ones() -> None:
    weights = Idf.fit(DOCS)
    assert weights.documents == 4
    assert weights.weight("the") < weights.weight("minister") < weights.weight("zelensky")
    # sharing a word met in few articles scores higher than sharing one met in all
    rare = weights.cosine(["the", "minister", "x1"], ["the", "minister", "y1"])
    common = weights.cosine(["the", "said", "x1"], ["the", "said", "y1"])
    assert rare > common
    assert weights.cosine(["a", "b"], ["b", "a"]) == pytest.approx(1.0)
    assert math.isnan(weights.cosine([], ["minister"]))


def test_words_met_once_are_not_kept_and_weigh_as_unseen_ones() -> None:
    weights = Idf.fit(DOCS)
    assert "budget" not in weights.idf and "minister" in weights.idf
    assert weights.weight("budget") == weights.weight("never-seen") == weights.rare


def test_saved_weights_read_back_and_write_the_same_bytes(tmp_path: Path) -> None:
    weights = TermWeights.fit(DOCS, DOCS[:3])
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    weights.save(first)
    TermWeights.fit(DOCS, DOCS[:3]).save(second)
    assert first.read_bytes() == second.read_bytes()
    back = TermWeights.load(first)
    assert back.gloss.to_dict() == weights.gloss.to_dict()
    assert (back.ascii.documents, back.ascii.idf) == (3, weights.ascii.idf)


def test_a_broken_weights_file_is_one_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "w.json.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(StorylensError, match=r"w\.json\.gz: cannot read the term weights"):
        TermWeights.load(broken)


def test_the_shipped_weights_load() -> None:
    shipped = TermWeights.shipped()
    for table in (shipped.gloss, shipped.ascii):
        assert table.documents > 1000 and len(table.idf) > 1000
    assert shipped.ascii.weight("the") < shipped.ascii.weight("government") < shipped.ascii.rare


def test_ascii_words_let_two_scripts_meet_on_names() -> None:
    assert "putin" in ascii_words("Путин встретился с Эрдоганом") and "putin" in ascii_words(
        "Putin met Erdogan"
    )


def test_the_bridge_block_reads_the_weights_it_is_given() -> None:
    a = analysis("Zelensky met the minister in Kyiv on Tuesday.", [unit(1, 0)])
    b = analysis("Zelensky and the minister talked in Kyiv.", [unit(1, 0)])
    flat = TermWeights(Idf({}, 1.0, 1), Idf({}, 1.0, 1))
    # "the" far heavier than "zelensky": the shared rare words count for less of the cosine
    heavy_the = TermWeights(Idf({}, 1.0, 1), Idf({"the": 50.0, "in": 50.0}, 1.0, 1))
    at = BRIDGE_FEATURE_NAMES.index("bridge_ascii_idf_cos")
    assert bridge_features(a, b, weights=flat)[at] != bridge_features(a, b, weights=heavy_the)[at]
    judge = Judge(weights=flat)
    assert judge.weights is flat
    row = judge.features([(a, b)])[0]
    assert row[-len(BRIDGE_FEATURE_NAMES) + at] == pytest.approx(
        bridge_features(a, b, weights=flat)[at]
    )


def test_articles_in_two_languages_meet_through_the_weighted_gloss() -> None:
    a = analysis(
        "Die Regierung in Berlin hat am Dienstag neue Steuern beschlossen.",
        [unit(1, 0)],
        language="de",
    )
    b = analysis("The government in Berlin approved new taxes on Tuesday.", [unit(1, 0)])
    c = analysis("A storm hit the coast of Florida on Monday.", [unit(1, 0)])
    at = BRIDGE_FEATURE_NAMES.index("bridge_gloss_idf_cos")
    weights = TermWeights.shipped()
    assert bridge_features(a, b, weights=weights)[at] > bridge_features(a, c, weights=weights)[at]
