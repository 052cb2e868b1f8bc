"""Alignment on hand-built analyses: no models, every threshold exercised."""

from __future__ import annotations

import numpy as np
import pytest

from storylens.analyze.document import Quantity
from storylens.compare.align import align
from storylens.compare.words import containment, sequence_ratio, shared_count

from .conftest import make_analysis


def _unit(*rows: list[float]) -> np.ndarray:
    m = np.array(rows, dtype="float32")
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_verbatim_with_tiny_edits() -> None:
    a = make_analysis(["Iran responded on Wednesday by firing missiles at US forces in Iraq."])
    b = make_analysis(["Iran responded on Wednesday by firing rockets at US forces in Iraq."])
    passages, only_a, only_b = align(a, b)
    assert [(p.a, p.b, p.kind) for p in passages] == [([0], [0], "verbatim")]
    assert only_a == only_b == []


def test_paraphrase_needs_embeddings_and_shared_content_words() -> None:
    a = make_analysis(
        [
            "Washington spurned an Iraqi request to pull out its troops from the country.",
            "The weather in Baghdad was hot and dusty all week long.",
        ],
        embeddings=_unit([1, 0, 0], [0, 1, 0]),
    )
    b = make_analysis(
        [
            "The United States rebuffed an Iraqi request to withdraw its troops.",
            # close in embedding space, but shares no content word: a different fact
            "Markets in Tokyo closed lower after a volatile session.",
        ],
        embeddings=_unit([0.95, 0.1, 0], [0.1, 0.95, 0]),
    )
    passages, only_a, only_b = align(a, b)
    assert [(p.a, p.b, p.kind) for p in passages] == [([0], [0], "paraphrase")]
    assert only_a == [1] and only_b == [1]


def test_contradicting_numbers_block_a_paraphrase() -> None:
    sentences_a = ["Two soldiers were killed in the rocket attack on the air base."]
    sentences_b = ["Five soldiers were killed in the rocket attack on the base."]
    a = make_analysis(
        sentences_a,
        embeddings=_unit([1, 0]),
        quantities=[Quantity("Two", "number", "number:2", 0)],
    )
    b = make_analysis(
        sentences_b,
        embeddings=_unit([1, 0.05]),
        quantities=[Quantity("Five", "number", "number:5", 0)],
    )
    passages, only_a, only_b = align(a, b)
    assert passages == [] and only_a == [0] and only_b == [0]


def test_split_sentence_aligns_one_to_two() -> None:
    a = make_analysis(
        [
            "Iraq could bear the brunt of any further violence between Iran and the United "
            "States, its leaders caught in a bind as Washington and Tehran vie for influence."
        ],
        embeddings=_unit([1, 0]),
    )
    b = make_analysis(
        [
            "Iraq looks set to bear the brunt of any further violence between Iran and the US.",
            "Its leaders are caught in a bind as Washington and Tehran vie for influence.",
        ],
        embeddings=_unit([0.9, 0.3], [0.85, 0.4]),
    )
    passages, _, only_b = align(a, b)
    assert len(passages) == 1 and passages[0].a == [0] and passages[0].b == [0, 1]
    assert only_b == []


def test_no_embeddings_still_finds_copies() -> None:
    text = "Grand Ayatollah Ali al-Sistani said it was Iraqis who stood to suffer most."
    a = make_analysis([text, "Something else entirely happened in Kerbala."])
    b = make_analysis(["An unrelated opening line about markets.", text])
    passages, only_a, only_b = align(a, b)
    assert [(p.a, p.b) for p in passages] == [([0], [1])]
    assert only_a == [1] and only_b == [0]


def test_empty_articles() -> None:
    assert align(make_analysis([]), make_analysis([])) == ([], [], [])


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ("the minister said the talks would resume on monday", "talks resume monday"),
        ("a b a b a b c", "b a b a c c"),
        ("iraq must govern itself", "iraq must govern itself"),
        ("five killed in blast", "two killed in the blast on friday"),
        ("", "anything at all"),
    ],
)
def test_shared_words_bound_the_difflib_measures(x: str, y: str) -> None:
    # align and match_quotes skip difflib when this bound rules a pair out: it must never be
    # below what difflib finds
    wx, wy = x.split(), y.split()
    shared = shared_count(wx, wy)
    if wx:
        assert containment(wx, wy) <= shared / len(wx)
    if wx or wy:
        assert sequence_ratio(wx, wy) <= 2 * shared / (len(wx) + len(wy))
