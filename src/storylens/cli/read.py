"""``storylens read``: read articles from files, directories or stdin and write them out."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import IO

import typer
from rich.console import Console
from rich.table import Table

from storylens.cli.app import app
from storylens.cli.common import (
    FIELD_OPTION,
    INPUT_FORMAT_OPTION,
    MAX_BYTES_OPTION,
    PROBLEMS_OPTION,
    Tally,
    load_articles,
    output_stream,
    read_options,
    say,
    write_jsonl,
)
from storylens.model import Article


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _row_title(article: Article) -> str:
    from storylens.leads import label

    return label(article.title, article.text)


def write_table(articles: list[Article], out: IO[str]) -> None:
    table = Table(show_lines=False)
    for column in ("outlet", "date", "lang", "title", "words", "credits", "captions"):
        table.add_column(column, justify="right" if column in ("words", "captions") else "left")
    for article in articles:
        table.add_row(
            article.outlet or article.source or "",
            (article.published or "")[:10],
            article.language or "",
            _row_title(article),
            str(len(article.text.split())),
            ", ".join(article.credited_sources),
            str(len(article.captions)),
        )
    Console(file=out, width=None if out.isatty() else 160).print(table)


@app.command("read")
def read_cli(
    paths: list[str] = typer.Argument(
        ..., help="Files, directories (read recursively), .gz files, or - for stdin."
    ),
    output_format: OutputFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help="jsonl: one article per line; json: a list; table: a summary. "
        "Default: table on a terminal, jsonl when piped or written with -o.",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here, not stdout."),
    field: list[str] = FIELD_OPTION,
    input_format: str | None = INPUT_FORMAT_OPTION,
    max_bytes: int = MAX_BYTES_OPTION,
    problems: Path | None = PROBLEMS_OPTION,
) -> None:
    """Read articles from text, HTML, JSONL/JSON, CSV, WARC and RSS/Atom inputs.

    Each unreadable file or record is reported on stderr as one line and skipped. Exit status: 0
    everything read, 1 some inputs or records skipped, 2 nothing readable.
    """
    options = read_options(field, input_format, max_bytes)
    tally = Tally(problems_file=problems)
    articles = load_articles(paths, tally, options)
    if not articles:
        say("nothing readable in the given inputs")
        tally.finish()
    fmt = output_format
    if fmt is None:
        fmt = OutputFormat.table if output is None and sys.stdout.isatty() else OutputFormat.jsonl
    with output_stream(output) as out:
        if fmt is OutputFormat.jsonl:
            write_jsonl((a.to_dict() for a in articles), out)
        elif fmt is OutputFormat.json:
            json.dump([a.to_dict() for a in articles], out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            write_table(articles, out)
    tally.finish()
