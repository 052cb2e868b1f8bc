"""The HTML view of a StoryView: a self-contained report, or a section the web app embeds.

Everything taken from an article goes through Jinja2 autoescaping. The report loads nothing:
CSS inline, charts as inline SVG, each chart followed by a table that says the same in words.
"""

from __future__ import annotations

from typing import Any

from storylens.render.page import environment, page, stylesheet
from storylens.render.story_text import RELATION_TEXT, fact_line
from storylens.storyview.model import NumberGroup, StoryView

#: the story section's stylesheet, every rule scoped under ``.sl-story``
STORY_CSS: str = stylesheet("story.css")
CELL_TEXT = {
    "verbatim": "verbatim",
    "paraphrase": "paraphrase",
    "partial": "trimmed quote",
    "translated": "translated",
}
CELL_MARK = {"verbatim": "V", "paraphrase": "p", "partial": "t", "translated": "x"}


def _timeline(group: NumberGroup, width: int = 420, height: int = 120) -> dict[str, Any]:
    """Points of one quantity's values in order of first report, heights by value."""
    top = max(v.value for v in group.values) or 1.0
    step = (width - 80) / max(1, len(group.values) - 1)
    points = []
    # at most about eight dates under the axis, so that they never overlap
    every = max(1, -(-len(group.values) // 8))
    for i, v in enumerate(group.values):
        x = 40 + i * step
        y = height - 20 - (height - 45) * (v.value / top)
        points.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "text": v.text,
                "when": (v.first_published or "undated")[:10] if i % every == 0 else "",
                # the end labels lean inwards so that the chart's edges never clip them
                "anchor": _anchor(i, len(group.values)),
            }
        )
    return {
        "width": width,
        "height": height,
        "points": points,
        "path": " ".join(f"{p['x']},{p['y']}" for p in points),
    }


def _anchor(i: int, n: int) -> str:
    if n > 1 and i == 0:
        return "start"
    return "end" if n > 1 and i == n - 1 else "middle"


def _lineage_graph(view: StoryView) -> dict[str, Any]:
    """Articles top to bottom, oldest first; each derivation an arc from source to copy."""
    row = {a.id: i for i, a in enumerate(view.articles)}
    rows = [
        {"y": 18 + 22 * i, "label": f"{a.outlet} · {(a.published or 'undated')[:10]}"}
        for i, a in enumerate(view.articles)
    ]
    arcs = []
    for link in view.lineage:
        if link.derived_from is None or link.derived_from not in row:
            continue
        y1, y2 = 18 + 22 * row[link.derived_from], 18 + 22 * row[link.article]
        bend = 40 - min(36, 6 * abs(row[link.article] - row[link.derived_from]))
        arcs.append({"d": f"M 48 {y1} C {bend} {y1}, {bend} {y2}, 48 {y2}", "kind": link.relation})
    return {"height": 22 * len(rows) + 10, "rows": rows, "arcs": arcs}


def _context(view: StoryView) -> dict[str, Any]:
    outlets = [o.outlet for o in view.outlets]
    outlet_of = {a.id: a.outlet for a in view.articles}
    rows = []
    for fact in view.facts:
        cells = []
        for outlet in outlets:
            how = view.cell(fact, outlet)
            cells.append({"how": how or "absent", "mark": CELL_MARK.get(how or "", "")})
        rows.append({"fact": fact, "line": fact_line(fact), "cells": cells})
    lineage = [
        {
            "outlet": outlet_of.get(link.article, link.article),
            "relation": RELATION_TEXT.get(link.relation, link.relation),
            "source": outlet_of.get(link.derived_from or "", ""),
            "credits": link.credited_sources,
        }
        for link in view.lineage
    ]
    return {
        "view": view,
        "outlets": outlets,
        "rows": rows,
        "cell_text": CELL_TEXT,
        "numbers": [{"group": g, "chart": _timeline(g)} for g in view.numbers],
        "lineage": lineage,
        "graph": _lineage_graph(view),
    }


def story_section(view: StoryView) -> str:
    """The story as one ``<section class="sl-story">``; style it with :data:`STORY_CSS`."""
    return environment().get_template("story_section.html").render(**_context(view))


def story_report(view: StoryView) -> str:
    """A whole HTML page that works offline: inline CSS, inline SVG, no scripts, no requests."""
    return page(f"storylens: {view.title}", STORY_CSS, story_section(view))
