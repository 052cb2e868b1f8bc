"""The terminal view of a Comparison (rich), laid out for a 100-column terminal."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storylens.compare.comparison import Comparison, EvidenceDiff
from storylens.leads import label
from storylens.model import SCORE_DIMENSIONS

KIND_STYLE = {"verbatim": "bold green", "paraphrase": "yellow"}
RELATION_TEXT = {
    "b_derived_from_a": "B is derived from A",
    "a_derived_from_b": "A is derived from B",
    "common_source": "A and B draw on a common source",
    "independent": "A and B are independent",
}
WIDTH = 100


def _label(comparison: Comparison, side: str) -> str:
    return f"{side.upper()}: {comparison.name(side)}"


def _header(comparison: Comparison) -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(ratio=1)
    table.add_column(ratio=1)
    cells = []
    for side in ("a", "b"):
        art = (comparison.a if side == "a" else comparison.b).article
        cell = Text()
        cell.append(_label(comparison, side) + "\n", style="bold cyan")
        cell.append(label(art.title, art.text) + "\n", style="bold")
        cell.append(art.published or "date unknown", style="dim")
        cells.append(cell)
    table.add_row(*cells)
    return table


def _scores(comparison: Comparison) -> Text:
    judgement = comparison.judgement
    line = Text()
    verdict = "same story" if judgement.same_story else "different stories"
    line.append(f"{verdict} ", style="bold green" if judgement.same_story else "bold red")
    line.append(f"(p = {judgement.same_story_probability:.2f})  ")
    scores = judgement.scores.to_dict()
    line.append("  ".join(f"{dim} {scores[dim]:.1f}" for dim in SCORE_DIMENSIONS), style="dim")
    line.append("\n1 = very similar … 4 = very dissimilar", style="dim italic")
    if judgement.bridge_note:
        line.append(f"\n{judgement.bridge_note}", style="yellow" if judgement.unbridged else "dim")
    return line


def _provenance(comparison: Comparison) -> Text:
    prov = comparison.provenance
    line = Text()
    line.append(RELATION_TEXT.get(prov.relation, prov.relation) + ". ", style="bold")
    line.append(prov.reason)
    return line


def _alignment(comparison: Comparison) -> Table:
    table = Table(
        title="Aligned passages", expand=True, show_lines=True, title_style="bold", box=None
    )
    table.add_column("A", ratio=1)
    table.add_column("", width=5, justify="center")
    table.add_column("B", ratio=1)
    for passage in comparison.alignment:
        mark = Text("=" if passage.kind == "verbatim" else "≈", style=KIND_STYLE[passage.kind])
        mark.append(f"\n{passage.similarity:.2f}", style="dim")
        table.add_row(
            comparison.passage_text("a", passage.a), mark, comparison.passage_text("b", passage.b)
        )
    return table


def _only(comparison: Comparison, side: str) -> Panel:
    indices = comparison.only_in_a if side == "a" else comparison.only_in_b
    body = Text()
    for n, i in enumerate(indices):
        body.append(("\n" if n else "") + "• " + comparison.sentence_text(side, i))
    if not indices:
        body.append("nothing", style="dim")
    return Panel(body, title=f"Only in {_label(comparison, side)}", title_align="left")


def _quotes(comparison: Comparison) -> Table:
    table = Table(title="Quotes", expand=True, title_style="bold", box=None)
    table.add_column("in", width=4)
    table.add_column("speaker", width=18)
    table.add_column("quote", ratio=1)
    order = {"both": 0, "a": 1, "b": 2}
    for quote in sorted(comparison.quotes, key=lambda q: order[q.where]):
        style = "green" if quote.where == "both" else "cyan" if quote.where == "a" else "magenta"
        table.add_row(Text(quote.where, style=style), quote.speaker or "?", f"“{quote.text}”")
    return table


def _diff_table(title: str, diff: EvidenceDiff) -> Table:
    table = Table(title=title, expand=True, title_style="bold", box=None)
    table.add_column("type", width=9)
    table.add_column("shared", ratio=1, style="green")
    table.add_column("only in A", ratio=1, style="cyan")
    table.add_column("only in B", ratio=1, style="magenta")
    types = sorted(set(diff.shared) | set(diff.only_in_a) | set(diff.only_in_b))
    for typ in types:
        table.add_row(
            typ,
            ", ".join(diff.shared.get(typ, [])),
            ", ".join(diff.only_in_a.get(typ, [])),
            ", ".join(diff.only_in_b.get(typ, [])),
        )
    return table


def render_comparison(comparison: Comparison, console: Console) -> None:
    """Print the comparison: header and scores, provenance, passages, then what each side adds."""
    width = min(console.width, WIDTH)
    parts = Group(
        Panel(
            Group(_header(comparison), Text(), _scores(comparison), _provenance(comparison)),
            title="storylens compare",
            title_align="left",
        ),
        _alignment(comparison),
        _only(comparison, "a"),
        _only(comparison, "b"),
        _quotes(comparison),
        _diff_table("Entities", comparison.entities),
        _diff_table("Numbers", comparison.numbers),
    )
    console.print(parts, width=width)
