"""The JSON values of a JSON-lines file, read a line at a time: the evaluation and scoring
commands hold one record in memory, never the whole file (like `read` and `cluster`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TypeVar

from storylens.errors import Problem, ReadError
from storylens.read.jsonlines import parse_json
from storylens.read.lines import NotText, streamable, text_lines, too_long_record
from storylens.read.sources import load

#: a whole-file cap only for what cannot be streamed (gzip, stdin); plain files have none
MAX_BYTES = 50_000_000


def json_records(path: str, max_bytes: int = MAX_BYTES) -> Iterator[tuple[str, object] | Problem]:
    """``(FILE:LINE, value)`` for each JSON line, a :class:`Problem` for each bad one (blank
    lines skipped); :class:`ReadError` before the first record when the file cannot be read."""
    # UTF-16 or binary files are not cut into lines on disk: they are read whole, capped
    source = load(path, max_bytes, streamed=lambda candidate: streamable(candidate.data))
    if isinstance(source, Problem):
        raise ReadError(source.where, source.message)
    try:
        lines = text_lines(source)
    except NotText as exc:
        raise ReadError(source.where, f"{exc}; save it as UTF-8 JSON lines") from None
    return _records(source.where, lines)


T = TypeVar("T")


def parsed_records(path: str, parse: Callable[[str, object], T]) -> tuple[list[T], list[Problem]]:
    """``parse(where, record)`` of every JSON record of ``path``, and a Problem per line that is
    not JSON or that ``parse`` rejects with ValueError/TypeError (its message says why)."""
    items: list[T] = []
    problems: list[Problem] = []
    for item in json_records(path):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        where, record = item
        try:
            items.append(parse(where, record))
        except (ValueError, TypeError) as exc:
            problems.append(Problem(where, str(exc)))
    return items, problems


def _records(
    where: str, lines: Iterator[tuple[int, str | None]]
) -> Iterator[tuple[str, object] | Problem]:
    for number, line in lines:
        at = f"{where}:{number}"
        if line is None:
            yield Problem(at, too_long_record())
        elif line.strip():
            try:
                yield at, parse_json(line)
            except json.JSONDecodeError as exc:
                yield Problem(at, f"not JSON ({exc.msg})")
            except ValueError as exc:  # nested past the limit
                yield Problem(at, str(exc))
