"""Geometry of the coverage chart on a story page: one row per outlet, one column per day.

Computed here, drawn by the template as inline SVG: no chart library, nothing to download.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

ROW_HEIGHT = 26
LABEL_WIDTH = 150
PLOT_WIDTH = 520
TOP = 10
AXIS_HEIGHT = 28
MAX_RADIUS = 10.0
MIN_RADIUS = 3.0
MAX_OUTLETS = 12
PALETTE = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7c86", "#57606a")


@dataclass
class Dot:
    x: float
    y: float
    r: float
    count: int
    day: str
    outlet: str
    color: str


@dataclass
class Chart:
    width: int
    height: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    ticks: list[dict[str, Any]] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    hidden_outlets: int = 0
    plot_left: int = LABEL_WIDTH
    plot_right: int = LABEL_WIDTH + PLOT_WIDTH
    axis_y: float = 0.0


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def coverage_chart(coverage: list[dict[str, Any]]) -> Chart | None:
    """Lay out ``[{outlet, day, articles}]``; None when no article has a usable date."""
    cells: dict[tuple[str, date], int] = {}
    for row in coverage:
        day = _day(row.get("day"))
        if day is None:
            continue
        key = (row.get("outlet") or "unknown outlet", day)
        cells[key] = cells.get(key, 0) + int(row.get("articles") or 0)
    if not cells:
        return None
    totals: dict[str, int] = {}
    first: dict[str, date] = {}
    for (outlet, day), n in cells.items():
        totals[outlet] = totals.get(outlet, 0) + n
        first[outlet] = min(first.get(outlet, day), day)
    # earliest reporters on top: the chart then reads as who-had-it-first
    outlets = sorted(totals, key=lambda o: (first[o], -totals[o], o))
    shown = outlets[:MAX_OUTLETS]
    start = min(day for _, day in cells)
    end = max(day for _, day in cells)
    span = max((end - start).days, 1)
    most = max(cells.values())
    height = TOP + ROW_HEIGHT * len(shown) + AXIS_HEIGHT
    chart = Chart(width=LABEL_WIDTH + PLOT_WIDTH + 20, height=height)
    chart.hidden_outlets = len(outlets) - len(shown)
    chart.axis_y = TOP + ROW_HEIGHT * len(shown)

    def x_of(day: date) -> float:
        if start == end:
            return LABEL_WIDTH + PLOT_WIDTH / 2
        return LABEL_WIDTH + 12 + (PLOT_WIDTH - 24) * (day - start).days / span

    for index, outlet in enumerate(shown):
        y = TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2
        color = PALETTE[index % len(PALETTE)]
        chart.rows.append({"outlet": outlet, "y": y, "color": color, "total": totals[outlet]})
        for (name, day), n in sorted(cells.items(), key=lambda item: item[0][1]):
            if name != outlet:
                continue
            r = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * (n / most) ** 0.5
            chart.dots.append(Dot(x_of(day), y, round(r, 1), n, day.isoformat(), outlet, color))
    step = max(1, span // 6)
    day = start
    while day <= end:
        chart.ticks.append({"x": x_of(day), "label": day.strftime("%d %b")})
        day += timedelta(days=step)
    return chart
