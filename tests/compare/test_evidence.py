"""Quotes, entities and numbers on hand-built analyses."""

from __future__ import annotations

from storylens.analyze.document import Entity, Quantity, Quote
from storylens.compare.evidence import diff_entities, diff_numbers, match_quotes, merge_speaker

from .conftest import make_analysis


def test_trimmed_quote_is_shared_once_with_merged_speaker() -> None:
    a = make_analysis(
        ["x"],
        quotes=[
            Quote("Iraq must govern itself and there must be no role for outsiders", "Sistani", 0)
        ],
    )
    b = make_analysis(
        ["x"],
        quotes=[
            Quote(
                "The people have suffered enough from wars … Iraq must govern itself and there "
                "must be no role for outsiders",
                "Ali al-Sistani",
                0,
            )
        ],
    )
    quotes = match_quotes(a, b)
    assert len(quotes) == 1
    assert quotes[0].where == "both"
    assert quotes[0].speaker == "Ali al-Sistani"
    assert quotes[0].text.startswith("The people")


def test_one_word_quote_inside_a_long_one_is_not_shared() -> None:
    a = make_analysis(
        ["x"], quotes=[Quote("the opportunity for an appropriate force", "Pompeo", 0)]
    )
    b = make_analysis(["x"], quotes=[Quote("appropriate", "Pompeo", 0)])
    assert sorted(q.where for q in match_quotes(a, b)) == ["a", "b"]


def test_different_quotes_stay_apart() -> None:
    a = make_analysis(
        ["x"], quotes=[Quote("You have to pay us for the money we put in", "Trump", 0)]
    )
    b = make_analysis(["x"], quotes=[Quote("having too many bases will not help them", None, 0)])
    assert [(q.where, q.speaker) for q in match_quotes(a, b)] == [("a", "Trump"), ("b", None)]


def test_merge_speaker() -> None:
    assert merge_speaker("Sistani", "al-Sistani") == "al-Sistani"
    assert merge_speaker("Abdul Mahdi", "Adel Abdul Mahdi") == "Adel Abdul Mahdi"
    assert merge_speaker(None, "Ortagus") == "Ortagus"
    assert merge_speaker("Trump", "Pompeo") == "Trump"


def test_entities_and_numbers_by_type() -> None:
    a = make_analysis(
        ["x"],
        entities=[
            Entity("Adel Abdul Mahdi", "PERSON", "abdul mahdi", 0),
            Entity("NATO", "ORG", "nato", 0),
            Entity("Friday", "DATE", "friday", 0),
        ],
        quantities=[Quantity("$35 billion", "money", "money:USD:35000000000", 0)],
    )
    b = make_analysis(
        ["x"],
        entities=[
            Entity("Abdul Mahdi", "PERSON", "abdul mahdi", 0),
            Entity("Ali Khamenei", "PERSON", "khamenei", 0),
        ],
        quantities=[Quantity("35 billion dollars", "money", "money:USD:35000000000", 0)],
    )
    ents = diff_entities(a, b)
    assert ents.shared == {"PERSON": ["Adel Abdul Mahdi"]}
    assert ents.only_in_a == {"ORG": ["NATO"]}  # dates are numbers, not entities
    assert ents.only_in_b == {"PERSON": ["Ali Khamenei"]}
    nums = diff_numbers(a, b)
    assert list(nums.shared) == ["money"] and not nums.only_in_a and not nums.only_in_b
