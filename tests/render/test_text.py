"""The rich terminal view."""

from __future__ import annotations

import pytest
from rich.console import Console

from storylens.compare import Comparison
from storylens.render.text import render_comparison


def _render(comparison: Comparison, width: int = 100) -> str:
    console = Console(width=width, record=True, force_terminal=False, color_system=None)
    render_comparison(comparison, console)
    return console.export_text()


def test_hostile_text_is_printed_verbatim_and_fits(hostile: Comparison) -> None:
    out = _render(hostile)
    assert "<script>alert('pwned')</script>" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_wide_terminal_is_capped_at_100_columns(hostile: Comparison) -> None:
    assert max(len(line) for line in _render(hostile, width=200).splitlines()) <= 100


@pytest.mark.slow
def test_seed_view_has_every_part(seed_comparison: Comparison) -> None:
    out = _render(seed_comparison)
    for part in (
        "B is derived from A",
        "Aligned passages",
        "Only in A",
        "Only in B",
        "Quotes",
        "Entities",
        "Numbers",
        "overall",
        "You have to pay us",
        "Khamenei",
    ):
        assert part in out, part
    assert max(len(line) for line in out.splitlines()) <= 100


def test_an_untitled_article_is_named_by_its_lead() -> None:
    from storylens.analyze.document import Analysis, Sentence
    from storylens.compare import compare
    from storylens.model import Article

    def analysis(text: str, title: str = "") -> Analysis:
        return Analysis(
            article=Article(text=text, title=title), sentences=[Sentence(0, text, 0, 0, len(text))]
        )

    wire = analysis("Floods cut the coastal road on Monday.")
    rewrite = analysis("The coastal road was cut by floods on Monday.", title="Road cut")
    head = _render(compare(wire, rewrite)).split("Aligned passages")[0]
    # wire copy has no headline: its first sentence stands in, never "(no title)"
    assert "(no title)" not in head
    assert "Floods cut the coastal road on Monday." in head
