"""Provenance decisions on hand-built analyses."""

from __future__ import annotations

from storylens.compare.align import align
from storylens.compare.provenance import credits, trace

from .conftest import make_analysis

WIRE = [
    "Washington on Friday rejected an Iraqi request to prepare to pull out its troops from Iraq.",
    "Abdul Mahdi asked Pompeo to send delegates to carry out the parliament decision on troops.",
    "The State Department said any delegation would not discuss the withdrawal of troops.",
    "Trump said the United States has 35 billion dollars of Iraqi money sitting in an account.",
]
OTHER = [
    "Heavy rain flooded the streets of Jakarta on Tuesday, displacing thousands of residents.",
    "Officials said the rainfall was the heaviest recorded in the capital in over a decade.",
]


def _trace(a, b):
    passages, _, _ = align(a, b)
    return trace(a, b, passages)


def test_credit_line_marks_the_copy() -> None:
    wire = make_analysis(WIRE)
    rewrite = make_analysis(
        [*WIRE[:3], "Khamenei said the attacks were not enough.", "Source: Reuters"]
    )
    assert credits(rewrite) == ["Reuters"]
    assert _trace(wire, rewrite).relation == "b_derived_from_a"
    assert _trace(rewrite, wire).relation == "a_derived_from_b"


def test_credit_naming_the_outlet() -> None:
    wire = make_analysis(WIRE, outlet="Reuters")
    rewrite = make_analysis(WIRE[:3], outlet="Al Jazeera", credited_sources=["Reuters"])
    assert _trace(rewrite, wire).relation == "a_derived_from_b"


def test_two_rewrites_of_one_wire_are_common_source() -> None:
    first = make_analysis([WIRE[0], WIRE[1], "A first outlet adds its own context here today."])
    second = make_analysis([WIRE[1], WIRE[2], "Another outlet adds different background instead."])
    prov = _trace(first, second)
    assert prov.relation == "common_source"
    assert 0 < prov.reused_share_a < 1 and 0 < prov.reused_share_b < 1


def test_both_credit_the_same_wire() -> None:
    first = make_analysis([*WIRE[:2], "Source: Reuters"])
    second = make_analysis([*WIRE[1:3], "Source: Reuters"])
    assert _trace(first, second).relation == "common_source"


def test_unrelated_are_independent() -> None:
    prov = _trace(make_analysis(WIRE), make_analysis(OTHER))
    assert prov.relation == "independent"
    assert prov.reused_share_a == 0 and prov.reused_share_b == 0


def test_publication_times_give_the_direction() -> None:
    early = make_analysis(WIRE, published="2020-01-10T09:00:00+00:00")
    late = make_analysis([*WIRE[:3], "An added line."], published="2020-01-10T15:00:00")
    assert _trace(early, late).relation == "b_derived_from_a"
    assert _trace(late, early).relation == "a_derived_from_b"


def test_trimmed_copy_without_credit_or_time() -> None:
    assert _trace(make_analysis(WIRE), make_analysis(WIRE[:2])).relation == "b_derived_from_a"
