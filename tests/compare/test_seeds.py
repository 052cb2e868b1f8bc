"""What must come out of comparing the Reuters wire (A) with the Al Jazeera rewrite (B)."""

from __future__ import annotations

import json

import pytest

from storylens.compare import Comparison
from storylens.model import SCORE_DIMENSIONS

pytestmark = pytest.mark.slow


def _quote(comparison: Comparison, words: str) -> dict:
    found = [q for q in comparison.to_dict()["quotes"] if words.lower() in q["text"].lower()]
    assert found, f"no quote with {words!r}"
    return found[0]


def _only_texts(comparison: Comparison, side: str) -> str:
    return "\n".join(item["text"] for item in comparison.to_dict()[f"only_in_{side}"])


def _flat(part: dict[str, list[str]]) -> str:
    return " | ".join(name for names in part.values() for name in names)


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("send delegates to put in place", "Abdul Mahdi"),
        ("need to be a conversation between the US and Iraqi", "Ortagus"),
        ("Iraq must govern itself", "Sistani"),
        ("latest dangerous aggressive acts", "Sistani"),
    ],
)
def test_shared_quotes_are_in_both_with_their_speaker(
    seed_comparison: Comparison, words: str, speaker: str
) -> None:
    quote = _quote(seed_comparison, words)
    assert quote["in"] == "both"
    assert speaker in (quote["speaker"] or "")


def test_each_quote_listed_once(seed_comparison: Comparison) -> None:
    texts = [q["text"] for q in seed_comparison.to_dict()["quotes"]]
    hits = [t for t in texts if "Iraq must govern itself" in t]
    assert len(hits) == 1


def test_trump_pay_us_quote_only_in_wire(seed_comparison: Comparison) -> None:
    assert _quote(seed_comparison, "You have to pay us")["in"] == "a"


def test_too_many_bases_quote_only_in_rewrite(seed_comparison: Comparison) -> None:
    assert _quote(seed_comparison, "having too many bases")["in"] == "b"


@pytest.mark.parametrize(
    "words", ["$35 billion", "four embassies", "NATO delegation", "Champagne", "pay us"]
)
def test_wire_only_passages(seed_comparison: Comparison, words: str) -> None:
    assert words in _only_texts(seed_comparison, "a")
    aligned = " ".join(p["a"] + p["b"] for p in seed_comparison.to_dict()["alignment"])
    assert words not in aligned


@pytest.mark.parametrize("words", ["Khamenei", "rally in Ohio", "having too many bases"])
def test_rewrite_only_passages(seed_comparison: Comparison, words: str) -> None:
    assert words in _only_texts(seed_comparison, "b")


def test_numbers_and_entities_by_side(seed_comparison: Comparison) -> None:
    data = seed_comparison.to_dict()
    assert "35" in " ".join(data["numbers"]["only_in_a"].get("money", []))
    assert "Khamenei" in _flat(data["entities"]["only_in_b"])
    assert "Champagne" in _flat(data["entities"]["only_in_a"])
    assert "Abdul Mahdi" in _flat(data["entities"]["shared"])


def test_alignment_finds_verbatim_and_paraphrase(seed_comparison: Comparison) -> None:
    alignment = seed_comparison.to_dict()["alignment"]
    kinds = {p["kind"] for p in alignment}
    assert kinds == {"verbatim", "paraphrase"}
    ortagus = [p for p in alignment if "Ortagus" in p["a"]]
    assert ortagus and ortagus[0]["kind"] == "verbatim" and "Ortagus" in ortagus[0]["b"]
    spurned = [p for p in alignment if "spurned" in p["a"]]
    assert spurned and spurned[0]["kind"] == "paraphrase" and "rebuffed" in spurned[0]["b"]


def test_split_sentence_aligns_one_to_many(seed_comparison: Comparison) -> None:
    brunt = [
        p
        for p in seed_comparison.alignment
        if "bear the brunt" in seed_comparison.passage_text("a", p.a)
    ]
    assert brunt and len(brunt[0].b) == 2


def test_rewrite_derived_from_wire(seed_comparison: Comparison) -> None:
    prov = seed_comparison.to_dict()["provenance"]
    assert prov["relation"] == "b_derived_from_a"
    assert "Reuters" in prov["credited_sources"]["b"]
    assert 0.4 < prov["reused_share_a"] <= 1 and 0.4 < prov["reused_share_b"] <= 1
    assert prov["reason"].endswith(".") and "\n" not in prov["reason"]


def test_swapped_arguments_swap_the_direction(swapped_comparison: Comparison) -> None:
    assert swapped_comparison.provenance.relation == "a_derived_from_b"
    assert _quote(swapped_comparison, "You have to pay us")["in"] == "b"


def test_same_story_and_very_similar(seed_comparison: Comparison) -> None:
    data = seed_comparison.to_dict()
    assert data["same_story"] is True
    assert data["scores"]["overall"] <= 2.0


def test_json_contract(seed_comparison: Comparison) -> None:
    data = json.loads(json.dumps(seed_comparison.to_dict()))
    for side in ("a", "b"):
        assert {"id", "title", "outlet", "published", "language", "credited_sources"} <= set(
            data[side]
        )
    assert tuple(data["scores"]) == SCORE_DIMENSIONS
    assert all(1.0 <= v <= 4.0 for v in data["scores"].values())
    assert {"a", "b", "kind", "similarity"} <= set(data["alignment"][0])
    assert {"text", "speaker", "in"} <= set(data["quotes"][0])
    for key in ("entities", "numbers"):
        assert set(data[key]) == {"shared", "only_in_a", "only_in_b"}
    assert {"relation", "reused_share_a", "reused_share_b", "credited_sources", "reason"} <= set(
        data["provenance"]
    )


def test_different_events_same_actors(different_events: Comparison) -> None:
    assert different_events.provenance.relation == "independent"
    assert not different_events.same_story
