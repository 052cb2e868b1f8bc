"""Numbers of a story: what a number counts, and a count that rises across articles."""

from __future__ import annotations

import pytest

from storylens.analyze.document import Quantity
from storylens.storyview import StoryView
from storylens.storyview.numbers import read

from ..compare.conftest import make_analysis


def test_a_rising_toll_is_one_quantity_with_every_value_and_its_first_time(
    toll_view: StoryView,
) -> None:
    deaths = [g for g in toll_view.numbers if g.quantity == "deaths"]
    assert len(deaths) == 1
    values = [(v.value, v.first_published, v.articles) for v in deaths[0].values]
    assert values == [
        (6.0, "2023-03-07T08:00:00+00:00", ["toll-1"]),
        (14.0, "2023-03-07T15:30:00+00:00", ["toll-2"]),
        (22.0, "2023-03-08T09:00:00+00:00", ["toll-3", "toll-4"]),
    ]
    assert deaths[0].development == "rising"
    twenty_two = next(f for f in toll_view.facts if f.kind == "number" and f.value == 22)
    assert twenty_two.first.article == "toll-3" and twenty_two.quantity == "deaths"


def test_a_shared_passage_is_one_claim_first_carried_by_the_earliest(toll_view: StoryView) -> None:
    storm = [f for f in toll_view.facts if "storm flattened homes" in f.text]
    assert len(storm) == 1
    assert [c.article for c in storm[0].carried_by] == ["toll-1", "toll-2"]
    assert storm[0].first.published == "2023-03-07T08:00:00+00:00"


@pytest.mark.parametrize(
    ("sentence", "text", "key", "quantity", "unit"),
    [
        ("At least 22 people were killed in the blast.", "22", "number:22", "deaths", "people"),
        ("The death toll rose to 38 on Friday.", "38", "number:38", "deaths", None),
        ("The attack killed 6 soldiers.", "6", "number:6", "deaths", "soldiers"),
        ("Another 14 were injured, police said.", "14", "number:14", "injured", None),
        ("Iran planned to strike four embassies.", "four", "number:4", "embassies", "embassies"),
        ("The bill passed with 52 votes.", "52", "number:52", "votes", "votes"),
        ("It cost $35 billion.", "$35 billion", "money:USD:35000000000", "money", "USD"),
    ],
)
def test_what_a_number_counts(
    sentence: str, text: str, key: str, quantity: str, unit: str | None
) -> None:
    kind = key.split(":")[0]
    analysis = make_analysis([sentence], quantities=[Quantity(text, kind, key, 0)])
    reading = read(analysis, 0, analysis.quantities[0])
    assert reading is not None
    assert (reading.quantity, reading.unit) == (quantity, unit)
    assert analysis.article.text[slice(*reading.span)] == reading.text


def test_dates_and_bare_numbers_count_nothing() -> None:
    analysis = make_analysis(
        ["On Friday, 3 of them left."],
        quantities=[
            Quantity("Friday", "date", "weekday:friday", 0),
            Quantity("3", "number", "number:3", 0),
        ],
    )
    assert [read(analysis, 0, q) for q in analysis.quantities] == [None, None]
