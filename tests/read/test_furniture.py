"""Shape-based furniture detection, one case per shape."""

from __future__ import annotations

import pytest

from storylens.read.furniture import (
    Unit,
    attribution,
    byline,
    dateline_credit,
    is_boilerplate,
    looks_like_title,
    separate,
    split_caption,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Protesters march [File: Jane Roe/Reuters]", ("Protesters march", "Jane Roe/Reuters")),
        ("A man waves a flag [John Doe/AFP]", ("A man waves a flag", "John Doe/AFP")),
        ("Rescuers at work (Photo: Ana Lima/AP)", ("Rescuers at work", "Ana Lima/AP")),
        ("Rescuers at work (Lee Kim/Getty Images)", ("Rescuers at work", "Lee Kim/Getty Images")),
        ("The harbour at dawn. Photo: Reuters", ("The harbour at dawn.", "Reuters")),
        ("He said the figure was 5 [sic]", None),
        ("Prices rose by 3 percent (year on year).", None),
    ],
)
def test_split_caption(line: str, expected: tuple[str, str] | None) -> None:
    assert split_caption(line) == expected


@pytest.mark.parametrize(
    ("line", "sources", "authors"),
    [
        ("Source: Reuters", ["Reuters"], []),
        ("Sources: Reuters, AFP", ["Reuters", "AFP"], []),
        ("Source: Al Jazeera and news agencies", ["Al Jazeera"], []),
        ("(AP)", ["AP"], []),
        ("— AFP", ["AFP"], []),
        ("Reuters contributed to this report.", ["Reuters"], []),
        ("Jane Doe contributed reporting.", [], []),
        ("Reporting by Ann Lee; Editing by Tom Fox", [], ["Ann Lee"]),
        ("Additional reporting by Bo Li and Cy Ng in Beijing", [], ["Bo Li", "Cy Ng"]),
    ],
)
def test_attribution(line: str, sources: list[str], authors: list[str]) -> None:
    assert attribution(line) == (sources, authors)


def test_body_sentences_are_not_attribution() -> None:
    assert (
        attribution(
            "Source: officials said the talks had failed after three days of meetings "
            "in the capital and would not resume before the end of the month at all."
        )
        is None
    )
    assert attribution("The United States rebuffed an Iraqi request on Friday.") is None


def test_byline_and_boilerplate() -> None:
    assert byline("By Lois Lane and Clark Kent") == (["Lois Lane", "Clark Kent"], [])
    assert byline("By Jane Roe, Reuters") == (["Jane Roe"], ["Reuters"])
    assert byline("By the end of the day, prices had fallen.") is None
    for line in (
        "Share this article",
        "Subscribe to our newsletter",
        "Read more: Iran talks",
        "Follow us on Twitter",
        "© 2021 Daily Planet",
        "Related",
    ):
        assert is_boilerplate(line), line
    assert not is_boilerplate("Follow-up talks are planned for next week.")
    assert not is_boilerplate("More than 100 people were injured in the blast.")


def test_dateline_credit() -> None:
    assert dateline_credit("WASHINGTON (Reuters) - The US said.") == (
        "WASHINGTON - The US said.",
        "Reuters",
    )
    assert dateline_credit("NEW YORK (AP) — Stocks fell.") == ("NEW YORK — Stocks fell.", "AP")
    assert dateline_credit("The US (and Iraq) - talks.") == ("The US (and Iraq) - talks.", None)


def test_titles() -> None:
    assert looks_like_title("US rejects Iraq request to discuss troop withdrawal")
    assert not looks_like_title(
        "Washington on Friday spurned an Iraqi request to prepare to pull out its troops, "
        "amid heightened tensions."
    )


def test_crosshead_needs_body_on_both_sides() -> None:
    layout = separate(
        [
            Unit("Title"),
            Unit("Middle East"),
            Unit("First body paragraph is here and it is long enough."),
            Unit("A cross-head"),
            Unit("Second body paragraph is here."),
            Unit("Related topics"),
        ]
    )
    assert layout.title == "Title"
    assert layout.headings == ["A cross-head"]
    assert layout.paragraphs == [
        "First body paragraph is here and it is long enough.",
        "Second body paragraph is here.",
    ]


def test_markup_cross_heads_stay_in_the_text_when_asked() -> None:
    units = [
        Unit("Kicker label", heading=True),
        Unit("First body paragraph is here and it is long enough.", body=True),
        Unit("A cross-head", heading=True),
        Unit("A short label"),
        Unit("Second body paragraph is here.", body=True),
        Unit("Related topics", heading=True),
    ]
    layout = separate(units, title="Title", find_standfirst=False, cross_heads_in_text=True)
    assert layout.headings == ["A cross-head", "A short label"]
    # only the markup heading joins the text; one before or after all the body stays out
    assert layout.paragraphs == [
        "First body paragraph is here and it is long enough.",
        "A cross-head",
        "Second body paragraph is here.",
    ]


def test_calls_to_action_and_contents_labels_are_boilerplate() -> None:
    for line in (
        "Follow The Daily Planet on Twitter and Instagram @DailyPlanet and on Facebook "
        "@DailyPlanetNews. Send us a message on WhatsApp at 1-555-0100 or email us at "
        "feedback@dailyplanet.example",
        "We want to hear what you think about this article. Submit a letter to the editor.",
        "To view the full story, please subscribe to The Planet. You can choose a weekly pass.",
        "Table of contents",
        "Inhaltsverzeichnis",
    ):
        assert is_boilerplate(line), line
    for line in (
        "Contents of the leaked report were confirmed by two officials on Monday.",
        "We want to hear more from the minister, the opposition leader told reporters.",
        "Followers of the party gathered on Facebook to organise the march on Sunday.",
    ):
        assert not is_boilerplate(line), line
