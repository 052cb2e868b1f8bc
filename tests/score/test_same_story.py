"""The same-event judgement on hand-built analyses: facts read, evidence, symmetry, the pieces."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from storylens.analyze.document import Analysis, Entity, Quantity
from storylens.score.event import day_range, editions, facts, gap, roman
from storylens.score.judge import same_story, same_story_many
from storylens.score.same_story import FEATURES, features
from storylens.score.same_story_train import confusable_edits, fit_same_story

from .helpers import analysis, other_event, rewrite, unit, wire


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("LVII", 57),
        ("LIV", 54),
        ("XL", 40),
        ("IX", 9),
        ("MCMXCIV", 1994),
        ("", None),
        ("IIII", None),
    ],
)
def test_roman_numerals(numeral: str, value: int | None) -> None:
    assert roman(numeral) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chiefs win Super Bowl LVII in Glendale", {("bowl", 57)}),
        ("the 57th Super Bowl", {("bowl", 57)}),
        ("Super Bowl 57 kicked off", {("bowl", 57)}),
        ("SpaceX's second test flight of Starship", {("flight", 2)}),
        ("Starship Flight 3 reached space", {("flight", 3)}),
        ("Queen Elizabeth II died at 96; it was the first time", set()),
        ("Liverpool won their sixth European Cup", set()),
        ("a test 2 weeks ago", set()),
    ],
)
def test_editions_read_ordinals_numbers_and_roman_numerals(text: str, expected: set) -> None:
    assert editions(text) == expected


def test_day_ranges_and_gaps() -> None:
    day = day_range("2023-02-12")
    assert day is not None and day[0] == day[1]
    month = day_range("2023-02")
    assert month is not None and month[1] - month[0] == 27
    # a parser's midnight on the 1st stands for the year only
    padded = day_range("2023-11-01T00:00:00")
    assert padded is not None and padded[1] - padded[0] == 364
    assert day_range("soon") is None and day_range(None) is None
    assert gap(day, month) == 0 and gap(day, None) is None
    assert gap(day_range("2020-02-02"), day) == 1106


def _dated(x: Analysis, published: str | None, lead_day: str | None = None) -> Analysis:
    quantities = [q for q in x.quantities if q.kind != "date"]
    if lead_day:
        quantities.append(Quantity(lead_day, "date", f"date:{lead_day}", 0))
    article = dataclasses.replace(x.article, published=published)
    return dataclasses.replace(x, article=article, quantities=quantities)


def test_wire_and_rewrite_are_one_story_with_evidence() -> None:
    verdict = same_story(wire(), rewrite())
    assert verdict.same_story and verdict.probability > 0.5
    assert verdict.evidence.shared_dates == ["2021-03-02"]
    assert "ain al-asad" in verdict.evidence.shared_places
    assert verdict.evidence.shared_counts == ["number:10"]
    assert not verdict.conflict


def test_dates_a_year_apart_are_two_stories_however_alike_the_texts() -> None:
    a = _dated(wire(), "2021-03-02", "2021-03-02")
    b = _dated(rewrite(), "2022-03-02", "2022-03-02")
    verdict = same_story(a, b)
    assert not verdict.same_story and verdict.conflict
    assert verdict.evidence.days_apart == 365
    assert verdict.evidence.conflicting_dates == ["2021-03-02", "2022-03-02"]


def test_a_developing_story_with_a_rising_toll_stays_one_event() -> None:
    a = _dated(wire(), "2021-03-02", "2021-03-02")
    b = _dated(rewrite(), "2021-03-04", "2021-03-04")
    b.quantities[:] = [q for q in b.quantities if q.kind != "number"]
    b.quantities.append(Quantity("38", "number", "number:38", 1))
    verdict = same_story(a, b)
    assert verdict.same_story and not verdict.conflict
    assert verdict.evidence.days_apart == 2
    assert "number:38" in verdict.evidence.differing_counts


def test_an_undated_day_is_read_against_the_other_reports_date() -> None:
    a = _dated(wire(), None, "--06-15")
    near, far = _dated(rewrite(), "2022-06-15"), _dated(rewrite(), "2023-07-26")
    assert same_story(a, near).evidence.days_apart == 0
    assert same_story(a, far).evidence.days_apart == 41


def test_editions_that_disagree_are_two_stories() -> None:
    a, b = wire(), rewrite()
    a.article.title, b.article.title = "Super Bowl LVII", "Super Bowl LIV"
    verdict = same_story(a, b)
    assert verdict.evidence.conflicting_editions == ["bowl 57 vs 54"]
    assert verdict.conflict and not verdict.same_story


def test_features_are_symmetric_and_the_answer_depends_on_the_pair_only() -> None:
    a, b, c = wire(), rewrite(), other_event()
    assert np.array_equal(features(a, b, facts(a), facts(b)), features(b, a, facts(b), facts(a)))
    assert len(features(a, b, facts(a), facts(b))) == len(FEATURES)
    many = same_story_many([(a, b), (a, c), (b, c)])
    alone = same_story_many([(a, c)])
    assert many[1].probability == alone[0].probability
    assert same_story(b, a).probability == many[0].probability
    assert same_story_many([]) == []


def test_other_event_at_the_same_base_is_not_the_same_story() -> None:
    assert not same_story(wire(), other_event()).same_story


def test_an_empty_analysis_is_judged_without_error() -> None:
    empty = Analysis(article=dataclasses.replace(wire().article, text="", title=""))
    verdict = same_story(empty, wire())
    assert 0.0 <= verdict.probability <= 1.0 and not verdict.same_story


def test_confusable_edits_keep_text_and_change_only_facts() -> None:
    a = analysis(
        "Flight 2 took off from Boca Chica. It exploded.",
        [unit(1, 0.2), unit(0.3, 1)],
        entities=[("GPE", "Boca Chica"), ("ORG", "SpaceX")],
        quantities=[("number", "number:2")],
    )
    fa = dataclasses.replace(facts(a), actors=frozenset({"spacex"}))
    edits = confusable_edits(fa, fa, random.Random(0))
    labels = [label for *_, label in edits]
    assert labels.count(0) >= 2 and labels.count(1) >= 2
    for ea, eb, label in edits:
        assert ea.actors == eb.actors == fa.actors  # same actors, another happening or not
        if label == 0:
            far = gap(ea.event_day, eb.event_day)
            editions_differ = {v for _, v in ea.editions} != {v for _, v in eb.editions}
            assert (far is not None and far > 7) or editions_differ


def test_fit_is_deterministic_and_learns_that_far_dates_split() -> None:
    rng = np.random.default_rng(0)
    n = 200
    X = np.zeros((n, len(FEATURES)))
    y = rng.integers(0, 2, n)
    X[:, FEATURES.index("cos_opening")] = 0.3 + 0.4 * y + rng.normal(0, 0.1, n)
    X[:, FEATURES.index("event_gap")] = np.where(y == 1, 0.5, 4.0) + rng.normal(0, 0.3, n)
    first, second = fit_same_story(X, y), fit_same_story(X, y)
    assert first.to_dict() == second.to_dict()
    assert first.coef[FEATURES.index("event_gap")] < 0 < first.coef[FEATURES.index("cos_opening")]
    assert 0.2 <= first.threshold <= 0.8


def test_entity_keys_of_the_opening_only() -> None:
    a = wire()
    a.entities.append(Entity("Mosul", "GPE", "mosul", 9))
    assert "mosul" not in facts(a).places and "iraq" in facts(a).places


def test_openings_dated_to_days_no_day_of_the_other_meets_are_two_stories() -> None:
    a = _dated(wire(), None, "--01-13")
    b = _dated(rewrite(), None, "--03-14")
    verdict = same_story(a, b)
    assert verdict.evidence.dates_disagree and verdict.conflict and not verdict.same_story
    # a recap of the earlier day in the later report is a day in common: no conflict by dates
    b.quantities.append(Quantity("January 13", "date", "date:--01-13", 5))
    assert not same_story(a, b).evidence.dates_disagree
