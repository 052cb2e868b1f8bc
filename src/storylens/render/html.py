"""The HTML view of a Comparison: a self-contained report, or a section the web app embeds.

Everything that comes from an article goes through Jinja2 autoescaping, and the page loads
nothing from anywhere: CSS inline, the reuse chart inline SVG, no scripts.
"""

from __future__ import annotations

from typing import Any

from storylens.compare.comparison import Comparison, EvidenceDiff
from storylens.leads import label
from storylens.model import SCORE_DIMENSIONS
from storylens.render.page import environment, page, stylesheet
from storylens.render.text import RELATION_TEXT

#: the report's stylesheet, every rule scoped under ``.sl-compare``, for pages that embed it
REPORT_CSS: str = stylesheet("report.css")


def _side(comparison: Comparison, key: str) -> dict[str, Any]:
    analysis = comparison.a if key == "a" else comparison.b
    art = analysis.article
    other = "b" if key == "a" else "a"
    marks: dict[int, tuple[int, str, float, int]] = {}
    for n, passage in enumerate(comparison.alignment):
        mine = passage.a if key == "a" else passage.b
        theirs = passage.b if key == "a" else passage.a
        for index in mine:
            marks[index] = (n, passage.kind, passage.similarity, theirs[0])
    sentences = []
    for sentence in analysis.sentences:
        mark = marks.get(sentence.index)
        sentences.append(
            {
                "index": sentence.index,
                "text": sentence.text,
                "kind": mark[1] if mark else "only",
                "passage": mark[0] if mark else None,
                "similarity": mark[2] if mark else 0.0,
                "target": f"{other}-{mark[3]}" if mark else "",
            }
        )
    return {
        "key": key,
        "outlet": comparison.name(key),
        "title": label(art.title, art.text),
        "published": art.published or "date unknown",
        "url": art.url,
        "sentences": sentences,
    }


def _bars(comparison: Comparison) -> list[dict[str, Any]]:
    prov = comparison.provenance
    bars = []
    for key, reused, verbatim in (
        ("A", prov.reused_share_a, prov.verbatim_share_a),
        ("B", prov.reused_share_b, prov.verbatim_share_b),
    ):
        verbatim = min(verbatim, reused)
        bars.append(
            {
                "label": f"{key}: found in {'B' if key == 'A' else 'A'}",
                "verbatim": 100 * verbatim,
                "paraphrase": 100 * (reused - verbatim),
                "title": f"{round(100 * reused)}% ({round(100 * verbatim)}% verbatim)",
            }
        )
    return bars


def _diff_rows(diff: EvidenceDiff) -> list[dict[str, Any]]:
    types = sorted(set(diff.shared) | set(diff.only_in_a) | set(diff.only_in_b))
    return [
        {
            "type": typ,
            "shared": diff.shared.get(typ, []),
            "only_a": diff.only_in_a.get(typ, []),
            "only_b": diff.only_in_b.get(typ, []),
        }
        for typ in types
    ]


def _context(comparison: Comparison) -> dict[str, Any]:
    order = {"both": 0, "a": 1, "b": 2}
    scores = comparison.judgement.scores.to_dict()
    return {
        "sides": [_side(comparison, "a"), _side(comparison, "b")],
        "same_story": comparison.judgement.same_story,
        "probability": comparison.judgement.same_story_probability,
        "bridge_note": comparison.judgement.bridge_note,
        "relation": RELATION_TEXT.get(
            comparison.provenance.relation, comparison.provenance.relation
        ),
        "reason": comparison.provenance.reason,
        "scores": [(dim, scores[dim]) for dim in SCORE_DIMENSIONS],
        "bars": _bars(comparison),
        "quotes": sorted(comparison.quotes, key=lambda q: order[q.where]),
        "diffs": [
            {"title": "Entities", "rows": _diff_rows(comparison.entities)},
            {"title": "Numbers", "rows": _diff_rows(comparison.numbers)},
        ],
    }


def comparison_section(comparison: Comparison) -> str:
    """The comparison as one ``<section class="sl-compare">``; style it with :data:`REPORT_CSS`."""
    return environment().get_template("comparison_section.html").render(**_context(comparison))


def comparison_report(comparison: Comparison) -> str:
    """A whole HTML page that works offline: inline CSS, inline SVG, no scripts, no requests."""
    titles = [
        (c.article.title or c.article.outlet or c.article.id) for c in (comparison.a, comparison.b)
    ]
    return page(
        f"storylens: {titles[0]} vs {titles[1]}", REPORT_CSS, comparison_section(comparison)
    )
