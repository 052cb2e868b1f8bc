"""Comparisons to render: a hostile hand-built one (no models) and the seeds (real models)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.analyze.document import Analysis, Quote, Sentence
from storylens.compare import Comparison, compare
from storylens.model import Article

HOSTILE = [
    "<script>alert('pwned')</script> Officials said the talks failed.",
    'A photo <img src=x onerror="alert(1)"> of the minister <b>was</b> published.',
    "The ministers met in Geneva on Monday to discuss the ceasefire terms.",
]


def _analysis(sentences: list[str], **article: object) -> Analysis:
    rows, start = [], 0
    for i, text in enumerate(sentences):
        rows.append(Sentence(i, text, i, start, start + len(text)))
        start += len(text) + 2
    return Analysis(
        article=Article(text="\n\n".join(sentences), **article),  # type: ignore[arg-type]
        sentences=rows,
        quotes=[Quote("<script>alert(2)</script> we refuse", "<i>Evil</i>", 0)],
    )


@pytest.fixture(scope="session")
def hostile() -> Comparison:
    a = _analysis(
        HOSTILE,
        title="<script>document.title='x'</script>Talks fail",
        outlet="<b>Outlet</b>",
        url="javascript:alert(3)",
    )
    b = _analysis([HOSTILE[2], "Another outlet adds a line of its own."], title="Talks")
    return compare(a, b)


@pytest.fixture(scope="session")
def seed_comparison(seeds: tuple[Path, Path]) -> Comparison:
    from storylens.read import read_path

    wire, rewrite = seeds
    return compare(read_path(wire)[0], read_path(rewrite)[0])
