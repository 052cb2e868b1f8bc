"""``storylens compare A B``: two articles side by side as text, JSON or an HTML report."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from storylens.cli.app import app
from storylens.cli.common import EXIT_NOTHING, output_stream, say
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
    try:
        with output_stream(output) as out:
            if fmt is CompareFormat.json:
                json.dump(comparison.to_dict(), out, ensure_ascii=False, indent=2)
                out.write("\n")
            elif fmt is CompareFormat.html:
                from storylens.render.html import comparison_report

                out.write(comparison_report(comparison))
            else:
                from rich.console import Console

                from storylens.render.text import render_comparison

                to_terminal = out is sys.stdout and sys.stdout.isatty()
                console = Console(file=out, width=100, force_terminal=to_terminal or None)
                render_comparison(comparison, console)
    except BrokenPipeError:
        # the reader (``| head``) left: nothing more to say
        sys.stderr.close()
        raise typer.Exit(0) from None
    except OSError as exc:
        say(f"{output}: {exc.strerror or 'cannot be written'}")
        raise typer.Exit(EXIT_NOTHING) from None
    if output is not None and str(output) != "-":
        print(output)
