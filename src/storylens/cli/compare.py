"""``storylens compare A B``: two articles side by side as text, JSON or an HTML report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from storylens.cli.app import app
from storylens.cli.common import EXIT_NOTHING, say, write_view
from storylens.errors import StorylensError
from storylens.model import Article


class CompareFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _one_article(label: str, path: str) -> Article:
    """The single article in ``path``; exits 2 with one line when there are none or several."""
    from storylens.read import read_path

    try:
        articles = read_path(path)
    except StorylensError as exc:
        say(f"{label}: {exc}")
        raise typer.Exit(EXIT_NOTHING) from None
    if len(articles) != 1:
        say(
            f"{label}: {path} holds {len(articles)} articles; compare takes one each "
            "(write the one you want to its own file, e.g. with `storylens read`)"
        )
        raise typer.Exit(EXIT_NOTHING)
    return articles[0]


@app.command("compare")
def compare_cli(
    a: str = typer.Argument(..., help="First article: a file `storylens read` accepts, or -."),
    b: str = typer.Argument(..., help="Second article."),
    fmt: CompareFormat = typer.Option(
        CompareFormat.text, "--format", "-f", help="text (terminal view), json or html."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file instead of stdout."
    ),
) -> None:
    """Compare two articles: aligned passages, quotes, entities, numbers, provenance, scores."""
    if a == "-" and b == "-":
        say("A and B cannot both be read from stdin (-)")
        raise typer.Exit(EXIT_NOTHING)
    article_a = _one_article("A", a)
    article_b = _one_article("B", b)

    from storylens.compare import compare

    comparison = compare(article_a, article_b)
    from storylens.render.html import comparison_report
    from storylens.render.text import render_comparison

    write_view(
        output,
        fmt.value,
        comparison.to_dict,
        lambda: comparison_report(comparison),
        lambda console: render_comparison(comparison, console),
    )
