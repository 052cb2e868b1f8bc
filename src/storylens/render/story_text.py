"""The terminal view of a StoryView (rich), laid out for a 100-column terminal.

The matrix cannot show twenty outlets side by side in 100 columns, so it numbers the outlets
and shows one mark per outlet per fact: ``V`` verbatim, ``p`` paraphrase, ``t`` trimmed quote,
``x`` translated (another language, matched through a dictionary), ``·`` absent.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from storylens.storyview.model import Fact, NumberGroup, StoryView

WIDTH = 100
MARK = {"verbatim": "V", "paraphrase": "p", "partial": "t", "translated": "x", None: "·"}
MARK_STYLE = {"V": "bold green", "p": "yellow", "t": "cyan", "x": "magenta", "·": "dim"}
#: facts shown in the matrix; the JSON and HTML views list them all
MATRIX_ROWS = 40
RELATION_TEXT = {
    "derived": "derived from",
    "wire_copy": "wire copy of",
    "common_source": "shares a common source with others",
    "original": "original",
}


def short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def fact_line(fact: Fact) -> str:
    if fact.kind == "quote":
        who = f"{fact.speaker}: " if fact.speaker else ""
        return f"{who}“{fact.text}”"
    if fact.kind == "number":
        return f"{fact.text} ({fact.quantity})"
    return fact.text


def _first(fact: Fact) -> str:
    when = fact.first.published[:10] if fact.first.published else "undated"
    return f"{fact.first.outlet} ({when})"


def _header(view: StoryView) -> Text:
    text = Text()
    text.append(short(view.title, WIDTH) + "\n", style="bold")
    outlets = len(view.outlets)
    text.append(
        f"{view.id} · {len(view.articles)} articles · {outlets} outlets · {len(view.facts)} facts",
        style="dim",
    )
    for note in view.notes:
        text.append("\n" + note, style="italic")
    return text


def _outlet_key(view: StoryView) -> Table:
    table = Table(title="Outlets", title_justify="left", width=WIDTH)
    for column in ("#", "outlet", "articles", "own", "only here", "missing"):
        table.add_column(column, justify="left" if column == "outlet" else "right")
    for n, o in enumerate(view.outlets, 1):
        table.add_row(
            str(n),
            short(o.outlet, 40),
            str(len(o.articles)),
            f"{round(100 * o.own_share)}%",
            str(len(o.only_here)),
            str(len(o.missing)),
        )
    return table


def _matrix(view: StoryView) -> Table:
    names = [o.outlet for o in view.outlets]
    marks_width = max(len(names), 7)
    table = Table(
        title="Facts × outlets (V verbatim, p paraphrase, t trimmed quote, x translated, · absent; "
        f"outlets numbered as above; {min(len(view.facts), MATRIX_ROWS)} of {len(view.facts)})",
        title_justify="left",
        width=WIDTH,
    )
    table.add_column("fact", no_wrap=True)
    table.add_column("outlets", no_wrap=True, min_width=marks_width)
    table.add_column("text", overflow="fold")
    for fact in view.facts[:MATRIX_ROWS]:
        marks = Text()
        for name in names:
            mark = MARK[view.cell(fact, name)]
            marks.append(mark, style=MARK_STYLE[mark])
        table.add_row(fact.id, marks, short(fact_line(fact), 200))
    return table


def _numbers(groups: list[NumberGroup]) -> Table:
    table = Table(title="Numbers that differ or develop", title_justify="left", width=WIDTH)
    for column in ("quantity", "value", "first reported", "outlets"):
        table.add_column(column, overflow="fold")
    for group in groups:
        label = f"{group.quantity} ({group.development})"
        for i, v in enumerate(group.values):
            table.add_row(
                label if i == 0 else "",
                short(v.text, 30),
                (v.first_published or "undated")[:16],
                short(", ".join(v.outlets), 60),
            )
    return table


def _lineage(view: StoryView) -> Table:
    outlet_of = {a.id: a.outlet for a in view.articles}
    table = Table(title="Lineage", title_justify="left", width=WIDTH)
    for column in ("article", "relation", "credits"):
        table.add_column(column, overflow="fold")
    for link in view.lineage:
        relation = RELATION_TEXT.get(link.relation, link.relation)
        if link.derived_from:
            relation += " " + outlet_of.get(link.derived_from, link.derived_from)
        table.add_row(
            short(outlet_of.get(link.article, link.article), 40),
            relation,
            ", ".join(link.credited_sources),
        )
    return table


def render_story(view: StoryView, console: Console) -> None:
    """Print the story view: header, outlets, the matrix, numbers, lineage, then every fact."""
    console.print(_header(view))
    console.print(_outlet_key(view))
    console.print(_matrix(view))
    if view.numbers:
        console.print(_numbers(view.numbers))
    console.print(_lineage(view))
    for o in view.outlets:
        if o.only_here or o.missing:
            line = Text(f"{short(o.outlet, 40)}: ", style="bold")
            line.append(f"only here {', '.join(o.only_here) or 'nothing'}")
            if o.missing:
                line.append(f"; omits {', '.join(o.missing)}", style="red")
            console.print(line)
    console.print(Text("Facts", style="bold"))
    for fact in view.facts:
        line = Text(f"{fact.id} ", style="bold")
        line.append(f"[{fact.kind}] first {_first(fact)}, {len(fact.outlets)} outlet(s): ")
        line.append(short(fact_line(fact), 400))
        console.print(line)
