"""What every batch run shares, the CLI's commands and the Spark job alike: problem reports,
exit codes, progress bars and output files."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from storylens.errors import Problem, one_line
from storylens.model import Article

T = TypeVar("T")

#: exit status: everything read / some inputs or records skipped / nothing usable
EXIT_OK, EXIT_SKIPPED, EXIT_NOTHING = 0, 1, 2


def say(message: str) -> None:
    """One line on stderr, prefixed like every storylens message."""
    print(f"storylens: {one_line(message)}", file=sys.stderr)


@dataclass
class Tally:
    """Counts good and skipped items of a batch run and turns them into the exit status."""

    good: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: where ``--problems`` writes each skipped input or record, one JSON object a line
    problems_file: Path | None = None

    def skip(self, problem: Problem) -> None:
        self.problems.append(problem)
        say(str(problem))

    def write_problems(self) -> None:
        """The ``--problems`` file: ``{"where", "message"}`` per skipped item (empty if none)."""
        if self.problems_file is None:
            return
        try:
            with output_stream(self.problems_file) as out:
                write_jsonl((p.to_dict() for p in self.problems), out)
        except OSError as exc:
            say(f"{self.problems_file}: {exc.strerror or 'cannot be written'}")

    @property
    def exit_code(self) -> int:
        if self.good == 0:
            return EXIT_NOTHING
        return EXIT_SKIPPED if self.problems else EXIT_OK

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


def progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """A rich progress bar on stderr when it is a terminal; plain iteration otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
    if total is not None:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)


def load_articles(paths: Sequence[str], tally: Tally, options: Any = None) -> list[Article]:
    """Read every input, reporting bad files and records to ``tally`` instead of stopping."""
    from storylens.read import iter_articles

    articles: list[Article] = []
    for item in progress(iter_articles(paths, options), "reading"):
        if isinstance(item, Problem):
            tally.skip(item)
        else:
            articles.append(item)
            tally.good += 1
    return articles


@contextmanager
def output_stream(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or a file written whole: a crash never leaves half an output file behind."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            yield fh
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> None:
    for record in records:
        # surrogates can only come from a file name (os.fsdecode); keep them as JSON escapes
        line = json.dumps(record, ensure_ascii=False)
        if not line.isprintable():
            line = json.dumps(record)
        out.write(line + "\n")
