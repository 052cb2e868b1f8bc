"""What every batch run shares, the CLI's commands and the Spark job alike: reading a corpus with
a tally of what was skipped, exit codes and JSON-lines output.

A library module: it never prints. Each skipped item goes to the tally's ``report`` (a warning on
the ``storylens.batch`` logger unless the shell passes its own); the CLI adds its progress bar,
its stderr lines and its exits in :mod:`storylens.cli.common`.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from storylens.errors import Problem
from storylens.model import Article

T = TypeVar("T")

log = logging.getLogger(__name__)

#: exit status: everything read / some inputs or records skipped / nothing usable
EXIT_OK, EXIT_SKIPPED, EXIT_NOTHING = 0, 1, 2


def _log_problem(message: str) -> None:
    log.warning("%s", message)


@dataclass
class Tally:
    """Counts good and skipped items of a batch run and turns them into the exit status."""

    good: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: where ``--problems`` writes each skipped input or record, one JSON object a line
    problems_file: Path | None = None
    #: how a skipped item is reported as it happens: logged here, written on stderr by a shell
    report: Callable[[str], None] = field(default=_log_problem, repr=False, compare=False)

    def skip(self, problem: Problem) -> None:
        self.problems.append(problem)
        self.report(str(problem))

    def write_problems(self) -> None:
        """The ``--problems`` file: ``{"where", "message"}`` per skipped item (empty if none)."""
        if self.problems_file is None:
            return
        try:
            with output_stream(self.problems_file) as out:
                write_jsonl((p.to_dict() for p in self.problems), out)
        except OSError as exc:
            self.report(f"{self.problems_file}: {exc.strerror or 'cannot be written'}")

    @property
    def exit_code(self) -> int:
        if self.good == 0:
            return EXIT_NOTHING
        return EXIT_SKIPPED if self.problems else EXIT_OK


def _plain(items: Iterable[Any], description: str) -> Iterable[Any]:
    return items


def load_articles(
    paths: Sequence[str],
    tally: Tally,
    options: Any = None,
    progress: Callable[[Iterable[Any], str], Iterable[Any]] = _plain,
) -> list[Article]:
    """Read every input, reporting bad files and records to ``tally`` instead of stopping;
    ``progress`` wraps the reading (the CLI passes its progress bar)."""
    from storylens.read import iter_articles

    articles: list[Article] = []
    for item in progress(iter_articles(paths, options), "reading"):
        if isinstance(item, Problem):
            tally.skip(item)
        else:
            articles.append(item)
            tally.good += 1
    return articles


def drop_empty(articles: Sequence[Article], tally: Tally) -> list[Article]:
    """The articles with a title or text; each one without is taken off ``tally``'s good count
    and skipped with a reason, never dropped silently."""
    kept: list[Article] = []
    for article in articles:
        if (article.title or article.text).strip():
            kept.append(article)
        else:
            tally.good -= 1
            tally.skip(Problem(article.source or article.id, "empty article (no title, no text)"))
    return kept


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
    """One JSON object a line, UTF-8 kept readable."""
    for record in records:
        # surrogates can only come from a file name (os.fsdecode); keep them as JSON escapes
        line = json.dumps(record, ensure_ascii=False)
        if not line.isprintable():
            line = json.dumps(record)
        out.write(line + "\n")
