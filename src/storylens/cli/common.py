"""What every command shares: the reading options, stderr lines, progress bars and the tally that
ends a command; exit codes, corpus reading and output files come from :mod:`storylens.batch`
(the Spark job uses them too)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from storylens import batch
from storylens.batch import EXIT_NOTHING, EXIT_OK, EXIT_SKIPPED, output_stream, write_jsonl
from storylens.errors import Problem, one_line
from storylens.model import Article
from storylens.read.options import FORMATS

__all__ = [
    "EXIT_NOTHING",
    "EXIT_OK",
    "EXIT_SKIPPED",
    "FIELD_OPTION",
    "INPUT_FORMAT_OPTION",
    "MAX_BYTES_OPTION",
    "PROBLEMS_OPTION",
    "Tally",
    "load_articles",
    "output_stream",
    "parse_fields",
    "progress",
    "read_options",
    "say",
    "write_jsonl",
    "write_view",
]

T = TypeVar("T")


def say(message: str) -> None:
    """One line on stderr, prefixed like every storylens message."""
    print(f"storylens: {one_line(message)}", file=sys.stderr)


@dataclass
class Tally(batch.Tally):
    """The library's tally, said on stderr, ending the command with its exit status."""

    report: Callable[[str], None] = field(default=say, repr=False, compare=False)

    def fail(self, message: str, where: str = "") -> typer.Exit:
        """The run cannot go on: ``message`` is said as one line, and kept with the problems
        gathered so far in the ``--problems`` file (a crash must not lose what was reported);
        ``raise tally.fail(...)`` exits 2. ``where`` is the file or store it is about."""
        say(message)
        self.problems.append(Problem(where, message.removeprefix(f"{where}: ")))
        self.write_problems()
        return typer.Exit(EXIT_NOTHING)

    def finish(self) -> None:
        """Write the ``--problems`` file and exit with the batch status (0, 1 or 2)."""
        self.write_problems()
        raise typer.Exit(self.exit_code)


class RateColumn(ProgressColumn):
    """Items a second, from rich's own moving estimate: how fast a long run goes, in its unit."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        shown = "?" if speed is None else f"{speed:,.1f}" if speed < 100 else f"{speed:,.0f}"
        return Text(f"{shown} {self.unit}/s", style="progress.data.speed")


def progress_columns(total: int | None, unit: str = "articles") -> list[ProgressColumn]:
    """Count and rate always; the time left when the total is known, the time spent otherwise."""
    columns: list[ProgressColumn] = [TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    else:
        columns.append(TextColumn("{task.completed:,}"))
    columns.append(RateColumn(unit))
    columns.append(TimeRemainingColumn() if total is not None else TimeElapsedColumn())
    return columns


def progress(
    items: Iterable[T], description: str, total: int | None = None, unit: str = "articles"
) -> Iterator[T]:
    """A rich progress bar on stderr, with rate and ETA, when it is a terminal; plain iteration
    otherwise, so logs and pipes stay clean."""
    if not sys.stderr.isatty():
        yield from items
        return
    console = Console(stderr=True)  # stdout carries the results
    with Progress(*progress_columns(total, unit), console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)


def load_articles(paths: Sequence[str], tally: Tally, options: Any = None) -> list[Article]:
    """Read every input with a progress bar, reporting bad files and records to ``tally``."""
    return batch.load_articles(paths, tally, options, progress=progress)


# the reading options every command that reads a corpus takes, as `storylens read` has them
FIELD_OPTION: Any = typer.Option(
    [],
    "--field",
    help="Map a model field to your JSONL/CSV field name, e.g. --field title=headline "
    "(repeatable).",
)
INPUT_FORMAT_OPTION: Any = typer.Option(
    None,
    "--input-format",
    help=f"Read every input with one reader ({'|'.join(FORMATS)}) instead of detecting it.",
)
MAX_BYTES_OPTION: Any = typer.Option(
    50_000_000, "--max-bytes", help="Skip input files larger than this many bytes."
)

PROBLEMS_OPTION: Any = typer.Option(
    None,
    "--problems",
    help="Write every skipped file or record here as JSON lines {where, message}.",
)


def parse_fields(pairs: Iterable[str]) -> dict[str, str]:
    """``["title=headline"]`` -> ``{"title": "headline"}``; BadParameter on a malformed pair."""
    fields: dict[str, str] = {}
    for pair in pairs:
        model, sep, column = pair.partition("=")
        if not sep or not model.strip() or not column.strip():
            raise typer.BadParameter(f"{pair!r} is not MODEL=SOURCE (e.g. title=headline)")
        fields[model.strip()] = column.strip()
    return fields


def read_options(fields: Iterable[str], input_format: str | None, max_bytes: int) -> Any:
    """The ReadOptions of the three options above; BadParameter on a bad value."""
    from storylens.read import ReadOptions

    if input_format is not None and input_format not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--input-format")
    try:
        return ReadOptions(format=input_format, fields=parse_fields(fields), max_bytes=max_bytes)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def write_view(
    output: Path | None,
    fmt: str,
    as_json: Callable[[], dict[str, Any]],
    as_html: Callable[[], str],
    as_text: Callable[[Any], None],
    width: int = 100,
) -> None:
    """Write one view model as ``json``, ``html`` or ``text`` (a rich console of ``width``
    columns, coloured only on a terminal) to ``output`` or stdout; print the file written."""
    try:
        with output_stream(output) as out:
            if fmt == "json":
                json.dump(as_json(), out, ensure_ascii=False, indent=2)
                out.write("\n")
            elif fmt == "html":
                out.write(as_html())
            else:
                from rich.console import Console

                to_terminal = out is sys.stdout and sys.stdout.isatty()
                as_text(Console(file=out, width=width, force_terminal=to_terminal or None))
    except BrokenPipeError:
        # the reader (``| head``) left: nothing more to say
        sys.stderr.close()
        raise typer.Exit(0) from None
    except OSError as exc:
        say(f"{output}: {exc.strerror or 'cannot be written'}")
        raise typer.Exit(EXIT_NOTHING) from None
    if output is not None and str(output) != "-":
        print(output)
