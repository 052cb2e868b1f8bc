"""CSV and TSV files with a header row and one article per row, read a row at a time."""

from __future__ import annotations

import csv
import sys
from collections import deque
from collections.abc import Iterator

from storylens.errors import Problem
from storylens.model import Article
from storylens.read.jsonlines import record_article
from storylens.read.lines import MAX_RECORD_BYTES, Line, NotText, text_lines, too_long_record
from storylens.read.options import ReadOptions
from storylens.read.sources import Source

# Article bodies easily exceed the csv module's 128 kB default field limit; the row cap is ours.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _dialect(sample: str, name: str) -> type[csv.Dialect] | csv.Dialect:
    if name.endswith(".tsv"):
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


class _RowTooLong(Exception):
    """A row (one line, or a quoted cell running over lines) is over the record cap."""


class _Feed:
    """The lines csv.reader pulls, remembering those of the row being read so that a row that
    turns out bad (an unterminated quote) can be reported at its first line and the lines after
    that one read again as rows."""

    def __init__(self, lines: Iterator[Line]) -> None:
        self._lines = lines
        self.pending: deque[tuple[int, str]] = deque()
        self.row: list[tuple[int, str]] = []
        self.size = 0
        self.at_end = False

    def start_row(self) -> None:
        self.row, self.size = [], 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self.pending:
            number, text = self.pending.popleft()
        else:
            try:
                number, line = next(self._lines)
            except StopIteration:
                self.at_end = True
                raise
            if line is None:
                self.row.append((number, ""))
                raise _RowTooLong
            text = line
        self.row.append((number, text))
        self.size += len(text)
        if self.size > MAX_RECORD_BYTES:
            raise _RowTooLong
        return text

    def first_line(self) -> int:
        return self.row[0][0] if self.row else 0

    def replay_after_first(self) -> None:
        """Read the lines after the bad row's first one again, as rows of their own."""
        self.pending.extendleft(reversed(self.row[1:]))
        self.at_end = False


def _unterminated(feed: _Feed, dialect: type[csv.Dialect] | csv.Dialect) -> bool:
    """A row that ran to the end of the file over several lines: is it an open quote?"""
    if not feed.at_end or len(feed.row) < 2:
        return False
    try:
        list(csv.reader((text for _, text in feed.row), dialect, strict=True))
    except csv.Error:
        return True
    return False


def read_csv(source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    """One article per row; a bad row is a problem at ``FILE:LINE`` and reading goes on."""
    try:
        feed = _Feed(text_lines(source))
        header = next(feed, None)
    except (NotText, _RowTooLong) as exc:
        yield Problem(source.where, str(exc) or too_long_record())
        return
    if header is None or not header.strip():
        yield Problem(source.where, "CSV file has no header row")
        return
    dialect = _dialect(header.lstrip("\ufeff"), source.name)
    try:
        columns = next(csv.reader([header.lstrip("\ufeff")], dialect))
    except (csv.Error, StopIteration) as exc:
        yield Problem(source.where, f"cannot read the CSV header ({exc})")
        return
    missing = [name for name in options.fields.values() if name not in columns]
    if missing:
        yield Problem(
            source.where,
            f"--field names column {missing[0]!r}, which the CSV header lacks "
            f"(columns: {', '.join(columns)})",
        )
        return
    reader = csv.reader(feed, dialect)
    while True:
        feed.start_row()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, _RowTooLong) as exc:
            where = f"{source.where}:{feed.first_line()}"
            if isinstance(exc, _RowTooLong):
                yield Problem(where, too_long_record() + " (an unclosed quote can cause this)")
            else:
                yield Problem(where, f"malformed CSV row ({exc})")
            feed.replay_after_first()
            reader = csv.reader(feed, dialect)
            continue
        where = f"{source.where}:{feed.first_line()}"
        if _unterminated(feed, dialect):
            yield Problem(
                where,
                "unterminated quote: the quoted cell opened on this line never closes; "
                "the lines after it are read as rows of their own",
            )
            feed.replay_after_first()
            reader = csv.reader(feed, dialect)
            continue
        if not cells:
            continue
        if len(cells) > len(columns):
            yield Problem(where, "row has more cells than the header")
            continue
        record = dict(zip(columns, cells, strict=False))
        yield record_article(record, where, options)
