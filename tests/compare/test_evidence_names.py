"""Names that meet across two articles: surnames, titles, "the US …" bodies and vague dates."""

from __future__ import annotations

import pytest

from storylens.analyze.document import Analysis, Entity, Quantity
from storylens.analyze.entities import thing_key
from storylens.analyze.speakers import canonical, name_key
from storylens.compare import Comparison
from storylens.compare.evidence import diff_entities, diff_numbers

from .conftest import make_analysis


def person(text: str, known: tuple[str, ...] = ()) -> Entity:
    """A PERSON as the analysis of one article keys it (a surname joins a known full name)."""
    name = canonical(text, known or (text,))
    return Entity(text, "PERSON", name_key(name), 0, name)


def org(text: str) -> Entity:
    return Entity(text, "ORG", thing_key(text), 0, text)


def article(*entities: Entity) -> Analysis:
    return make_analysis(["x"], entities=list(entities))


def test_surname_in_one_article_meets_the_full_name_in_the_other() -> None:
    a = article(person("President Donald Trump"), person("Trump", ("Donald Trump",)))
    b = article(person("Trump"))
    ents = diff_entities(a, b)
    assert ents.shared == {"PERSON": ["Donald Trump"]}
    assert not ents.only_in_a and not ents.only_in_b
    # the same whichever article comes first
    assert diff_entities(b, a).shared == {"PERSON": ["Donald Trump"]}


def test_every_way_of_writing_sistani_is_one_person() -> None:
    a = article(person("Grand Ayatollah Ali al-Sistani"), person("Sistani"))
    b = article(person("Al-Sistani"), person("al-Sistani"), person("Ali al-Sistani"))
    ents = diff_entities(a, b)
    assert ents.shared == {"PERSON": ["Ali al-Sistani"]}
    assert not ents.only_in_a and not ents.only_in_b


def test_titles_in_a_key_do_not_block_a_match() -> None:
    a = article(Entity("Prime Minister Adel Abdul Mahdi", "PERSON", "prime minister adel mahdi", 0))
    b = article(Entity("Mahdi", "PERSON", "mahdi", 0))
    assert diff_entities(a, b).shared == {"PERSON": ["Adel Abdul Mahdi"]}


def test_surname_of_two_people_stays_apart() -> None:
    a = article(person("Donald Trump"), person("Ivanka Trump"))
    b = article(person("Trump"))
    ents = diff_entities(a, b)
    assert not ents.shared
    assert ents.only_in_a == {"PERSON": ["Donald Trump", "Ivanka Trump"]}
    assert ents.only_in_b == {"PERSON": ["Trump"]}


def test_a_first_name_does_not_join_a_full_name() -> None:
    ents = diff_entities(article(person("Ali Khamenei")), article(person("Ali")))
    assert not ents.shared


def test_us_state_department_meets_the_state_department_without_fragments() -> None:
    a = article(org("The State Department"), org("State"))
    b = article(org("the US State Department"), org("State"))
    ents = diff_entities(a, b)
    assert ents.shared == {"ORG": ["US State Department"]}
    assert not ents.only_in_a and not ents.only_in_b


def test_us_prefix_is_dropped_for_any_body() -> None:
    a = article(org("the U.S. Defense Department"))
    b = article(org("the Defense Department"))
    assert diff_entities(a, b).shared == {"ORG": ["U.S. Defense Department"]}


def test_one_word_org_stays_when_the_other_article_has_it_on_its_own() -> None:
    a = article(org("State Department"), org("State"))
    b = article(org("State"))
    ents = diff_entities(a, b)
    assert ents.shared == {"ORG": ["State"]}
    assert ents.only_in_a == {"ORG": ["State Department"]}


def test_acronym_is_no_fragment() -> None:
    ents = diff_entities(article(org("NATO"), org("NATO Council")), article())
    assert ents.only_in_a == {"ORG": ["NATO", "NATO Council"]}


def test_vague_time_phrases_are_not_compared_as_dates() -> None:
    a = make_analysis(
        ["x"],
        quantities=[
            Quantity("decades", "date", "date:decades", 0),
            Quantity("last week", "date", "date:last week", 0),
            Quantity("Jan. 3", "date", "date:--01-03", 0),
            Quantity("Friday", "date", "weekday:friday", 0),
            Quantity("yesterday", "date", "date:2020-01-09", 0),
            Quantity("2019", "date", "date:2019", 0),
        ],
    )
    b = make_analysis(
        ["x"],
        quantities=[
            Quantity("this year", "date", "date:this year", 0),
            Quantity("January 3", "date", "date:--01-03", 0),
            Quantity("Friday", "date", "weekday:friday", 0),
            Quantity("two", "number", "number:2", 0),
        ],
    )
    nums = diff_numbers(a, b)
    assert nums.shared == {"date": ["Friday", "January 3"]}
    assert nums.only_in_a == {"date": ["2019", "yesterday"]}
    assert nums.only_in_b == {"number": ["two"]}


@pytest.mark.slow
def test_seed_names_meet(seed_comparison: Comparison) -> None:
    entities = seed_comparison.entities
    assert "Donald Trump" in entities.shared["PERSON"]
    assert "Ali al-Sistani" in entities.shared["PERSON"]
    assert entities.shared["ORG"] == ["US State Department"]
    people_apart = entities.only_in_a.get("PERSON", []) + entities.only_in_b.get("PERSON", [])
    assert not any("Trump" in p or "Sistani" in p for p in people_apart)
    dates = [d for part in seed_comparison.numbers.to_dict().values() for d in part.get("date", [])]
    assert not {"decades", "this year", "last week"} & set(dates)


def place(text: str) -> Entity:
    return Entity(text, "GPE", thing_key(text), 0, text)


def test_two_spellings_of_one_place_meet_and_show_both() -> None:
    ents = diff_entities(article(place("Kerbala"), place("Iran")), article(place("Karbala")))
    assert ents.shared == {"GPE": ["Kerbala / Karbala"]}
    assert ents.only_in_a == {"GPE": ["Iran"]} and not ents.only_in_b
    assert diff_entities(article(place("Karbala")), article(place("Kerbala"))).shared == {
        "GPE": ["Karbala / Kerbala"]
    }


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Iran", "Iraq"),  # too short to tell a spelling from another name
        ("Austria", "Australia"),  # two letters apart
        ("Colombia", "Kolombia"),  # another first letter
    ],
)
def test_names_that_differ_more_stay_apart(a: str, b: str) -> None:
    ents = diff_entities(article(place(a)), article(place(b)))
    assert not ents.shared and ents.only_in_a == {"GPE": [a]} and ents.only_in_b == {"GPE": [b]}


def test_a_spelling_with_two_partners_joins_neither() -> None:
    ents = diff_entities(article(place("Mosull")), article(place("Mosul1"), place("Mosulx")))
    assert not ents.shared
