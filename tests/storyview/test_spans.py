"""Folded search mapped back to verbatim spans, and the lead shown for untitled articles."""

from __future__ import annotations

import pytest

from storylens.leads import label, lead
from storylens.storyview.spans import FoldedText, fold


@pytest.mark.parametrize(
    ("text", "needle", "span"),
    [
        (
            "He said “Send  the\nDelegates,” today.",
            '"send the delegates,"',
            "“Send  the\nDelegates,”",
        ),
        ("  Iraq’s parliament voted.", "IRAQ'S PARLIAMENT", "Iraq’s parliament"),
        ("nothing here", "absent words", None),
    ],
)
def test_found_spans_are_slices_of_the_original(text: str, needle: str, span: str | None) -> None:
    found = FoldedText(text).find(needle)
    assert (text[slice(*found)] if found else None) == span
    assert FoldedText(text).contains(needle) is (span is not None)


def test_fold_makes_marks_case_and_space_alike() -> None:
    assert fold(" “Hello”\n  World’s ") == fold('"hello" world\'s') == '"hello" world\'s'


def test_lead_is_the_first_sentence_shortened() -> None:
    assert lead("Quake hits Nepal. Hundreds dead.") == "Quake hits Nepal."
    long = "The landmark Dharahara Tower in Kathmandu was reduced to rubble on Saturday " * 3
    shown = lead(long)
    assert len(shown) <= 90 and shown.endswith("…") and long.startswith(shown[:-1])
    assert label(None, "Quake hits Nepal. More.") == "Quake hits Nepal."
    assert label("A headline", "Body.") == "A headline"
    assert label("", "") == ""
